using Leibniz.Algebra.Fields;
using Leibniz.Algebra.Polynomials;
using Leibniz.Numerics;

namespace Leibniz.Algebra.Ideals;

/// <summary>How the degree of a random monomial is drawn, over 0, …, d (deepgroebner's <c>degree_distribution</c>).</summary>
public enum DegreeDistribution
{
    /// <summary>P(i) ∝ C(n + i − 1, n − 1): every monomial of degree ≤ d equally likely.</summary>
    Uniform,

    /// <summary>P(i) ∝ 1 for 1 ≤ i ≤ d: every degree equally likely, then a monomial of it uniformly.</summary>
    Weighted,

    /// <summary>P(d) = 1: monomials of the top degree only.</summary>
    Maximum,
}

/// <summary>
/// deepgroebner's random ideals over GF(32003) in x0, …, x_{n−1}, grevlex, named as its code names them:
/// <c>n-d-s-{uniform,weighted,maximum}[-consts][-homog][-pure]</c> are s random binomials m₁ + c·m₂ (m₁ &gt; m₂, the
/// degrees drawn from the distribution, the same for both when homog, c uniform in [1, p) or −1 when pure);
/// <c>n-d-s-λ-{uniform,…}[-consts][-homog]</c> are s polynomials of 2 + Poisson(λ) random terms, made monic; and
/// <c>cyclic-n</c>, <c>katsura-n</c> are those fixed ideals. Constants get weight 1 in degree 0 when consts (a binomial
/// whose two degrees both came out 0 has its degrees drawn again, where deepgroebner stops with an error).
/// </summary>
public sealed class IdealDistribution
{
    /// <summary>The forms <see cref="Parse"/> accepts.</summary>
    public const string ValidForms = "n-d-s-{uniform,weighted,maximum}[-consts][-homog][-pure], n-d-s-λ-{uniform,weighted,maximum}[-consts][-homog], cyclic-n, katsura-n";

    private readonly IReadOnlyList<Polynomial<int>>? _fixed;
    private readonly List<int[]>[] _bases = [];
    private readonly double[] _degreeCdf = [];

    private IdealDistribution(string name, PolynomialRing<int> ring, IReadOnlyList<Polynomial<int>>? fixedIdeal)
    {
        Name = name;
        Ring = ring;
        _fixed = fixedIdeal;
    }

