using Leibniz.Causal.Effects;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Tensors;
using Leibniz.Tests.Autograd;

namespace Leibniz.Tests.Causal;

/// <summary>The balance penalties on known answers, ELU against finite differences, and TARNet/CFR on a design with a known effect.</summary>
public class CfrTests
{
    [Fact]
    public void The_linear_MMD_of_identical_groups_is_zero_and_of_shifted_ones_the_squared_shift()
    {
        var a = Tensor.Randn(new Generator(1), [50, 4], DType.Float64);
        Assert.Equal(0, Ipm.LinearMmd(a, a.Clone()).Item(), 12);
        var shift = Tensor.FromArray(new double[] { 1, 0, -2, 0 });
        Assert.Equal(5, Ipm.LinearMmd(a + shift, a).Item(), 10);
    }

    [Fact]
    public void Sinkhorns_Wasserstein_distance_is_near_zero_for_identical_clouds_and_near_the_shift_for_translated_ones()
    {
        var a = Tensor.Randn(new Generator(2), [40, 3], DType.Float64);
        Assert.InRange(Ipm.Wasserstein(a, a.Clone(), lambda: 200, iterations: 300).Item(), 0, 1e-3);
        // W₁ of a translation by δ is ‖δ‖ (here 3); the entropic plan's cost lies above it and approaches it as λ grows.
        var shift = Tensor.FromArray(new double[] { 3, 0, 0 });
        double blurred = Ipm.Wasserstein(a + shift, a, lambda: 10, iterations: 1000).Item();
        double sharp = Ipm.Wasserstein(a + shift, a, lambda: 50, iterations: 3000).Item();
        Assert.True(3 - 1e-6 <= sharp && sharp < blurred && sharp < 3.2, $"λ = 10: {blurred}, λ = 50: {sharp}");
        // The gradient flows to the representations through the distances.
        var b = (a + shift).Detach();
        b.RequiresGrad = true;
        Ipm.Wasserstein(b, a).Backward();
        Assert.True(b.Grad!.Abs().Sum().Item() > 0);
    }

    [Fact]
    public void The_RBF_MMD_is_the_kernel_formula_near_zero_within_a_distribution_and_large_across_a_shift()
    {
        var g = new Generator(3);
        var a = Tensor.Randn(g, [30, 2], DType.Float64);
        var b = Tensor.Randn(g, [20, 2], DType.Float64);
        // The formula term by term in doubles.
        var (x, y) = (a.ToDoubleArray(), b.ToDoubleArray());
        double K(double[] p, int i, double[] q, int j) => Math.Exp(-(Math.Pow(p[2 * i] - q[2 * j], 2) + Math.Pow(p[2 * i + 1] - q[2 * j + 1], 2)) / 0.25);
        double tt = 0, cc = 0, tc = 0;
        for (int i = 0; i < 30; i++)
        {
            for (int j = 0; j < 30; j++)
            {
                tt += i == j ? 0 : K(x, i, x, j);
            }
            for (int j = 0; j < 20; j++)
            {
                tc += K(x, i, y, j);
            }
        }
        for (int i = 0; i < 20; i++)
        {
            for (int j = 0; j < 20; j++)
            {
                cc += i == j ? 0 : K(y, i, y, j);
            }
        }
        double expected = tt / (30 * 29) + cc / (20 * 19) - 2 * tc / (30 * 20);
        Assert.Equal(expected, Ipm.RbfMmd(a, b, sigma: 0.5).Item(), 10);
        // Unbiased: over independent draws from one distribution the estimates average near zero; a shift makes it large.
        double mean = Enumerable.Range(0, 40).Average(_ => Ipm.RbfMmd(Tensor.Randn(g, [30, 2], DType.Float64), Tensor.Randn(g, [30, 2], DType.Float64), sigma: 1).Item());
        double shifted = Ipm.RbfMmd(Tensor.Randn(g, [30, 2], DType.Float64) + 2.0, Tensor.Randn(g, [30, 2], DType.Float64), sigma: 1).Item();
        Assert.True(Math.Abs(mean) < 0.01 && shifted > 0.3, $"same distribution {mean}, shifted {shifted}");
    }

