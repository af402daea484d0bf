using System.Numerics;
using System.Numerics.Tensors;

namespace Leibniz.Numerics;

/// <summary>
/// Plain loops on d × d row-major arrays, for small matrices (NOTEARS' d up to a few hundred, L-BFGS-B's 2m × 2m): a general
/// library's multiply costs more in set-up and scratch memory than these products cost in arithmetic.
/// </summary>
public static class SquareMatrix
{
    /// <summary>
    /// C = A·B: each row of C, c[i, :] = Σ_k a[i, k] · b[k, :], is built in blocks of four <see cref="Vector{T}"/>s
    /// held in registers while k runs (so C is written once, not d times), zero a[i, k] skipped (NOTEARS' W ∘ W is
    /// sparse); a library call per row of length d would cost more than its arithmetic at these sizes.
    /// </summary>
    public static double[] Multiply(double[] a, double[] b, int d)
    {
        var c = new double[d * d];
        MultiplyInto(a, b, c, d);
        return c;
    }

    /// <summary>C = A·B into <paramref name="c"/>, which must not be A or B (see <see cref="Multiply"/>).</summary>
    public static void MultiplyInto(double[] a, double[] b, double[] c, int d)
    {
        int width = Vector<double>.Count;
        for (int i = 0; i < d; i++)
        {
            int row = i * d;
            int j = 0;
            for (; j + 4 * width <= d; j += 4 * width)
            {
                Vector<double> c0 = default, c1 = default, c2 = default, c3 = default;
                for (int k = 0; k < d; k++)
                {
                    double aik = a[row + k];
                    if (aik == 0)
                    {
                        continue;
                    }
                    var f = new Vector<double>(aik);
                    int at = k * d + j;
                    c0 = Vector.FusedMultiplyAdd(f, new Vector<double>(b, at), c0);
                    c1 = Vector.FusedMultiplyAdd(f, new Vector<double>(b, at + width), c1);
                    c2 = Vector.FusedMultiplyAdd(f, new Vector<double>(b, at + 2 * width), c2);
                    c3 = Vector.FusedMultiplyAdd(f, new Vector<double>(b, at + 3 * width), c3);
                }
                c0.CopyTo(c, row + j);
                c1.CopyTo(c, row + j + width);
                c2.CopyTo(c, row + j + 2 * width);
                c3.CopyTo(c, row + j + 3 * width);
            }
            for (; j + width <= d; j += width)
            {
                Vector<double> c0 = default;
                for (int k = 0; k < d; k++)
                {
                    double aik = a[row + k];
                    if (aik != 0)
                    {
                        c0 = Vector.FusedMultiplyAdd(new Vector<double>(aik), new Vector<double>(b, k * d + j), c0);
                    }
                }
                c0.CopyTo(c, row + j);
            }
            for (; j < d; j++)
            {
                double sum = 0;
                for (int k = 0; k < d; k++)
                {
                    sum += a[row + k] * b[k * d + j];
                }
                c[row + j] = sum;
            }
        }
    }

    /// <summary>The largest absolute row sum ‖A‖∞.</summary>
    public static double InfinityNorm(double[] a, int d) => LargestAbsoluteSum(a, d, d, 1);

    /// <summary>The largest absolute column sum ‖A‖₁.</summary>
    private static double OneNorm(double[] a, int d) => LargestAbsoluteSum(a, d, 1, d);

    /// <summary>max over lines ℓ of Σ_k |a[ℓ·lineStride + k·entryStride]|: rows for (d, 1), columns for (1, d).</summary>
    private static double LargestAbsoluteSum(double[] a, int d, int lineStride, int entryStride)
    {
        double most = 0;
        for (int line = 0; line < d; line++)
        {
            double sum = 0;
            for (int k = 0; k < d; k++)
            {
                sum += Math.Abs(a[line * lineStride + k * entryStride]);
            }
            most = Math.Max(most, sum);
        }
        return most;
    }

