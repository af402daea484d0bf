namespace Leibniz.Figures;

/// <summary>
/// Values z[i, j] on a grid (rows ↔ y, columns ↔ x) as viridis cells, with optional contour lines (marching
/// squares, linear interpolation) and a colour bar, e.g. a 2-D loss surface (Li et al., 2018).
/// </summary>
public sealed class HeatMap : Figure
{
    private double[,] _z = new double[0, 0];
    private double[] _x = [];
    private double[] _y = [];

    /// <summary>Number of contour levels drawn (0 for none).</summary>
    public int ContourLevels { get; set; } = 10;

    /// <summary>Title of the colour bar.</summary>
    public string ColorLabel { get; set; } = "";

    /// <summary>What a cell without a finite value means (drawn grey with a cross and named under the colour bar), e.g. "diverged".</summary>
    public string MissingLabel { get; set; } = "no value";

    /// <summary>Plot log₁₀ z in colour (contours too); z must be positive.</summary>
    public bool LogColor { get; set; }

    /// <summary>Sets the grid: x has z.GetLength(1) coordinates, y has z.GetLength(0).</summary>
    /// <exception cref="ArgumentException">Sizes disagree.</exception>
    public HeatMap Data(double[] x, double[] y, double[,] z)
    {
        if (z.GetLength(1) != x.Length || z.GetLength(0) != y.Length)
        {
            throw new ArgumentException($"HeatMap: z is {z.GetLength(0)}×{z.GetLength(1)}, but there are {y.Length} y and {x.Length} x coordinates.", nameof(z));
        }
        (_x, _y, _z) = (x, y, z);
        return this;
    }

    private double Value(int i, int j) => !double.IsFinite(_z[i, j]) ? double.NaN : LogColor ? Math.Log10(Math.Max(_z[i, j], 1e-300)) : _z[i, j];

    /// <inheritdoc/>
    public override string ToSvg()
    {
        var svg = Canvas();
        int rows = _y.Length, cols = _x.Length;
        if (rows < 2 || cols < 2)
        {
            return svg.ToString();
        }
        var axes = new Axes(72, 40, Width - 110, Height - 56, (_x.Min(), _x.Max()), (_y.Min(), _y.Max()));
        var values = new List<double>();
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                values.Add(Value(i, j));
            }
        }
        var (vMin, vMax) = Axes.Range(values);
        bool missing = false;
        double span = vMax > vMin ? vMax - vMin : 1;
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                double x0 = axes.Px(j == 0 ? _x[0] : (_x[j - 1] + _x[j]) / 2), x1 = axes.Px(j == cols - 1 ? _x[j] : (_x[j] + _x[j + 1]) / 2);
                double y0 = axes.Py(i == 0 ? _y[0] : (_y[i - 1] + _y[i]) / 2), y1 = axes.Py(i == rows - 1 ? _y[i] : (_y[i] + _y[i + 1]) / 2);
                double value = Value(i, j);
                if (double.IsFinite(value))
                {
                    svg.Rect(Math.Min(x0, x1), Math.Min(y0, y1), Math.Abs(x1 - x0) + 0.5, Math.Abs(y1 - y0) + 0.5, Palette.Viridis((value - vMin) / span));
                }
                else
                {
                    missing = true;
                    svg.Rect(Math.Min(x0, x1), Math.Min(y0, y1), Math.Abs(x1 - x0) + 0.5, Math.Abs(y1 - y0) + 0.5, "#d9d9d9");
                    svg.Line(x0, y0, x1, y1, "#555", 1.2);
                    svg.Line(x0, y1, x1, y0, "#555", 1.2);
                }
            }
        }
        if (missing)
        {
            svg.Text(Width - 8, Height - 8, $"grey ×: {MissingLabel}", 11, anchor: "end");
        }
        for (int level = 1; level <= ContourLevels; level++)
        {
            DrawContour(svg, axes, vMin + span * level / (ContourLevels + 1));
        }
        axes.Draw(svg, XLabel, YLabel, grid: false);
        DrawColorBar(svg, axes, vMin, vMax);
        return svg.ToString();
    }

    private void DrawContour(Svg svg, Axes axes, double level)
    {
        var d = new System.Text.StringBuilder();
        for (int i = 0; i + 1 < _y.Length; i++)
        {
            for (int j = 0; j + 1 < _x.Length; j++)
            {
                // Corners of the cell in order (i,j), (i,j+1), (i+1,j+1), (i+1,j); crossings on the four edges.
                (int I, int J)[] corner = [(i, j), (i, j + 1), (i + 1, j + 1), (i + 1, j)];
                var crossings = new List<(double X, double Y)>();
                for (int e = 0; e < 4; e++)
                {
                    var a = corner[e];
                    var b = corner[(e + 1) % 4];
                    double va = Value(a.I, a.J), vb = Value(b.I, b.J);
                    if ((va < level) != (vb < level) && double.IsFinite(va) && double.IsFinite(vb))
                    {
                        double t = (level - va) / (vb - va);
                        crossings.Add((_x[a.J] + t * (_x[b.J] - _x[a.J]), _y[a.I] + t * (_y[b.I] - _y[a.I])));
                    }
                }
                for (int k = 0; k + 1 < crossings.Count; k += 2)
                {
                    d.Append('M').Append(Svg.N(axes.Px(crossings[k].X))).Append(',').Append(Svg.N(axes.Py(crossings[k].Y)))
                     .Append('L').Append(Svg.N(axes.Px(crossings[k + 1].X))).Append(',').Append(Svg.N(axes.Py(crossings[k + 1].Y)));
                }
            }
        }
        if (d.Length > 0)
        {
            svg.Path(d.ToString(), "white", 0.9);
        }
    }

    private void DrawColorBar(Svg svg, Axes axes, double vMin, double vMax)
    {
        double left = axes.Right + 18, width = 14;
        const int steps = 64;
        double h = (axes.Bottom - axes.Top) / steps;
        for (int k = 0; k < steps; k++)
        {
            svg.Rect(left, axes.Bottom - (k + 1) * h, width, h + 0.5, Palette.Viridis((k + 0.5) / steps));
        }
        svg.Rect(left, axes.Top, width, axes.Bottom - axes.Top, "none", "#444");
        var bar = new Axes(left, axes.Top, left + width, axes.Bottom, (0, 1), (vMin, vMax));
        var ticks = Ticks.Nice(bar.Y.Min, bar.Y.Max);
        var labels = Ticks.Labels(LogColor ? [.. ticks.Select(t => Math.Pow(10, t))] : ticks);
        for (int i = 0; i < ticks.Length; i++)
        {
            double py = bar.Py(ticks[i]);
            svg.Line(left + width, py, left + width + 4, py, "#444");
            svg.Text(left + width + 6, py + 4, labels[i], 10, "start");
        }
        if (ColorLabel.Length > 0)
        {
            svg.Text(left + width / 2, axes.Top - 8, ColorLabel, 11);
        }
    }
}
