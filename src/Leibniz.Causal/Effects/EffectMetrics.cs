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

    private static void Check(IReadOnlyList<double> estimated, IReadOnlyList<double> truth)
    {
        if (estimated.Count != truth.Count || estimated.Count == 0)
        {
            throw new ArgumentException($"EffectMetrics: {estimated.Count} estimated and {truth.Count} true effects; give one of each per unit.");
        }
    }
}
