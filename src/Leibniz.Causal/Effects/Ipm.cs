using Leibniz.Tensors;

namespace Leibniz.Causal.Effects;

/// <summary>
/// Integral probability metrics between the representations of the treated and the controls, the balance penalties
/// of CFR (Shalit, Johansson &amp; Sontag 2017), differentiable in the representations.
/// </summary>
public static class Ipm
{
    /// <summary>
    /// The linear MMD² <c>‖mean Φ_t − mean Φ_c‖²</c> (zero for identical groups; the reference code weights the two
    /// means by 2p and 2(1 − p), which is not).
    /// </summary>
    public static Tensor LinearMmd(Tensor treated, Tensor control)
    {
        var difference = treated.Mean(0) - control.Mean(0);
        return (difference * difference).Sum();
    }

    /// <summary>
    /// The unbiased RBF-kernel MMD² with k(a, b) = exp(−‖a − b‖²/σ²) (cfrnet's <c>mmd2_rbf</c> at p = ½, σ = 0.1 there):
    /// <c>Σ_{i≠j} k(tᵢ, tⱼ)/(m(m − 1)) + Σ_{i≠j} k(cᵢ, cⱼ)/(n(n − 1)) − 2 Σ k(tᵢ, cⱼ)/(mn)</c>; its expectation is zero
    /// when the groups come from one distribution (so an estimate may be slightly negative).
    /// </summary>
    /// <exception cref="ArgumentException">A group has fewer than two rows.</exception>
    public static Tensor RbfMmd(Tensor treated, Tensor control, double sigma = 0.1)
    {
        int m = treated.Size(0), n = control.Size(0);
        if (m < 2 || n < 2)
        {
            throw new ArgumentException($"Ipm.RbfMmd: {m} treated and {n} control rows; the unbiased estimate needs at least two in each group.");
        }
        double scale = -1 / (sigma * sigma);
        Tensor Kernel(Tensor a, Tensor b) => (SquaredDistances(a, b) * scale).Exp();
        var tt = (Kernel(treated, treated).Sum() - m) / (m * (m - 1.0));
        var cc = (Kernel(control, control).Sum() - n) / (n * (n - 1.0));
        var tc = Kernel(treated, control).Sum() * (2.0 / (m * (double)n));
        return tt + cc - tc;
    }

    /// <summary>
    /// The entropy-regularised Wasserstein-1 distance by Sinkhorn's iterations as the reference code computes it
    /// (Cuturi 2013; cfrnet's <c>wasserstein</c>): M the Euclidean distances between the groups, the kernel
    /// <c>K = e^{−λM/mean(M)}</c>, <paramref name="iterations"/> Sinkhorn updates for the plan T with uniform
    /// marginals, then <c>Σ T ∘ M</c>; the plan is held fixed in the gradient (only M carries it), as there.
    /// </summary>
    public static Tensor Wasserstein(Tensor treated, Tensor control, double lambda = 10, int iterations = 10)
    {
        var distances = PairwiseDistances(treated, control);
        var m = distances.ToDoubleArray();
        int nt = treated.Size(0), nc = control.Size(0);
        double mean = m.Average();
        double scale = lambda / Math.Max(mean, 1e-12);
        var k = m.Select(v => Math.Exp(-scale * v) + 1e-30).ToArray();
        var u = Enumerable.Repeat(1.0 / nt, nt).ToArray();
        var v = Enumerable.Repeat(1.0 / nc, nc).ToArray();
        for (int it = 0; it < iterations; it++)
        {
            for (int i = 0; i < nt; i++)
            {
                double sum = 0;
                for (int j = 0; j < nc; j++)
                {
                    sum += k[i * nc + j] * v[j];
                }
                u[i] = 1.0 / nt / sum;
            }
            for (int j = 0; j < nc; j++)
            {
                double sum = 0;
                for (int i = 0; i < nt; i++)
                {
                    sum += k[i * nc + j] * u[i];
                }
                v[j] = 1.0 / nc / sum;
            }
        }
        var plan = new double[nt * nc];
        for (int i = 0; i < nt; i++)
        {
            for (int j = 0; j < nc; j++)
            {
                plan[i * nc + j] = u[i] * k[i * nc + j] * v[j];
            }
        }
        var t = Tensor.FromArray(plan, [nt, nc]).To(distances.DType);
        return (t * distances).Sum();
    }

    /// <summary>‖aᵢ − bⱼ‖ for all pairs, as √(max(‖aᵢ‖² + ‖bⱼ‖² − 2aᵢ·bⱼ, 0) + 1e-10) (the small constant keeps the gradient finite at zero distance).</summary>
    public static Tensor PairwiseDistances(Tensor a, Tensor b) => (SquaredDistances(a, b) + 1e-10).Sqrt();

    /// <summary>max(‖aᵢ‖² + ‖bⱼ‖² − 2aᵢ·bⱼ, 0) for all pairs.</summary>
    public static Tensor SquaredDistances(Tensor a, Tensor b) => ((a * a).Sum(1).Reshape(-1, 1) + (b * b).Sum(1).Reshape(1, -1) - 2.0 * a.Matmul(b.T)).Relu();
}
