using Leibniz.IO;

namespace Leibniz.Figures;

/// <summary>A chart that renders itself as standalone SVG 1.1. Set the labels, add data, call <see cref="ToSvg"/> or <see cref="Save"/>.</summary>
public abstract class Figure
{
    /// <summary>Shown above the plot.</summary>
    public string Title { get; set; } = "";

    /// <summary>Horizontal axis label.</summary>
    public string XLabel { get; set; } = "";

    /// <summary>Vertical axis label.</summary>
    public string YLabel { get; set; } = "";

    /// <summary>Width in pixels.</summary>
    public double Width { get; set; } = 640;

    /// <summary>Height in pixels.</summary>
    public double Height { get; set; } = 420;

    /// <summary>The figure as an SVG document.</summary>
    public abstract string ToSvg();

    /// <summary>Writes the SVG to <paramref name="path"/> atomically.</summary>
    public void Save(string path) => AtomicFile.WriteText(path, ToSvg());

    /// <summary>Title and an empty canvas.</summary>
    private protected Svg Canvas()
    {
        var svg = new Svg(Width, Height);
        if (Title.Length > 0)
        {
            svg.Text(Width / 2, 22, Title, 15, weight: "bold");
        }
        return svg;
    }
}

/// <summary>Maps data to pixels for a rectangular plot area and draws its frame, ticks and labels.</summary>
internal sealed class Axes
{
    public Axes(double left, double top, double right, double bottom, (double Min, double Max) x, (double Min, double Max) y, bool logX = false, bool logY = false)
    {
        (Left, Top, Right, Bottom) = (left, top, right, bottom);
        LogX = logX;
        LogY = logY;
        X = Pad(x, logX);
        Y = Pad(y, logY);
    }

    public double Left { get; }

    public double Top { get; }

    public double Right { get; }

    public double Bottom { get; }

    public bool LogX { get; }

    public bool LogY { get; }

    public (double Min, double Max) X { get; }

    public (double Min, double Max) Y { get; }

    private static (double, double) Pad((double Min, double Max) r, bool log)
    {
        if (log)
        {
            double max = double.IsFinite(r.Max) && r.Max > 0 ? r.Max : 1;
            // A log axis shows at most 12 decades below its maximum: smaller values would only squash the rest.
            double min = double.IsFinite(r.Min) && r.Min > 0 ? Math.Max(r.Min, max * 1e-12) : max * 1e-3;
            if (!(max > min))
            {
                max = min * 10;
            }
            double factor = Math.Pow(max / min, 0.04);
            return (min / factor, max * factor);
        }
        if (!double.IsFinite(r.Min) || !double.IsFinite(r.Max))
        {
            return (0, 1);
        }
        if (!(r.Max > r.Min))
        {
            return (r.Min - 0.5, r.Max + 0.5);
        }
        double margin = 0.04 * (r.Max - r.Min);
        return (r.Min - margin, r.Max + margin);
    }

    public double Px(double x) => Left + (Right - Left) * Fraction(x, X, LogX);

    public double Py(double y) => Bottom - (Bottom - Top) * Fraction(y, Y, LogY);

    private static double Fraction(double v, (double Min, double Max) r, bool log) => log
        ? (Math.Log10(Math.Max(v, r.Min * 1e-3)) - Math.Log10(r.Min)) / (Math.Log10(r.Max) - Math.Log10(r.Min))
        : (v - r.Min) / (r.Max - r.Min);

    public bool Inside(double x, double y) => double.IsFinite(x) && double.IsFinite(y) && (!LogX || x > 0) && (!LogY || y > 0);

