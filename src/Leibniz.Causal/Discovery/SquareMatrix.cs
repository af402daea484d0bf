using System.Numerics.Tensors;

namespace Leibniz.Causal.Discovery;

/// <summary>
/// Plain loops on d × d row-major arrays, for the small matrices of NOTEARS (d up to a few hundred): a general
/// library's multiply costs more in set-up and scratch memory than these products cost in arithmetic.
/// </summary>
internal static class SquareMatrix
{
    /// <summary>C = A·B (i-k-j order, so the inner loop runs along rows of B and C).</summary>
    public static double[] Multiply(double[] a, double[] b, int d)
    {
        var c = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            int row = i * d;
            for (int k = 0; k < d; k++)
            {
                double aik = a[row + k];
                if (aik == 0)
                {
                    continue;
                }
                // c[i, :] += a[i, k] · b[k, :], vectorised.
                var cRow = c.AsSpan(row, d);
                TensorPrimitives.MultiplyAdd(b.AsSpan(k * d, d), aik, cRow, cRow);
            }
        }
        return c;
    }

    /// <summary>The largest absolute row sum ‖A‖∞.</summary>
    public static double InfinityNorm(double[] a, int d)
    {
        double most = 0;
        for (int i = 0; i < d; i++)
        {
            double sum = 0;
            for (int j = 0; j < d; j++)
            {
                sum += Math.Abs(a[i * d + j]);
            }
            most = Math.Max(most, sum);
        }
        return most;
    }

    /// <summary>e^A by scaling and squaring with a Taylor series (see <see cref="MatrixExponential"/>).</summary>
    public static double[] Exponential(double[] a, int d)
    {
        double norm = InfinityNorm(a, d);
        if (!double.IsFinite(norm))
        {
            throw new ArgumentException("MatrixExponential: the matrix has a non-finite entry.", nameof(a));
        }
        int squarings = norm > 0.5 ? (int)Math.Ceiling(Math.Log2(norm / 0.5)) : 0;
        double factor = Math.Pow(2, -squarings);
        var scaled = new double[d * d];
        for (int i = 0; i < scaled.Length; i++)
        {
            scaled[i] = a[i] * factor;
        }
        var sum = new double[d * d];
        var term = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            sum[i * d + i] = 1;
            term[i * d + i] = 1;
        }
        for (int k = 1; k <= 40; k++)
        {
            term = Multiply(term, scaled, d);
            for (int i = 0; i < term.Length; i++)
            {
                term[i] /= k;
                sum[i] += term[i];
            }
            if (InfinityNorm(term, d) <= 1e-17 * InfinityNorm(sum, d))
            {
                break;
            }
        }
        for (int s = 0; s < squarings; s++)
        {
            sum = Multiply(sum, sum, d);
        }
        return sum;
    }
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
