using System.CommandLine;
using Leibniz.Experiments;
using Spectre.Console;
using Leibniz.Lab;

namespace Leibniz.Cli;

/// <summary><c>leibniz compare RUNDIR...</c>: a table and overlaid curves of several runs.</summary>
internal static class CompareCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var dirs = new Argument<string[]>("rundirs") { Description = "Run folders to compare.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out") { Description = "Where to write compare.md, compare.html and the figures (default: runs/compare-<time>)." };
        var command = new Command("compare", "Compare runs: a table of configurations and results, and overlaid metric curves.") { dirs, output };
        command.SetAction(parse =>
        {
            List<RunFolder> runs;
            try
            {
                runs = parse.GetValue(dirs)!.Select(RunFolder.Open).ToList();
            }
            catch (DirectoryNotFoundException e)
            {
                return CommandLine.Fail(console, e.Message);
            }
            var (header, rows) = RunComparison.Table(runs);
            console.Write(ComparisonTable(header, rows));
            string outDir = parse.GetValue(output) ?? Path.Combine("runs", $"compare-{DateTime.Now:yyyyMMdd-HHmmss}");
            RunComparison.Write(runs, outDir);
            console.MarkupLine($"Comparison: [bold]{Markup.Escape(Path.GetFullPath(Path.Combine(outDir, "compare.html")))}[/]");
            return CommandLine.Success;
        });
        return command;
    }

    /// <summary>
    /// One row per run when that fits; with more fields than a console line holds (over 8 columns), one row per
    /// field and one column per run instead, so that no value is squeezed into a sliver.
    /// </summary>
    private static Table ComparisonTable(string[] header, List<string[]> rows)
    {
        var table = new Table();
        if (header.Length <= 8)
        {
            foreach (string h in header)
            {
                table.AddColumn(Markup.Escape(h));
            }
            foreach (var row in rows)
            {
                table.AddRow(row.Select(Markup.Escape).ToArray());
            }
            return table;
        }
        table.AddColumn(Markup.Escape(header[0]));
        foreach (var row in rows)
        {
            table.AddColumn(Markup.Escape(row[0]));
        }
        for (int field = 1; field < header.Length; field++)
        {
            table.AddRow([Markup.Escape(header[field]), .. rows.Select(row => Markup.Escape(row[field]))]);
        }
        return table;
    }
}
