using System.Xml.Linq;
using Leibniz.Figures;

namespace Leibniz.Tests.Figures;

/// <summary>Every figure type renders SVG 1.1 that parses as XML and contains the marks it should.</summary>
public class FigureTests
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    private static XElement Parse(Figure figure)
    {
        var root = XDocument.Parse(figure.ToSvg()).Root!;
        Assert.Equal(Ns + "svg", root.Name);
        Assert.Equal("1.1", root.Attribute("version")!.Value);
        return root;
    }

    [Fact]
    public void Line_plot_draws_one_polyline_per_series_with_a_legend_and_labels()
    {
        var plot = new LinePlot { Title = "Loss <train & test>", XLabel = "epoch", YLabel = "loss", LogY = true }
            .Add("train", [1, 2, 3], [1, 0.1, 0.01])
            .Add("test", [1, 2, 3], [1, 0.5, double.NaN]);
        var svg = Parse(plot);
        Assert.Equal(2, svg.Descendants(Ns + "polyline").Count());
        var texts = svg.Descendants(Ns + "text").Select(t => t.Value).ToList();
        Assert.Contains("Loss <train & test>", texts);
        Assert.Contains("train", texts);
        Assert.Contains("epoch", texts);
        Assert.Contains("0.01", texts);
    }

    [Fact]
    public void Scatter_bar_and_histograms_draw_their_marks()
    {
        Assert.Equal(3, Parse(new ScatterPlot().Add("a", [1, 2, 3], [3, 1, 2])).Descendants(Ns + "circle").Count());
        var bars = Parse(new BarChart().Categories("x", "y").Add("s", [1, -2]));
        Assert.True(bars.Descendants(Ns + "rect").Count() >= 3);
        int lines = bars.Descendants(Ns + "line").Count();
        var withErrors = Parse(new BarChart().Categories("x", "y").Add("s", [1, -2], [0.5, 0]));
        Assert.Equal(lines + 3, withErrors.Descendants(Ns + "line").Count());
        Assert.Throws<ArgumentException>(() => new BarChart().Add("s", [1, 2], [1]));
        var histogram = Parse(new Histogram { Bins = 10 }.Add("n", Enumerable.Range(0, 100).Select(i => i / 10.0)));
        Assert.True(histogram.Descendants(Ns + "rect").Count() >= 10);
        var grid = Parse(new HistogramGrid { Bins = 5 }.Add("layer 1", [1, 2, 3]).Add("layer 2", [2, 3, 4]).Add("layer 3", [0, 0, 1]));
        var titles = grid.Descendants(Ns + "text").Select(t => t.Value).ToList();
        Assert.Contains("layer 3", titles);
    }

    [Fact]
    public void Heat_map_has_cells_contours_and_a_colour_bar()
    {
        double[] x = Enumerable.Range(0, 11).Select(i => -1 + i * 0.2).ToArray();
        var z = new double[11, 11];
        for (int i = 0; i < 11; i++)
        {
            for (int j = 0; j < 11; j++)
            {
                z[i, j] = x[i] * x[i] + x[j] * x[j];
            }
        }
        var svg = Parse(new HeatMap { ContourLevels = 4, ColorLabel = "loss" }.Data(x, x, z));
        Assert.True(svg.Descendants(Ns + "rect").Count() >= 121 + 64);
        Assert.True(svg.Descendants(Ns + "path").Count() >= 3);
        Assert.Contains("loss", svg.Descendants(Ns + "text").Select(t => t.Value));
    }

    [Fact]
    public void Graph_drawing_has_a_circle_per_vertex_and_a_line_per_edge()
    {
        var edges = new[] { (0, 1), (1, 2), (2, 3), (3, 0), (0, 2) };
        foreach (var layout in new[] { GraphLayout.Circular, GraphLayout.Spring })
        {
            var svg = Parse(new GraphDrawing { Layout = layout, Seed = 3 }.Graph(4, edges));
            Assert.Equal(4, svg.Descendants(Ns + "circle").Count());
            Assert.Equal(5, svg.Descendants(Ns + "line").Count());
        }
        Assert.Throws<ArgumentException>(() => new GraphDrawing().Graph(2, [(0, 5)]));
    }

    [Fact]
    public void Directed_edges_get_an_arrowhead_and_styled_edges_their_colour()
    {
        var drawing = new GraphDrawing().Graph(3, []).Labels(["X", "Y", "Z"])
            .Edge(0, 1).Edge(1, 2, directed: false, color: "#D55E00", dash: "4,3")
            .Highlight([2], "#009E73").Legend("reversed", "#D55E00", "4,3");
        var svg = Parse(drawing);
        Assert.Single(svg.Descendants(Ns + "polygon"));
        Assert.Contains(svg.Descendants(Ns + "line"), l => (string?)l.Attribute("stroke") == "#D55E00" && (string?)l.Attribute("stroke-dasharray") == "4,3");
        Assert.Contains(svg.Descendants(Ns + "circle"), c => (string?)c.Attribute("fill") == "#009E73");
        Assert.Contains("reversed", svg.Descendants(Ns + "text").Select(t => t.Value));
        Assert.Throws<ArgumentException>(() => new GraphDrawing().Graph(2, []).Edge(0, 2));
    }

    [Fact]
    public void Ticks_fall_on_nice_numbers()
    {
        Assert.Equal([0, 0.25, 0.5, 0.75, 1.0], Ticks.Nice(0, 1).Select(t => Math.Round(t, 12)));
        Assert.Equal([0.0, 0.2, 0.4, 0.6], Ticks.Nice(0, 0.7).Select(t => Math.Round(t, 12)));
        Assert.Equal([0.0, 25, 50, 75, 100], Ticks.Nice(0, 100));
        Assert.Equal([0.001, 0.01, 0.1, 1], Ticks.Log(0.001, 1).Select(t => Math.Round(t, 12)));
        Assert.Equal("1e-7", Ticks.Label(1e-7));
        Assert.Equal("0.25", Ticks.Label(0.25));
    }

    [Fact]
    public void Viridis_runs_from_purple_to_yellow()
    {
        Assert.Equal("#440154", Palette.Viridis(0));
        Assert.Equal("#fde725", Palette.Viridis(1));
        Assert.Equal(8, Palette.Colors.Length);
    }

    [Fact]
    public void Series_that_share_a_colour_differ_in_stroke_in_the_plot_and_the_legend()
    {
        var plot = new LinePlot();
        for (int s = 0; s < 10; s++)
        {
            plot.Add($"series {s}", [0.0, 1, 2], [s, s + 1.0, s + 0.5]);
        }
        var svg = plot.ToSvg();
        var polylines = svg.Split('\n').Where(l => l.StartsWith("<polyline", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, polylines.Count);
        Assert.DoesNotContain("stroke-dasharray", polylines[0]);
        Assert.Contains(Palette.Color(0), polylines[8]);
        Assert.Contains($"stroke-dasharray=\"{Palette.Dash(8)}\"", polylines[8]);
        Assert.NotEqual(Palette.Dash(0), Palette.Dash(8));
        // The legend's sample line for series 8 is dotted too.
        Assert.Contains(svg.Split('\n'), l => l.StartsWith("<line", StringComparison.Ordinal) && l.Contains(Palette.Color(0)) && l.Contains($"stroke-dasharray=\"{Palette.Dash(8)}\""));
    }
}

