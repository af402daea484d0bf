using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Leibniz.Causal.Discovery;

/// <summary>
/// Plain loops on d × d row-major arrays, for the small matrices of NOTEARS (d up to a few hundred): a general
/// library's multiply costs more in set-up and scratch memory than these products cost in arithmetic.
/// </summary>
internal static class SquareMatrix
{
    /// <summary>
    /// C = A·B (i-k-j order, so the inner loop runs along rows of B and C: c[i, :] += a[i, k] · b[k, :]), the row
    /// update written on <see cref="Vector{T}"/> views of the rows, since a library call per row of length d costs
    /// more than its arithmetic at these sizes.
    /// </summary>
    public static double[] Multiply(double[] a, double[] b, int d)
    {
        var c = new double[d * d];
        int vectorEnd = d - d % Vector<double>.Count;
        for (int i = 0; i < d; i++)
        {
            int row = i * d;
            var cRow = MemoryMarshal.Cast<double, Vector<double>>(c.AsSpan(row, vectorEnd));
            for (int k = 0; k < d; k++)
            {
                double aik = a[row + k];
                if (aik == 0)
                {
                    continue;
                }
                var factor = new Vector<double>(aik);
                var bRow = MemoryMarshal.Cast<double, Vector<double>>(b.AsSpan(k * d, vectorEnd));
                for (int j = 0; j < cRow.Length; j++)
                {
                    cRow[j] += factor * bRow[j];
                }
                for (int j = vectorEnd; j < d; j++)
                {
                    c[row + j] += aik * b[k * d + j];
                }
            }
        }
        return c;
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
    /// e^A by scaling and squaring with the diagonal Padé approximant r_m = (V − U)⁻¹(V + U) of degree m ∈ {3, 5, 7, 9, 13}
    /// (Higham 2005, Algorithm 2.3, as SciPy's <c>expm</c>): the smallest m whose θ_m bounds ‖A‖₁ gives a backward
    /// error below the unit roundoff; beyond θ₁₃, A is scaled by 2^−s first and the result squared s times. That is at
    /// most six products and one solve where the Taylor series needs about twenty products.
    /// </summary>
    public static double[] Exponential(double[] a, int d)
    {
        double norm = OneNorm(a, d);
        if (!double.IsFinite(norm))
        {
            throw new ArgumentException("MatrixExponential: the matrix has a non-finite entry.", nameof(a));
        }
        double[] thetas = [1.495585217958292e-2, 2.539398330063230e-1, 9.504178996162932e-1, 2.097847961257068];
        int[] degrees = [3, 5, 7, 9];
        for (int k = 0; k < degrees.Length; k++)
        {
            if (norm <= thetas[k])
            {
                return PadeLow(a, d, degrees[k]);
            }
        }
        const double Theta13 = 5.371920351148152;
        int squarings = norm > Theta13 ? (int)Math.Ceiling(Math.Log2(norm / Theta13)) : 0;
        double factor = Math.Pow(2, -squarings);
        var scaled = new double[d * d];
        for (int i = 0; i < scaled.Length; i++)
        {
            scaled[i] = a[i] * factor;
        }
        var r = Pade13(scaled, d);
        for (int k = 0; k < squarings; k++)
        {
            r = Multiply(r, r, d);
        }
        return r;
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
        var (inverse, _) = Invert(q, d) ?? throw new ArithmeticException("MatrixExponential: the Padé denominator V − U is singular; the matrix is too badly scaled.");
        return Multiply(inverse, p, d);
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
    /// A⁻¹ and log |det A| by Gauss–Jordan elimination with partial pivoting (row operations vectorised); null when a
    /// pivot is zero (A singular to working precision).
    /// </summary>
    public static (double[] Inverse, double LogAbsDeterminant)? Invert(double[] a, int d)
    {
        // Work on [A | I] as two d × d arrays.
        var left = (double[])a.Clone();
        var right = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            right[i * d + i] = 1;
        }
        double logDet = 0;
        for (int col = 0; col < d; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < d; r++)
            {
                if (Math.Abs(left[r * d + col]) > Math.Abs(left[pivot * d + col]))
                {
                    pivot = r;
                }
            }
            double p = left[pivot * d + col];
            if (p == 0 || !double.IsFinite(p))
            {
                return null;
            }
            if (pivot != col)
            {
                SwapRows(left, pivot, col, d);
                SwapRows(right, pivot, col, d);
            }
            logDet += Math.Log(Math.Abs(p));
            TensorPrimitives.Multiply(left.AsSpan(col * d, d), 1 / p, left.AsSpan(col * d, d));
            TensorPrimitives.Multiply(right.AsSpan(col * d, d), 1 / p, right.AsSpan(col * d, d));
            for (int r = 0; r < d; r++)
            {
                double factor = left[r * d + col];
                if (r == col || factor == 0)
                {
                    continue;
                }
                // row r −= factor · row col, on both halves.
                var lr = left.AsSpan(r * d, d);
                TensorPrimitives.MultiplyAdd(left.AsSpan(col * d, d), -factor, lr, lr);
                var rr = right.AsSpan(r * d, d);
                TensorPrimitives.MultiplyAdd(right.AsSpan(col * d, d), -factor, rr, rr);
            }
        }
        return (right, logDet);
    }

    private static void SwapRows(double[] a, int r, int s, int d)
    {
        for (int j = 0; j < d; j++)
        {
            (a[r * d + j], a[s * d + j]) = (a[s * d + j], a[r * d + j]);
        }
    }
}