    private IdealDistribution(string name, PolynomialRing<int> ring, int maxDegree, int size, DegreeDistribution degrees,
        bool constants, bool homogeneous, bool pure, double? lambda)
        : this(name, ring, null)
    {
        Size = size;
        MaxDegree = maxDegree;
        Degrees = degrees;
        Constants = constants;
        Homogeneous = homogeneous;
        Pure = pure;
        Lambda = lambda;
        int n = ring.VariableCount;
        _bases = [.. Enumerable.Range(0, maxDegree + 1).Select(d => MonomialsOfDegree(n, d))];
        var weights = new double[maxDegree + 1];
        weights[0] = constants ? 1 : 0;
        for (int i = 1; i <= maxDegree; i++)
        {
            weights[i] = degrees switch
            {
                DegreeDistribution.Uniform => _bases[i].Count,
                DegreeDistribution.Weighted => 1,
                _ => i == maxDegree ? 1 : 0,
            };
        }
        double total = weights.Sum();
        _degreeCdf = new double[weights.Length];
        double running = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            running += weights[i] / total;
            _degreeCdf[i] = running;
        }
    }

    /// <summary>The name, as parsed.</summary>
    public string Name { get; }

    /// <summary>The ring the ideals live in.</summary>
    public PolynomialRing<int> Ring { get; }

    /// <summary>Whether every draw is the same ideal (cyclic-n, katsura-n).</summary>
    public bool IsFixed => _fixed is not null;

    /// <summary>Generators per ideal (s).</summary>
    public int Size { get; }

    /// <summary>The largest monomial degree (d).</summary>
    public int MaxDegree { get; }

    /// <summary>How degrees are drawn.</summary>
    public DegreeDistribution Degrees { get; }

    /// <summary>Whether degree 0 (constants) has weight 1.</summary>
    public bool Constants { get; }

    /// <summary>Whether all monomials of a generator have the same degree.</summary>
    public bool Homogeneous { get; }

    /// <summary>Whether binomials are m₁ − m₂.</summary>
    public bool Pure { get; }

    /// <summary>The Poisson mean of extra terms for general (non-binomial) ideals; null for binomials.</summary>
    public double? Lambda { get; }

    /// <summary>Parses a distribution name (<see cref="ValidForms"/>).</summary>
    /// <exception cref="FormatException">The name is not of one of the forms.</exception>
    public static IdealDistribution Parse(string text, int prime = PrimeField.DefaultPrime)
    {
        var parts = text.Trim().ToLowerInvariant().Split('-');
        if (parts.Length == 2 && (parts[0] == "cyclic" || parts[0] == "katsura") && int.TryParse(parts[1], out int k) && k >= 2)
        {
            var ring = parts[0] == "cyclic" ? StandardIdeals.CyclicRing(k, prime) : StandardIdeals.KatsuraRing(k, prime);
            var ideal = parts[0] == "cyclic" ? StandardIdeals.Cyclic(ring) : StandardIdeals.Katsura(ring);
            return new IdealDistribution(text.Trim(), ring, ideal);
        }
        if (parts.Length < 4 || !int.TryParse(parts[0], out int n) || !int.TryParse(parts[1], out int d) || !int.TryParse(parts[2], out int s)
            || n < 1 || n > 64 || d < 1 || d > 200 || s < 1)
        {
            throw Invalid(text, "expected n-d-s first, with 1 ≤ n ≤ 64 variables, 1 ≤ d ≤ 200 and s ≥ 1 generators");
        }
        double monomials = 1;
        for (int i = 1; i < n; i++)
        {
            monomials = monomials * (d + i) / i;
        }
        if (monomials > 2e6)
        {
            throw Invalid(text, $"{n} variables up to degree {d} give {monomials:G3} monomials, more than the 2·10⁶ this sampler lists");
        }
        int next = 3;
        double? lambda = null;
        if (double.TryParse(parts[3], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double lam))
        {
            if (lam < 0 || lam > 100)
            {
                throw Invalid(text, $"λ = {lam} must lie in [0, 100]");
            }
            lambda = lam;
            next = 4;
        }
        if (next >= parts.Length || !Enum.TryParse<DegreeDistribution>(parts[next], ignoreCase: true, out var dist) || int.TryParse(parts[next], out _))
        {
            throw Invalid(text, "the degree distribution must be uniform, weighted or maximum");
        }
        bool consts = false, homog = false, pure = false;
        foreach (var flag in parts.Skip(next + 1))
        {
            switch (flag)
            {
                case "consts": consts = true; break;
                case "homog": homog = true; break;
                case "pure" when lambda is null: pure = true; break;
                default: throw Invalid(text, $"unknown flag '{flag}' (flags: consts, homog, and pure for binomials)");
            }
        }
        var r = new PolynomialRing<int>(StandardIdeals.IndexedVariables(n), new PrimeField(prime), MonomialOrder.Grevlex(n));
        return new IdealDistribution(text.Trim(), r, d, s, dist, consts, homog, pure, lambda);
    }

    /// <summary>One ideal, drawn with <paramref name="random"/> (the fixed ideal for cyclic-n and katsura-n).</summary>
    public IReadOnlyList<Polynomial<int>> Sample(Generator random)
    {
        if (_fixed is not null)
        {
            return _fixed;
        }
        var ideal = new List<Polynomial<int>>(Size);
        for (int g = 0; g < Size; g++)
        {
            ideal.Add(Lambda is null ? Binomial(random) : General(random, Lambda.Value));
        }
        return ideal;
    }

    /// <summary>m₁ + c·m₂ with m₁ &gt; m₂ distinct monomials.</summary>
    private Polynomial<int> Binomial(Generator random)
    {
        var field = Ring.Field;
        int c = Pure ? field.Negate(1) : 1 + (int)random.NextInt64(field.Characteristic - 1);
        int d1 = DrawDegree(random);
        int d2 = Homogeneous ? d1 : DrawDegree(random);
        // Two constants never make a binomial (deepgroebner gives up after 1000 draws): draw the degrees again.
        while (d1 == 0 && d2 == 0)
        {
            d1 = DrawDegree(random);
            d2 = Homogeneous ? d1 : DrawDegree(random);
        }
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            var m1 = Ring.Term(1, Draw(d1, random));
            var m2 = Ring.Term(1, Draw(d2, random));
            int cmp = Ring.Layout.Compare(m1.LeadMonomial, m2.LeadMonomial);
            if (cmp != 0)
            {
                return cmp > 0 ? m1 + m2.Scale(c) : m2 + m1.Scale(c);
            }
        }
        throw new InvalidOperationException($"{Name}: no two distinct monomials of degrees {d1} and {d2} in 1000 draws.");
    }

    /// <summary>2 + Poisson(λ) terms with random coefficients, made monic (terms may coincide and add).</summary>
    private Polynomial<int> General(Generator random, double lambda)
    {
        while (true)
        {
            int terms = 2 + Poisson(random, lambda);
            var f = Ring.Zero;
            int d = DrawDegree(random);
            for (int t = 0; t < terms; t++)
            {
                int c = 1 + (int)random.NextInt64(Ring.Field.Characteristic - 1);
                f += Ring.Term(c, Draw(d, random));
                if (!Homogeneous)
                {
                    d = DrawDegree(random);
                }
            }
            if (!f.IsZero)
            {
                return f.Monic();
            }
        }
    }

    private int DrawDegree(Generator random)
    {
        double u = random.NextDouble();
        for (int i = 0; i < _degreeCdf.Length; i++)
        {
            if (u < _degreeCdf[i] && (i > 0 || Constants))
            {
                return i;
            }
        }
        return MaxDegree;
    }

    private int[] Draw(int degree, Generator random)
    {
        var basis = _bases[degree];
        return basis[(int)random.NextInt64(basis.Count)];
    }

    /// <summary>Knuth's product of uniforms: the count k with Π_{i≤k} uᵢ &gt; e^{−λ}.</summary>
    private static int Poisson(Generator random, double lambda)
    {
        double limit = Math.Exp(-lambda), product = random.NextDouble();
        int k = 0;
        while (product > limit)
        {
            k++;
            product *= random.NextDouble();
        }
        return k;
    }

    /// <summary>All exponent vectors of total degree d in n variables.</summary>
    private static List<int[]> MonomialsOfDegree(int n, int d)
    {
        var result = new List<int[]>();
        var e = new int[n];
        void Fill(int position, int left)
        {
            if (position == n - 1)
            {
                e[position] = left;
                result.Add((int[])e.Clone());
                return;
            }
            for (int a = left; a >= 0; a--)
            {
                e[position] = a;
                Fill(position + 1, left - a);
            }
        }
        Fill(0, d);
        return result;
    }

    private static FormatException Invalid(string text, string problem) =>
        new($"ideal distribution '{text}': {problem}; valid forms: {ValidForms}.");
}
