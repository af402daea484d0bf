namespace Leibniz.Graphs.Conjectures;

/// <summary>
/// A closed interval [Lo, Hi] of reals with outward-rounded arithmetic: each operation computes the
/// round-to-nearest result, checks with an exact residual (fused multiply–add or two-sum) whether it is exact,
/// and if not widens it by one unit in the last place on each side, so the true result always lies inside.
/// Exact results stay exact, so integer arithmetic (and floor of an integer quotient) is never blurred.
/// </summary>
public readonly record struct Interval(double Lo, double Hi)
{
    /// <summary>The degenerate interval [x, x].</summary>
    public static Interval Exact(double x) => new(x, x);

    /// <summary>Whether the interval is one point.</summary>
    public bool IsExact => Lo == Hi;

    /// <summary>Hi − Lo.</summary>
    public double Width => Hi - Lo;

    /// <summary>The midpoint.</summary>
    public double Mid => 0.5 * (Lo + Hi);

    /// <summary>[a.Lo + b.Lo, a.Hi + b.Hi], outward.</summary>
    public static Interval operator +(Interval a, Interval b) => new(Down(Sum(a.Lo, b.Lo)), Up(Sum(a.Hi, b.Hi)));

    /// <summary>[a.Lo − b.Hi, a.Hi − b.Lo], outward.</summary>
    public static Interval operator -(Interval a, Interval b) => new(Down(Sum(a.Lo, -b.Hi)), Up(Sum(a.Hi, -b.Lo)));

    /// <summary>[−Hi, −Lo].</summary>
    public static Interval operator -(Interval a) => new(-a.Hi, -a.Lo);

    /// <summary>The hull of the four endpoint products, outward.</summary>
    public static Interval operator *(Interval a, Interval b)
    {
        var products = new[] { Product(a.Lo, b.Lo), Product(a.Lo, b.Hi), Product(a.Hi, b.Lo), Product(a.Hi, b.Hi) };
        return new(products.Min(p => Down(p)), products.Max(p => Up(p)));
    }

    /// <summary>a · [1/b.Hi, 1/b.Lo]; the whole line when b contains 0.</summary>
    public static Interval operator /(Interval a, Interval b)
    {
        if (b.Lo <= 0 && b.Hi >= 0)
        {
            return new(double.NegativeInfinity, double.PositiveInfinity);
        }
        var quotients = new[] { Quotient(a.Lo, b.Lo), Quotient(a.Lo, b.Hi), Quotient(a.Hi, b.Lo), Quotient(a.Hi, b.Hi) };
        return new(quotients.Min(q => Down(q)), quotients.Max(q => Up(q)));
    }

    /// <summary>√ of each end (negative parts clipped to 0), outward.</summary>
    public static Interval Sqrt(Interval a) => new(Down(Root(Math.Max(0, a.Lo))), Up(Root(Math.Max(0, a.Hi))));

    /// <summary>[⌊Lo⌋, ⌊Hi⌋].</summary>
    public static Interval Floor(Interval a) => new(Math.Floor(a.Lo), Math.Floor(a.Hi));

    /// <summary>[⌈Lo⌉, ⌈Hi⌉].</summary>
    public static Interval Ceiling(Interval a) => new(Math.Ceiling(a.Lo), Math.Ceiling(a.Hi));

    /// <summary>{|x| : x ∈ a}.</summary>
    public static Interval Abs(Interval a) => a.Lo >= 0 ? a : a.Hi <= 0 ? -a : new(0, Math.Max(-a.Lo, a.Hi));

    /// <summary>[min(a.Lo, b.Lo), min(a.Hi, b.Hi)].</summary>
    public static Interval Min(Interval a, Interval b) => new(Math.Min(a.Lo, b.Lo), Math.Min(a.Hi, b.Hi));

    /// <summary>[max(a.Lo, b.Lo), max(a.Hi, b.Hi)].</summary>
    public static Interval Max(Interval a, Interval b) => new(Math.Max(a.Lo, b.Lo), Math.Max(a.Hi, b.Hi));

    /// <summary>
    /// A monotone increasing library function (log, exp) applied to each end and widened by 4 units in the last
    /// place: the platform's log and exp are accurate to well within that, though not proven so here.
    /// </summary>
    public static Interval Monotone(Interval a, Func<double, double> f) => new(Widen(f(a.Lo), -4), Widen(f(a.Hi), 4));

    /// <inheritdoc/>
    public override string ToString() => IsExact
        ? Lo.ToString("R", System.Globalization.CultureInfo.InvariantCulture)
        : $"[{Lo.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, {Hi.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}]";

    private static (double Value, bool Exact) Sum(double a, double b)
    {
        double s = a + b;
        if (double.IsInfinity(s) || double.IsNaN(s))
        {
            return (s, true);
        }
        // Knuth's two-sum: the exact error of the rounded sum.
        double bb = s - a;
        double err = (a - (s - bb)) + (b - bb);
        return (s, err == 0);
    }

    private static (double Value, bool Exact) Product(double a, double b)
    {
        double p = a * b;
        return double.IsFinite(p) ? (p, Math.FusedMultiplyAdd(a, b, -p) == 0) : (double.IsNaN(p) ? 0 : p, true);
    }

    private static (double Value, bool Exact) Quotient(double a, double b)
    {
        double q = a / b;
        return double.IsFinite(q) && double.IsFinite(b) ? (q, Math.FusedMultiplyAdd(-q, b, a) == 0) : (q, true);
    }

    private static (double Value, bool Exact) Root(double a)
    {
        double s = Math.Sqrt(a);
        return (s, Math.FusedMultiplyAdd(s, s, -a) == 0);
    }

    private static double Down((double Value, bool Exact) r) => r.Exact ? r.Value : Math.BitDecrement(r.Value);

    private static double Up((double Value, bool Exact) r) => r.Exact ? r.Value : Math.BitIncrement(r.Value);

    private static double Widen(double x, int ulps)
    {
        for (int i = 0; i < Math.Abs(ulps); i++)
        {
            x = ulps < 0 ? Math.BitDecrement(x) : Math.BitIncrement(x);
        }
        return x;
    }
}
