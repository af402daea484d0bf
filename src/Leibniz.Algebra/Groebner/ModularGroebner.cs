using System.Diagnostics;
using System.Numerics;
using Leibniz.Algebra.Fields;
using Leibniz.Algebra.Polynomials;

namespace Leibniz.Algebra.Groebner;

/// <summary>
/// Reduced Gröbner bases over ℚ by modular computation (Arnold 2003; Singular's modStd): for primes p just below 2³¹,
/// the reduced basis of the ideal mod p; bases with the same lead monomials are combined coefficient by coefficient
/// by the Chinese remainder theorem and lifted to ℚ by rational reconstruction (Wang: a/b ≡ r mod M with
/// |a|, b ≤ √(M/2)). A lift that the next prime does not change is a candidate, and a candidate is returned only
/// once it passes the exact check over ℚ (<see cref="GroebnerCheck"/>: every generator and every S-pair reduces to
/// zero), so the answer is exact, not probable. Primes dividing a denominator are skipped; a prime whose lead
/// monomials differ from the majority's is set aside (an unlucky prime).
/// </summary>
public static class ModularGroebner
{
    /// <summary>The reduced Gröbner basis of ⟨<paramref name="generators"/>⟩ over ℚ, checked exactly.</summary>
    public static GroebnerResult<Rational> Run(PolynomialRing<Rational> ring, IEnumerable<Polynomial<Rational>> generators, GroebnerOptions? options = null, int maxPrimes = 200)
    {
        options ??= new GroebnerOptions();
        var input = generators.Where(g => !g.IsZero).ToList();
        var clock = Stopwatch.StartNew();
        using var stop = options.StartLimits();
        var inner = options with { Timeout = null, Cancellation = stop.Token, Progress = null };
        var groups = new Dictionary<string, List<(int Prime, IReadOnlyList<Polynomial<int>> Basis)>>();
        Polynomial<Rational>[]? previous = null;
        BuchbergerStatistics statistics = new();
        int prime = int.MaxValue;
        for (int used = 0; used < maxPrimes; used++)
        {
            prime = NextPrime(prime, input);
            var field = new PrimeField(prime);
            var modular = new PolynomialRing<int>(ring.Variables, field, ring.Order);
            var images = input.Select(f => Reduce(f, modular)).ToList();
            var result = Buchberger.Run(modular, images, inner);
            statistics = result.Statistics;
            if (!result.IsComplete)
            {
                var status = options.Cancellation.IsCancellationRequested ? GroebnerStatus.Cancelled : result.Status == GroebnerStatus.Cancelled ? GroebnerStatus.TimedOut : result.Status;
                return new GroebnerResult<Rational>(ring, [], status, statistics, clock.Elapsed) { Algorithm = $"modular, stopped at prime {used + 1}" };
            }
            var signature = Signature(result.Basis);
            if (!groups.TryGetValue(signature, out var group))
            {
                groups[signature] = group = [];
            }
            group.Add((prime, result.Basis));
            var majority = groups.Values.MaxBy(g => g.Count)!;
            if (!ReferenceEquals(majority, group))
            {
                continue;
            }
            var lifted = Lift(ring, group);
            if (lifted is null)
            {
                continue;
            }
            bool stable = previous is not null && previous.Length == lifted.Length && previous.Zip(lifted).All(t => t.First.Equals(t.Second));
            previous = lifted;
            if (!stable)
            {
                continue;
            }
            string? failure;
            try
            {
                failure = GroebnerCheck.Failure(lifted, input, stop.Token);
            }
            catch (OperationCanceledException)
            {
                var status = options.Cancellation.IsCancellationRequested ? GroebnerStatus.Cancelled : GroebnerStatus.TimedOut;
                return new GroebnerResult<Rational>(ring, lifted, status, statistics, clock.Elapsed) { Algorithm = $"modular ({group.Count} primes), stopped during the exact check" };
            }
            if (failure is null)
            {
                return new GroebnerResult<Rational>(ring, lifted, GroebnerStatus.Complete, statistics, clock.Elapsed)
                {
                    Verified = true,
                    Algorithm = $"modular ({group.Count} primes of {used + 1}), checked over QQ",
                };
            }
        }
        throw new InvalidOperationException($"no lift to the rationals was confirmed after {maxPrimes} primes; the coefficients may need more (raise maxPrimes) or the primes were unlucky.");
    }

    /// <summary>The largest prime below <paramref name="below"/> that divides no denominator of the input.</summary>
    private static int NextPrime(int below, List<Polynomial<Rational>> input)
    {
        for (int p = below - 1; p > 2; p--)
        {
            if (!PrimeField.IsPrime(p))
            {
                continue;
            }
            bool divides = input.Any(f => Enumerable.Range(0, f.Count).Any(k => (f.Coefficient(k).Denominator % p).IsZero));
            if (!divides)
            {
                return p;
            }
        }
        throw new InvalidOperationException("ran out of primes.");
    }

