using Leibniz.Autograd;
using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Tests.Autograd;

/// <summary>
/// Ops written as a user would, through the public API only: a forward on spans and a backward in tensor ops
/// (twice differentiable), and a backward on spans declared once-differentiable.
/// </summary>
public class CustomOpTests
{
    /// <summary>softplus(x) = log(1 + eˣ), computed stably as max(x, 0) + log1p(e^(−|x|)); its derivative is σ(x).</summary>
    private static Tensor Softplus(Tensor x) => CustomOp.Apply("UserSoftplus", [x],
        inputs =>
        {
            var output = Tensor.UninitializedLike(inputs[0]);
            var source = inputs[0].AsReadOnlySpan<double>();
            var destination = output.AsSpan<double>();
            for (int i = 0; i < source.Length; i++)
            {
                destination[i] = Math.Max(source[i], 0) + Math.Log(1 + Math.Exp(-Math.Abs(source[i])));
            }
            return output;
        },
        (gradOutput, _) => [gradOutput * x.Sigmoid()]);

    /// <summary>The same op with its backward computed on spans: differentiable once only.</summary>
    private static Tensor SoftplusOnce(Tensor x) => CustomOp.Apply("UserSoftplusOnce", [x],
        inputs =>
        {
            var output = Tensor.UninitializedLike(inputs[0]);
            var source = inputs[0].AsReadOnlySpan<double>();
            var destination = output.AsSpan<double>();
            for (int i = 0; i < source.Length; i++)
            {
                destination[i] = Math.Log(1 + Math.Exp(source[i]));
            }
            return output;
        },
        (gradOutput, _) =>
        {
            var g = gradOutput.Contiguous().AsReadOnlySpan<double>();
            var values = x.Detach().Contiguous().AsReadOnlySpan<double>();
            var result = new double[values.Length];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = g[i] / (1 + Math.Exp(-values[i]));
            }
            return [Tensor.FromDoubles(result, x.Shape.ToArray(), DType.Float64)];
        },
        Differentiability.Once);

    [Fact]
    public void A_user_softplus_matches_the_built_in_one()
    {
        var x = Tensor.Randn(new Generator(3), [4, 5], DType.Float64);
        var ours = Softplus(x).ToDoubleArray();
        var builtIn = x.Softplus().ToDoubleArray();
        for (int i = 0; i < ours.Length; i++)
        {
            Assert.Equal(builtIn[i], ours[i], 12);
        }
    }

    [Fact]
    public void A_user_softplus_passes_gradient_and_second_order_checks()
    {
        var x = Tensor.Randn(new Generator(4), [3, 4], DType.Float64);
        GradCheck.Check("UserSoftplus", xs => Softplus(xs[0]), [x]);
        GradCheck.Check("UserSoftplus in a product", xs => Softplus(xs[0] * xs[1]) * xs[1], [x, Tensor.Randn(new Generator(5), [3, 4], DType.Float64)]);
    }

    [Fact]
    public void A_once_differentiable_op_has_a_correct_first_derivative()
    {
        var x = Tensor.Randn(new Generator(6), [7], DType.Float64);
        GradCheck.Check("UserSoftplusOnce", xs => SoftplusOnce(xs[0]), [x], secondOrder: false);
    }

    [Fact]
    public void A_once_differentiable_op_refuses_a_second_derivative_by_name()
    {
        var x = Tensor.Randn(new Generator(7), [5], DType.Float64).RequireGrad();
        var error = Assert.Throws<InvalidOperationException>(() =>
            AutoDiff.HessianVectorProduct(SoftplusOnce(x).Sum(), [x], [Tensor.OnesLike(x)]));
        Assert.Contains("'UserSoftplusOnce' is differentiable once only", error.Message);
        Assert.Contains("Differentiability.Twice", error.Message);
    }

    [Fact]
    public void A_custom_op_records_one_named_node_and_none_without_gradients()
    {
        var x = Tensor.Randn(new Generator(8), [3], DType.Float64);
        Assert.Null(Softplus(x).GradFn);
        var y = Softplus(x.Clone().RequireGrad());
        Assert.Equal("UserSoftplus", y.GradFn!.Name);
    }

    [Fact]
    public void Changing_a_custom_op_input_in_place_before_backward_is_refused()
    {
        var x = Tensor.Randn(new Generator(9), [4], DType.Float64).RequireGrad();
        var y = Softplus(x).Sum();
        using (GradMode.NoGrad())
        {
            x.AsSpan<double>()[0] = 10;
        }
        var error = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("changed in place", error.Message);
    }

    [Fact]
    public void Span_access_checks_the_element_type_and_contiguity()
    {
        var x = Tensor.Zeros([3, 4], DType.Float64);
        Assert.Contains("the tensor is float64", Assert.Throws<InvalidOperationException>(() => x.AsReadOnlySpan<float>().Length).Message);
        Assert.Contains("not contiguous", Assert.Throws<InvalidOperationException>(() => x.T.AsReadOnlySpan<double>().Length).Message);
        int before = x.Version;
        x.AsSpan<double>()[1] = 2;
        Assert.Equal(before + 1, x.Version);
        Assert.Equal(2, x.At(0, 1));
    }
}
