using System.Globalization;
using System.Security;
using System.Text;

namespace Leibniz.Figures;

/// <summary>Builds an SVG 1.1 document from basic shapes; all numbers are written with the invariant culture.</summary>
internal sealed class Svg
{
    private readonly StringBuilder _body = new();

    public Svg(double width, double height)
    {
        Width = width;
        Height = height;
    }

    public double Width { get; }

    public double Height { get; }

    public static string N(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Escape(string text) => SecurityElement.Escape(text) ?? "";

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null)
        => _body.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\"{(dash is null ? "" : $" stroke-dasharray=\"{dash}\"")}/>\n");

    public void Rect(double x, double y, double w, double h, string fill, string? stroke = null, double opacity = 1)
        => _body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(w, 0))}\" height=\"{N(Math.Max(h, 0))}\" fill=\"{fill}\"{(stroke is null ? "" : $" stroke=\"{stroke}\"")}{(opacity < 1 ? $" fill-opacity=\"{N(opacity)}\"" : "")}/>\n");

    public void Circle(double cx, double cy, double r, string fill, string? stroke = null, double opacity = 1)
        => _body.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(r)}\" fill=\"{fill}\"{(stroke is null ? "" : $" stroke=\"{stroke}\"")}{(opacity < 1 ? $" fill-opacity=\"{N(opacity)}\"" : "")}/>\n");

    public void Polygon(IEnumerable<(double X, double Y)> points, string fill, double opacity)
    {
        _body.Append("<polygon stroke=\"none\" fill=\"").Append(fill).Append("\" fill-opacity=\"").Append(N(opacity)).Append("\" points=\"");
        foreach (var (x, y) in points)
        {
            _body.Append(N(x)).Append(',').Append(N(y)).Append(' ');
        }
        _body.Append("\"/>\n");
    }

    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width = 1.8, string? dash = null)
    {
        _body.Append("<polyline fill=\"none\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(N(width))
            .Append(dash is null ? "" : "\" stroke-dasharray=\"" + dash).Append("\" stroke-linejoin=\"round\" points=\"");
        foreach (var (x, y) in points)
        {
            _body.Append(N(x)).Append(',').Append(N(y)).Append(' ');
        }
        _body.Append("\"/>\n");
    }

    public void Path(string d, string stroke, double width = 1, string fill = "none")
        => _body.Append(CultureInfo.InvariantCulture, $"<path d=\"{d}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\"/>\n");

    public void Text(double x, double y, string text, double size = 12, string anchor = "middle", string weight = "normal", double rotate = 0, string fill = "#222")
    {
        string transform = rotate == 0 ? "" : $" transform=\"rotate({N(rotate)} {N(x)} {N(y)})\"";
        _body.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{N(size)}\" text-anchor=\"{anchor}\" font-weight=\"{weight}\" fill=\"{fill}\"{transform}>{Escape(text)}</text>\n");
    }

    private int _clips;

    /// <summary>Starts a group whose marks are clipped to the rectangle (the plot area); close it with <see cref="EndClip"/>.</summary>
    public void BeginClip(double x, double y, double w, double h)
    {
        string id = $"clip{++_clips}";
        _body.Append(CultureInfo.InvariantCulture, $"<clipPath id=\"{id}\"><rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(w)}\" height=\"{N(h)}\"/></clipPath>\n<g clip-path=\"url(#{id})\">\n");
    }

    /// <summary>Ends the group started by <see cref="BeginClip"/>.</summary>
    public void EndClip() => _body.Append("</g>\n");

    public override string ToString() =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{N(Width)}\" height=\"{N(Height)}\" viewBox=\"0 0 {N(Width)} {N(Height)}\" font-family=\"Helvetica, Arial, sans-serif\">\n"
        + $"<rect x=\"0\" y=\"0\" width=\"{N(Width)}\" height=\"{N(Height)}\" fill=\"white\"/>\n{_body}</svg>\n";
}

/// <summary>
/// The Okabe–Ito palette (distinguishable with the common colour-vision deficiencies), and viridis for heat maps.
/// </summary>
public static class Palette
{
    /// <summary>Series colours in order.</summary>
    public static readonly string[] Colors = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

    /// <summary>The colour of series <paramref name="i"/> (cycling).</summary>
    public static string Color(int i) => Colors[i % Colors.Length];

    /// <summary>
    /// The stroke pattern of line series <paramref name="i"/>: solid for the first cycle of colours, then dotted, then
    /// dash-dot, so that series i and i + 8 share a colour but never a look.
    /// </summary>
    public static string? Dash(int i) => (i / Colors.Length % 3) switch { 0 => null, 1 => "2,3", _ => "9,3,2,3" };

    /// <summary>The stroke pattern of a dashed reference line.</summary>
    public const string ReferenceDash = "6,4";

