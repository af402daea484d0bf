using MathNet.Numerics.Statistics;

namespace Leibniz.Search;

/// <summary>The percentile rules of Wagner's cross-entropy method.</summary>
public static class Selection
{
    /// <summary>
    /// The p-th percentile with linear interpolation (NumPy's default): sort ascending, position
    /// h = (p/100)(N − 1), value x[⌊h⌋] + (h − ⌊h⌋)(x[⌈h⌉] − x[⌊h⌋]).
    /// </summary>
    public static double Percentile(ReadOnlySpan<double> values, double p)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return PercentileOfSorted(sorted, p);
    }

    /// <summary><see cref="Percentile"/> of values already sorted ascending (MathNet's quantile definition R7).</summary>
    public static double PercentileOfSorted(double[] sorted, double p)
        => SortedArrayStatistics.QuantileCustom(sorted, p / 100, QuantileDefinition.R7);

    /// <summary>
    /// Indices of the sessions kept at percentile <paramref name="p"/> out of a generation of
    /// <paramref name="sessions"/> new sessions, as Wagner's code does it: scan in order; a reward ≥ t − 10⁻⁷
    /// (t the percentile) is kept while a counter, starting at sessions·(100 − p)/100, is positive, and a reward
    /// ≥ t + 10⁻⁷ always. <paramref name="countEveryCandidate"/> reproduces <c>select_elites</c>, which decrements
    /// the counter for every reward ≥ t − 10⁻⁷ whether kept or not; otherwise (<c>select_super_sessions</c>) only
    /// kept ones count.
    /// </summary>
    public static List<int> Select(ReadOnlySpan<double> rewards, int sessions, double p, bool countEveryCandidate) =>
        Select(rewards, sessions, p, Percentile(rewards, p), countEveryCandidate);

    /// <summary><see cref="Select(ReadOnlySpan{double}, int, double, bool)"/> with the percentile t already known.</summary>
    public static List<int> Select(ReadOnlySpan<double> rewards, int sessions, double p, double threshold, bool countEveryCandidate)
    {
        double counter = sessions * (100.0 - p) / 100.0;
        var kept = new List<int>();
        for (int i = 0; i < rewards.Length; i++)
        {
            if (rewards[i] >= threshold - 1e-7)
            {
                if (counter > 0 || rewards[i] >= threshold + 1e-7)
                {
                    kept.Add(i);
                    if (!countEveryCandidate)
                    {
                        counter--;
                    }
                }
                if (countEveryCandidate)
                {
                    counter--;
                }
            }
        }
        return kept;
    }
}