    /// <summary>
    /// e^A by scaling and squaring with the diagonal Padé approximant r_m = (V − U)⁻¹(V + U) of degree m ∈ {3, 5, 7, 9, 13},
    /// chosen as Al-Mohy &amp; Higham (2009, Algorithm 5.1; SciPy's <c>expm</c>) choose it: by d_k = ‖A^k‖₁^{1/k} rather
    /// than ‖A‖₁ — the smallest m with max(d_p, d_{p+1}) ≤ θ_m for the powers p the bound allows (η₁ = max(d₄, d₆) for
    /// m = 3, 5; η₃ = max(d₆, d₈) for 7, 9; min(η₃, max(d₈, d₁₀)) sets the scaling 2^−s for 13), each choice confirmed
    /// by <see cref="Ell"/>, which adds squarings when the Padé error's leading term is not below the unit roundoff.
    /// For a nearly nilpotent A (NOTEARS' W ∘ W near a DAG) d_k is far below ‖A‖₁, so the degree is lower and the
    /// squarings fewer than by ‖A‖₁ alone. The norms are those of |A|^k (<c>AbsolutePowerNorms</c>: exact for
    /// A ≥ 0, upper bounds otherwise, which only makes the choice more cautious).
    /// </summary>
    public static double[] Exponential(double[] a, int d)
    {
        double norm = OneNorm(a, d);
        if (!double.IsFinite(norm))
        {
            throw new ArgumentException("MatrixExponential: the matrix has a non-finite entry.", nameof(a));
        }
        if (norm == 0)
        {
            return Identity(d);
        }
        var logNorms = new AbsolutePowerNorms(a, d);
        double Root(int k) => Math.Exp(logNorms[k] / k);
        double eta1 = Math.Max(Root(4), Root(6));
        if (eta1 <= 1.495585217958292e-2 && Ell(logNorms, 3, 0) == 0)
        {
            return PadeLow(a, d, 3);
        }
        if (eta1 <= 2.539398330063230e-1 && Ell(logNorms, 5, 0) == 0)
        {
            return PadeLow(a, d, 5);
        }
        double eta3 = Math.Max(Root(6), Root(8));
        if (eta3 <= 9.504178996162932e-1 && Ell(logNorms, 7, 0) == 0)
        {
            return PadeLow(a, d, 7);
        }
        if (eta3 <= 2.097847961257068 && Ell(logNorms, 9, 0) == 0)
        {
            return PadeLow(a, d, 9);
        }
        const double Theta13 = 4.25;
        double eta5 = Math.Min(eta3, Math.Max(Root(8), Root(10)));
        int squarings = Math.Max((int)Math.Ceiling(Math.Log2(eta5 / Theta13)), 0);
        squarings += Ell(logNorms, 13, squarings);
        double factor = Math.Pow(2, -squarings);
        var scaled = new double[d * d];
        for (int i = 0; i < scaled.Length; i++)
        {
            scaled[i] = a[i] * factor;
        }
        var r = Pade13(scaled, d);
        var spare = new double[d * d];
        for (int k = 0; k < squarings; k++)
        {
            MultiplyInto(r, r, spare, d);
            (r, spare) = (spare, r);
        }
        return r;
    }

    /// <summary>
    /// The extra squarings ℓ(2^−s A, m) = max(⌈log₂(α/u) / 2m⌉, 0) of Al-Mohy &amp; Higham (2009, (5.1)), with
    /// α = |c_{2m+1}| ‖|B|^{2m+1}‖₁ / ‖B‖₁ for B = 2^−s A, |c_{2m+1}| = (m!)² / ((2m)! (2m + 1)!) the leading
    /// coefficient of the Padé approximant's backward error and u = 2⁻⁵³.
    /// </summary>
    private static int Ell(AbsolutePowerNorms logNorms, int m, int squarings)
    {
        double logCoefficient = 0;
        for (int i = 1; i <= m; i++)
        {
            logCoefficient += 2 * Math.Log(i);
        }
        for (int i = 1; i <= 2 * m + 1; i++)
        {
            logCoefficient -= Math.Log(i) + (i <= 2 * m ? Math.Log(i) : 0);
        }
        // log ‖|B|^p‖ = log ‖|A|^p‖ − p·s·log 2.
        double logAlpha = logCoefficient + logNorms[2 * m + 1] - logNorms[1] - 2 * m * squarings * Math.Log(2);
        if (double.IsNegativeInfinity(logAlpha))
        {
            return 0; // |B|^{2m+1} = 0: the Padé approximant is exact.
        }
        double value = Math.Ceiling((logAlpha / Math.Log(2) + 53) / (2 * m));
        return Math.Max((int)value, 0);
    }

    /// <summary>
    /// log ‖|A|^k‖₁, computed as far as asked: the 1-norm of a non-negative matrix is the largest entry of 1ᵀ|A|^k,
    /// so k products of a row vector with |A| (normalised as they go, against overflow) give it exactly, at d² work
    /// each instead of a matrix power's d³. −∞ once a power is zero.
    /// </summary>
    private sealed class AbsolutePowerNorms
    {
        private readonly double[] _absolute;
        private readonly int _d;
        private readonly List<double> _logNorms = [0];
        private double[] _row;
        private double[] _next;

