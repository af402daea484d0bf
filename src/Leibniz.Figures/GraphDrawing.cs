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

/// <summary>A graph drawn as vertices (circles with labels) and edges (lines), e.g. a counterexample found by search.</summary>
public sealed class GraphDrawing : Figure
{
    private int _vertices;
    private (int A, int B)[] _edges = [];

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
            foreach (var (a, b) in _edges)
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
        double cx = Width / 2, cy = (Height + 30) / 2, r = Math.Min(Width, Height - 30) / 2 - 30;
        (double, double) At(int i) => (cx + r * p[i].X, cy + r * p[i].Y);
        foreach (var (a, b) in _edges)
        {
            var (x1, y1) = At(a);
            var (x2, y2) = At(b);
            svg.Line(x1, y1, x2, y2, "#555", 1.4);
        }
        for (int i = 0; i < _vertices; i++)
        {
            var (x, y) = At(i);
            svg.Circle(x, y, 9, Palette.Color(0), "white");
            svg.Text(x, y + 4, i.ToString(System.Globalization.CultureInfo.InvariantCulture), 9, fill: "white");
        }
        return svg.ToString();
    }
}
