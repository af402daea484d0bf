using Leibniz.Autograd;
using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Tests.Autograd;

public class AutogradBehaviourTests
{
    [Fact]
    public void Hessian_of_a_quadratic_form_is_A_plus_A_transpose()
    {
        var g = new Generator(3);
        var a = Tensor.Randn(g, [4, 4], DType.Float64);
        var expected = (a + a.T).ToDoubleArray();
        var x = Tensor.Randn(g, [4], DType.Float64).RequireGrad();
        for (int j = 0; j < 4; j++)
        {
            var e = Tensor.Zeros([4], DType.Float64);
            e.CopyFrom(Tensor.Eye(4, DType.Float64)[j]);
            var f = x.Matmul(a).Matmul(x);
            var column = AutoDiff.HessianVectorProduct(f, [x], [e])[0].ToDoubleArray();
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(expected[i * 4 + j], column[i], 12);
            }
        }
    }

    [Fact]
    public void A_tensor_used_twice_receives_both_gradient_contributions()
    {
        var x = Tensor.FromArray(new double[] { 3.0 }).RequireGrad();
        var y = x * x + x;
        y.Sum().Backward();
        Assert.Equal(7.0, x.Grad!.Item(), 12);
    }

    [Fact]
    public void Backward_accumulates_into_Grad_across_calls()
    {
        var x = Tensor.FromArray(new double[] { 2.0 }).RequireGrad();
        (x * 3.0).Sum().Backward();
        (x * 4.0).Sum().Backward();
        Assert.Equal(7.0, x.Grad!.Item(), 12);
    }

    [Fact]
    public void Grad_returns_gradients_without_touching_Grad()
    {
        var x = Tensor.FromArray(new double[] { 2.0, 5.0 }).RequireGrad();
        var g = AutoDiff.Grad((x * x).Sum(), x);
        Assert.Equal([4.0, 10.0], g.ToDoubleArray());
        Assert.Null(x.Grad);
    }

    [Fact]
    public void Backward_through_a_freed_graph_says_how_to_keep_it()
    {
        var x = Tensor.FromArray(new double[] { 1.0, 2.0 }).RequireGrad();
        var y = x.Exp().Sum();
        y.Backward();
        var e = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("retainGraph", e.Message);
    }

    [Fact]
    public void Retained_graph_can_be_walked_twice()
    {
        var x = Tensor.FromArray(new double[] { 1.0 }).RequireGrad();
        var y = x.Exp().Sum();
        y.Backward(retainGraph: true);
        y.Backward();
        Assert.Equal(2 * Math.E, x.Grad!.Item(), 12);
    }

    [Fact]
    public void Backward_of_a_non_scalar_without_gradOutput_names_the_shape()
    {
        var x = Tensor.Ones([2, 3], DType.Float64).RequireGrad();
        var e = Assert.Throws<ArgumentException>(() => (x * 2.0).Backward());
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("gradOutput", e.Message);
    }

    [Fact]
    public void In_place_change_of_a_saved_tensor_is_detected()
    {
        var x = Tensor.FromArray(new double[] { 1.0, 2.0 }).RequireGrad();
        var w = Tensor.FromArray(new double[] { 3.0, 4.0 });
        var y = (x * w).Sum();
        w.AddInPlace(Tensor.Ones([2], DType.Float64));
        var e = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("changed in place", e.Message);
        Assert.Contains("Mul", e.Message);
    }

    [Fact]
    public void In_place_change_of_a_leaf_requiring_grad_needs_NoGrad()
    {
        var x = Tensor.Ones([2], DType.Float64).RequireGrad();
        Assert.Throws<InvalidOperationException>(() => x.AddInPlace(x, -0.1));
        using (GradMode.NoGrad())
        {
            x.AddInPlace(Tensor.Ones([2], DType.Float64), -0.5);
        }
        Assert.Equal([0.5, 0.5], x.ToDoubleArray());
    }

    [Fact]
    public void NoGrad_scope_records_nothing_and_restores_the_mode()
    {
        var x = Tensor.Ones(2).RequireGrad();
        Tensor y;
        using (GradMode.NoGrad())
        {
            y = x * 2.0;
            Assert.False(GradMode.IsEnabled);
        }
        Assert.True(GradMode.IsEnabled);
        Assert.False(y.RequiresGrad);
        Assert.Null(y.GradFn);
    }

    [Fact]
    public void Detach_cuts_the_graph()
    {
        var x = Tensor.FromArray(new double[] { 2.0 }).RequireGrad();
        var y = (x.Detach() * x).Sum();
        y.Backward();
        Assert.Equal(2.0, x.Grad!.Item(), 12);
    }

    [Fact]
    public void Integer_tensors_cannot_require_gradients()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Tensor.Arange(3).RequiresGrad = true);
        Assert.Contains("int64", e.Message);
        Assert.Contains("Float32", e.Message);
    }

    [Fact]
    public void Gradient_of_the_gradient_norm_matches_the_formula()
    {
        // f(x) = Σ x³ ⇒ ∇f = 3x², ‖∇f‖² = Σ 9x⁴ ⇒ ∇‖∇f‖² = 36x³.
        var x = Tensor.FromArray(new double[] { 1.0, -2.0, 0.5 }).RequireGrad();
        var grad = AutoDiff.Grad(x.Pow(3).Sum(), x, createGraph: true);
        var penalty = grad.Square().Sum();
        var result = AutoDiff.Grad(penalty, x).ToDoubleArray();
        Assert.Equal(36.0, result[0], 9);
        Assert.Equal(-288.0, result[1], 9);
        Assert.Equal(4.5, result[2], 9);
    }

    [Fact]
    public void A_deep_graph_does_not_overflow_the_stack()
    {
        var x = Tensor.FromArray(new double[] { 1.0 }).RequireGrad();
        var y = x;
        for (int i = 0; i < 20000; i++)
        {
            y = y * 1.0;
        }
        y.Sum().Backward();
        Assert.Equal(1.0, x.Grad!.Item());
    }
}

[Collection(GlobalStateCollection.Name)]
public class AnomalyDetectionTests
{
    [Fact]
    public void DetectAnomaly_names_the_operation_that_made_a_NaN()
    {
        var x = Tensor.FromArray(new double[] { -1.0 }).RequireGrad();
        GradMode.DetectAnomaly = true;
        try
        {
            var e = Assert.Throws<ArithmeticException>(() => x.Sqrt());
            Assert.Contains("Sqrt", e.Message);
        }
        finally
        {
            GradMode.DetectAnomaly = false;
        }
    }
}
