using Leibniz.Analysis;
using Leibniz.Data;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Workloads;

/// <summary>
/// W4: Hessian-vector products of the full-batch mean cross-entropy of an untrained MLP 784-128-128-10 (ReLU,
/// 118,282 parameters) on the first 2048 Fashion-MNIST images, by forward-over-reverse (<see cref="HessianOperator"/>'s
/// default: a fresh product is one forward and one reverse pass carrying tangents, a reused one replays the
/// linearised gradient) and, for comparison, by double backward (<c>g = ∇θL</c> with a graph, then
/// <c>Hv = ∇θ⟨g, v⟩</c>). Also the top eigenvalue by 20 power iterations and the top 5 Ritz values of 30 Lanczos
/// steps, both with reused products.
/// </summary>
public static class HvpWorkload
{
    public static BenchRecord Run(int threads, int seed = 0)
    {
        var problem = HvpProblem.Create(seed);
        var hessian = new HessianOperator(problem.Model.Parameters(), problem.Loss);
        var v0 = problem.V0;

        // Forward-over-reverse (the operator's default): a fresh product linearises the gradient, a reused one
        // replays the linearisation's tangent rules. Double backward is timed too, for comparison.
        double fresh = Timing.Median(() =>
        {
            hessian.Reset();
            hessian.Apply(v0);
        }, 10);
        double reuse = Timing.Median(() => hessian.Apply(v0), 10);
        hessian.Method = HessianProduct.DoubleBackward;
        double doubleFresh = Timing.Median(() =>
        {
            hessian.Reset();
            hessian.Apply(v0);
        }, 10);
        double doubleReuse = Timing.Median(() => hessian.Apply(v0), 10);
        hessian.Method = HessianProduct.ForwardOverReverse;
        hessian.Apply(v0);

        double lambda = 0;
        double power = Timing.Seconds(() =>
        {
            var v = v0;
            for (int i = 0; i < 20; i++)
            {
                var hv = hessian.Apply(v);
                lambda = (v * hv).Sum().Item();
                v = hv / hv.Norm();
            }
        });

        double[] top = [];
        double lanczos = Timing.Seconds(() => top = Lanczos.RitzValues(hessian.Apply, v0, 30));

        return new BenchRecord("W4", threads)
            .Add("params", hessian.Dimension)
            .Add("hvp_fresh_s", fresh).Add("hvp_reuse_s", reuse)
            .Add("hvp_double_fresh_s", doubleFresh).Add("hvp_double_reuse_s", doubleReuse)
            .Add("power20_s", power).Add("lanczos30_top5_s", lanczos)
            .Add("power_top1", lambda).Add("lanczos_top5", top.Take(5).ToArray());
    }
}
