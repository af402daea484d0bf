namespace Leibniz.Causal.Effects;

/// <summary>The scores of the treatment-effect literature (Hill 2011; Shalit, Johansson &amp; Sontag 2017).</summary>
public static class EffectMetrics
{
    /// <summary>√PEHE = √(mean over units of (τ̂(xᵢ) − τ(xᵢ))²), the error in the individual effects.</summary>
    public static double SqrtPehe(IReadOnlyList<double> estimated, IReadOnlyList<double> truth)
    {
        Check(estimated, truth);
        return Math.Sqrt(estimated.Zip(truth, (a, b) => (a - b) * (a - b)).Average());
    }

    /// <summary>ε_ATE = |mean τ̂ − mean τ|, the error in the average effect.</summary>
    public static double AteError(IReadOnlyList<double> estimated, IReadOnlyList<double> truth)
    {
        Check(estimated, truth);
        return Math.Abs(estimated.Average() - truth.Average());
    }

    /// <summary>
    /// The policy risk of treating where τ̂ &gt; 0 (Shalit, Johansson &amp; Sontag 2017, §5):
    /// <c>R_pol(π) = 1 − (E[Y₁ | π = 1] P(π = 1) + E[Y₀ | π = 0] P(π = 0))</c>, here with the known potential outcomes
    /// of every unit, so that it is 1 − the mean of μ_{π(xᵢ)}(xᵢ) (meant for outcomes on [0, 1], as in Jobs).
    /// </summary>
    public static double PolicyRisk(IReadOnlyList<double> estimated, IReadOnlyList<double> mu0, IReadOnlyList<double> mu1)
    {
        Check(estimated, mu0);
        Check(estimated, mu1);
        return 1 - Enumerable.Range(0, estimated.Count).Average(i => estimated[i] > 0 ? mu1[i] : mu0[i]);
    }

    private static void Check(IReadOnlyList<double> estimated, IReadOnlyList<double> truth)
    {
        if (estimated.Count != truth.Count || estimated.Count == 0)
        {
            throw new ArgumentException($"EffectMetrics: {estimated.Count} estimated and {truth.Count} true effects; give one of each per unit.");
        }
    }
}
