using Leibniz.Numerics;

namespace Leibniz.Figures;

/// <summary>How vertices are placed in a <see cref="GraphDrawing"/>.</summary>
public enum GraphLayout
{
    /// <summary>Evenly on a circle.</summary>
    Circular,

    /// <summary>Fruchterman–Reingold spring embedding from a seeded start.</summary>
    Spring,
}

/// <summary>
/// A graph drawn as vertices (circles with labels) and edges (lines), e.g. a counterexample found by search; edges
/// may be directed (an arrowhead at the second vertex) and styled, vertices labelled and coloured, with a legend for
/// the styles (e.g. a causal graph estimate: correct, reversed, missing and extra edges).
/// </summary>
public sealed class GraphDrawing : Figure
{
    private int _vertices;
    private (int A, int B)[] _edges = [];
    private readonly List<(int From, int To, bool Directed, string Color, string? Dash)> _styled = [];
    private readonly Dictionary<int, string> _vertexColors = [];
    private readonly List<(string Label, string Color, string? Dash)> _legend = [];
    private string[]? _labels;

    public GraphDrawing()
    {
        Width = 480;
        Height = 480;
    }

    /// <summary>Vertex placement (default circular).</summary>
    public GraphLayout Layout { get; set; } = GraphLayout.Circular;

    /// <summary>Seed for the spring layout's start.</summary>
    public ulong Seed { get; set; }

    /// <summary>Sets the graph: vertices 0..n−1 and edges between them.</summary>
    /// <exception cref="ArgumentException">An edge names a vertex outside 0..n−1.</exception>
    public GraphDrawing Graph(int vertices, IEnumerable<(int A, int B)> edges)
    {
        _vertices = vertices;
        _edges = edges.ToArray();
        foreach (var (a, b) in _edges)
        {
            if (a < 0 || b < 0 || a >= vertices || b >= vertices)
            {
                throw new ArgumentException($"GraphDrawing: edge ({a}, {b}) names a vertex outside 0..{vertices - 1}.", nameof(edges));
            }
        }
        return this;
    }

    /// <summary>Adds an edge drawn in a colour (and dash pattern), with an arrowhead at <paramref name="to"/> when directed.</summary>
    /// <exception cref="ArgumentException">A vertex is outside 0..n−1 (set the vertices with <see cref="Graph"/> first).</exception>
    public GraphDrawing Edge(int from, int to, bool directed = true, string color = "#555", string? dash = null)
    {
        if (from < 0 || to < 0 || from >= _vertices || to >= _vertices)
        {
            throw new ArgumentException($"GraphDrawing: edge ({from}, {to}) names a vertex outside 0..{_vertices - 1}; call Graph(n, …) first.", nameof(from));
        }
        _styled.Add((from, to, directed, color, dash));
        return this;
    }

    /// <summary>Labels for the vertices (default their numbers).</summary>
    /// <exception cref="ArgumentException">Not one label per vertex.</exception>
    public GraphDrawing Labels(IReadOnlyList<string> labels)
    {
        if (labels.Count != _vertices)
        {
            throw new ArgumentException($"GraphDrawing: {labels.Count} labels for {_vertices} vertices.", nameof(labels));
        }
        _labels = [.. labels];
        return this;
    }

    /// <summary>Fills the given vertices with a colour.</summary>
    public GraphDrawing Highlight(IEnumerable<int> vertices, string color)
    {
        foreach (int v in vertices)
        {
            _vertexColors[v] = color;
        }
        return this;
    }

    /// <summary>Adds a legend entry (a line of the colour and dash pattern, and its label).</summary>
    public GraphDrawing Legend(string label, string color, string? dash = null)
    {
        _legend.Add((label, color, dash));
        return this;
    }

