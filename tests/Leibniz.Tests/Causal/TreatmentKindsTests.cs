using Leibniz.Causal.Effects;
using Leibniz.Numerics;

namespace Leibniz.Tests.Causal;

/// <summary>Multi-valued and continuous treatments on confounded designs with known effects.</summary>
public class TreatmentKindsTests
{
    private static (double[,] X, int[] T, double[] Y, double[][] E) ThreeArms(int n, Generator g)
    {
        var x = new double[n, 2];
        var t = new int[n];
        var y = new double[n];
        var e = new double[n][];
        double[] effect = [0, 1.5, -0.7];
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = g.NextNormal();
            x[i, 1] = g.NextNormal();
            // Assignment depends on x₀, which also moves the outcome: confounding.
            double[] z = [0, 1.2 * x[i, 0], -0.8 * x[i, 0] + 0.5 * x[i, 1]];
            double sum = z.Sum(Math.Exp);
            e[i] = [.. z.Select(v => Math.Exp(v) / sum)];
            double u = g.NextDouble();
            t[i] = u < e[i][0] ? 0 : u < e[i][0] + e[i][1] ? 1 : 2;
            y[i] = 2 * x[i, 0] + x[i, 1] + effect[t[i]] + g.NextNormal();
        }
        return (x, t, y, e);
    }

    [Fact]
    public void The_doubly_robust_estimator_finds_each_arms_effect_where_the_raw_difference_is_confounded()
    {
        var (x, t, y, e) = ThreeArms(3000, new Generator(51));
        var dr = MultiValuedTreatment.DoublyRobust(x, t, y);
        var tl = MultiValuedTreatment.TLearner(x, t, y);
        double[] truth = [1.5, -0.7];
        for (int k = 0; k < 2; k++)
        {
            Assert.True(Math.Abs(dr.Effects[k] - truth[k]) <= 3 * dr.StandardErrors[k], $"arm {k + 1}: {dr.Effects[k]:F3} ± {dr.StandardErrors[k]:F3} against {truth[k]}");
            Assert.True(Math.Abs(tl.Effects[k] - truth[k]) <= 0.15, $"T-learner arm {k + 1}: {tl.Effects[k]:F3}");
            double raw = Enumerable.Range(0, t.Length).Where(i => t[i] == k + 1).Average(i => y[i]) - Enumerable.Range(0, t.Length).Where(i => t[i] == 0).Average(i => y[i]);
            Assert.True(Math.Abs(raw - truth[k]) > 0.5, $"arm {k + 1}: the raw difference {raw:F3} should be confounded");
        }
        var fitted = MultiValuedTreatment.Propensities(x, t, 3);
        Assert.All(fitted, row => Assert.Equal(1, row.Sum(), 12));
        double error = Enumerable.Range(0, t.Length).Average(i => Enumerable.Range(0, 3).Sum(k => Math.Abs(fitted[i][k] - e[i][k])));
        Assert.True(error < 0.08, $"mean Σ_k |ê_k − e_k| = {error:F3}");
    }

    [Fact]
    public void With_two_arms_the_multinomial_estimator_is_the_binary_doubly_robust_estimator()
    {
        var g = new Generator(52);
        var (x, t3, y, _) = ThreeArms(1500, g);
        var t = t3.Select(v => v == 0 ? 0 : 1).ToArray();
        var binary = BaselineEstimators.DoublyRobust(x, t, y);
        var multi = MultiValuedTreatment.DoublyRobust(x, t, y);
        Assert.Equal(binary.Ate, multi.Effects[0], 5);
        Assert.Equal(binary.StandardError, multi.StandardErrors[0], 5);
    }

    [Fact]
    public void The_dose_response_curve_is_recovered_under_confounding_of_the_dose()
    {
        var g = new Generator(53);
        const int N = 2000;
        var x = new double[N, 1];
        var t = new double[N];
        var y = new double[N];
        for (int i = 0; i < N; i++)
        {
            x[i, 0] = g.NextNormal();
            t[i] = 0.8 * x[i, 0] + 0.6 * g.NextNormal();
            y[i] = 1.5 * x[i, 0] + 2 * t[i] - 0.5 * t[i] * t[i] + 0.5 * g.NextNormal();
        }
        var model = ContinuousTreatment.Fit(x, t, y);
        double[] doses = [-1, 0, 1, 2];
        var curve = model.DoseResponse(doses);
        for (int k = 0; k < doses.Length; k++)
        {
            // E[Y(t)] = 1.5·E[X] + 2t − 0.5t², E[X] ≈ 0 in the sample.
            double truth = 1.5 * Enumerable.Range(0, N).Average(i => x[i, 0]) + 2 * doses[k] - 0.5 * doses[k] * doses[k];
            Assert.True(Math.Abs(curve[k] - truth) < 0.08, $"E[Y({doses[k]})]: {curve[k]:F3} against {truth:F3}");
        }
        Assert.Equal(1.0, model.MarginalEffect(1), 1);
        // Without x the dose's slope absorbs the confounder: the naive curve's slope at 1 is far from 1.
        var naive = ContinuousTreatment.Fit(new double[N, 0], t, y);
        Assert.True(Math.Abs(naive.MarginalEffect(1) - 1) > 0.5, $"naive slope {naive.MarginalEffect(1):F3}");
    }
}
