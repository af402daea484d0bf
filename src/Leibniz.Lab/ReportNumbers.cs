using System.Globalization;

namespace Leibniz.Lab;

/// <summary>Numbers as people read them in a report.</summary>
public static class ReportNumbers
{
    /// <summary>
    /// <paramref name="value"/> with <paramref name="digits"/> significant digits in the form <c>1.86e-6</c> (no padded
    /// exponent, no plus sign); "not finite" for NaN and infinities, which a report must explain instead of print.
    /// </summary>
    public static string Scientific(double value, int digits = 3)
    {
        if (!double.IsFinite(value))
        {
            return "not finite";
        }
        if (value == 0)
        {
            return "0";
        }
        int exponent = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        double mantissa = Math.Round(value / Math.Pow(10, exponent), digits - 1);
        if (Math.Abs(mantissa) >= 10)
        {
            mantissa /= 10;
            exponent++;
        }
        string text = mantissa.ToString($"F{digits - 1}", CultureInfo.InvariantCulture);
        return exponent == 0 ? text : $"{text}e{exponent.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// <paramref name="value"/> with <paramref name="digits"/> significant digits, in plain decimals between 10⁻³ and
    /// 10⁵ (<c>0.0123</c>, <c>68.3</c>) and in the form of <see cref="Scientific"/> outside (<c>2.9e-10</c>).
    /// </summary>
    public static string General(double value, int digits = 3)
    {
        double magnitude = Math.Abs(value);
        if (!double.IsFinite(value) || value == 0 || magnitude < 1e-3 || magnitude >= 1e5)
        {
            return Scientific(value, digits);
        }
        int exponent = (int)Math.Floor(Math.Log10(magnitude));
        if (exponent >= digits - 1)
        {
            double step = Math.Pow(10, exponent - digits + 1);
            return (Math.Round(value / step) * step).ToString("F0", CultureInfo.InvariantCulture);
        }
        return value.ToString($"G{digits}", CultureInfo.InvariantCulture);
    }
}
