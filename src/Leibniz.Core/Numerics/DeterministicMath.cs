namespace Leibniz.Numerics;

/// <summary>
/// Functions computed with IEEE basic operations only (+, −, ×, ÷, √), so their results are bit-identical on
/// every platform; the platform's libm may differ in the last bit between machines.
/// </summary>
public static class DeterministicMath
{
    private const double Ln2 = 0.69314718055994530942;

    /// <summary>
    /// Natural logarithm for finite positive <paramref name="x"/>: <c>x = m·2^e</c> with m in [√½, √2),
    /// <c>ln m = 2·atanh(z) = 2(z + z³/3 + z⁵/5 + …)</c> with <c>z = (m−1)/(m+1)</c>, |z| ≤ 0.172.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="x"/> is not a finite positive number.</exception>
    public static double Log(double x)
    {
        if (!(x > 0.0) || double.IsInfinity(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "DeterministicMath.Log needs a finite positive number.");
        }
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF);
        if (exponent == 0)
        {
            // Subnormal: scale into the normal range first.
            return Log(x * 18014398509481984.0) - 54 * Ln2;
        }
        exponent -= 1023;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m > 1.4142135623730951)
        {
            m *= 0.5;
            exponent++;
        }
        double z = (m - 1.0) / (m + 1.0);
        double z2 = z * z;
        double term = z;
        double sum = 0.0;
        for (int k = 1; k < 40; k += 2)
        {
            sum += term / k;
            term *= z2;
        }
        return 2.0 * sum + exponent * Ln2;
    }
}