    /// <summary>Vertex positions in [−1, 1]².</summary>
    public (double X, double Y)[] Positions()
    {
        int n = _vertices;
        var p = new (double X, double Y)[n];
        for (int i = 0; i < n; i++)
        {
            double angle = 2 * Math.PI * i / Math.Max(n, 1) - Math.PI / 2;
            p[i] = (Math.Cos(angle), Math.Sin(angle));
        }
        if (Layout == GraphLayout.Circular || n < 3)
        {
            return p;
        }
        var g = new Generator(Seed);
        for (int i = 0; i < n; i++)
        {
            p[i] = (2 * g.NextDouble() - 1, 2 * g.NextDouble() - 1);
        }
        double k = Math.Sqrt(4.0 / n);
        double temperature = 0.2;
        for (int iteration = 0; iteration < 300; iteration++, temperature *= 0.985)
        {
            var shift = new (double X, double Y)[n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    if (i == j)
                    {
                        continue;
                    }
                    double dx = p[i].X - p[j].X, dy = p[i].Y - p[j].Y, d = Math.Max(Math.Sqrt(dx * dx + dy * dy), 1e-6);
                    shift[i].X += dx / d * (k * k / d);
                    shift[i].Y += dy / d * (k * k / d);
                }
            }
            foreach (var (a, b) in _edges.Concat(_styled.Select(e => (e.From, e.To))))
            {
                double dx = p[a].X - p[b].X, dy = p[a].Y - p[b].Y, d = Math.Max(Math.Sqrt(dx * dx + dy * dy), 1e-6);
                double f = d * d / k;
                shift[a].X -= dx / d * f;
                shift[a].Y -= dy / d * f;
                shift[b].X += dx / d * f;
                shift[b].Y += dy / d * f;
            }
            for (int i = 0; i < n; i++)
            {
                double len = Math.Max(Math.Sqrt(shift[i].X * shift[i].X + shift[i].Y * shift[i].Y), 1e-9);
                double step = Math.Min(len, temperature);
                p[i] = (p[i].X + shift[i].X / len * step, p[i].Y + shift[i].Y / len * step);
            }
        }
        double scale = Math.Max(p.Max(q => Math.Abs(q.X)), p.Max(q => Math.Abs(q.Y)));
        return p.Select(q => (q.X / scale, q.Y / scale)).ToArray();
    }

    /// <inheritdoc/>
    public override string ToSvg()
    {
        var svg = Canvas();
        var p = Positions();
        double legendHeight = _legend.Count > 0 ? 22 : 0;
        double cx = Width / 2, cy = (Height + 30 - legendHeight) / 2, r = Math.Min(Width, Height - 30 - legendHeight) / 2 - 30;
        (double, double) At(int i) => (cx + r * p[i].X, cy + r * p[i].Y);
        string Label(int i) => _labels?[i] ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        double radius = Math.Max(9, Enumerable.Range(0, _vertices).Select(i => 3.2 * Label(i).Length + 5).DefaultIfEmpty(9).Max());
        foreach (var (a, b) in _edges)
        {
            var (x1, y1) = At(a);
            var (x2, y2) = At(b);
            svg.Line(x1, y1, x2, y2, "#555", 1.4);
        }
        foreach (var (from, to, directed, color, dash) in _styled)
        {
            var (x1, y1) = At(from);
            var (x2, y2) = At(to);
            double dx = x2 - x1, dy = y2 - y1, length = Math.Max(Math.Sqrt(dx * dx + dy * dy), 1e-9);
            var (ux, uy) = (dx / length, dy / length);
            // Stop at the circles' rims; an arrowhead of length 9 ends at the target's rim.
            var (sx, sy) = (x1 + ux * radius, y1 + uy * radius);
            var (ex, ey) = (x2 - ux * radius, y2 - uy * radius);
            svg.Line(sx, sy, directed ? ex - ux * 8 : ex, directed ? ey - uy * 8 : ey, color, 1.6, dash);
            if (directed)
            {
                svg.Polygon([(ex, ey), (ex - ux * 9 - uy * 4, ey - uy * 9 + ux * 4), (ex - ux * 9 + uy * 4, ey - uy * 9 - ux * 4)], color, 1);
            }
        }
        for (int i = 0; i < _vertices; i++)
        {
            var (x, y) = At(i);
            svg.Circle(x, y, radius, _vertexColors.GetValueOrDefault(i, Palette.Color(0)), "white");
            svg.Text(x, y + 4, Label(i), 9, fill: "white");
        }
        double lx = 12;
        foreach (var (label, color, dash) in _legend)
        {
            double ly = Height - 12;
            svg.Line(lx, ly - 4, lx + 22, ly - 4, color, 2, dash);
            svg.Text(lx + 27, ly, label, 11, anchor: "start");
            lx += 38 + 6.2 * label.Length;
        }
        return svg.ToString();
    }
}
