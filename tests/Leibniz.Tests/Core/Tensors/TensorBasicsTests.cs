using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Tests.Tensors;

public class TensorBasicsTests
{
    [Fact]
    public void Softmax_and_log_softmax_are_stable_at_magnitude_1e4()
    {
        var x = Tensor.FromArray(new float[] { 1e4f, 1e4f - 1, -1e4f });
        var s = x.Softmax().ToArray<float>();
        var ls = x.LogSoftmax().ToArray<float>();
        double e = Math.Exp(-1);
        Assert.Equal(1 / (1 + e), s[0], 5);
        Assert.Equal(e / (1 + e), s[1], 5);
        Assert.Equal(0f, s[2]);
        Assert.Equal(-Math.Log(1 + e), ls[0], 4);
        Assert.Equal(-2e4 - Math.Log(1 + e), ls[2], 0);
        Assert.True(x.LogSumExp(0).AllFinite());
    }

    [Fact]
    public void Views_share_storage_and_Contiguous_copies_only_when_needed()
    {
        var t = Tensor.Arange(0, 6).Reshape(2, 3);
        Assert.Same(t, t.Contiguous());
        var tt = t.T;
        Assert.False(tt.IsContiguous);
        Assert.Equal([0.0, 3, 1, 4, 2, 5], tt.Contiguous().ToDoubleArray());
        var row = t[1];
        Assert.Equal([3.0, 4, 5], row.ToDoubleArray());
        Assert.Equal([1.0, 4], t.Slice(1, 1, 2).ToDoubleArray());
        Assert.Equal([0.0, 2, 3, 5], t.Slice(1, 0, 3, 2).ToDoubleArray());
        var e = Tensor.FromArray(new float[] { 1, 2 }).Reshape(2, 1).Expand(2, 3);
        Assert.Equal(0, e.Strides[1]);
        Assert.Equal([1.0, 1, 1, 2, 2, 2], e.ToDoubleArray());
    }

    [Fact]
    public void Reductions_over_axes_match_hand_computed_values()
    {
        var t = Tensor.Arange(0, 24, 1, DType.Float64).Reshape(2, 3, 4);
        Assert.Equal(276.0, t.Sum().Item());
        Assert.Equal([12.0, 15, 18, 21, 48, 51, 54, 57], t.Sum(1).ToDoubleArray());
        Assert.Equal([1 + 5 + 9 + 13 + 17 + 21.0, 3 + 7 + 11 + 15 + 19 + 23.0], t.Slice(2, 1, 4, 2).Sum([0, 1]).ToDoubleArray());
        var kept = t.Sum([0, 1], keepDim: true);
        Assert.Equal([1, 1, 4], kept.Shape.ToArray());
        Assert.Equal([60.0, 66, 72, 78], kept.ToDoubleArray());
        var (values, indices) = Tensor.FromArray(new double[] { 1, 5, 5, -2 }, 2, 2).Max(1);
        Assert.Equal([5.0, 5], values.ToDoubleArray());
        Assert.Equal([1L, 0], indices.ToArray<long>());
        Assert.Equal(3.0, Tensor.FromArray(new float[] { 1, 2, 0, 9, 3 }).Argmax().Item());
        Assert.Equal(2.0 / 3.0, Tensor.FromArray(new double[] { 1, 2, 3 }).Var(0, correction: 0).Item(), 12);
        Assert.Equal([1.0, 3, 6, 10], Tensor.FromArray(new double[] { 1, 2, 3, 4 }).Cumsum(0).ToDoubleArray());
    }

    [Fact]
    public void Creation_functions_give_the_expected_values()
    {
        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1], Tensor.Linspace(0, 1, 5, DType.Float64).ToDoubleArray());
        Assert.Equal([1.0, 0, 0, 1], Tensor.Eye(2).ToDoubleArray());
        Assert.Equal([2.5, 2.5], Tensor.Full(2.5, [2], DType.Float64).ToDoubleArray());
        Assert.Equal([0.0, 1, 0, 0, 0, 1], Tensor.FromArray(new long[] { 1, 2 }).OneHot(3).ToDoubleArray());
        var rp = Tensor.Randperm(new Generator(1), 10).ToArray<long>();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), rp.Order());
        var ri = Tensor.RandInt(new Generator(1), 3, 7, 1000).ToArray<long>();
        Assert.All(ri, v => Assert.InRange(v, 3, 6));
    }

    [Fact]
    public void Dtype_conversion_and_comparison_masks()
    {
        var x = Tensor.FromArray(new double[] { -1.5, 0, 2.7 });
        Assert.Equal([-1L, 0, 2], x.To(DType.Int64).ToArray<long>());
        Assert.Equal([false, false, true], x.Gt(0).ToArray<bool>());
        Assert.Equal([true, true, false], x.Le(0.0).ToArray<bool>());
        Assert.Equal([1.0, 0, 0], x.Lt(-1).To(DType.Float64).ToDoubleArray());
        Assert.Equal([-1.5, 0, 5], Tensor.Where(x.Gt(0), Tensor.Scalar(5, DType.Float64), x).ToDoubleArray());
    }

    [Fact]
    public void ToString_shows_dtype_shape_and_truncated_values()
    {
        var s = Tensor.Arange(0, 100).Reshape(10, 10).ToString();
        Assert.StartsWith("tensor(float32, shape=[10, 10])", s);
        Assert.Contains("...", s);
        Assert.Contains("99.0000", s);
        Assert.DoesNotContain("55.0000", s);
    }

    [Fact]
    public void Gather_scatter_and_index_select_agree_with_loops()
    {
        var x = Tensor.Arange(0, 12, 1, DType.Float64).Reshape(3, 4);
        var idx = Tensor.FromArray(new long[] { 3, 0, 1, 1, 2, 2 }, 3, 2);
        Assert.Equal([3.0, 0, 5, 5, 10, 10], x.Gather(1, idx).ToDoubleArray());
        Assert.Equal([8.0, 9, 10, 11, 0, 1, 2, 3], x.IndexSelect(0, Tensor.FromArray(new long[] { 2, 0 })).ToDoubleArray());
        var s = Tensor.Zeros([2, 3], DType.Float64).ScatterAdd(1, Tensor.FromArray(new long[] { 0, 0, 2, 1 }, 2, 2), Tensor.Ones([2, 2], DType.Float64));
        Assert.Equal([2.0, 0, 0, 0, 1, 1], s.ToDoubleArray());
    }

    [Fact]
    public void Every_creation_function_takes_the_dtype_right_after_the_shape()
    {
        var creators = typeof(Tensor).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(m => m.ReturnType == typeof(Tensor) && m.GetParameters().Any(p => p.Name == "shape") && m.GetParameters().Any(p => p.ParameterType == typeof(DType)))
            .ToList();
        Assert.NotEmpty(creators);
        foreach (var method in creators)
        {
            var names = method.GetParameters().Select(p => p.Name).ToList();
            Assert.True(names.IndexOf("dtype") == names.IndexOf("shape") + 1, $"Tensor.{method.Name}({string.Join(", ", names)}): the dtype must follow the shape.");
        }
        Assert.Equal(DType.Float64, Tensor.Zeros([2, 3], DType.Float64).DType);
        Assert.Equal(DType.Float32, Tensor.Zeros(2, 3).DType);
        Assert.Equal([2, 3], Tensor.Ones([2, 3], DType.Int32).Shape.ToArray());
    }
}
