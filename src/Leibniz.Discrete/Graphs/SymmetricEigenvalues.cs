namespace Leibniz.Graphs;

/// <summary>
/// Eigenvalues of a small real symmetric matrix: Householder reduction to a tridiagonal matrix T = QᵀAQ, then
/// bisection on T with Sturm counts. The number of eigenvalues of T below x is the number of negative terms in
/// q₁ = d₁ − x, qᵢ = dᵢ − x − eᵢ₋₁²/qᵢ₋₁ (Sylvester's law of inertia for the LDLᵀ factorisation of T − xI).
/// Each eigenvalue is found to a few units in the last place; one eigenvalue costs O(n) per bisection step,
/// so the largest alone (the hot path of a search) costs about as much as the reduction.
/// </summary>
public sealed class SymmetricEigenvalues
{
    private readonly double[] _d;
    private readonly double[] _e;
    private readonly double _lower, _upper;

    /// <summary>Reduces the row-major n×n symmetric matrix <paramref name="matrix"/> (which is overwritten).</summary>
    public SymmetricEigenvalues(double[] matrix, int n)
    {
        Tridiagonalise(matrix, n, _d = new double[n], _e = new double[Math.Max(0, n - 1)]);
        // Gershgorin bounds for T.
        _lower = double.PositiveInfinity;
        _upper = double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            double r = (i > 0 ? Math.Abs(_e[i - 1]) : 0) + (i < n - 1 ? Math.Abs(_e[i]) : 0);
            _lower = Math.Min(_lower, _d[i] - r);
            _upper = Math.Max(_upper, _d[i] + r);
        }
        double pad = 1e-12 * Math.Max(1, Math.Max(Math.Abs(_lower), Math.Abs(_upper)));
        _lower -= pad;
        _upper += pad;
    }

    /// <summary>The matrix size.</summary>
    public int Order => _d.Length;

    /// <summary>The k-th largest eigenvalue (k = 1 … n).</summary>
    /// <exception cref="ArgumentOutOfRangeException">k outside 1 … n.</exception>
    public double Largest(int k)
    {
        int n = Order;
        if (k < 1 || k > n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"Eigenvalue index must lie in 1 … {n}.");
        }
        // λ_k (descending) is the (n − k + 1)-th smallest: the least x with at least n − k + 1 eigenvalues ≤ x.
        int target = n - k + 1;
        double lo = _lower, hi = _upper;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi)
            {
                break;
            }
            if (CountBelow(mid) >= target)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>All eigenvalues, largest first.</summary>
    public double[] Descending()
    {
        var values = new double[Order];
        for (int k = 1; k <= Order; k++)
        {
            values[k - 1] = Largest(k);
        }
        return values;
    }

    /// <summary>The eigenvalues of a symmetric matrix given as a row-major array (copied), largest first.</summary>
    public static double[] Of(double[] matrix, int n) => new SymmetricEigenvalues((double[])matrix.Clone(), n).Descending();

    private int CountBelow(double x)
    {
        int count = 0;
        double q = 1;
        for (int i = 0; i < _d.Length; i++)
        {
            double off = i > 0 ? _e[i - 1] * _e[i - 1] : 0;
            q = _d[i] - x - (i > 0 ? off / q : 0);
            if (q == 0)
            {
                q = -double.Epsilon * 1e10;
            }
            if (q < 0)
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>
    /// Householder: for each column k, x = the entries below the diagonal, v = (x − αe₁)/‖x − αe₁‖ with
    /// α = −sign(x₁)‖x‖; with p = A v and w = p − (vᵀp) v, (I − 2vvᵀ) A (I − 2vvᵀ) = A − 2(v wᵀ + w vᵀ).
    /// </summary>
    private static void Tridiagonalise(double[] a, int n, double[] d, double[] e)
    {
        var v = new double[n];
        var p = new double[n];
        for (int k = 0; k + 2 < n; k++)
        {
            double norm = 0;
            for (int i = k + 1; i < n; i++)
            {
                norm += a[i * n + k] * a[i * n + k];
            }
            norm = Math.Sqrt(norm);
            if (norm == 0)
            {
                continue;
            }
            double x0 = a[(k + 1) * n + k];
            double alpha = x0 > 0 ? -norm : norm;
            double vNorm = 0;
            for (int i = k + 1; i < n; i++)
            {
                v[i] = a[i * n + k];
            }
            v[k + 1] -= alpha;
            for (int i = k + 1; i < n; i++)
            {
                vNorm += v[i] * v[i];
            }
            vNorm = Math.Sqrt(vNorm);
            if (vNorm == 0)
            {
                continue;
            }
            for (int i = k + 1; i < n; i++)
            {
                v[i] /= vNorm;
            }
            double kappa = 0;
            for (int i = k + 1; i < n; i++)
            {
                double s = 0;
                int row = i * n;
                for (int j = k + 1; j < n; j++)
                {
                    s += a[row + j] * v[j];
                }
                p[i] = s;
                kappa += v[i] * s;
            }
            for (int i = k + 1; i < n; i++)
            {
                p[i] -= kappa * v[i];
            }
            for (int i = k + 1; i < n; i++)
            {
                int row = i * n;
                for (int j = k + 1; j < n; j++)
                {
                    a[row + j] -= 2 * (v[i] * p[j] + p[i] * v[j]);
                }
            }
            a[(k + 1) * n + k] = a[k * n + k + 1] = alpha;
            for (int i = k + 2; i < n; i++)
            {
                a[i * n + k] = a[k * n + i] = 0;
            }
        }
        for (int i = 0; i < n; i++)
        {
            d[i] = a[i * n + i];
            if (i + 1 < n)
            {
                e[i] = a[(i + 1) * n + i];
            }
        }
    }
}