        public AbsolutePowerNorms(double[] a, int d)
        {
            _absolute = new double[a.Length];
            TensorPrimitives.Abs(a, _absolute);
            _d = d;
            _row = new double[d];
            _next = new double[d];
            Array.Fill(_row, 1.0);
        }

        /// <summary>log ‖|A|^k‖₁.</summary>
        public double this[int k]
        {
            get
            {
                while (_logNorms.Count <= k)
                {
                    _logNorms.Add(Step());
                }
                return _logNorms[k];
            }
        }

        private double Step()
        {
            if (double.IsNegativeInfinity(_logNorms[^1]))
            {
                return double.NegativeInfinity;
            }
            Array.Clear(_next);
            for (int i = 0; i < _d; i++)
            {
                if (_row[i] != 0)
                {
                    SubtractScaled(_next, _absolute.AsSpan(i * _d, _d), -_row[i]);
                }
            }
            double most = TensorPrimitives.Max<double>(_next);
            if (most == 0)
            {
                return double.NegativeInfinity;
            }
            TensorPrimitives.Divide(_next, most, _next);
            (_row, _next) = (_next, _row);
            return _logNorms[^1] + Math.Log(most);
        }
    }

    /// <summary>r_m(A) for m = 3, 5, 7, 9: U = A Σ_{k odd} b_k A^{k−1}, V = Σ_{k even} b_k A^k.</summary>
    private static double[] PadeLow(double[] a, int d, int m)
    {
        double[] b = m switch
        {
            3 => [120, 60, 12, 1],
            5 => [30240, 15120, 3360, 420, 30, 1],
            7 => [17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1],
            _ => [17643225600, 8821612800, 2075673600, 302702400, 30270240, 2162160, 110880, 3960, 90, 1],
        };
        var a2 = Multiply(a, a, d);
        var powers = new List<double[]> { Identity(d), a2 };
        while (powers.Count <= m / 2)
        {
            powers.Add(Multiply(powers[^1], a2, d));
        }
        var u = new double[d * d];
        var v = new double[d * d];
        for (int k = 0; k <= m / 2; k++)
        {
            AddScaled(u, powers[k], b[2 * k + 1]);
            AddScaled(v, powers[k], b[2 * k]);
        }
        return Quotient(Multiply(a, u, d), v, d);
    }

    /// <summary>
    /// r₁₃(A) with A², A⁴, A⁶: U = A[A⁶(b₁₃A⁶ + b₁₁A⁴ + b₉A²) + b₇A⁶ + b₅A⁴ + b₃A² + b₁I],
    /// V = A⁶(b₁₂A⁶ + b₁₀A⁴ + b₈A²) + b₆A⁶ + b₄A⁴ + b₂A² + b₀I.
    /// </summary>
    private static double[] Pade13(double[] a, int d)
    {
        double[] b = [64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000,
            10559470521600, 670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1];
        var identity = Identity(d);
        var a2 = Multiply(a, a, d);
        var a4 = Multiply(a2, a2, d);
        var a6 = Multiply(a4, a2, d);
        var u = Multiply(a6, Even(a6, a4, a2, identity, b[13], b[11], b[9], 0), d);
        u = Multiply(a, Add(u, Even(a6, a4, a2, identity, b[7], b[5], b[3], b[1])), d);
        var v = Multiply(a6, Even(a6, a4, a2, identity, b[12], b[10], b[8], 0), d);
        v = Add(v, Even(a6, a4, a2, identity, b[6], b[4], b[2], b[0]));
        return Quotient(u, v, d);
    }

    /// <summary>c₆A⁶ + c₄A⁴ + c₂A² + c₀I.</summary>
    private static double[] Even(double[] a6, double[] a4, double[] a2, double[] identity, double c6, double c4, double c2, double c0)
    {
        var sum = new double[a6.Length];
        AddScaled(sum, a6, c6);
        AddScaled(sum, a4, c4);
        AddScaled(sum, a2, c2);
        AddScaled(sum, identity, c0);
        return sum;
    }

    /// <summary>target += source, returning target.</summary>
    private static double[] Add(double[] target, double[] source)
    {
        AddScaled(target, source, 1);
        return target;
    }

