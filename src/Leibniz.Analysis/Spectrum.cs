using Leibniz.Autograd;
using Leibniz.Numerics;
using Leibniz.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Leibniz.Analysis;

/// <summary>
/// Spectral tools for a symmetric operator <c>v ↦ Av</c> on ℝⁿ given only by products: power iteration with
/// deflation, the smallest eigenvalues by shifting, Hutchinson's trace estimator, stochastic Lanczos
/// quadrature for the eigenvalue density, and the exact matrix for small n. All products run without
/// recording gradients.
/// </summary>
public static class Spectrum
{
    /// <summary>
    /// The <paramref name="k"/> eigenvalues of largest magnitude by power iteration on the deflated operator
    /// <c>A − Σᵢ λᵢ vᵢvᵢᵀ</c>; each stops when |λ − λ_prev| ≤ tol·|λ| or after <paramref name="maxIterations"/>.
    /// The result says for each value whether it converged, after how many iterations, and its residual
    /// ‖Av − λv‖ (of the deflated operator), so that an estimate cut off by the iteration limit cannot pass for a
    /// converged one. It deconstructs into <c>(values, vectors)</c>.
    /// </summary>
    public static EigenEstimate TopEigenvalues(Func<Tensor, Tensor> apply, int n, int k, Generator generator,
        int maxIterations = 100, double tolerance = 1e-6, DType dtype = DType.Float64)
    {
        var values = new double[k];
        var vectors = new Tensor[k];
        var converged = new bool[k];
        var iterations = new int[k];
        var residuals = new double[k];
        for (int j = 0; j < k; j++)
        {
            var v = Normalize(Tensor.Randn(generator, [n], dtype));
            double lambda = 0;
            for (int iteration = 0; iteration < maxIterations && !converged[j]; iteration++)
            {
                var w = Deflated(apply, v, vectors, values, j);
                double next = Dot(v, w);
                v = Normalize(w);
                converged[j] = Math.Abs(next - lambda) <= tolerance * Math.Abs(next);
                lambda = next;
                iterations[j] = iteration + 1;
            }
            var image = Deflated(apply, v, vectors, values, j);
            residuals[j] = (image - v * lambda).Norm().Item();
            values[j] = lambda;
            vectors[j] = v;
        }
        return new EigenEstimate(values, vectors, converged, iterations, residuals);
    }

    /// <summary>
    /// The <paramref name="k"/> smallest eigenvalues, smallest first: power iteration on <c>σI − A</c> with σ = 1.05·|λ₁|
    /// from the top eigenvalue, then λ = σ − μ. The residuals are those of A (‖Av − λv‖ = ‖(σI − A)v − μv‖); an estimate
    /// counts as converged only if λ₁, on which σ rests, converged too.
    /// </summary>
    public static EigenEstimate SmallestEigenvalues(Func<Tensor, Tensor> apply, int n, int k, Generator generator, int maxIterations = 200, double tolerance = 1e-7, DType dtype = DType.Float64)
    {
        var top = TopEigenvalues(apply, n, 1, generator, maxIterations, tolerance, dtype);
        double sigma = Math.Abs(top.Values[0]) * 1.05 + 1e-12;
        var shifted = TopEigenvalues(v => v * sigma - Product(apply, v), n, k, generator, maxIterations, tolerance, dtype);
        return new EigenEstimate([.. shifted.Values.Select(mu => sigma - mu)], shifted.Vectors, [.. shifted.Converged.Select(c => c && top.Converged[0])],
            shifted.Iterations, shifted.Residuals);
    }

