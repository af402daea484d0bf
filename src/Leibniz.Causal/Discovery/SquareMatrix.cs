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
}