    /// <summary>(V − U)⁻¹(V + U).</summary>
    private static double[] Quotient(double[] u, double[] v, int d)
    {
        var p = new double[d * d];
        var q = new double[d * d];
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = v[i] + u[i];
            q[i] = v[i] - u[i];
        }
        if (!SolveInPlace(q, p, d, d))
        {
            throw new ArithmeticException("MatrixExponential: the Padé denominator V − U is singular; the matrix is too badly scaled.");
        }
        return p;
    }

    private static double[] Identity(int d)
    {
        var e = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            e[i * d + i] = 1;
        }
        return e;
    }

    /// <summary>target += c · source.</summary>
    private static void AddScaled(double[] target, double[] source, double c) => TensorPrimitives.MultiplyAdd(source, c, target, target);

    /// <summary>
    /// A⁻¹ and log |det A| = Σ log |uᵢᵢ| by <see cref="SolveInPlace(double[], double[], int, int)"/> on the identity
    /// (LU with partial pivoting, as LAPACK's getri: Gauss–Jordan inversion leaves larger residuals on the indefinite,
    /// ill-conditioned matrices L-BFGS-B inverts); null when a pivot is zero (A singular to working precision).
    /// </summary>
    public static (double[] Inverse, double LogAbsDeterminant)? Invert(double[] a, int d)
    {
        var factors = (double[])a.Clone();
        var inverse = Identity(d);
        if (!SolveInPlace(factors, inverse, d, d))
        {
            return null;
        }
        double logDet = 0;
        for (int i = 0; i < d; i++)
        {
            logDet += Math.Log(Math.Abs(factors[i * d + i]));
        }
        return (inverse, logDet);
    }

    /// <summary>The solution x of A x = b, as <see cref="SolveInPlace(double[], double[], int, int)"/> with one column.</summary>
    public static bool SolveInPlace(double[] a, double[] b, int d) => SolveInPlace(a, b, d, 1);

    /// <summary>
    /// The solution X (d × columns, row-major) of A X = B by Gaussian elimination with partial pivoting and back
    /// substitution, d³/3 + d²·columns multiply-adds: A is overwritten by its factors, B by X. False when a pivot is
    /// zero or not finite (A singular to working precision).
    /// </summary>
    public static bool SolveInPlace(double[] a, double[] b, int d, int columns)
    {
        for (int col = 0; col < d; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < d; r++)
            {
                if (Math.Abs(a[r * d + col]) > Math.Abs(a[pivot * d + col]))
                {
                    pivot = r;
                }
            }
            double p = a[pivot * d + col];
            if (p == 0 || !double.IsFinite(p))
            {
                return false;
            }
            if (pivot != col)
            {
                SwapRows(a, pivot, col, d);
                SwapRows(b, pivot, col, columns);
            }
            var pivotRow = a.AsSpan(col * d + col + 1, d - col - 1);
            var pivotRight = b.AsSpan(col * columns, columns);
            for (int r = col + 1; r < d; r++)
            {
                double factor = a[r * d + col] / p;
                if (factor == 0)
                {
                    continue;
                }
                // row r −= factor · row col, right of the pivot column and on B.
                SubtractScaled(a.AsSpan(r * d + col + 1, d - col - 1), pivotRow, factor);
                SubtractScaled(b.AsSpan(r * columns, columns), pivotRight, factor);
            }
        }
        for (int r = d - 1; r >= 0; r--)
        {
            var right = b.AsSpan(r * columns, columns);
            for (int c = r + 1; c < d; c++)
            {
                SubtractScaled(right, b.AsSpan(c * columns, columns), a[r * d + c]);
            }
            TensorPrimitives.Divide(right, a[r * d + r], right);
        }
        return true;
    }

    /// <summary>
    /// target −= factor · source, on <see cref="Vector{T}"/>s and then one by one: these rows are a few dozen entries
    /// long, where a library call's set-up costs as much as the arithmetic.
    /// </summary>
    private static void SubtractScaled(Span<double> target, ReadOnlySpan<double> source, double factor)
    {
        int width = Vector<double>.Count;
        var minus = new Vector<double>(-factor);
        int j = 0;
        for (; j + width <= target.Length; j += width)
        {
            Vector.FusedMultiplyAdd(minus, new Vector<double>(source[j..]), new Vector<double>(target[j..])).CopyTo(target[j..]);
        }
        for (; j < target.Length; j++)
        {
            target[j] -= factor * source[j];
        }
    }

    private static void SwapRows(double[] a, int r, int s, int d)
    {
        for (int j = 0; j < d; j++)
        {
            (a[r * d + j], a[s * d + j]) = (a[s * d + j], a[r * d + j]);
        }
    }
}
