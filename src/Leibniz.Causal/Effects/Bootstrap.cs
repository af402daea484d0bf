using Leibniz.Numerics;

namespace Leibniz.Causal.Effects;

/// <summary>A bootstrap interval: the estimate on the data, the replicates' standard deviation and percentile interval.</summary>
/// <param name="Estimate">The estimator on the original units.</param>
/// <param name="StandardError">The standard deviation of the replicates.</param>
/// <param name="Low">The (1 − level)/2 quantile of the replicates.</param>
/// <param name="High">The (1 + level)/2 quantile.</param>
/// <param name="Replicates">The replicate estimates, in the order drawn.</param>
public sealed record BootstrapInterval(double Estimate, double StandardError, double Low, double High, double[] Replicates);

/// <summary>
/// The nonparametric bootstrap (Efron 1979): the estimator re-run on B resamples of the n units drawn with
/// replacement; the percentile interval of the replicates, and their standard deviation as the standard error.
/// </summary>
public static class Bootstrap
{
    /// <summary>
    /// Resamples unit indices 0 … n − 1; <paramref name="estimator"/> receives the indices of one resample (with
    /// repeats) and returns its estimate.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than two units or replicates, or a level outside (0, 1).</exception>
    public static BootstrapInterval Interval(int units, Func<int[], double> estimator, Generator generator, int replicates = 200, double level = 0.95)
    {
        if (units < 2 || replicates < 2 || !(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(replicates), $"Bootstrap: {units} units, {replicates} replicates and level {level}; give at least 2 of each and a level in (0, 1).");
        }
        double estimate = estimator([.. Enumerable.Range(0, units)]);
        var values = new double[replicates];
        for (int b = 0; b < replicates; b++)
        {
            var sample = new int[units];
            for (int i = 0; i < units; i++)
            {
                sample[i] = (int)(generator.NextDouble() * units);
            }
            values[b] = estimator(sample);
        }
        var sorted = values.Order().ToArray();
        double mean = values.Average();
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (replicates - 1));
        return new BootstrapInterval(estimate, sd, Quantile(sorted, (1 - level) / 2), Quantile(sorted, (1 + level) / 2), values);
    }

    /// <summary>The q-quantile of sorted values by linear interpolation between order statistics.</summary>
    private static double Quantile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