    /// <summary>f mod p: each a/b as a · b⁻¹ in GF(p).</summary>
    private static Polynomial<int> Reduce(Polynomial<Rational> f, PolynomialRing<int> modular)
    {
        var field = (PrimeField)modular.Field;
        var terms = new List<(int, int[])>(f.Count);
        for (int k = 0; k < f.Count; k++)
        {
            var c = f.Coefficient(k);
            int numerator = (int)BigInteger.Remainder(BigInteger.Remainder(c.Numerator, field.Prime) + field.Prime, field.Prime);
            int denominator = (int)BigInteger.Remainder(c.Denominator, field.Prime);
            terms.Add((field.Divide(numerator, denominator), f.Exponents(k)));
        }
        return modular.FromTerms(terms);
    }

    private static string Signature(IReadOnlyList<Polynomial<int>> basis) =>
        string.Join(";", basis.Select(g => string.Join(",", g.Exponents(0))));

    /// <summary>CRT over the primes of <paramref name="group"/>, then rational reconstruction; null if a coefficient does not lift yet.</summary>
    private static Polynomial<Rational>[]? Lift(PolynomialRing<Rational> ring, List<(int Prime, IReadOnlyList<Polynomial<int>> Basis)> group)
    {
        BigInteger modulus = BigInteger.One;
        foreach (var (p, _) in group)
        {
            modulus *= p;
        }
        var bound = Sqrt(modulus / 2);
        int elements = group[0].Basis.Count;
        var lifted = new Polynomial<Rational>[elements];
        for (int e = 0; e < elements; e++)
        {
            // The union of the images' supports: a coefficient ≡ 0 mod some p is absent from that image (residue 0).
            var support = new Dictionary<string, int[]>();
            var images = new List<Dictionary<string, int>>();
            foreach (var (_, basis) in group)
            {
                var g = basis[e];
                var image = new Dictionary<string, int>();
                for (int k = 0; k < g.Count; k++)
                {
                    var exponents = g.Exponents(k);
                    var key = string.Join(",", exponents);
                    support.TryAdd(key, exponents);
                    image[key] = g.Coefficient(k);
                }
                images.Add(image);
            }
            var terms = new List<(Rational, int[])>();
            foreach (var (key, exponents) in support)
            {
                BigInteger value = BigInteger.Zero, m = BigInteger.One;
                for (int q = 0; q < group.Count; q++)
                {
                    value = Combine(value, m, images[q].GetValueOrDefault(key), group[q].Prime);
                    m *= group[q].Prime;
                }
                if (!Reconstruct(value, modulus, bound, out var rational))
                {
                    return null;
                }
                if (!rational.Numerator.IsZero)
                {
                    terms.Add((rational, exponents));
                }
            }
            lifted[e] = ring.FromTerms(terms);
        }
        return lifted;
    }

    /// <summary>The x mod m·p with x ≡ value (mod m) and x ≡ residue (mod p).</summary>
    private static BigInteger Combine(BigInteger value, BigInteger m, int residue, int p)
    {
        var inverse = BigInteger.ModPow(m % p, p - 2, p);
        var t = ((residue - value % p) % p + p) % p * inverse % p;
        return value + m * t;
    }

    /// <summary>Wang's rational reconstruction: a/b ≡ r (mod m) with |a| ≤ bound, 0 &lt; b ≤ bound, gcd(b, m) = 1.</summary>
    private static bool Reconstruct(BigInteger r, BigInteger m, BigInteger bound, out Rational result)
    {
        BigInteger r0 = m, r1 = ((r % m) + m) % m, t0 = 0, t1 = 1;
        while (r1 > bound)
        {
            var q = r0 / r1;
            (r0, r1) = (r1, r0 - q * r1);
            (t0, t1) = (t1, t0 - q * t1);
        }
        result = default;
        if (BigInteger.Abs(t1) > bound || t1.IsZero || !BigInteger.GreatestCommonDivisor(t1, m).IsOne)
        {
            return false;
        }
        result = t1.Sign < 0 ? new Rational(-r1, -t1) : new Rational(r1, t1);
        return true;
    }

    private static BigInteger Sqrt(BigInteger n)
    {
        if (n.Sign <= 0)
        {
            return BigInteger.Zero;
        }
        // Newton's iteration from above: x ← (x + n/x)/2 decreases to ⌊√n⌋.
        var x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2);
        while (true)
        {
            var y = (x + n / x) >> 1;
            if (y >= x)
            {
                break;
            }
            x = y;
        }
        while (x * x > n)
        {
            x--;
        }
        while ((x + 1) * (x + 1) <= n)
        {
            x++;
        }
        return x;
    }
}
