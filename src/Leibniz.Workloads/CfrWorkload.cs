using System.Diagnostics;
using Leibniz.Causal.Effects;
using Leibniz.Causal.Models;
using Leibniz.Numerics;

namespace Leibniz.Workloads;

/// <summary>
/// W10 (this project's workload, defined in benchmarks/WORKLOADS.md): 3000 iterations of CFR-Wasserstein in cfrnet's
/// IHDP configuration on IHDP replicate 1 (all 747 units, covariates standardised), with the within-sample √PEHE.
/// </summary>
public static class CfrWorkload
{
    public static BenchRecord Run(int threads)
    {
        string folder = IhdpReplicate.FindFolder() ?? throw new DirectoryNotFoundException(
            $"W10: no shared/data/ihdp above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}; run the benchmark from the repository, or set LEIBNIZ_IHDP to the folder with ihdp_npci_1.csv.");
        var data = IhdpReplicate.Load(folder, 1);
        var x = Samples.Standardise(data.Covariates);
        var clock = Stopwatch.StartNew();
        var model = CounterfactualRegression.Fit(x, data.Treatment, data.Factual, new CfrOptions { Penalty = BalancePenalty.Wasserstein }, new Generator(0));
        double seconds = clock.Elapsed.TotalSeconds;
        return new BenchRecord("W10", threads).Add("cfr_s", seconds).Add("pehe", EffectMetrics.SqrtPehe(model.Effects(x), data.TrueEffects));
    }
}
