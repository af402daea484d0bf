using System.Numerics;

namespace Leibniz.Graphs.Certification;

/// <summary>
/// Exact integer arithmetic for certificates: the characteristic polynomial of an integer matrix, determinants,
/// and Sturm sequences that count real roots, so that an eigenvalue can be enclosed in an interval with proof.
/// Polynomials are coefficient arrays, lowest degree first, with no trailing zeros.
/// </summary>
public static class IntegerPolynomial
{
    /// <summary>
    /// det(xI − A) for an integer n×n matrix, by the Faddeev–LeVerrier recurrence
    /// M₁ = I, c_{n−1} = −tr(A); M_k = A·M_{k−1} + c_{n−k+1} I, c_{n−k} = −tr(A·M_k)/k.
    /// Every division is exact over the integers (the c_k are integers); the code checks it.
    /// </summary>
    public static BigInteger[] CharacteristicPolynomial(long[,] matrix)
    {
        int n = matrix.GetLength(0);
        var a = new BigInteger[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i, j] = matrix[i, j];
            }
        }
        var c = new BigInteger[n + 1];
        c[n] = BigInteger.One;
        var m = new BigInteger[n, n];
        for (int i = 0; i < n; i++)
        {
            m[i, i] = BigInteger.One;
        }
        for (int k = 1; k <= n; k++)
        {
            // AM = A · M_k, where M_k has already absorbed c_{n−k+1} I.
            var am = new BigInteger[n, n];
            for (int i = 0; i < n; i++)
            {
                for (int l = 0; l < n; l++)
                {
                    if (a[i, l].IsZero)
                    {
                        continue;
                    }
                    for (int j = 0; j < n; j++)
                    {
                        am[i, j] += a[i, l] * m[l, j];
                    }
                }
            }
            BigInteger trace = BigInteger.Zero;
            for (int i = 0; i < n; i++)
            {
                trace += am[i, i];
            }
            var coefficient = BigInteger.DivRem(-trace, k, out var remainder);
            if (!remainder.IsZero)
            {
                throw new InvalidOperationException("Faddeev–LeVerrier: a division was not exact; the matrix is not integral.");
            }
            c[n - k] = coefficient;
            for (int i = 0; i < n; i++)
            {
                am[i, i] += coefficient;
            }
            m = am;
        }
        return c;
    }

    /// <summary>The determinant of an integer matrix by Bareiss's fraction-free elimination (every division exact).</summary>
    public static BigInteger Determinant(long[,] matrix)
    {
        int n = matrix.GetLength(0);
        if (n == 0)
        {
            return BigInteger.One;
        }
        var a = new BigInteger[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i, j] = matrix[i, j];
            }
        }
        BigInteger previous = BigInteger.One;
        int sign = 1;
        for (int k = 0; k < n - 1; k++)
        {
            if (a[k, k].IsZero)
            {
                int swap = -1;
                for (int i = k + 1; i < n && swap < 0; i++)
                {
                    if (!a[i, k].IsZero)
                    {
                        swap = i;
                    }
                }
                if (swap < 0)
                {
                    return BigInteger.Zero;
                }
                for (int j = 0; j < n; j++)
                {
                    (a[k, j], a[swap, j]) = (a[swap, j], a[k, j]);
                }
                sign = -sign;
            }
            for (int i = k + 1; i < n; i++)
            {
                for (int j = k + 1; j < n; j++)
                {
                    a[i, j] = (a[i, j] * a[k, k] - a[i, k] * a[k, j]) / previous;
                }
            }
            previous = a[k, k];
        }
        return sign * a[n - 1, n - 1];
    }

    /// <summary>p′.</summary>
    public static BigInteger[] Derivative(BigInteger[] p)
    {
        if (p.Length <= 1)
        {
            return [];
        }
        var d = new BigInteger[p.Length - 1];
        for (int i = 1; i < p.Length; i++)
        {
            d[i - 1] = p[i] * i;
        }
        return Trim(d);
    }

    /// <summary>
    /// A Sturm sequence p₀ = p, p₁ = p′, p_{i+1} = −(a positive multiple of) rem(p_{i−1}, p_i), each divided by the
    /// gcd of its coefficients. Positive scalings change no signs, so the sequence counts roots like the textbook one.
    /// The last element is a multiple of gcd(p, p′).
    /// </summary>
    public static List<BigInteger[]> SturmSequence(BigInteger[] p)
    {
        var sequence = new List<BigInteger[]> { Primitive(p) };
        var d = Derivative(p);
        if (d.Length == 0)
        {
            return sequence;
        }
        sequence.Add(Primitive(d));
        while (true)
        {
            var r = PositiveRemainder(sequence[^2], sequence[^1]);
            if (r.Length == 0)
            {
                return sequence;
            }
            for (int i = 0; i < r.Length; i++)
            {
                r[i] = -r[i];
            }
            sequence.Add(Primitive(r));
        }
    }

    /// <summary>The sign of p(a / 2^shift).</summary>
    public static int SignAt(BigInteger[] p, BigInteger numerator, int shift)
    {
        return HornerScaled(p, numerator, shift).Sign;
    }

    /// <summary>Removes trailing zero coefficients.</summary>
    public static BigInteger[] Trim(BigInteger[] p)
    {
        int length = p.Length;
        while (length > 0 && p[length - 1].IsZero)
        {
            length--;
        }
        return length == p.Length ? p : p[..length];
    }

    /// <summary>Σ c_i a^i b^(deg − i) with b = 2^shift: the sign of p(a/b) since b^deg &gt; 0.</summary>
    private static BigInteger HornerScaled(BigInteger[] p, BigInteger a, int shift)
    {
        // v_k = v_{k−1}·a + c_{deg−k}·b^k for k = 1 … deg ends at Σ_i c_i a^i b^(deg−i).
        BigInteger value = p.Length == 0 ? BigInteger.Zero : p[^1];
        int degree = p.Length - 1;
        for (int k = 1; k <= degree; k++)
        {
            value = value * a + (p[degree - k] << (shift * k));
        }
        return value;
    }

    private static BigInteger[] PositiveRemainder(BigInteger[] f, BigInteger[] g)
    {
        // Pseudo-division of |lc(g)|^(deg f − deg g + 1) · f by g: every step multiplies by |lc(g)| > 0.
        var r = (BigInteger[])f.Clone();
        BigInteger lead = g[^1];
        BigInteger scale = BigInteger.Abs(lead);
        int degreeG = g.Length - 1;
        for (int degree = r.Length - 1; degree >= degreeG; degree--)
        {
            BigInteger top = r[degree];
            for (int i = 0; i < r.Length; i++)
            {
                r[i] *= scale;
            }
            if (top.IsZero)
            {
                continue;
            }
            // r ← |lc|·r − (top·sign(lc)) · x^(degree−degG) · g cancels the x^degree term.
            BigInteger factor = top * lead.Sign;
            for (int i = 0; i <= degreeG; i++)
            {
                r[degree - degreeG + i] -= factor * g[i];
            }
        }
        return Trim(r[..Math.Min(r.Length, degreeG)]);
    }

    private static BigInteger[] Primitive(BigInteger[] p)
    {
        BigInteger content = BigInteger.Zero;
        foreach (var c in p)
        {
            content = BigInteger.GreatestCommonDivisor(content, c);
        }
        if (content.IsZero || content.IsOne)
        {
            return p;
        }
        return [.. p.Select(c => c / content)];
    }
}
