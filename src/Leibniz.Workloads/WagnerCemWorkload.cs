using System.Diagnostics;
using Leibniz.Graphs.Conjectures;
using Leibniz.Search;
using MathNet.Numerics.Statistics;

namespace Leibniz.Workloads;

/// <summary>
/// W7: Wagner's cross-entropy method on Conjecture 2.1 (λ₁ + μ ≥ √(n − 1) + 1, n = 19, 171 edge decisions) with
/// his settings — policy 342-128-64-4-1, 1000 sessions, top 7% trained on, top 6% survive, SGD 10⁻⁴, batch 32.
/// Seconds per generation: the median over <c>generations</c> generations from a fresh start (seed 0), with the
/// share of time per phase.
/// </summary>
public static class WagnerCemWorkload
{
    public static BenchRecord Run(int threads, int generations = 20, int seed = 0)
    {
        var environment = new GraphConjectureEnvironment(Conjecture.Resolve("wagner-2.1"), 19);
        var search = new CrossEntropyMethod(environment, new CrossEntropyOptions { Seed = (ulong)seed });
        var times = new double[generations];
        var total = Stopwatch.StartNew();
        for (int g = 0; g < generations; g++)
        {
            var clock = Stopwatch.StartNew();
            search.Step();
            times[g] = clock.Elapsed.TotalSeconds;
        }
        double wall = total.Elapsed.TotalSeconds;
        double median = Statistics.Median(times);
        double sum = search.Timings.Values.Sum();
        return new BenchRecord("W7", threads)
            .Add("iterations", generations)
            .Add("seconds_per_iter_median", median)
            .Add("seconds_per_iter_min", times.Min())
            .Add("seconds_per_iter_max", times.Max())
            .Add("share", string.Join(" ", search.Timings.Select(t => $"{t.Key}={t.Value / sum:F3}")))
            .Add("best_score", search.Best.Reward)
            .Add("wall_s", wall);
    }
}
