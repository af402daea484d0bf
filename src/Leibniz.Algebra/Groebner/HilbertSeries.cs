using System.Numerics;
using Leibniz.Algebra.Polynomials;

namespace Leibniz.Algebra.Groebner;

/// <summary>
/// The Hilbert series of R/M for a monomial ideal M in n variables, HS(t) = N(t)/(1 − t)ⁿ, written as
/// Q(t)/(1 − t)^d with Q(1) ≠ 0: d is the Krull dimension of R/M and Q(1) its degree (multiplicity). For the initial
/// ideal of an ideal I in a degree-compatible order these are the dimension and degree of I (of its projective
/// closure, for an inhomogeneous I), as Singular's <c>dim</c> and <c>mult</c> report them. The numerator is computed
/// by Bigatti's pivot rule, N(M) = N(M + ⟨p⟩) + t^{deg p} N(M : p) with p a power of the most frequent variable, down
/// to ideals whose generators are pairwise coprime, where N = Π (1 − t^{deg mᵢ}).
/// </summary>
public sealed class HilbertSeries
{
    private HilbertSeries(int variables, BigInteger[] numerator, BigInteger[] reduced, int dimension)
    {
        Variables = variables;
        Numerator = numerator;
        ReducedNumerator = reduced;
        Dimension = dimension;
    }

    /// <summary>n, the number of variables.</summary>
    public int Variables { get; }

    /// <summary>N(t), coefficients from t⁰ up, of HS = N(t)/(1 − t)ⁿ (Singular's first Hilbert series).</summary>
    public IReadOnlyList<BigInteger> Numerator { get; }

    /// <summary>Q(t) with HS = Q(t)/(1 − t)^d and Q(1) ≠ 0 (Singular's second Hilbert series); empty for the unit ideal.</summary>
    public IReadOnlyList<BigInteger> ReducedNumerator { get; }

    /// <summary>d, the Krull dimension of R/M; −1 for the unit ideal.</summary>
    public int Dimension { get; }

    /// <summary>Q(1), the degree; 0 for the unit ideal.</summary>
    public BigInteger Degree => ReducedNumerator.Aggregate(BigInteger.Zero, (s, c) => s + c);

    /// <summary>The Hilbert series of R/in(I) from a Gröbner basis of I (its lead monomials).</summary>
    public static HilbertSeries OfLeadMonomials<T>(IReadOnlyList<Polynomial<T>> groebnerBasis, PolynomialRing<T> ring)
    {
        var layout = ring.Layout;
        var monomials = new List<int[]>();
        foreach (var g in groebnerBasis)
        {
            if (g.IsZero)
            {
                continue;
            }
            var e = new int[ring.VariableCount];
            layout.Decode(g.LeadMonomial, e);
            monomials.Add(e);
        }
        return OfMonomials(monomials, ring.VariableCount);
    }

    /// <summary>The Hilbert series of R/⟨monomials⟩ in <paramref name="variables"/> variables.</summary>
    public static HilbertSeries OfMonomials(IReadOnlyList<int[]> monomials, int variables)
    {
        var numerator = Trim(Numer(Minimal(monomials)));
        // Divide by (1 − t) while t = 1 is a root: N = (1 − t)^(n − d) Q.
        var q = numerator;
        int dimension = variables;
        if (q.Length == 0)
        {
            return new HilbertSeries(variables, numerator, [], -1);
        }
        while (dimension > 0 && q.Aggregate(BigInteger.Zero, (s, c) => s + c).IsZero)
        {
            q = DivideByOneMinusT(q);
            dimension--;
        }
        return new HilbertSeries(variables, numerator, q, dimension);
    }

    /// <summary>The Hilbert function h(k) = dim (R/M)_k, the series' k-th coefficient: Σ_i N_i C(k − i + n − 1, n − 1).</summary>
    public BigInteger HilbertFunction(int k)
    {
        BigInteger sum = BigInteger.Zero;
        for (int i = 0; i < Numerator.Count && i <= k; i++)
        {
            sum += Numerator[i] * Binomial(k - i + Variables - 1, Variables - 1);
        }
        return sum;
    }

