using System.Numerics;

namespace Leibniz.Algebra.Fields;

/// <summary>The field ℚ of exact rational numbers (<see cref="Rational"/>, BigInteger numerator and denominator).</summary>
public sealed class RationalField : IField<Rational>
{
    /// <summary>The one instance.</summary>
    public static RationalField Instance { get; } = new();

    private RationalField()
    {
    }

    /// <inheritdoc />
    public string Name => "QQ";

    /// <inheritdoc />
    public int Characteristic => 0;

    /// <inheritdoc />
    public Rational Zero => default;

    /// <inheritdoc />
    public Rational One => new(BigInteger.One);

    /// <inheritdoc />
    public bool IsZero(Rational a) => a.Numerator.IsZero;

    /// <inheritdoc />
    public Rational Add(Rational a, Rational b) => a.Denominator.IsOne && b.Denominator.IsOne
        ? new Rational(a.Numerator + b.Numerator)
        : new Rational(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    /// <inheritdoc />
    public Rational Subtract(Rational a, Rational b) => Add(a, Negate(b));

    /// <inheritdoc />
    public Rational Multiply(Rational a, Rational b) => a.Denominator.IsOne && b.Denominator.IsOne
        ? new Rational(a.Numerator * b.Numerator)
        : new Rational(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    /// <inheritdoc />
    public Rational Negate(Rational a) => new(-a.Numerator, a.Denominator);

    /// <inheritdoc />
    public Rational Inverse(Rational a)
    {
        if (a.Numerator.IsZero)
        {
            throw new DivideByZeroException("0 has no inverse in QQ.");
        }
        return new Rational(a.Denominator, a.Numerator);
    }

    /// <inheritdoc />
    public Rational Divide(Rational a, Rational b) => Multiply(a, Inverse(b));

    /// <inheritdoc />
    public Rational FromInteger(BigInteger value) => new(value);

    /// <inheritdoc />
    public bool TryFromRational(BigInteger numerator, BigInteger denominator, out Rational value)
    {
        value = denominator.IsZero ? default : new Rational(numerator, denominator);
        return !denominator.IsZero;
    }

    /// <inheritdoc />
    public string Format(Rational a) => a.ToString();

    /// <inheritdoc />
    public bool IsNegative(Rational a) => a.Numerator.Sign < 0;
}
