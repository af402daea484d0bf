using Leibniz.Causal.Effects;
using Leibniz.Numerics;

namespace Leibniz.Tests.Causal;

/// <summary>IHDP as documented, the metrics on known answers, and the baseline estimators on a confounded design with a known effect.</summary>
public class EffectTests
{
    private static string IhdpFolder() => IhdpReplicate.FindFolder()
        ?? throw new InvalidOperationException($"No shared/data/ihdp above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}; set LEIBNIZ_IHDP to the folder with ihdp_npci_1.csv … ihdp_npci_50.csv.");

    [Fact]
    public void IHDP_replicate_one_has_747_units_139_treated_and_true_ATE_4_016067()
    {
        var r = IhdpReplicate.Load(IhdpFolder(), 1);
        Assert.Equal(747, r.Count);
        Assert.Equal(139, r.Treatment.Count(t => t == 1));
        Assert.Equal(4.016067, r.TrueAte, 5);
        Assert.Equal(25, r.Covariates.GetLength(1));
        // The oracle (μ₁ − μ₀) has zero error.
        Assert.Equal(0, EffectMetrics.SqrtPehe(r.TrueEffects, r.TrueEffects));
        Assert.Equal(0, EffectMetrics.AteError(r.TrueEffects, r.TrueEffects));
    }

    [Fact]
    public void A_missing_replicate_says_where_it_looked()
    {
        var e = Assert.Throws<FileNotFoundException>(() => IhdpReplicate.Load("/nonexistent/ihdp", 3));
        Assert.Contains("/nonexistent/ihdp/ihdp_npci_3.csv", e.Message);
    }

    [Fact]
    public void The_PEHE_of_a_constant_offset_is_the_offset()
    {
        double[] truth = [1, 2, 3, 4];
        Assert.Equal(0.5, EffectMetrics.SqrtPehe([1.5, 2.5, 3.5, 4.5], truth), 12);
        Assert.Equal(0.5, EffectMetrics.AteError([1.5, 2.5, 3.5, 4.5], truth), 12);
    }

    /// <summary>
    /// A confounded design: x ~ N(0, I₃), P(t = 1 | x) = σ(x₀ − 0.5 x₁), y = 1 + 2x₀ + x₁ − x₂ + τ t + ε with τ = 2: the
    /// naive difference of means is biased (x₀ raises both t and y), the adjusted estimators are not.
    /// </summary>
    private static (double[,] X, int[] T, double[] Y) Confounded(Generator g, int n)
    {
        var x = new double[n, 3];
        var t = new int[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                x[i, j] = g.NextNormal();
            }
            t[i] = g.NextDouble() < Regression.Sigmoid(x[i, 0] - 0.5 * x[i, 1]) ? 1 : 0;
            y[i] = 1 + 2 * x[i, 0] + x[i, 1] - x[i, 2] + 2 * t[i] + g.NextNormal();
        }
        return (x, t, y);
    }

    [Fact]
    public void The_doubly_robust_estimator_is_unbiased_on_a_confounded_design_and_its_intervals_cover()
    {
        var g = new Generator(12);
        var (dr, ipw, naive) = (new List<double>(), new List<double>(), new List<double>());
        int covered = 0;
        const int Seeds = 40;
        for (int s = 0; s < Seeds; s++)
        {
            var (x, t, y) = Confounded(g, 1000);
            var estimate = BaselineEstimators.DoublyRobust(x, t, y);
            dr.Add(estimate.Ate);
            var (low, high) = estimate.Interval95;
            covered += low <= 2 && 2 <= high ? 1 : 0;
            ipw.Add(BaselineEstimators.Ipw(x, t, y).Ate);
            naive.Add(y.Where((_, i) => t[i] == 1).Average() - y.Where((_, i) => t[i] == 0).Average());
        }
        double Se(List<double> v) => Math.Sqrt(v.Sum(a => (a - v.Average()) * (a - v.Average())) / (v.Count - 1) / v.Count);
        Assert.True(Math.Abs(dr.Average() - 2) <= 3 * Se(dr), $"doubly robust: mean {dr.Average():F4} ± {Se(dr):F4}");
        Assert.True(Math.Abs(ipw.Average() - 2) <= 0.15, $"IPW: mean {ipw.Average():F4}");
        Assert.True(naive.Average() - 2 > 0.3, $"the naive difference should be biased upwards; mean {naive.Average():F4}");
        Assert.InRange(covered, 33, 40);
    }

    [Fact]
    public void Meta_learners_find_a_constant_effect_and_a_heterogeneous_one()
    {
        var g = new Generator(13);
        var (x, t, y) = Confounded(g, 3000);
        foreach (var estimate in new[] { BaselineEstimators.SLearner(x, t, y), BaselineEstimators.TLearner(x, t, y), BaselineEstimators.XLearner(x, t, y) })
        {
            Assert.Equal(2, estimate.Ate, 1);
        }
        // τ(x) = 2 + x₂: the S-learner with a linear model cannot see it, the T- and X-learners can.
        for (int i = 0; i < y.Length; i++)
        {
            y[i] += t[i] * x[i, 2];
        }
        var truth = Enumerable.Range(0, y.Length).Select(i => 2 + x[i, 2]).ToArray();
        double s = EffectMetrics.SqrtPehe(BaselineEstimators.SLearner(x, t, y).Individual, truth);
        double tl = EffectMetrics.SqrtPehe(BaselineEstimators.TLearner(x, t, y).Individual, truth);
        double xl = EffectMetrics.SqrtPehe(BaselineEstimators.XLearner(x, t, y).Individual, truth);
        Assert.True(s > 0.9 && tl < 0.15 && xl < 0.15, $"√PEHE: S {s:F3}, T {tl:F3}, X {xl:F3}");
    }

    [Fact]
    public void Logistic_regression_recovers_the_propensity_model()
    {
        var g = new Generator(14);
        var (x, t, _) = Confounded(g, 20_000);
        var model = Regression.Logistic(x, t, lambda: 0);
        Assert.Equal(0, model.Intercept, 1);
        Assert.Equal(1, model.Weights[0], 1);
        Assert.Equal(-0.5, model.Weights[1], 1);
        Assert.Equal(0, model.Weights[2], 1);
    }
}
