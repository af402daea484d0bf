namespace Leibniz.Figures;

/// <summary>Lines through (x, y) points, several series, optional log axes, a legend.</summary>
public sealed class LinePlot : Figure
{
    private readonly List<(string Name, double[] X, double[] Y, bool Markers, bool Dashed, int Color)> _series = [];
    private readonly List<(double[] X, double[] Lower, double[] Upper, int Color)> _bands = [];

    /// <summary>Logarithmic horizontal axis.</summary>
    public bool LogX { get; set; }

    /// <summary>Logarithmic vertical axis.</summary>
    public bool LogY { get; set; }

    /// <summary>Draw the legend (off for plots of many anonymous series, such as particle trajectories).</summary>
    public bool ShowLegend { get; set; } = true;

    /// <summary>Adds a series; points with non-finite values (or non-positive ones on a log axis) are skipped.</summary>
    /// <exception cref="ArgumentException">x and y have different lengths.</exception>
    public LinePlot Add(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, bool markers = false)
    {
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"LinePlot '{name}': {x.Count} x values but {y.Count} y values.", nameof(y));
        }
        _series.Add((name, [.. x], [.. y], markers, false, _series.Count(s => !s.Dashed)));
        return this;
    }

    /// <summary>Adds a dashed reference line in the colour of the last solid series (e.g. a threshold belonging to it).</summary>
    public LinePlot AddReference(string name, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"LinePlot '{name}': {x.Count} x values but {y.Count} y values.", nameof(y));
        }
        _series.Add((name, [.. x], [.. y], false, true, Math.Max(0, _series.Count(s => !s.Dashed) - 1)));
        return this;
    }

    /// <summary>
    /// Adds a shaded band between <paramref name="lower"/> and <paramref name="upper"/> in the colour of the last solid
    /// series (its uncertainty: the spread of runs, an error bar); drawn under the lines, not in the legend.
    /// </summary>
    public LinePlot AddBand(IReadOnlyList<double> x, IReadOnlyList<double> lower, IReadOnlyList<double> upper)
    {
        if (x.Count != lower.Count || x.Count != upper.Count)
        {
            throw new ArgumentException($"LinePlot band: {x.Count} x values, {lower.Count} lower and {upper.Count} upper values.", nameof(upper));
        }
        _bands.Add(([.. x], [.. lower], [.. upper], Math.Max(0, _series.Count(s => !s.Dashed) - 1)));
        return this;
    }

    /// <summary>Adds a series against 0, 1, 2, ….</summary>
    public LinePlot Add(string name, IReadOnlyList<double> y) => Add(name, Enumerable.Range(0, y.Count).Select(i => (double)i).ToArray(), y);

    /// <inheritdoc/>
    public override string ToSvg()
    {
        var svg = Canvas();
        var axes = new Axes(72, 40, Width - 20, Height - 56,
            Axes.Range(_series.SelectMany(s => s.X), LogX), Axes.Range(_series.SelectMany(s => s.Y).Concat(_bands.SelectMany(b => b.Upper)), LogY), LogX, LogY);
        axes.Draw(svg, XLabel, YLabel);
        svg.BeginClip(axes.Left, axes.Top, axes.Right - axes.Left, axes.Bottom - axes.Top);
        foreach (var (bx, lower, upper, color) in _bands)
        {
            // Upper edge left to right, lower edge back; on a log axis values at or below zero sit at the bottom edge.
            double Edge(double value) => LogY ? Math.Max(value, 1e-30) : value;
            var outline = new List<(double, double)>();
            for (int k = 0; k < bx.Length; k++)
            {
                if (double.IsFinite(upper[k]) && (!LogX || bx[k] > 0))
                {
                    outline.Add((axes.Px(bx[k]), Math.Max(axes.Top, Math.Min(axes.Bottom, axes.Py(Edge(upper[k]))))));
                }
            }
            for (int k = bx.Length - 1; k >= 0; k--)
            {
                if (double.IsFinite(lower[k]) && (!LogX || bx[k] > 0))
                {
                    outline.Add((axes.Px(bx[k]), Math.Max(axes.Top, Math.Min(axes.Bottom, axes.Py(Edge(lower[k]))))));
                }
            }
            if (outline.Count > 2)
            {
                svg.Polygon(outline, Palette.Color(color), 0.2);
            }
        }
        var drawn = new List<(double X, double Y)>();
        for (int i = 0; i < _series.Count; i++)
        {
            var (_, xs, ys, markers, dashed, color) = _series[i];
            var points = new List<(double, double)>();
            for (int k = 0; k < xs.Length; k++)
            {
                if (axes.Inside(xs[k], ys[k]))
                {
                    points.Add((axes.Px(xs[k]), axes.Py(ys[k])));
                }
            }
            if (points.Count > 1)
            {
                svg.Polyline(points, Palette.Color(color), dashed ? 1.4 : 1.8, dashed ? Palette.ReferenceDash : Palette.Dash(color));
            }
            // What the legend must not cover: every vertex and eight points along each segment.
            for (int k = 0; k < points.Count; k++)
            {
                drawn.Add(points[k]);
                for (int f = 1; k + 1 < points.Count && f < 8; f++)
                {
                    drawn.Add((points[k].Item1 + (points[k + 1].Item1 - points[k].Item1) * f / 8, points[k].Item2 + (points[k + 1].Item2 - points[k].Item2) * f / 8));
                }
            }
            if (markers || (points.Count == 1 && !dashed))
            {
                foreach (var (px, py) in points)
                {
                    svg.Circle(px, py, 3.5, Palette.Color(color));
                }
            }
        }
        svg.EndClip();
        if (ShowLegend)
        {
            Legend.Draw(svg, axes, _series.Where(s => !s.Dashed).Select(s => (s.Name, Palette.Color(s.Color))).ToList(), points: drawn,
                dashes: _series.Where(s => !s.Dashed).Select(s => Palette.Dash(s.Color)).ToList());
        }
        return svg.ToString();
    }
}

