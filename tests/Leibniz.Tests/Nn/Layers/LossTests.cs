using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Tensors;
using Leibniz.Tests.Autograd;

namespace Leibniz.Tests.Nn;

/// <summary>Losses against hand-computed values, stability at extreme logits, and gradients by finite differences.</summary>
public class LossTests
{
    private static Tensor D(params double[] v) => Tensor.FromArray(v);

    [Fact]
    public void Cross_entropy_matches_the_formula_with_smoothing_and_weights()
    {
        var logits = Tensor.FromArray(new double[] { 1, 2, 3, 0, 0, 0 }, 2, 3);
        var y = Tensor.FromArray(new long[] { 2, 0 });
        double lse0 = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)), lse1 = Math.Log(3);
        double l0 = lse0 - 3, l1 = lse1;
        Assert.Equal((l0 + l1) / 2, Loss.CrossEntropy(logits, y).Item(), 12);
        Assert.Equal(l0 + l1, Loss.CrossEntropy(logits, y, Reduction.Sum).Item(), 12);
        double eps = 0.1;
        double s0 = (1 - eps) * l0 + eps / 3 * (3 * lse0 - 6), s1 = (1 - eps) * l1 + eps / 3 * (3 * lse1);
        Assert.Equal((s0 + s1) / 2, Loss.CrossEntropy(logits, y, labelSmoothing: eps).Item(), 12);
        var w = D(0.5, 1, 2);
        Assert.Equal((2 * l0 + 0.5 * l1) / 2.5, Loss.CrossEntropy(logits, y, weight: w).Item(), 12);
    }

    [Fact]
    public void Cross_entropy_is_stable_for_huge_logits()
    {
        var logits = Tensor.FromArray(new float[] { 1e4f, -1e4f, 0 }, 1, 3);
        Assert.Equal(0.0, Loss.CrossEntropy(logits, Tensor.FromArray(new long[] { 0 })).Item(), 5);
        Assert.Equal(1e4, Loss.CrossEntropy(logits, Tensor.FromArray(new long[] { 2 })).Item(), 0);
    }

    [Fact]
    public void Cross_entropy_accepts_spatial_targets()
    {
        var logits = Tensor.Randn(new Generator(1), [2, 3, 4], DType.Float64);
        var y = Tensor.RandInt(new Generator(2), 0, 3, 2, 4);
        var flat = Loss.CrossEntropy(logits.Transpose(1, 2).Reshape(8, 3), y.Reshape(8));
        Assert.Equal(flat.Item(), Loss.CrossEntropy(logits, y).Item(), 12);
    }

    [Fact]
    public void Binary_cross_entropy_with_logits_is_stable_and_correct()
    {
        var x = D(0.3, -2, 100, -100);
        var t = D(1, 0, 0, 1);
        double Expected(double xi, double ti) => -(ti * Math.Log(1 / (1 + Math.Exp(-xi))) + (1 - ti) * Math.Log(1 - 1 / (1 + Math.Exp(-xi))));
        var values = Loss.BinaryCrossEntropyWithLogits(x, t, Reduction.None).ToDoubleArray();
        Assert.Equal(Expected(0.3, 1), values[0], 12);
        Assert.Equal(Expected(-2, 0), values[1], 12);
        Assert.Equal(100, values[2], 9);
        Assert.Equal(100, values[3], 9);
        var weighted = Loss.BinaryCrossEntropyWithLogits(D(0.3), D(1), Reduction.Sum, D(3)).Item();
        Assert.Equal(3 * Expected(0.3, 1), weighted, 12);
        // The fused mean agrees with the mean of the per-sample losses, also at the extremes.
        Assert.Equal(values.Average(), Loss.BinaryCrossEntropyWithLogits(x, t).Item(), 12);
        Assert.Equal(values.Average(), Loss.BinaryCrossEntropyWithLogits(x.To(DType.Float32), t.To(DType.Float32)).Item(), 5);
    }

    [Fact]
    public void Regression_and_margin_losses_match_their_formulas()
    {
        var x = D(0.5, 3, -1);
        var y = D(0, 1, -1);
        Assert.Equal((0.25 + 4 + 0) / 3, Loss.Mse(x, y).Item(), 12);
        Assert.Equal((0.5 + 2 + 0) / 3, Loss.L1(x, y).Item(), 12);
        Assert.Equal((0.125 + 1.5 + 0) / 3, Loss.Huber(x, y).Item(), 12);
        var s = D(0.5, -2, 3);
        var labels = D(1, 1, -1);
        Assert.Equal((0.5 + 3 + 4) / 3, Loss.Hinge(s, labels).Item(), 12);
        Assert.Equal((0.25 + 9 + 16) / 3, Loss.SquaredHinge(s, labels).Item(), 12);
    }

    [Fact]
    public void Kl_divergence_treats_zero_probabilities_as_zero_terms()
    {
        var p = Tensor.FromArray(new double[] { 0.5, 0.5, 0, 1 }, 2, 2);
        var q = Tensor.FromArray(new double[] { 0.25, 0.75, 0.5, 0.5 }, 2, 2);
        double expected = (0.5 * Math.Log(0.5 / 0.25) + 0.5 * Math.Log(0.5 / 0.75) + Math.Log(1 / 0.5)) / 2;
        Assert.Equal(expected, Loss.KlDivergence(q.Log(), p).Item(), 12);
        Assert.Equal(expected, Loss.KlDivergence(q.Log(), Tensor.Where(p.Gt(0), p, Tensor.Scalar(1e-300, DType.Float64)).Log(), logTarget: true).Item(), 9);
    }

    [Fact]
    public void Loss_gradients_match_finite_differences()
    {
        var y = Tensor.FromArray(new long[] { 1, 0, 2 });
        GradCheck.Check("CrossEntropy", xs => Loss.CrossEntropy(xs[0], y, labelSmoothing: 0.1, weight: Tensor.FromArray(new double[] { 1, 2, 0.5 })),
            [Tensor.Randn(new Generator(3), [3, 3], DType.Float64)]);
        GradCheck.Check("BCEWithLogits", xs => Loss.BinaryCrossEntropyWithLogits(xs[0], xs[1].Sigmoid()),
            [Tensor.Randn(new Generator(4), [5], DType.Float64), Tensor.Randn(new Generator(5), [5], DType.Float64)]);
        // A constant target takes the fused one-node path; its gradient and Hessian-vector products are checked too.
        var targets = Tensor.FromArray(new double[] { 1, 0, 1, 0.25, 0 });
        GradCheck.Check("BCEWithLogits fused mean", xs => Loss.BinaryCrossEntropyWithLogits(xs[0] * 3.0, targets),
            [Tensor.Randn(new Generator(8), [5], DType.Float64)]);
        GradCheck.Check("BCEWithLogits fused sum", xs => Loss.BinaryCrossEntropyWithLogits(xs[0].Reshape(5, 1), targets.Reshape(5, 1), Reduction.Sum),
            [Tensor.Randn(new Generator(9), [5], DType.Float64)]);
        GradCheck.Check("Huber", xs => Loss.Huber(xs[0], Tensor.Zeros([4], DType.Float64), 0.5),
            [Tensor.FromArray(new double[] { 0.1, -0.2, 2, -3 })]);
        GradCheck.Check("KL", xs => Loss.KlDivergence(xs[0].LogSoftmax(1), xs[1].Softmax(1)),
            [Tensor.Randn(new Generator(6), [2, 3], DType.Float64), Tensor.Randn(new Generator(7), [2, 3], DType.Float64)]);
    }

    [Fact]
    public void Cross_entropy_with_float_targets_says_what_it_needs()
    {
        var e = Assert.Throws<ArgumentException>(() => Loss.CrossEntropy(Tensor.Zeros(2, 3), Tensor.Zeros(2)));
        Assert.Contains("int64", e.Message);
    }
}
