using Leibniz.Causal.Effects;
using Leibniz.Numerics;

namespace Leibniz.Tests.Causal;

/// <summary>Least squares with standard errors, E-values, robustness values, omitted-variable bias and the bootstrap.</summary>
public class SensitivityTests
{
    [Fact]
    public void Least_squares_gives_statsmodels_coefficients_and_standard_errors()
    {
        var x = new double[,] { { 0.5, 1.0 }, { 1.5, -0.3 }, { 2.0, 0.7 }, { -1.0, 0.2 }, { 0.3, -1.1 }, { 2.5, 0.4 }, { -0.7, 0.9 }, { 1.1, -0.6 } };
        double[] y = [1.2, 2.9, 3.1, -0.8, 0.9, 4.6, -0.2, 2.2];
        var fit = LeastSquares.Fit(x, y);
        // statsmodels 0.13 OLS(y, add_constant(x)).fit(): params, bse, scale.
        Assert.Equal(0.616296795144, fit.Intercept, 10);
        Assert.Equal(1.44484382659, fit.Weights[0], 10);
        Assert.Equal(0.00966159496943, fit.Weights[1], 10);
        Assert.Equal(0.122243091738, fit.InterceptError, 10);
        Assert.Equal(0.0860549742182, fit.Errors[0], 10);
        Assert.Equal(0.141330360641, fit.Errors[1], 10);
        Assert.Equal(0.0793301378201, fit.ResidualVariance, 10);
        Assert.Equal(5, fit.DegreesOfFreedom);
    }

    [Fact]
    public void E_values_match_VanderWeele_and_Dings_example()
    {
        // Their breastfeeding example: RR 3.9 (95 % CI 1.8–8.7) gives E-values 7.26 and 3.00.
        var (estimate, interval) = Sensitivity.EValue(3.9, 1.8, 8.7);
        Assert.Equal(7.26, estimate, 2);
        Assert.Equal(3.00, interval, 2);
        Assert.Equal(Sensitivity.EValue(3.9), Sensitivity.EValue(1 / 3.9), 12);
        Assert.Equal(1, Sensitivity.EValue(1.2, 0.9, 1.6).Interval);
    }

    [Fact]
    public void Robustness_values_match_Cinelli_and_Hazletts_Darfur_example()
    {
        // t = 4.18445 with 783 degrees of freedom: partial R² 2.19 %, RV 13.9 %, RV at α = 0.05 7.6 % (their Table 2).
        Assert.Equal(0.0218730935, Sensitivity.PartialR2(4.18445, 783), 8);
        Assert.Equal(0.1387763544, Sensitivity.RobustnessValue(4.18445, 783), 8);
        Assert.Equal(0.07625796605, Sensitivity.RobustnessValue(4.18445, 783, alpha: 0.05), 8);
    }

    [Fact]
    public void A_confounder_as_strong_as_the_robustness_value_explains_the_estimate_away()
    {
        const double Estimate = 0.097, Se = 0.0232;
        const int Dof = 783;
        double rv = Sensitivity.RobustnessValue(Estimate / Se, Dof);
        Assert.Equal(Estimate, Sensitivity.Bias(Se, Dof, rv, rv), 9);
        Assert.Equal(rv, Sensitivity.OutcomeStrengthToExplainAway(Estimate, Se, Dof, rv), 9);
    }

    [Fact]
    public void The_bootstrap_standard_error_of_a_mean_is_sd_over_root_n()
    {
        var g = new Generator(31);
        var sample = Enumerable.Range(0, 400).Select(_ => 2 + 3 * g.NextNormal()).ToArray();
        var result = Bootstrap.Interval(sample.Length, rows => rows.Average(i => sample[i]), g, replicates: 1000);
        double mean = sample.Average();
        double sd = Math.Sqrt(sample.Sum(v => (v - mean) * (v - mean)) / (sample.Length - 1));
        Assert.Equal(mean, result.Estimate, 12);
        Assert.InRange(result.StandardError / (sd / Math.Sqrt(sample.Length)), 0.9, 1.1);
        Assert.True(result.Low < mean && mean < result.High);
        // The percentile interval of a mean is close to mean ± 1.96 se.
        Assert.InRange((result.High - result.Low) / (2 * 1.96 * sd / Math.Sqrt(sample.Length)), 0.85, 1.15);
    }
}

/// <summary>The policy risk on a case worked by hand.</summary>
public class PolicyRiskTests
{
    [Fact]
    public void The_policy_risk_is_one_minus_the_value_of_the_policy_and_least_for_the_oracle()
    {
        double[] mu0 = [0.2, 0.6, 0.5, 0.1];
        double[] mu1 = [0.7, 0.3, 0.5, 0.9];
        // Treat units 0 and 3 (τ̂ > 0), not 1 and 2: value (0.7 + 0.6 + 0.5 + 0.9)/4 = 0.675.
        Assert.Equal(1 - 0.675, EffectMetrics.PolicyRisk([1, -1, -0.1, 2], mu0, mu1), 12);
        var oracle = EffectMetrics.PolicyRisk([.. mu1.Zip(mu0, (a, b) => a - b)], mu0, mu1);
        Assert.True(oracle <= EffectMetrics.PolicyRisk([1, 1, 1, 1], mu0, mu1) && oracle <= EffectMetrics.PolicyRisk([-1, -1, -1, -1], mu0, mu1));
    }
}
