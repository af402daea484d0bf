using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Leibniz.Lab;

/// <summary>
/// Report prose kept next to an experiment as Markdown (<c>Parity/parity.md</c>, an embedded resource named after the
/// experiment): sections under <c>## Heading</c> lines, with placeholders <c>{key}</c> or <c>{key:format}</c> filled
/// from the values the experiment passes, then the run's results, then the configuration's parameters (by their
/// <c>--set</c> keys). <c>{{</c> and <c>}}</c> are literal braces. A heading that ends in <c>{?key}</c> makes its section
/// appear only when <c>key</c> has a value. Numbers format with the invariant culture; lists are joined with ", ".
/// </summary>
public static partial class ReportTemplate
{
    [GeneratedRegex(@"\{\{|\}\}|\{([A-Za-z_][\w./@-]*)(?::([^}]+))?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^(.*?)\s*\{\?([A-Za-z_][\w./@-]*)\}\s*$")]
    private static partial Regex Condition();

    /// <summary>The template of the experiment <paramref name="name"/> in <paramref name="assembly"/> (resource <c>name.md</c>).</summary>
    /// <exception cref="InvalidOperationException">The assembly has no such resource.</exception>
    public static string Load(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream($"{name}.md")
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no report template '{name}.md'; put it next to the experiment (packs embed every *.md).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Fills <paramref name="template"/> (named <paramref name="source"/> in errors) from <paramref name="lookup"/>; returns its sections.</summary>
    /// <exception cref="InvalidOperationException">A placeholder has no value, or text stands before the first heading.</exception>
    public static List<ReportSection> Render(string template, Func<string, (bool Found, object? Value)> lookup, string source)
    {
        var sections = new List<ReportSection>();
        string? heading = null;
        var body = new StringBuilder();
        bool include = true;
        void Flush()
        {
            if (heading is not null && include)
            {
                sections.Add(new ReportSection(heading, Fill(body.ToString().Trim(), lookup, source, heading)));
            }
            body.Clear();
        }
        foreach (string line in template.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Flush();
                heading = line[3..].Trim();
                include = true;
                var condition = Condition().Match(heading);
                if (condition.Success)
                {
                    heading = condition.Groups[1].Value;
                    var (found, value) = lookup(condition.Groups[2].Value);
                    include = found && value is not null;
                }
                continue;
            }
            if (heading is null)
            {
                if (line.Trim().Length > 0 && !line.StartsWith("<!--", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Report template {source}: text before the first '## ' heading: '{line.Trim()}'.");
                }
                continue;
            }
            body.AppendLine(line);
        }
        Flush();
        return sections;
    }

    private static string Fill(string text, Func<string, (bool Found, object? Value)> lookup, string source, string heading) =>
        Placeholder().Replace(text, match =>
        {
            if (match.Value is "{{" or "}}")
            {
                return match.Value[..1];
            }
            string key = match.Groups[1].Value;
            var (found, value) = lookup(key);
            if (!found || value is null)
            {
                throw new InvalidOperationException($"Report template {source}, section '{heading}': no value for {{{key}}}; pass it to WriteReport, record it in Results, or use a configuration key.");
            }
            return Format(value, match.Groups[2].Success ? match.Groups[2].Value : null);
        });

    /// <summary>A value as report text: lists joined with ", ", numbers in the invariant culture with an optional format.</summary>
    public static string Format(object value, string? format = null) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(format, CultureInfo.InvariantCulture),
        IEnumerable items => string.Join(", ", items.Cast<object>().Select(item => Format(item, format))),
        _ => value.ToString() ?? "",
    };
}