/// <summary>Points, several series.</summary>
public sealed class ScatterPlot : Figure
{
    private readonly List<(string Name, double[] X, double[] Y)> _series = [];

    /// <summary>Adds a series of points.</summary>
    public ScatterPlot Add(string name, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"ScatterPlot '{name}': {x.Count} x values but {y.Count} y values.", nameof(y));
        }
        _series.Add((name, [.. x], [.. y]));
        return this;
    }

    /// <inheritdoc/>
    public override string ToSvg()
    {
        var svg = Canvas();
        var axes = new Axes(72, 40, Width - 20, Height - 56, Axes.Range(_series.SelectMany(s => s.X)), Axes.Range(_series.SelectMany(s => s.Y)));
        axes.Draw(svg, XLabel, YLabel);
        for (int i = 0; i < _series.Count; i++)
        {
            var (_, xs, ys) = _series[i];
            for (int k = 0; k < xs.Length; k++)
            {
                if (axes.Inside(xs[k], ys[k]))
                {
                    svg.Circle(axes.Px(xs[k]), axes.Py(ys[k]), 3, Palette.Color(i), opacity: 0.75);
                }
            }
        }
        Legend.Draw(svg, axes, _series.Select((s, i) => (s.Name, Palette.Color(i))).ToList(), lines: false);
        return svg.ToString();
    }
}

/// <summary>Vertical bars, one per category, optionally several series side by side, each bar optionally with an error bar (± its error).</summary>
public sealed class BarChart : Figure
{
    private readonly List<(string Name, double[] Values, double[]? Errors)> _series = [];
    private string[] _categories = [];

    /// <summary>Sets the category labels.</summary>
    public BarChart Categories(params string[] categories)
    {
        _categories = categories;
        return this;
    }

    /// <summary>Adds one value per category, and optionally its error (drawn as a bar from value − error to value + error).</summary>
    /// <exception cref="ArgumentException">The errors are not one per value.</exception>
    public BarChart Add(string name, IReadOnlyList<double> values, IReadOnlyList<double>? errors = null)
    {
        if (errors is not null && errors.Count != values.Count)
        {
            throw new ArgumentException($"BarChart.Add: {errors.Count} errors for {values.Count} values of series '{name}'; give one per value.", nameof(errors));
        }
        _series.Add((name, [.. values], errors is null ? null : [.. errors]));
        return this;
    }

    /// <inheritdoc/>
    public override string ToSvg()
    {
        var svg = Canvas();
        int n = Math.Max(_categories.Length, _series.Count == 0 ? 0 : _series.Max(s => s.Values.Length));
        var ends = _series.SelectMany(s => s.Errors is null ? s.Values : s.Values.SelectMany((v, k) => new[] { v - s.Errors[k], v + s.Errors[k] }));
        var (min, max) = Axes.Range(ends.Append(0));
        var axes = new Axes(72, 40, Width - 20, Height - 56, (0, Math.Max(n, 1)), (min, max));
        axes.Draw(svg, "", YLabel, grid: true, showXTicks: false);
        double slot = (axes.Right - axes.Left) / Math.Max(n, 1);
        double barWidth = slot * 0.8 / Math.Max(_series.Count, 1);
        var covered = new List<(double X, double Y)>();
        for (int s = 0; s < _series.Count; s++)
        {
            for (int k = 0; k < _series[s].Values.Length; k++)
            {
                double v = _series[s].Values[k];
                double x = axes.Left + slot * k + slot * 0.1 + barWidth * s;
                double y0 = axes.Py(0), y1 = axes.Py(v);
                svg.Rect(x, Math.Min(y0, y1), barWidth, Math.Abs(y1 - y0), Palette.Color(s));
                if (_series[s].Errors is { } errors && errors[k] > 0)
                {
                    double centre = x + barWidth / 2, low = axes.Py(v - errors[k]), high = axes.Py(v + errors[k]);
                    svg.Line(centre, low, centre, high, "#222", 1.2);
                    svg.Line(centre - barWidth / 4, low, centre + barWidth / 4, low, "#222", 1.2);
                    svg.Line(centre - barWidth / 4, high, centre + barWidth / 4, high, "#222", 1.2);
                    covered.Add((centre, high));
                }
                // What the legend must not cover: points spread over the bar.
                for (int fx = 0; fx <= 4; fx++)
                {
                    for (int fy = 0; fy <= 8; fy++)
                    {
                        covered.Add((x + barWidth * fx / 4, y0 + (y1 - y0) * fy / 8));
                    }
                }
            }
        }
        for (int k = 0; k < _categories.Length; k++)
        {
            svg.Text(axes.Left + slot * (k + 0.5), axes.Bottom + 34, _categories[k], 11);
        }
        if (XLabel.Length > 0)
        {
            svg.Text((axes.Left + axes.Right) / 2, axes.Bottom + 50, XLabel, 13);
        }
        Legend.Draw(svg, axes, _series.Select((s, i) => (s.Name, Palette.Color(i))).ToList(), lines: false, points: covered);
        return svg.ToString();
    }
}
