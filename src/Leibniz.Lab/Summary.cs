namespace Leibniz.Lab;

/// <summary>Summaries of repeated measurements for reports: mean, standard deviation, standard error, "mean ± spread".</summary>
public static class Summary
{
    /// <summary>The mean (NaN when empty or when any value is NaN).</summary>
    public static double Mean(IReadOnlyList<double> v) => v.Count == 0 || v.Any(double.IsNaN) ? double.NaN : v.Average();

    /// <summary>The sample standard deviation √(Σ(v − v̄)²/(n − 1)) (0 for one value).</summary>
    public static double Sd(IReadOnlyList<double> v)
    {
        double mean = Mean(v);
        return v.Count < 2 ? 0 : Math.Sqrt(v.Sum(a => (a - mean) * (a - mean)) / (v.Count - 1));
    }

    /// <summary>The standard error of the mean, sd/√n (NaN for fewer than two values).</summary>
    public static double Se(IReadOnlyList<double> v) => v.Count < 2 ? double.NaN : Sd(v) / Math.Sqrt(v.Count);

    /// <summary>"mean ± sd" to three and two significant digits.</summary>
    public static string MeanSd(IReadOnlyList<double> v) => double.IsNaN(Mean(v)) ? "—" : $"{Mean(v):G3} ± {Spread(Sd(v), Mean(v)):G2}";

    /// <summary>"mean ± standard error" (the mean alone for one value).</summary>
    public static string MeanSe(IReadOnlyList<double> v) => double.IsNaN(Mean(v)) ? "—" : v.Count < 2 ? $"{Mean(v):G3}" : $"{Mean(v):G3} ± {Spread(Se(v), Mean(v)):G2}";

    /// <summary>A spread that is only rounding (below 10⁻¹² of the mean) shown as 0.</summary>
    private static double Spread(double spread, double mean) => spread <= 1e-12 * Math.Abs(mean) ? 0 : spread;
}