    /// <summary>
    /// Hutchinson's estimator <c>tr A ≈ (1/m) Σ zᵀAz</c> with Rademacher z: the estimate, its standard error and
    /// the running estimate after each sample.
    /// </summary>
    public static (double Trace, double StandardError, double[] Running) Trace(Func<Tensor, Tensor> apply, int n, int samples, Generator generator, DType dtype = DType.Float64)
    {
        var values = new double[samples];
        var running = new double[samples];
        double sum = 0;
        for (int s = 0; s < samples; s++)
        {
            var z = Tensor.Bernoulli(generator, 0.5, [n], dtype) * 2.0 - 1.0;
            values[s] = Dot(z, Product(apply, z));
            sum += values[s];
            running[s] = sum / (s + 1);
        }
        double mean = sum / samples;
        double variance = samples > 1 ? values.Sum(v => (v - mean) * (v - mean)) / (samples - 1) : 0;
        return (mean, Math.Sqrt(variance / samples), running);
    }

    /// <summary>
    /// The Hutchinson samples needed for a standard error of at most <paramref name="relativeError"/>·|trace|, from an
    /// estimate made with <paramref name="samples"/> samples (the error falls as 1/√samples).
    /// </summary>
    public static int SamplesFor(double trace, double standardError, int samples, double relativeError)
    {
        double ratio = standardError / (relativeError * Math.Abs(trace));
        return double.IsFinite(ratio) ? Math.Max(1, (int)Math.Ceiling(samples * ratio * ratio)) : int.MaxValue;
    }

    /// <summary>
    /// Stochastic Lanczos quadrature (Ghorbani et al., 2019; PyHessian): for each of <paramref name="runs"/> random
    /// unit vectors, <paramref name="steps"/> Lanczos steps give nodes (Ritz values) and weights (squared first
    /// components of T's eigenvectors, summing to one). The density is the average of Gaussians of width
    /// <paramref name="sigma"/> at the nodes, evaluated on <paramref name="grid"/> points and normalised to
    /// integrate to one.
    /// </summary>
    public static SpectralDensity Density(Func<Tensor, Tensor> apply, int n, int runs, int steps, Generator generator,
        double sigma = 0, int grid = 1000, DType dtype = DType.Float64)
    {
        var nodes = new List<double[]>();
        var weights = new List<double[]>();
        for (int r = 0; r < runs; r++)
        {
            var start = Tensor.Randn(generator, [n], dtype);
            var (alpha, beta) = Lanczos.Tridiagonal(v => Product(apply, v), start, Math.Min(steps, n));
            var t = Matrix<double>.Build.Dense(alpha.Length, alpha.Length);
            for (int i = 0; i < alpha.Length; i++)
            {
                t[i, i] = alpha[i];
                if (i + 1 < alpha.Length)
                {
                    t[i, i + 1] = beta[i];
                    t[i + 1, i] = beta[i];
                }
            }
            var evd = t.Evd(Symmetricity.Symmetric);
            nodes.Add(evd.EigenValues.Select(c => c.Real).ToArray());
            weights.Add(Enumerable.Range(0, alpha.Length).Select(i => evd.EigenVectors[0, i] * evd.EigenVectors[0, i]).ToArray());
        }
        double lo = nodes.SelectMany(x => x).Min(), hi = nodes.SelectMany(x => x).Max();
        double width = sigma > 0 ? sigma : Math.Max((hi - lo) / 200, 1e-12);
        double pad = (hi - lo) * 0.05 + 3 * width;
        var points = Enumerable.Range(0, grid).Select(i => lo - pad + (hi - lo + 2 * pad) * i / (grid - 1)).ToArray();
        var perRun = new double[runs][];
        var density = new double[grid];
        for (int r = 0; r < runs; r++)
        {
            perRun[r] = new double[grid];
            for (int j = 0; j < nodes[r].Length; j++)
            {
                for (int g = 0; g < grid; g++)
                {
                    double z = (points[g] - nodes[r][j]) / width;
                    perRun[r][g] += weights[r][j] * Math.Exp(-0.5 * z * z) / (width * Math.Sqrt(2 * Math.PI));
                }
            }
            for (int g = 0; g < grid; g++)
            {
                density[g] += perRun[r][g] / runs;
            }
        }
        double step = points[1] - points[0];
        double area = density.Sum() * step;
        for (int g = 0; g < grid; g++)
        {
            density[g] /= area;
            for (int r = 0; r < runs; r++)
            {
                perRun[r][g] /= area;
            }
        }
        return new SpectralDensity(points, density, nodes, weights, perRun, Math.Min(steps, n));
    }

