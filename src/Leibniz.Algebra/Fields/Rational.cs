using System.Numerics;

namespace Leibniz.Algebra.Fields;

/// <summary>
/// An exact rational number <c>Numerator / Denominator</c> in lowest terms with a positive denominator (zero is 0/1),
/// so that equal numbers have equal fields.
/// </summary>
public readonly record struct Rational
{
    /// <summary>The number <paramref name="numerator"/> / <paramref name="denominator"/>, reduced.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="denominator"/> is zero.</exception>
    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException($"the rational number {numerator}/0 has a zero denominator.");
        }
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }
        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!g.IsOne && !g.IsZero)
        {
            numerator /= g;
            denominator /= g;
        }
        Numerator = numerator;
        _denominatorMinusOne = numerator.IsZero ? BigInteger.Zero : denominator - 1;
    }

    /// <summary>The integer <paramref name="value"/>.</summary>
    public Rational(BigInteger value)
    {
        Numerator = value;
        _denominatorMinusOne = BigInteger.Zero;
    }

    /// <summary>The numerator (carries the sign).</summary>
    public BigInteger Numerator { get; }

    /// <summary>The denominator, positive; 1 for zero and for integers.</summary>
    public BigInteger Denominator => _denominatorMinusOne + 1;

    // Stored less one, so that the default value is 0/1 and equality of fields is equality of numbers.
    private readonly BigInteger _denominatorMinusOne;

    /// <inheritdoc />
    public override string ToString() => Denominator.IsOne ? Numerator.ToString() : $"{Numerator}/{Denominator}";
}
