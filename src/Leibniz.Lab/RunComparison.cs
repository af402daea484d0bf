using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Leibniz.IO;
using Leibniz.Figures;

namespace Leibniz.Lab;

/// <summary>Compares several runs: a table of their configurations and results, and each metric's curves overlaid.</summary>
public static class RunComparison
{
    /// <summary>One row per run: name, status, seed, then the results and the parameters that differ between runs.</summary>
    public static (string[] Header, List<string[]> Rows) Table(IReadOnlyList<RunFolder> runs)
    {
        var configs = runs.Select(r => JsonNode.Parse(File.ReadAllText(r.File("config.json")))!.AsObject()).ToList();
        var summaries = runs.Select(r => File.Exists(r.File("summary.json")) ? JsonNode.Parse(File.ReadAllText(r.File("summary.json")))!.AsObject() : new JsonObject()).ToList();
        var resultKeys = summaries.SelectMany(s => (s["results"] as JsonObject)?.Select(kv => kv.Key) ?? []).Distinct().ToList();
        var parameterKeys = configs.SelectMany(c => (c["config"] as JsonObject)?.Select(kv => kv.Key) ?? []).Distinct()
            .Where(k => configs.Select(c => c["config"]?[k]?.ToJsonString()).Distinct().Count() > 1).ToList();
        var header = new[] { "run", "status", "seed" }.Concat(parameterKeys).Concat(resultKeys).ToArray();
        var rows = new List<string[]>();
        for (int i = 0; i < runs.Count; i++)
        {
            var row = new List<string> { Path.GetFileName(runs[i].Path), summaries[i]["status"]?.ToString() ?? "?", configs[i]["seed"]?.ToString() ?? "" };
            row.AddRange(parameterKeys.Select(k => configs[i]["config"]?[k]?.ToJsonString() ?? ""));
            row.AddRange(resultKeys.Select(k => Format(summaries[i]["results"]?[k])));
            rows.Add([.. row]);
        }
        return (header, rows);
    }

    /// <summary>Writes compare.md, compare.html and one figure per (series, metric) to <paramref name="outDir"/>.</summary>
    public static string Write(IReadOnlyList<RunFolder> runs, string outDir)
    {
        Directory.CreateDirectory(Path.Combine(outDir, "figures"));
        var (header, rows) = Table(runs);
        var md = new StringBuilder("# Comparison of runs\n\n");
        md.AppendLine("| " + string.Join(" | ", header) + " |").AppendLine("|" + string.Concat(Enumerable.Repeat(" --- |", header.Length)));
        foreach (var row in rows)
        {
            md.AppendLine("| " + string.Join(" | ", row) + " |");
        }
        md.AppendLine();
        var curves = new SortedDictionary<string, LinePlot>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            string label = Path.GetFileName(run.Path);
            foreach (var ((series, metric), points) in ReadMetrics(run))
            {
                string key = $"{series}-{metric}";
                if (!curves.TryGetValue(key, out var plot))
                {
                    plot = new LinePlot { Title = $"{metric} ({series})", XLabel = "step", YLabel = metric };
                    curves[key] = plot;
                }
                plot.Add(label, points.Select(p => p.Step).ToArray(), points.Select(p => p.Value).ToArray());
            }
        }
        foreach (var (key, plot) in curves)
        {
            string relative = $"figures/{key}.svg";
            plot.Save(Path.Combine(outDir, relative));
            md.AppendLine(CultureInfo.InvariantCulture, $"![{key}]({relative})").AppendLine();
        }
        string markdown = md.ToString();
        AtomicFile.WriteText(Path.Combine(outDir, "compare.md"), markdown);
        AtomicFile.WriteText(Path.Combine(outDir, "compare.html"), ReportRenderer.Html("Comparison of runs", markdown, outDir));
        return markdown;
    }

    /// <summary>Every numeric metric of metrics.jsonl by (series, name), as (step, value) points in file order; a line that is not JSON (cut off by a kill) is skipped.</summary>
    public static Dictionary<(string Series, string Metric), List<(double Step, double Value)>> ReadMetrics(RunFolder run)
    {
        var result = new Dictionary<(string, string), List<(double, double)>>();
        string path = run.File("metrics.jsonl");
        if (!File.Exists(path))
        {
            return result;
        }
        foreach (string line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                continue; // the last line of a killed run, cut off mid-write
            }
            using var parsed = doc;
            var root = doc.RootElement;
            string series = root.TryGetProperty("series", out var s) ? s.GetString() ?? "" : "";
            double step = root.TryGetProperty("step", out var st) ? st.GetDouble() : 0;
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is "series" or "step" || property.Value.ValueKind != JsonValueKind.Number)
                {
                    continue;
                }
                if (!result.TryGetValue((series, property.Name), out var list))
                {
                    list = [];
                    result[(series, property.Name)] = list;
                }
                list.Add((step, property.Value.GetDouble()));
            }
        }
        return result;
    }

    private static string Format(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.TryGetValue(out double d) => d.ToString("0.####", CultureInfo.InvariantCulture),
        _ => value.ToJsonString(),
    };
}