    /// <summary>
    /// The Hilbert polynomial P(k), equal to the Hilbert function for all large k: with HS = Q(t)/(1 − t)^d,
    /// P(k) = Σ_i Q_i C(k − i + d − 1, d − 1), coefficients of k⁰, k¹, … (empty for the zero polynomial, when d ≤ 0:
    /// for d = 0 the Hilbert function is eventually 0).
    /// </summary>
    public IReadOnlyList<Fields.Rational> HilbertPolynomial()
    {
        var field = Fields.RationalField.Instance;
        int d = Dimension;
        if (d <= 0)
        {
            return [];
        }
        // C(k − i + d − 1, d − 1) = Π_{j=1}^{d−1} (k − i + j) / (d − 1)!, expanded in k.
        var total = new Fields.Rational[d];
        for (int i = 0; i < ReducedNumerator.Count; i++)
        {
            Fields.Rational[] term = [field.One];
            for (int j = 1; j < d; j++)
            {
                var next = new Fields.Rational[term.Length + 1];
                var shift = field.FromInteger(j - i);
                for (int a = 0; a < term.Length; a++)
                {
                    next[a] = field.Add(next[a], field.Multiply(term[a], shift));
                    next[a + 1] = field.Add(next[a + 1], term[a]);
                }
                term = next;
            }
            var scale = field.Divide(new Fields.Rational(ReducedNumerator[i]), new Fields.Rational(Factorial(d - 1)));
            for (int a = 0; a < term.Length; a++)
            {
                total[a] = field.Add(total[a], field.Multiply(term[a], scale));
            }
        }
        return total;
    }

    /// <summary>P(k) as text, <c>3*k + 1</c>.</summary>
    public string FormatHilbertPolynomial()
    {
        var p = HilbertPolynomial();
        var field = Fields.RationalField.Instance;
        var parts = new List<string>();
        for (int a = p.Count - 1; a >= 0; a--)
        {
            if (field.IsZero(p[a]))
            {
                continue;
            }
            bool negative = p[a].Numerator.Sign < 0;
            var magnitude = negative ? field.Negate(p[a]) : p[a];
            string number = magnitude.ToString();
            string monomial = a == 0 ? number : (number == "1" ? "" : number + "*") + (a == 1 ? "k" : $"k^{a}");
            parts.Add(parts.Count == 0 ? (negative ? "-" : "") + monomial : (negative ? "- " : "+ ") + monomial);
        }
        return parts.Count == 0 ? "0" : string.Join(" ", parts);
    }

    private static BigInteger Factorial(int n)
    {
        BigInteger f = BigInteger.One;
        for (int i = 2; i <= n; i++)
        {
            f *= i;
        }
        return f;
    }

    /// <summary>N(t) as text, <c>1 - 3*t^2 + 2*t^3</c>.</summary>
    public static string Format(IReadOnlyList<BigInteger> coefficients)
    {
        var parts = new List<string>();
        for (int i = 0; i < coefficients.Count; i++)
        {
            var c = coefficients[i];
            if (c.IsZero)
            {
                continue;
            }
            string sign = c.Sign < 0 ? "-" : "+";
            var a = BigInteger.Abs(c);
            string mon = i == 0 ? a.ToString() : (a.IsOne ? "" : a + "*") + (i == 1 ? "t" : $"t^{i}");
            parts.Add(parts.Count == 0 ? (c.Sign < 0 ? "-" : "") + mon : $"{sign} {mon}");
        }
        return parts.Count == 0 ? "0" : string.Join(" ", parts);
    }

