namespace Leibniz.Figures;

/// <summary>Shared binning: <c>bins</c> equal-width bins over [min, max] of all values.</summary>
internal static class Binning
{
    public static (double Min, double Max) Range(IEnumerable<double> values)
    {
        var (min, max) = Axes.Range(values);
        return max > min ? (min, max) : (min - 0.5, max + 0.5);
    }

    public static double[] Counts(IEnumerable<double> values, double min, double max, int bins, bool density)
    {
        var counts = new double[bins];
        int total = 0;
        foreach (double v in values)
        {
            if (!double.IsFinite(v))
            {
                continue;
            }
            int b = (int)((v - min) / (max - min) * bins);
            counts[Math.Clamp(b, 0, bins - 1)]++;
            total++;
        }
        if (density && total > 0)
        {
            double width = (max - min) / bins;
            for (int b = 0; b < bins; b++)
            {
                counts[b] /= total * width;
            }
        }
        return counts;
    }
}

/// <summary>Histograms of one or more samples over shared bins, drawn as translucent bars (densities by default).</summary>
public sealed class Histogram : Figure
{
    private readonly List<(string Name, double[] Values)> _series = [];
    private readonly List<(string Name, double X)> _references = [];

    /// <summary>Number of bins.</summary>
    public int Bins { get; set; } = 40;

    /// <summary>Normalise to a probability density (area 1) rather than counts.</summary>
    public bool Density { get; set; } = true;

    /// <summary>Adds a sample.</summary>
    public Histogram Add(string name, IEnumerable<double> values)
    {
        _series.Add((name, values.ToArray()));
        return this;
    }

    /// <summary>Adds a vertical reference line (dashed, black) at x, e.g. the true value the samples estimate.</summary>
    public Histogram Reference(string name, double x)
    {
        _references.Add((name, x));
        return this;
    }

    /// <inheritdoc/>
    public override string ToSvg()
    {
        var svg = Canvas();
        var (min, max) = Binning.Range(_series.SelectMany(s => s.Values).Concat(_references.Select(r => r.X)));
        var counts = _series.Select(s => Binning.Counts(s.Values, min, max, Bins, Density)).ToList();
        var axes = new Axes(72, 40, Width - 20, Height - 56, (min, max), (0, Math.Max(1e-12, counts.SelectMany(c => c).DefaultIfEmpty(1).Max())));
        axes.Draw(svg, XLabel, YLabel.Length > 0 ? YLabel : Density ? "density" : "count");
        double width = (max - min) / Bins;
        for (int s = 0; s < counts.Count; s++)
        {
            for (int b = 0; b < Bins; b++)
            {
                if (counts[s][b] <= 0)
                {
                    continue;
                }
                // From the zero line, not the plot's bottom edge (the axes leave a margin below 0).
                double x0 = axes.Px(min + b * width), x1 = axes.Px(min + (b + 1) * width);
                double y = axes.Py(counts[s][b]);
                svg.Rect(x0, y, x1 - x0, axes.Py(0) - y, Palette.Color(s), opacity: _series.Count > 1 ? 0.55 : 0.85);
            }
        }
        foreach (var (_, x) in _references)
        {
            svg.Line(axes.Px(x), axes.Top, axes.Px(x), axes.Bottom, "#000000", 1.6, Palette.ReferenceDash);
        }
        string names = string.Join(", ", _references.Select(r => r.Name));
        Legend.Draw(svg, axes, [.. _series.Select((s, i) => (s.Name, Palette.Color(i))), .. _references.Count > 0 ? [($"{names} (dashed)", "#000000")] : Array.Empty<(string, string)>()], lines: false);
        return svg.ToString();
    }
}

/// <summary>
/// Histograms side by side in one row of panels with a shared horizontal axis, e.g. activations or gradients
/// per layer as in Glorot &amp; Bengio (2010), figures 3–7.
/// </summary>
public sealed class HistogramGrid : Figure
{
    private readonly List<(string Name, double[] Values)> _panels = [];

    /// <summary>Number of bins per panel.</summary>
    public int Bins { get; set; } = 30;

    public HistogramGrid()
    {
        Height = 300;
        Width = 900;
    }

    /// <summary>Adds a panel.</summary>
    public HistogramGrid Add(string name, IEnumerable<double> values)
    {
        _panels.Add((name, values.ToArray()));
        return this;
    }

    /// <inheritdoc/>
    public override string ToSvg()
    {
        var svg = Canvas();
        if (_panels.Count == 0)
        {
            return svg.ToString();
        }
        var (min, max) = Binning.Range(_panels.SelectMany(p => p.Values));
        var counts = _panels.Select(p => Binning.Counts(p.Values, min, max, Bins, density: true)).ToList();
        double top = counts.SelectMany(c => c).DefaultIfEmpty(1).Max();
        double panelWidth = (Width - 30) / _panels.Count;
        for (int p = 0; p < _panels.Count; p++)
        {
            double left = 20 + p * panelWidth;
            var axes = new Axes(left + 56, 50, left + panelWidth - 8, Height - 56, (min, max), (0, Math.Max(top, 1e-12)));
            axes.Draw(svg, XLabel, p == 0 ? "density" : "");
            svg.Text((axes.Left + axes.Right) / 2, 44, _panels[p].Name, 12, weight: "bold");
            double width = (max - min) / Bins;
            for (int b = 0; b < Bins; b++)
            {
                double x0 = axes.Px(min + b * width), x1 = axes.Px(min + (b + 1) * width), y = axes.Py(counts[p][b]);
                svg.Rect(x0, y, x1 - x0, axes.Bottom - y, Palette.Color(p), opacity: 0.85);
            }
        }
        return svg.ToString();
    }
}
