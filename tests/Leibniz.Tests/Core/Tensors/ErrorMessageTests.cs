using Leibniz.Tensors;

namespace Leibniz.Tests.Tensors;

/// <summary>Bad input gets an exception that names the operation, the offending shapes or values, and what was expected.</summary>
public class ErrorMessageTests
{
    [Fact]
    public void Mismatched_broadcast_shapes_name_both_shapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3) + Tensor.Zeros(4));
        Assert.Contains("Add", e.Message);
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[4]", e.Message);
    }

    [Fact]
    public void Matmul_of_mismatched_shapes_names_both_shapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Matmul(Tensor.Zeros(4, 5)));
        Assert.Contains("Matmul", e.Message);
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[4, 5]", e.Message);
    }

    [Fact]
    public void Axis_out_of_range_gives_the_valid_range()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3).Sum(2));
        Assert.Contains("Sum", e.Message);
        Assert.Contains("-2..1", e.Message);
    }

    [Fact]
    public void Reshape_to_a_different_size_names_both_sizes()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Reshape(4, 2));
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[4, 2]", e.Message);
    }

    [Fact]
    public void Floating_point_ops_on_integers_say_how_to_convert()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Tensor.Arange(3).Exp());
        Assert.Contains("int64", e.Message);
        Assert.Contains("To(DType.Float32)", e.Message);
    }

    [Fact]
    public void Conv2d_with_wrong_channels_explains_the_rule()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Conv2d(Tensor.Zeros(1, 3, 5, 5), Tensor.Zeros(2, 2, 3, 3)));
        Assert.Contains("groups", e.Message);
        Assert.Contains("[2, 2, 3, 3]", e.Message);
    }

    [Fact]
    public void Gather_index_out_of_range_names_the_index_and_size()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3).Gather(1, Tensor.FromArray(new long[] { 0, 5 }, 2, 1)));
        Assert.Contains("index 5", e.Message);
        Assert.Contains("size 3", e.Message);
    }

    [Fact]
    public void FromArray_with_the_wrong_count_names_counts_and_shape()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.FromArray(new float[5], 2, 3));
        Assert.Contains("5 values", e.Message);
        Assert.Contains("[2, 3]", e.Message);
    }

    [Fact]
    public void Assert_finite_reports_NaN_on_request()
    {
        var t = Tensor.FromArray(new double[] { 1, double.NaN });
        var e = Assert.Throws<ArithmeticException>(() => t.AssertFinite("loss"));
        Assert.Contains("loss", e.Message);
    }
}