    /// <summary>The full matrix, column j = A·eⱼ (for small n, to validate the estimators).</summary>
    public static Matrix<double> Exact(Func<Tensor, Tensor> apply, int n, DType dtype = DType.Float64)
    {
        var matrix = Matrix<double>.Build.Dense(n, n);
        for (int j = 0; j < n; j++)
        {
            var e = Tensor.Zeros([n], dtype);
            e.Narrow(0, j, 1).Fill(1);
            var column = Product(apply, e).ToDoubleArray();
            for (int i = 0; i < n; i++)
            {
                matrix[i, j] = column[i];
            }
        }
        return matrix;
    }

    /// <summary>Eigenvalues of the exact (symmetrised) matrix, largest first (MathNet).</summary>
    public static double[] ExactEigenvalues(Matrix<double> matrix)
    {
        var symmetric = (matrix + matrix.Transpose()) / 2;
        var values = symmetric.Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).ToArray();
        Array.Sort(values);
        Array.Reverse(values);
        return values;
    }

    /// <summary><c>A·v</c> without recording, in the dtype of <paramref name="v"/> (an operator may compute in its own).</summary>
    private static Tensor Product(Func<Tensor, Tensor> apply, Tensor v)
    {
        using (GradMode.NoGrad())
        {
            return apply(v).Detach().To(v.DType);
        }
    }

    private static Tensor Deflated(Func<Tensor, Tensor> apply, Tensor v, Tensor[] vectors, double[] values, int count)
    {
        var w = Product(apply, v);
        for (int i = 0; i < count; i++)
        {
            w = w - vectors[i] * (values[i] * Dot(vectors[i], v));
        }
        return w;
    }

    internal static double Dot(Tensor a, Tensor b)
    {
        using (GradMode.NoGrad())
        {
            return (a.To(DType.Float64) * b.To(DType.Float64)).Sum().Item();
        }
    }

    private static Tensor Normalize(Tensor v) => v / Math.Sqrt(Math.Max(Dot(v, v), 1e-300));
}

/// <summary>
/// An estimated eigenvalue density: grid points, density values (integrating to one, the mean over runs), the
/// quadrature nodes and weights of each run, each run's own density on the grid (their spread is the estimate's
/// uncertainty) and the Lanczos steps per run.
/// </summary>
public sealed record SpectralDensity(double[] Grid, double[] Density, List<double[]> Nodes, List<double[]> Weights, double[][] Runs, int Steps)
{
    /// <summary>The smallest and largest of the runs' densities at each grid point: a band around <see cref="Density"/>.</summary>
    public (double[] Lower, double[] Upper) Band() =>
        ([.. Enumerable.Range(0, Grid.Length).Select(g => Runs.Min(r => r[g]))], [.. Enumerable.Range(0, Grid.Length).Select(g => Runs.Max(r => r[g]))]);
}

/// <summary>Eigenvalue estimates of an iterative method, with what it knows about their accuracy.</summary>
/// <param name="Values">The estimates, largest magnitude first (smallest first from <see cref="Spectrum.SmallestEigenvalues"/>).</param>
/// <param name="Vectors">The unit eigenvector estimates.</param>
/// <param name="Converged">Whether each estimate met the tolerance before the iteration limit.</param>
/// <param name="Iterations">The iterations each estimate took.</param>
/// <param name="Residuals">‖Av − λv‖ for each estimate: small for a true eigenpair.</param>
public sealed record EigenEstimate(double[] Values, Tensor[] Vectors, bool[] Converged, int[] Iterations, double[] Residuals)
{
    /// <summary>True when every estimate converged.</summary>
    public bool AllConverged => Converged.All(c => c);

    /// <summary>The values and vectors, for <c>var (values, vectors) = …</c>.</summary>
    public void Deconstruct(out double[] values, out Tensor[] vectors)
    {
        values = Values;
        vectors = Vectors;
    }
}
