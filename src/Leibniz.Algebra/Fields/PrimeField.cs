using System.Numerics;
using System.Runtime.CompilerServices;

namespace Leibniz.Algebra.Fields;

/// <summary>
/// The prime field GF(p) for a prime p &lt; 2³¹, elements stored as integers in [0, p). Products are formed in 64
/// bits and reduced with <c>%</c>; inverses come from the extended Euclidean algorithm.
/// </summary>
public sealed class PrimeField : IField<int>
{
    /// <summary>The prime Singular, Macaulay2 and deepgroebner use by default.</summary>
    public const int DefaultPrime = 32003;

    /// <summary>GF(<paramref name="prime"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="prime"/> is not a prime below 2³¹.</exception>
    public PrimeField(int prime)
    {
        if (prime < 2 || !IsPrime(prime))
        {
            throw new ArgumentOutOfRangeException(nameof(prime), prime, $"the characteristic must be a prime below 2^31; {prime} is not prime.");
        }
        Prime = prime;
    }

    /// <summary>p.</summary>
    public int Prime { get; }

    /// <inheritdoc />
    public string Name => $"GF({Prime})";

    /// <inheritdoc />
    public int Characteristic => Prime;

    /// <inheritdoc />
    public int Zero => 0;

    /// <inheritdoc />
    public int One => 1;

    /// <inheritdoc />
    public bool IsZero(int a) => a == 0;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Add(int a, int b)
    {
        int s = a + b - Prime;
        return s < 0 ? s + Prime : s;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Subtract(int a, int b)
    {
        int s = a - b;
        return s < 0 ? s + Prime : s;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Multiply(int a, int b) => (int)((long)a * b % Prime);

    /// <inheritdoc />
    public int Negate(int a) => a == 0 ? 0 : Prime - a;

    /// <inheritdoc />
    public int Inverse(int a)
    {
        if (a == 0)
        {
            throw new DivideByZeroException($"0 has no inverse in GF({Prime}).");
        }
        long r0 = Prime, r1 = a, t0 = 0, t1 = 1;
        while (r1 != 0)
        {
            long q = r0 / r1;
            (r0, r1) = (r1, r0 - q * r1);
            (t0, t1) = (t1, t0 - q * t1);
        }
        return (int)(t0 < 0 ? t0 + Prime : t0);
    }

    /// <inheritdoc />
    public int Divide(int a, int b) => Multiply(a, Inverse(b));

    /// <inheritdoc />
    public int FromInteger(BigInteger value)
    {
        var r = (int)(value % Prime);
        return r < 0 ? r + Prime : r;
    }

    /// <inheritdoc />
    public bool TryFromRational(BigInteger numerator, BigInteger denominator, out int value)
    {
        int d = FromInteger(denominator);
        value = d == 0 ? 0 : Divide(FromInteger(numerator), d);
        return d != 0;
    }

    /// <inheritdoc />
    public string Format(int a) => (a > Prime / 2 ? a - Prime : a).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public bool IsNegative(int a) => a > Prime / 2;

    /// <summary>Whether <paramref name="n"/> is prime (trial division; n &lt; 2³¹).</summary>
    public static bool IsPrime(long n)
    {
        if (n < 2)
        {
            return false;
        }
        for (long d = 2; d * d <= n; d++)
        {
            if (n % d == 0)
            {
                return false;
            }
        }
        return true;
    }
}
