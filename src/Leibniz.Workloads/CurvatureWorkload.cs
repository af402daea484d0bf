using Leibniz.Analysis;
using Leibniz.Data;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Workloads;

/// <summary>
/// W8 (this project's workload, defined in benchmarks/WORKLOADS.md): curvature products on W4's model and data (MLP
/// 784-128-128-10 ReLU, untrained, mean cross-entropy on the first 2048 Fashion-MNIST images). A Gauss–Newton product
/// <c>Jᵀ H_ℓ J v</c> and an empirical-Fisher product <c>(1/N) Σ gᵢgᵢᵀ v</c> (each the median of 10 after one warm-up),
/// and the top eigenvalue of each layer's Hessian block by 20 power iterations (the three layers' times added); and
/// the managed heap after 10 and after 1,000 products, which must not grow.
/// </summary>
public static class CurvatureWorkload
{
    public static BenchRecord Run(int threads, int seed = 0)
    {
        var problem = HvpProblem.Create(seed);
        var (x, y, model, generator, v0) = problem;
        var parameters = model.Parameters();
        var ggn = GaussNewtonOperator.ForLoss(parameters, () => model.Forward(x), z => Loss.CrossEntropy(z, y));
        var fisher = GaussNewtonOperator.EmpiricalFisher(parameters, () => Loss.CrossEntropy(model.Forward(x), y, Reduction.None));
        Tensor gv = v0, fv = v0;
        double ggnSeconds = Timing.Median(() => gv = ggn.Apply(v0), 10);
        double fisherSeconds = Timing.Median(() => fv = fisher.Apply(v0), 10);

        var tops = new List<double>();
        double layerSeconds = 0;
        foreach (var (_, block) in ParameterBlocks.ByLayer(model))
        {
            var hessian = HessianOperator.ForBlock(model, block, problem.Loss);
            var start = Tensor.Randn(generator, [hessian.Dimension]);
            double lambda = 0;
            layerSeconds += Timing.Seconds(() =>
            {
                var v = start / start.Norm();
                for (int i = 0; i < 20; i++)
                {
                    var hv = hessian.Apply(v);
                    lambda = (v * hv).Sum().Item();
                    v = hv / hv.Norm();
                }
            });
            tops.Add(lambda);
        }
        // Memory over many calls: the managed heap after 10 and after 1,000 products of the last layer's block (an
        // operator that kept graphs or tapes between calls would grow with every call).
        var last = HessianOperator.ForBlock(model, ParameterBlocks.ByLayer(model)[^1].Parameters, problem.Loss);
        var probe = Tensor.Randn(generator, [last.Dimension]);
        double HeapAfter(int calls)
        {
            for (int i = 0; i < calls; i++)
            {
                last.Apply(probe);
            }
            return GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
        }
        double heap10 = HeapAfter(10), heap1000 = HeapAfter(990);
        return new BenchRecord("W8", threads)
            .Add("params", ggn.Dimension)
            .Add("ggn_s", ggnSeconds).Add("fisher_s", fisherSeconds).Add("layer_top_s", layerSeconds)
            .Add("ggn_rayleigh", (v0 * gv).Sum().Item()).Add("fisher_rayleigh", (v0 * fv).Sum().Item())
            .Add("layer_top", tops.ToArray())
            .Add("heap_mb_after_10_products", heap10).Add("heap_mb_after_1000_products", heap1000);
    }
}