    private static BigInteger[] Numer(List<int[]> gens)
    {
        if (gens.Count == 0)
        {
            return [BigInteger.One];
        }
        if (gens.Any(g => g.All(e => e == 0)))
        {
            return [];
        }
        int n = gens[0].Length;
        // Base case: pairwise coprime generators, N = Π (1 − t^{deg mᵢ}).
        var counts = new int[n];
        foreach (var g in gens)
        {
            for (int v = 0; v < n; v++)
            {
                counts[v] += g[v] > 0 ? 1 : 0;
            }
        }
        int pivotVariable = 0;
        for (int v = 1; v < n; v++)
        {
            if (counts[v] > counts[pivotVariable])
            {
                pivotVariable = v;
            }
        }
        if (counts[pivotVariable] <= 1)
        {
            BigInteger[] product = [BigInteger.One];
            foreach (var g in gens)
            {
                product = Multiply(product, OneMinusTPower(g.Sum()));
            }
            return product;
        }
        // Pivot p = x^e with e the median positive exponent of x among the generators, kept below the exponent of a
        // pure power x^a in M so that p ∉ M (then M + ⟨p⟩ and M : p are both closer to the base case; a ≥ 2 because
        // x alone would be the only generator containing x).
        var exponents = gens.Where(g => g[pivotVariable] > 0).Select(g => g[pivotVariable]).Order().ToArray();
        int e = exponents[exponents.Length / 2];
        foreach (var g in gens)
        {
            if (g[pivotVariable] > 0 && g.Sum() == g[pivotVariable])
            {
                e = Math.Min(e, g[pivotVariable] - 1);
            }
        }
        var pivot = new int[n];
        pivot[pivotVariable] = e;
        var plus = new List<int[]>(gens) { pivot };
        var colon = gens.Select(g =>
        {
            var q = (int[])g.Clone();
            q[pivotVariable] = Math.Max(0, q[pivotVariable] - e);
            return q;
        }).ToList();
        var left = Numer(Minimal(plus));
        var right = Numer(Minimal(colon));
        var shifted = new BigInteger[right.Length + e];
        Array.Copy(right, 0, shifted, e, right.Length);
        return Add(left, shifted);
    }

    /// <summary>The minimal generators of the ideal the monomials generate.</summary>
    private static List<int[]> Minimal(IReadOnlyList<int[]> monomials)
    {
        var sorted = monomials.OrderBy(m => m.Sum()).ToList();
        var kept = new List<int[]>();
        foreach (var m in sorted)
        {
            bool redundant = false;
            foreach (var k in kept)
            {
                if (Divides(k, m))
                {
                    redundant = true;
                    break;
                }
            }
            if (!redundant)
            {
                kept.Add(m);
            }
        }
        return kept;
    }

    private static bool Divides(int[] a, int[] b)
    {
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] > b[i])
            {
                return false;
            }
        }
        return true;
    }

    private static BigInteger[] OneMinusTPower(int d)
    {
        var p = new BigInteger[d + 1];
        p[0] += 1;
        p[d] -= 1;
        return p;
    }

    private static BigInteger[] Multiply(BigInteger[] a, BigInteger[] b)
    {
        var c = new BigInteger[a.Length + b.Length - 1];
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i].IsZero)
            {
                continue;
            }
            for (int j = 0; j < b.Length; j++)
            {
                c[i + j] += a[i] * b[j];
            }
        }
        return c;
    }

    private static BigInteger[] Add(BigInteger[] a, BigInteger[] b)
    {
        var c = new BigInteger[Math.Max(a.Length, b.Length)];
        for (int i = 0; i < c.Length; i++)
        {
            c[i] = (i < a.Length ? a[i] : 0) + (i < b.Length ? b[i] : 0);
        }
        return c;
    }

    /// <summary>q with p = (1 − t)·q, by synthetic division: q_i = Σ_{j ≤ i} p_j.</summary>
    private static BigInteger[] DivideByOneMinusT(BigInteger[] p)
    {
        var q = new BigInteger[Math.Max(0, p.Length - 1)];
        BigInteger running = BigInteger.Zero;
        for (int i = 0; i < q.Length; i++)
        {
            running += p[i];
            q[i] = running;
        }
        return Trim(q);
    }

    private static BigInteger[] Trim(BigInteger[] p)
    {
        int length = p.Length;
        while (length > 0 && p[length - 1].IsZero)
        {
            length--;
        }
        return p[..length];
    }

    private static BigInteger Binomial(int n, int k)
    {
        if (k < 0 || n < k)
        {
            return n == -1 && k == -1 ? 1 : 0;
        }
        BigInteger r = 1;
        for (int i = 1; i <= k; i++)
        {
            r = r * (n - k + i) / i;
        }
        return r;
    }
}