    [Fact]
    public void ELU_matches_its_formula_and_finite_differences_to_second_order()
    {
        var x = Tensor.FromArray(new double[] { -2, -0.5, 0.25, 3 });
        Assert.Equal(new[] { Math.Exp(-2) - 1, Math.Exp(-0.5) - 1, 0.25, 3 }, new Elu().Forward(x).ToDoubleArray(), new ToleranceComparer(1e-12));
        GradCheck.Check("Elu", xs => new Elu().Forward(xs[0]).Sum() * 1.0 + (new Elu().Forward(xs[0]) * new Elu().Forward(xs[0])).Sum(),
            [Tensor.FromArray(new double[] { -1.3, -0.2, 0.4, 1.7 })]);
    }

    [Fact]
    public void TARNet_and_CFR_find_the_effect_of_a_confounded_design()
    {
        var g = new Generator(21);
        int n = 800;
        var x = new double[n, 3];
        var t = new int[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                x[i, j] = g.NextNormal();
            }
            t[i] = g.NextDouble() < Regression.Sigmoid(x[i, 0]) ? 1 : 0;
            // τ(x) = 2 + x₁: heterogeneous.
            y[i] = Math.Sin(x[i, 0]) + x[i, 2] + t[i] * (2 + x[i, 1]) + 0.1 * g.NextNormal();
        }
        var truth = Enumerable.Range(0, n).Select(i => 2 + x[i, 1]).ToArray();
        var small = new CfrOptions { RepresentationWidth = 48, HeadWidth = 24, RepresentationLayers = 2, HeadLayers = 2, Iterations = 1500, LearningRate = 3e-3 };
        foreach (var options in new[] { small with { Penalty = BalancePenalty.None }, small with { Penalty = BalancePenalty.LinearMmd }, small with { Penalty = BalancePenalty.Wasserstein }, small with { Penalty = BalancePenalty.RbfMmd, RbfSigma = 1 } })
        {
            var model = CounterfactualRegression.Fit(x, t, y, options, new Generator(5));
            var tau = model.Effects(x);
            double pehe = EffectMetrics.SqrtPehe(tau, truth);
            Assert.True(pehe < 0.5 && EffectMetrics.AteError(tau, truth) < 0.25, $"{options.Penalty}: √PEHE {pehe:F3}, ε_ATE {EffectMetrics.AteError(tau, truth):F3}");
            Assert.True(model.LossTrace.Take(50).Average() > 3 * model.LossTrace.TakeLast(50).Average(), $"{options.Penalty}: the factual loss did not fall");
        }
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;

        public int GetHashCode(double value) => 0;
    }

    [Fact]
    public void Dragonnet_finds_the_effect_of_a_confounded_design_and_its_propensity_head_learns_the_assignment()
    {
        var g = new Generator(22);
        int n = 800;
        var x = new double[n, 3];
        var t = new int[n];
        var y = new double[n];
        var e = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                x[i, j] = g.NextNormal();
            }
            e[i] = Regression.Sigmoid(x[i, 0]);
            t[i] = g.NextDouble() < e[i] ? 1 : 0;
            y[i] = Math.Sin(x[i, 0]) + x[i, 2] + t[i] * (2 + x[i, 1]) + 0.1 * g.NextNormal();
        }
        var truth = Enumerable.Range(0, n).Select(i => 2 + x[i, 1]).ToArray();
        var options = new DragonnetOptions { RepresentationWidth = 48, HeadWidth = 24, AdamEpochs = 60, SgdEpochs = 30, AdamPatience = 8 };
        var model = Dragonnet.Fit(x, t, y, options, new Generator(6));
        var tau = model.Effects(x);
        double pehe = EffectMetrics.SqrtPehe(tau, truth);
        Assert.True(pehe < 0.6 && Math.Abs(model.Ate(x) - truth.Average()) < 0.25, $"√PEHE {pehe:F3}, ATE {model.Ate(x):F3} against {truth.Average():F3}");
        var propensity = model.Predict(x).Propensity;
        double error = Enumerable.Range(0, n).Average(i => Math.Abs(propensity[i] - e[i]));
        Assert.True(error < 0.1, $"mean |ĝ − e| = {error:F3}");
        Assert.True(model.LossTrace[0] > 2 * model.LossTrace[^1], $"the loss went from {model.LossTrace[0]:G3} to {model.LossTrace[^1]:G3}");
    }
}