    private static readonly (double T, int R, int G, int B)[] s_viridis =
    [
        (0.0, 68, 1, 84), (0.13, 71, 44, 122), (0.25, 59, 81, 139), (0.38, 44, 113, 142), (0.5, 33, 144, 141),
        (0.63, 39, 173, 129), (0.75, 92, 200, 99), (0.88, 170, 220, 50), (1.0, 253, 231, 37),
    ];

    /// <summary>Viridis at t ∈ [0, 1] (perceptually uniform, colour-blind safe), as #rrggbb.</summary>
    public static string Viridis(double t)
    {
        t = double.IsFinite(t) ? Math.Clamp(t, 0, 1) : 0;
        for (int i = 1; i < s_viridis.Length; i++)
        {
            if (t <= s_viridis[i].T)
            {
                var a = s_viridis[i - 1];
                var b = s_viridis[i];
                double f = (t - a.T) / (b.T - a.T);
                return string.Create(CultureInfo.InvariantCulture, $"#{(int)Math.Round(a.R + f * (b.R - a.R)):x2}{(int)Math.Round(a.G + f * (b.G - a.G)):x2}{(int)Math.Round(a.B + f * (b.B - a.B)):x2}");
            }
        }
        return "#fde725";
    }
}

/// <summary>Tick positions at "nice" numbers (1, 2, 2.5, 5 × 10ᵏ; Heckbert, Graphics Gems 1990) and their labels.</summary>
public static class Ticks
{
    /// <summary>About <paramref name="count"/> nice ticks covering [min, max].</summary>
    public static double[] Nice(double min, double max, int count = 5)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            return [];
        }
        if (!(max > min))
        {
            max = min + 1;
        }
        double step = NiceNumber((max - min) / Math.Max(count - 1, 1), round: true);
        double start = Math.Ceiling(min / step - 1e-9) * step;
        var ticks = new List<double>();
        for (int i = 0; i < 100; i++)
        {
            double t = start + i * step;
            if (t > max + step * 1e-9)
            {
                break;
            }
            ticks.Add(Math.Abs(t) < step * 1e-9 ? 0 : t);
        }
        return [.. ticks];
    }

    /// <summary>Powers of ten within [min, max] (both positive).</summary>
    public static double[] Log(double min, double max)
    {
        if (!(min > 0) || !double.IsFinite(max) || !(max > min))
        {
            return Nice(min, max);
        }
        var ticks = new List<double>();
        int first = (int)Math.Floor(Math.Log10(min)), last = (int)Math.Ceiling(Math.Log10(max));
        int stride = Math.Max(1, (last - first) / 10);
        for (int k = first; k <= last; k += stride)
        {
            double t = Math.Pow(10, k);
            if (t >= min * (1 - 1e-9) && t <= max * (1 + 1e-9))
            {
                ticks.Add(t);
            }
        }
        if (ticks.Count >= 2)
        {
            return [.. ticks];
        }
        // Less than a decade: nice linear ticks, placed on the log scale.
        return Nice(min, max).Where(t => t > 0).ToArray();
    }

    private static double NiceNumber(double range, bool round)
    {
        double exponent = Math.Floor(Math.Log10(range));
        double fraction = range / Math.Pow(10, exponent);
        double nice = round
            ? fraction < 1.5 ? 1 : fraction < 2.25 ? 2 : fraction < 3.5 ? 2.5 : fraction < 7.5 ? 5 : 10
            : fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * Math.Pow(10, exponent);
    }

    /// <summary>
    /// Labels for a set of ticks that tell every tick apart: <see cref="Label"/> when that suffices, else as many
    /// significant digits as it takes (2.3018, 2.3028, … instead of 2.3, 2.3, …).
    /// </summary>
    public static string[] Labels(IReadOnlyList<double> ticks)
    {
        var labels = ticks.Select(Label).ToArray();
        for (int digits = 3; digits <= 12 && labels.Distinct().Count() < labels.Length; digits++)
        {
            labels = [.. ticks.Select(t => Short(t.ToString($"G{digits}", CultureInfo.InvariantCulture)))];
        }
        return labels;
    }

    /// <summary>"1E+03" → "1e3", "2.5E-07" → "2.5e-7".</summary>
    private static string Short(string text)
    {
        int e = text.IndexOfAny(['E', 'e']);
        if (e < 0)
        {
            return text;
        }
        int exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return $"{text[..e]}e{exponent.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>A short label: 0.001 → "0.001", 12000 → "12000", 1e-7 → "1e-7".</summary>
    public static string Label(double v)
    {
        double a = Math.Abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e6)
            ? Short(v.ToString("0.#e+0", CultureInfo.InvariantCulture))
            : Math.Round(v, 6).ToString("0.######", CultureInfo.InvariantCulture);
    }
}
