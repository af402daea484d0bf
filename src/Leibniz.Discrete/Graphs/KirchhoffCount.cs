using System.Numerics;

namespace Leibniz.Graphs;

/// <summary>
/// The number of spanning trees by Kirchhoff's matrix-tree theorem, exactly: τ = det L₀, the Laplacian with row and
/// column 0 removed, computed modulo enough primes p &lt; 2³¹ (Gaussian elimination in ℤ/p) and put together by the
/// Chinese remainder theorem. Hadamard's bound Π‖row‖ on |det L₀| says how many primes suffice. A second exact method
/// next to the certifier's fraction-free (Bareiss) determinant, so that the certificate is an independent check.
/// </summary>
public static class KirchhoffCount
{
    /// <summary>τ(G): 0 for a disconnected graph, 1 for a single vertex, 0 for the empty graph.</summary>
    public static BigInteger SpanningTrees(Graph graph)
    {
        int n = graph.Order;
        if (n == 0)
        {
            return BigInteger.Zero;
        }
        int size = n - 1;
        var minor = new long[size, size];
        double logBound = 0;
        for (int i = 1; i < n; i++)
        {
            double rowNorm = 0;
            for (int j = 1; j < n; j++)
            {
                minor[i - 1, j - 1] = i == j ? graph.Degree(i) : (graph.Neighbours(i) >> j & 1) == 1 ? -1 : 0;
                rowNorm += (double)minor[i - 1, j - 1] * minor[i - 1, j - 1];
            }
            logBound += 0.5 * Math.Log2(Math.Max(rowNorm, 1));
        }
        // Primes below 2³¹ carry at least 30 bits each; one spare for rounding in the bound.
        int primes = (int)Math.Ceiling((logBound + 2) / 30) + 1;
        BigInteger modulus = BigInteger.One, residue = BigInteger.Zero;
        long p = (1L << 31) - 1;
        for (int used = 0; used < primes; p -= 2)
        {
            if (!IsPrime(p))
            {
                continue;
            }
            long r = DeterminantModulo(minor, p);
            // CRT step: x ≡ residue (mod modulus), x ≡ r (mod p).
            var inverse = BigInteger.ModPow(modulus % p, p - 2, p);
            var step = (r - residue % p + p) % p * inverse % p;
            residue += modulus * step;
            modulus *= p;
            used++;
        }
        return residue;
    }

    /// <summary>det(matrix) mod p by Gaussian elimination in ℤ/p (p prime, below 2³¹, so products fit in a long).</summary>
    private static long DeterminantModulo(long[,] matrix, long p)
    {
        int n = matrix.GetLength(0);
        var a = new long[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i, j] = ((matrix[i, j] % p) + p) % p;
            }
        }
        long det = 1;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            while (pivot < n && a[pivot, col] == 0)
            {
                pivot++;
            }
            if (pivot == n)
            {
                return 0;
            }
            if (pivot != col)
            {
                for (int j = 0; j < n; j++)
                {
                    (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
                }
                det = (p - det) % p;
            }
            det = det * a[col, col] % p;
            long inverse = (long)BigInteger.ModPow(a[col, col], p - 2, p);
            for (int i = col + 1; i < n; i++)
            {
                long factor = a[i, col] * inverse % p;
                if (factor == 0)
                {
                    continue;
                }
                for (int j = col; j < n; j++)
                {
                    a[i, j] = ((a[i, j] - factor * a[col, j]) % p + p) % p;
                }
            }
        }
        return det;
    }

    private static bool IsPrime(long p)
    {
        if (p < 2 || p % 2 == 0)
        {
            return p == 2;
        }
        for (long d = 3; d * d <= p; d += 2)
        {
            if (p % d == 0)
            {
                return false;
            }
        }
        return true;
    }
}
