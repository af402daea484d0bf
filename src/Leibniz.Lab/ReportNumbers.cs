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
}
