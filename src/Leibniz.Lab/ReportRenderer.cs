using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Leibniz.IO;
using Markdig;

namespace Leibniz.Lab;

/// <summary>
/// Renders <c>report.md</c> and a self-contained <c>report.html</c> (figures inlined as SVG, no server needed)
/// from what a run folder holds: config.json, summary.json and figures/.
/// </summary>
public static partial class ReportRenderer
{
    private static readonly MarkdownPipeline s_pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>Three or more line breaks (an empty placeholder, figures each followed by a blank line).</summary>
    [GeneratedRegex(@"\n\s*\n(\s*\n)+")]
    private static partial Regex BlankRuns();

    private static string Cell(JsonNode? text) => (text?.GetValue<string>() ?? "").Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    /// <summary>Writes report.md and report.html into the folder (atomically) and returns the Markdown.</summary>
    public static string Render(RunFolder folder)
    {
        var config = JsonNode.Parse(File.ReadAllText(folder.File("config.json")))!.AsObject();
        var summaryPath = folder.File("summary.json");
        var summary = File.Exists(summaryPath) ? JsonNode.Parse(File.ReadAllText(summaryPath))!.AsObject() : new JsonObject { ["status"] = folder.Status() };
        string name = config["experiment"]?.GetValue<string>() ?? "experiment";
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# {name}");
        md.AppendLine();
        string? description = config["description"]?.GetValue<string>();
        if (description is not null)
        {
            md.AppendLine(description).AppendLine();
        }
        md.AppendLine(CultureInfo.InvariantCulture, $"Status: **{summary["status"]}**{(summary["seconds"] is null ? "" : $" after {summary["seconds"]} s")}; seed {config["seed"]}{(config["quick"]?.GetValue<bool>() == true ? "; quick configuration" : "")}.");
        if (summary["error"] is not null)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Error: `{summary["error"]}`");
        }
        md.AppendLine();
        if (summary["preconditions"] is JsonObject preconditions && preconditions.Count > 0)
        {
            var failed = preconditions.Where(p => p.Value?["holds"]?.GetValue<bool>() == false).ToList();
            foreach (var (check, value) in failed)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"> **Precondition not met: {check}.** {value?["detail"]}. Conclusions that rest on it do not hold for this run.").AppendLine();
            }
            var met = preconditions.Where(p => p.Value?["holds"]?.GetValue<bool>() == true).ToList();
            if (met.Count > 0)
            {
                md.AppendLine("Checked before drawing conclusions:").AppendLine();
                foreach (var (check, value) in met)
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"- {check}: {value?["detail"]}");
                }
                md.AppendLine();
            }
        }
        if (summary["verdicts"] is JsonArray verdicts && verdicts.Count > 0)
        {
            md.AppendLine("## Does this run reproduce the paper?").AppendLine();
            md.AppendLine("| claim | reproduced | deciding numbers |").AppendLine("| --- | --- | --- |");
            foreach (var verdict in verdicts)
            {
                string reproduced = verdict?["reproduced"]?.GetValue<string>() switch
                {
                    "Yes" => "**yes**",
                    "Partly" => "**partly**",
                    "No" => "**no**",
                    _ => "**undecided**",
                };
                md.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(verdict?["claim"])} | {reproduced} | {Cell(verdict?["evidence"])} |");
            }
            md.AppendLine();
        }
        var referenced = new HashSet<string>();
        if (summary["report"] is JsonArray sections)
        {
            foreach (var section in sections)
            {
                string heading = section?["heading"]?.GetValue<string>() ?? "";
                string body = section?["markdown"]?.GetValue<string>() ?? "";
                md.AppendLine(CultureInfo.InvariantCulture, $"## {heading}").AppendLine().AppendLine(BlankRuns().Replace(body.Trim(), "\n\n")).AppendLine();
                foreach (Match m in FigureReference().Matches(body))
                {
                    referenced.Add(m.Groups[1].Value);
                }
            }
        }
        if (summary["results"] is JsonObject results && results.Count > 0)
        {
            md.AppendLine("## Results").AppendLine().AppendLine("| result | value |").AppendLine("| --- | --- |");
            foreach (var (key, value) in results)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {key} | {FormatValue(value)} |");
            }
            md.AppendLine();
        }
        string figures = Path.Combine(folder.Path, "figures");
        var others = Directory.Exists(figures)
            ? Directory.GetFiles(figures, "*.svg").Select(f => "figures/" + Path.GetFileName(f)).Where(f => !referenced.Contains(f)).Order().ToList()
            : [];
        if (others.Count > 0)
        {
            md.AppendLine("## Figures").AppendLine();
            foreach (string f in others)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"![{Path.GetFileNameWithoutExtension(f)}]({f})").AppendLine();
            }
        }
        md.AppendLine("## Configuration").AppendLine().AppendLine("| parameter | value |").AppendLine("| --- | --- |");
        if (config["config"] is JsonObject parameters)
        {
            foreach (var (key, value) in parameters)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {key} | {FormatValue(value)} |");
            }
        }
        md.AppendLine().AppendLine("## Environment").AppendLine().AppendLine("| | |").AppendLine("| --- | --- |");
        if (config["environment"] is JsonObject environment)
        {
            foreach (var (key, value) in environment)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {key} | {FormatValue(value).Replace("|", "\\|", StringComparison.Ordinal)} |");
            }
        }
        string markdown = md.ToString();
        AtomicFile.WriteText(folder.File("report.md"), markdown);
        AtomicFile.WriteText(folder.File("report.html"), Html(name, markdown, folder.Path));
        return markdown;
    }

    /// <summary>Markdown to a standalone HTML page, with every local SVG image replaced by the SVG itself.</summary>
    public static string Html(string title, string markdown, string baseDirectory)
    {
        string body = Markdown.ToHtml(markdown, s_pipeline);
        body = ImageTag().Replace(body, m =>
        {
            string path = Path.Combine(baseDirectory, m.Groups[1].Value);
            if (!File.Exists(path))
            {
                return m.Value;
            }
            string svg = File.ReadAllText(path);
            int start = svg.IndexOf("<svg", StringComparison.Ordinal);
            return $"<figure>{(start >= 0 ? svg[start..] : svg)}<figcaption>{m.Groups[2].Value}</figcaption></figure>";
        });
        return $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{{System.Net.WebUtility.HtmlEncode(title)}}</title>
            <style>
            body { font-family: Helvetica, Arial, sans-serif; max-width: 980px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.5; }
            table { border-collapse: collapse; margin: 1em 0; } td, th { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }
            figure { margin: 1.5em 0; } figcaption { color: #555; font-size: 0.9em; } svg { max-width: 100%; height: auto; }
            code { background: #f4f4f4; padding: 0 0.2em; }
            </style></head><body>
            {{body}}
            </body></html>
            """;
    }

    private static string FormatValue(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.TryGetValue(out double d) => d.ToString(Math.Abs(d) >= 1e5 || (Math.Abs(d) < 1e-3 && d != 0) ? "0.###e+0" : "0.####", CultureInfo.InvariantCulture),
        JsonArray a => string.Join(", ", a.Select(FormatValue)),
        _ => value.ToString(),
    };

    [GeneratedRegex(@"\]\((figures/[^)]+\.svg)\)")]
    private static partial Regex FigureReference();

    [GeneratedRegex("<img src=\"(figures/[^\"]+\\.svg)\" alt=\"([^\"]*)\"\\s*/?>")]
    private static partial Regex ImageTag();
}
