using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Leibniz.Causal.Discovery;

/// <summary>
/// The kernel conditional-independence test KCI (Zhang, Peters, Janzing &amp; Schölkopf 2011) with the gamma
/// approximation of its null distribution and causal-learn's defaults; it detects nonlinear dependence that a
/// partial correlation misses. Every variable is standardised (ddof = 1); Gaussian kernels
/// <c>k(a, b) = exp(−½θ‖a − b‖²)</c>, centred by H = I − 11ᵀ/n.
/// Unconditional (S empty, HSIC): statistic <c>Σ K̃ₓ ∘ K̃ᵧ</c>, null mean <c>tr K̃ₓ tr K̃ᵧ / n</c> and variance
/// <c>2 ‖K̃ₓ‖²_F ‖K̃ᵧ‖²_F / n²</c>, θ = w⁻² with w = 0.8, 0.5, 0.3 for n &lt; 200, &lt; 1200, more.
/// Conditional: the kernel of X is taken on (X, ½Z), and both kernels are regressed on Z,
/// <c>K_R = R K̃ R</c> with <c>R = ε(K̃_Z + εI)⁻¹</c>, ε = 10⁻³; statistic <c>Σ K_Rₓ ∘ K_Rᵧ</c>; with Ãₓ, Ãᵧ the
/// K_R's without eigenvalues below 10⁻⁵ of the largest, the null is approximated by a gamma law of mean tr(Ãₓ ∘ Ãᵧ)
/// and variance <c>2‖Ãₓ ∘ Ãᵧ‖²_F</c> (the traces of the reference's product of eigenvector products), and
/// θ = w⁻²/|S| with w = 1.2, 0.7, 0.4 for n &lt; 200, &lt; 1200, more. Its cost is O(n³) per test: subsample large data.
/// </summary>
public sealed class KernelCiTest : IConditionalIndependenceTest
{
    private const double Epsilon = 1e-3;
    private const double EigenThreshold = 1e-5;
    private readonly Matrix<double> _standardised;

    /// <summary>The test on samples X [n, d].</summary>
    /// <exception cref="ArgumentException">Fewer than ten samples.</exception>
    public KernelCiTest(double[,] samples)
    {
        int n = samples.GetLength(0);
        if (n < 10)
        {
            throw new ArgumentException($"KernelCiTest: {n} samples; a kernel test needs at least 10.", nameof(samples));
        }
        var x = Matrix<double>.Build.DenseOfArray(samples);
        for (int j = 0; j < x.ColumnCount; j++)
        {
            var column = x.Column(j);
            double mean = column.Average();
            double sd = Math.Sqrt(column.Sum(v => (v - mean) * (v - mean)) / (n - 1));
            // A constant column becomes zeros, as the reference sets its NaNs to 0.
            x.SetColumn(j, column.Map(v => sd > 0 ? (v - mean) / sd : 0));
        }
        _standardised = x;
        Count = x.ColumnCount;
    }

    /// <inheritdoc/>
    public int Count { get; }

    /// <inheritdoc/>
    public double PValue(int i, int j, IReadOnlyList<int> given)
    {
        int n = _standardised.RowCount;
        var x = _standardised.Column(i).ToColumnMatrix();
        var y = _standardised.Column(j).ToColumnMatrix();
        if (given.Count == 0)
        {
            double w = n < 200 ? 0.8 : n < 1200 ? 0.5 : 0.3;
            var kx = Centre(Gaussian(x, 1 / (w * w)));
            var ky = Centre(Gaussian(y, 1 / (w * w)));
            double statistic = kx.PointwiseMultiply(ky).Enumerate().Sum();
            double mean = kx.Trace() * ky.Trace() / n;
            double variance = 2 * Squares(kx) * Squares(ky) / ((double)n * n);
            return GammaTail(statistic, mean, variance);
        }
        var z = Matrix<double>.Build.Dense(n, given.Count, (r, c) => _standardised[r, given[c]]);
        double wz = n < 200 ? 1.2 : n < 1200 ? 0.7 : 0.4;
        double theta = 1 / (wz * wz) / given.Count;
        var xz = x.Append(z * 0.5);
        var kxz = Centre(Gaussian(xz, theta));
        var kyc = Centre(Gaussian(y, theta));
        var kz = Centre(Gaussian(z, theta));
        var regularised = kz + Matrix<double>.Build.DenseIdentity(n) * Epsilon;
        var r = regularised.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(n)) * Epsilon;
        var kxr = r * kxz * r;
        var kyr = r * kyc * r;
        double stat = kxr.PointwiseMultiply(kyr).Enumerate().Sum();
        var product = Truncated(kxr).PointwiseMultiply(Truncated(kyr));
        return GammaTail(stat, product.Trace(), 2 * Squares(product));
    }

    /// <summary>exp(−½θ‖aᵣ − a_s‖²) for all pairs of rows.</summary>
    private static Matrix<double> Gaussian(Matrix<double> a, double theta)
    {
        int n = a.RowCount;
        var k = Matrix<double>.Build.Dense(n, n);
        for (int r = 0; r < n; r++)
        {
            for (int s = r; s < n; s++)
            {
                double sq = 0;
                for (int c = 0; c < a.ColumnCount; c++)
                {
                    double diff = a[r, c] - a[s, c];
                    sq += diff * diff;
                }
                double v = Math.Exp(-0.5 * theta * sq);
                k[r, s] = v;
                k[s, r] = v;
            }
        }
        return k;
    }

    /// <summary>HKH with H = I − 11ᵀ/n.</summary>
    private static Matrix<double> Centre(Matrix<double> k)
    {
        int n = k.RowCount;
        var sums = k.ColumnSums();
        double total = sums.Sum();
        return Matrix<double>.Build.Dense(n, n, (r, s) => k[r, s] - (sums[r] + sums[s]) / n + total / ((double)n * n));
    }

    /// <summary>Σ λ v vᵀ over the eigenpairs of the symmetric part with λ above 10⁻⁵ of the largest.</summary>
    private static Matrix<double> Truncated(Matrix<double> k)
    {
        var evd = ((k + k.Transpose()) * 0.5).Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Map(c => c.Real);
        double largest = values.Maximum();
        var kept = Enumerable.Range(0, values.Count).Where(t => values[t] > largest * EigenThreshold).ToArray();
        var v = Matrix<double>.Build.Dense(k.RowCount, kept.Length, (r, c) => evd.EigenVectors[r, kept[c]] * Math.Sqrt(values[kept[c]]));
        return v * v.Transpose();
    }

    private static double Squares(Matrix<double> m) => m.Enumerate().Sum(v => v * v);

    /// <summary>1 − F(statistic) for the gamma law of the given mean and variance (shape mean²/variance, scale variance/mean).</summary>
    private static double GammaTail(double statistic, double mean, double variance)
    {
        double shape = mean * mean / variance, scale = variance / mean;
        return 1 - Gamma.CDF(shape, 1 / scale, statistic);
    }
}
