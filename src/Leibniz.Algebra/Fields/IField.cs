using System.Numerics;

namespace Leibniz.Algebra.Fields;

/// <summary>
/// The arithmetic of a coefficient field with elements of type <typeparamref name="T"/>: GF(p) (<see cref="PrimeField"/>)
/// or ℚ (<see cref="RationalField"/>). Elements are always in normal form, so equal elements are equal values.
/// </summary>
public interface IField<T>
{
    /// <summary>How the field is written: <c>GF(32003)</c> or <c>QQ</c>.</summary>
    string Name { get; }

    /// <summary>The characteristic: p for GF(p), 0 for ℚ.</summary>
    int Characteristic { get; }

    /// <summary>The additive identity.</summary>
    T Zero { get; }

    /// <summary>The multiplicative identity.</summary>
    T One { get; }

    /// <summary>Whether <paramref name="a"/> is zero.</summary>
    bool IsZero(T a);

    /// <summary><c>a + b</c>.</summary>
    T Add(T a, T b);

    /// <summary><c>a − b</c>.</summary>
    T Subtract(T a, T b);

    /// <summary><c>a · b</c>.</summary>
    T Multiply(T a, T b);

    /// <summary><c>−a</c>.</summary>
    T Negate(T a);

    /// <summary><c>1 / a</c>.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="a"/> is zero.</exception>
    T Inverse(T a);

    /// <summary><c>a / b</c>.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="b"/> is zero.</exception>
    T Divide(T a, T b);

    /// <summary>The image of an integer.</summary>
    T FromInteger(BigInteger value);

    /// <summary>The element <c>numerator / denominator</c>; false when the denominator is zero in the field.</summary>
    bool TryFromRational(BigInteger numerator, BigInteger denominator, out T value);

    /// <summary>The element as text: an integer in (−p/2, p/2] for GF(p), <c>a/b</c> or <c>a</c> for ℚ.</summary>
    string Format(T a);

    /// <summary>Whether <paramref name="a"/> is printed with a leading minus sign.</summary>
    bool IsNegative(T a);
}
