namespace Leibniz.Data.Mathematics;

/// <summary>Arithmetic functions by a smallest-prime-factor sieve, exact for 1 ≤ n ≤ N.</summary>
public sealed class ArithmeticFunctions
{
    private readonly int[] _smallestPrime;

    /// <summary>Sieves up to <paramref name="limit"/>.</summary>
    public ArithmeticFunctions(int limit)
    {
        if (limit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The sieve needs a limit of at least 1.");
        }
        Limit = limit;
        _smallestPrime = new int[limit + 1];
        for (int i = 2; i <= limit; i++)
        {
            if (_smallestPrime[i] == 0)
            {
                for (long j = i; j <= limit; j += i)
                {
                    if (_smallestPrime[j] == 0)
                    {
                        _smallestPrime[j] = i;
                    }
                }
            }
        }
    }

    /// <summary>N, the largest n covered.</summary>
    public int Limit { get; }

    /// <summary>The prime factors of n with multiplicity, ascending.</summary>
    public List<int> Factor(int n)
    {
        if (n < 1 || n > Limit)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"The sieve covers 1..{Limit}; build one with a larger limit for n = {n}.");
        }
        var factors = new List<int>();
        while (n > 1)
        {
            int p = _smallestPrime[n];
            factors.Add(p);
            n /= p;
        }
        return factors;
    }

    /// <summary>Möbius μ(n): 0 if a square divides n, else (−1)^(number of prime factors).</summary>
    public int Mobius(int n)
    {
        var f = Factor(n);
        for (int i = 1; i < f.Count; i++)
        {
            if (f[i] == f[i - 1])
            {
                return 0;
            }
        }
        return f.Count % 2 == 0 ? 1 : -1;
    }

    /// <summary>Liouville λ(n) = (−1)^Ω(n).</summary>
    public int Liouville(int n) => Factor(n).Count % 2 == 0 ? 1 : -1;

    /// <summary>Ω(n): the number of prime factors with multiplicity.</summary>
    public int BigOmega(int n) => Factor(n).Count;

    /// <summary>Whether n is prime.</summary>
    public bool IsPrime(int n) => n >= 2 && _smallestPrime[n] == n;

    /// <summary>Whether no square of a prime divides n.</summary>
    public bool IsSquarefree(int n) => Mobius(n) != 0;

    /// <summary>The Mertens function M(x) = Σ_{n ≤ x} μ(n), for 0 ≤ x ≤ N.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="x"/> is negative or above <see cref="Limit"/>.</exception>
    public int Mertens(int x) => SumUpTo(x, nameof(Mertens), Mobius);

    /// <summary>Q(x), the number of squarefree n ≤ x (which tends to 6x/π²), for 0 ≤ x ≤ N.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="x"/> is negative or above <see cref="Limit"/>.</exception>
    public int SquarefreeCount(int x) => SumUpTo(x, nameof(SquarefreeCount), n => IsSquarefree(n) ? 1 : 0);

    private int SumUpTo(int x, string name, Func<int, int> term)
    {
        if (x < 0 || x > Limit)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, $"{name}: x must lie in [0, {Limit}], the range this sieve covers; sieve further with new ArithmeticFunctions({Math.Max(x, 1)}).");
        }
        int sum = 0;
        for (int n = 1; n <= x; n++)
        {
            sum += term(n);
        }
        return sum;
    }

    /// <summary>The first <paramref name="k"/> primes.</summary>
    public static int[] FirstPrimes(int k)
    {
        var primes = new List<int>();
        for (int candidate = 2; primes.Count < k; candidate++)
        {
            if (primes.TrueForAll(p => candidate % p != 0))
            {
                primes.Add(candidate);
            }
        }
        return [.. primes];
    }
}