/// <summary>Data at the edges of floating point must still give a finite, readable figure.</summary>
public class FigureEdgeCaseTests
{
    [Fact]
    public void A_log_axis_over_values_down_to_denormals_renders_quickly()
    {
        double[] x = Enumerable.Range(0, 200).Select(i => (double)i).ToArray();
        double[] y = x.Select(v => Math.Exp(-v * v / 10)).ToArray();   // down to 0 and denormals
        var svg = new LinePlot { LogY = true }.Add("density", x, y).ToSvg();
        Assert.Contains("<polyline", svg);
        Assert.True(Ticks.Log(1e-320, 1).Length <= 12);
        Assert.Empty(Ticks.Nice(double.NaN, 1));
        Assert.True(Ticks.Nice(1e300, double.MaxValue).Length <= 100);
    }
}

/// <summary>PNG copies of figures render, text included (from the embedded fonts, whatever the machine has installed).</summary>
public sealed class PngExportTests() : TemporaryFolderTests("leibniz-png-")
{
    [Fact]
    public void A_figure_renders_as_a_png_with_its_text()
    {
        string path = Path.Combine(Folder, "plot.png");
        var plot = new Leibniz.Figures.LinePlot { Title = "Title", XLabel = "x", YLabel = "y" }.Add("a", [0.0, 1, 2], [1.0, 3, 2]);
        Leibniz.Figures.PngExport.Save(plot.ToSvg(), path);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        using var image = SkiaSharp.SKBitmap.Decode(path);
        Assert.Equal((int)(2 * plot.Width), image.Width);
        // Text only: a figure whose one element is its title must still put dark pixels on the page.
        string textOnly = $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"40\"><text x=\"10\" y=\"30\" font-family=\"Helvetica\" font-size=\"20\">Leibniz</text></svg>";
        string textPath = Path.Combine(Folder, "text.png");
        Leibniz.Figures.PngExport.Save(textOnly, textPath);
        using var text = SkiaSharp.SKBitmap.Decode(textPath);
        int dark = 0;
        for (int y = 0; y < text.Height; y++)
        {
            for (int x = 0; x < text.Width; x++)
            {
                dark += text.GetPixel(x, y).Red < 128 ? 1 : 0;
            }
        }
        Assert.True(dark > 100, $"only {dark} dark pixels: the text did not render");
    }
}