    public void Draw(Svg svg, string xLabel, string yLabel, bool grid = true, bool showXTicks = true)
    {
        var (xTicks, xLabels) = !showXTicks ? ([], []) : XTicks();
        var yTicks = LogY ? Ticks.Log(Y.Min, Y.Max) : Ticks.Nice(Y.Min, Y.Max);
        var yLabels = Ticks.Labels(yTicks);
        for (int i = 0; i < xTicks.Length; i++)
        {
            double t = xTicks[i];
            double px = Px(t);
            if (grid)
            {
                svg.Line(px, Top, px, Bottom, "#e6e6e6");
            }
            svg.Line(px, Bottom, px, Bottom + 5, "#444");
            svg.Text(px, Bottom + 18, xLabels[i], 11);
        }
        for (int i = 0; i < yTicks.Length; i++)
        {
            double t = yTicks[i];
            double py = Py(t);
            if (grid)
            {
                svg.Line(Left, py, Right, py, "#e6e6e6");
            }
            svg.Line(Left - 5, py, Left, py, "#444");
            svg.Text(Left - 8, py + 4, yLabels[i], 11, "end");
        }
        svg.Rect(Left, Top, Right - Left, Bottom - Top, "none", "#444");
        if (xLabel.Length > 0)
        {
            svg.Text((Left + Right) / 2, Bottom + 38, xLabel, 13);
        }
        if (yLabel.Length > 0)
        {
            svg.Text(Left - 48, (Top + Bottom) / 2, yLabel, 13, rotate: -90);
        }
    }

    /// <summary>
    /// The x ticks and their labels: as many nice ticks (at most five) as fit the axis's width without their labels
    /// touching (about 6.5 px per character at 11 px), so that narrow panels get fewer.
    /// </summary>
    private (double[] Ticks, string[] Labels) XTicks()
    {
        double width = Right - Left;
        (double[], string[]) result = ([], []);
        for (int count = 5; count >= 2; count--)
        {
            var ticks = LogX ? Leibniz.Figures.Ticks.Log(X.Min, X.Max) : Leibniz.Figures.Ticks.Nice(X.Min, X.Max, count);
            var labels = Leibniz.Figures.Ticks.Labels(ticks);
            result = (ticks, labels);
            double needed = labels.Sum(l => l.Length * 6.5 + 10);
            if (needed <= width || LogX)
            {
                break;
            }
        }
        return result;
    }

    public static (double Min, double Max) Range(IEnumerable<double> values, bool positiveOnly = false)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (double.IsFinite(v) && (!positiveOnly || v > 0))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }
        return double.IsFinite(min) ? (min, max) : (0, 1);
    }
}

/// <summary>
/// A legend box in the corner of the plot area that covers the fewest of the data's points (top right when there is
/// no data to avoid, or on a tie).
/// </summary>
internal static class Legend
{
    public static void Draw(Svg svg, Axes axes, IReadOnlyList<(string Name, string Color)> entries, bool lines = true, IReadOnlyList<(double X, double Y)>? points = null,
        IReadOnlyList<string?>? dashes = null)
    {
        if (entries.Count < 2 && (entries.Count == 0 || entries[0].Name.Length == 0))
        {
            return;
        }
        double width = 24 + entries.Max(e => e.Name.Length) * 6.5, height = 8 + 16 * entries.Count;
        (double X, double Y)[] corners =
        [
            (axes.Right - width - 8, axes.Top + 8), (axes.Left + 8, axes.Top + 8),
            (axes.Right - width - 8, axes.Bottom - height - 8), (axes.Left + 8, axes.Bottom - height - 8),
        ];
        int Covered((double X, double Y) c) => points?.Count(p => p.X >= c.X - 4 && p.X <= c.X + width + 4 && p.Y >= c.Y - 4 && p.Y <= c.Y + height + 4) ?? 0;
        var (x, y) = corners.MinBy(Covered);
        svg.Rect(x, y, width, height, "white", "#bbb", 0.9);
        for (int i = 0; i < entries.Count; i++)
        {
            double cy = y + 12 + 16 * i;
            if (lines)
            {
                svg.Line(x + 4, cy, x + 19, cy, entries[i].Color, 2.5, dashes?[i]);
            }
            else
            {
                svg.Rect(x + 6, cy - 5, 12, 10, entries[i].Color);
            }
            svg.Text(x + 22, cy + 4, entries[i].Name, 11, "start");
        }
    }
}
