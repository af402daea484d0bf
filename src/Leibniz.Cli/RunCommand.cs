using System.CommandLine;
using Leibniz.Experiments;
using Spectre.Console;
using Leibniz.Lab;

namespace Leibniz.Cli;

/// <summary><c>leibniz run NAME [--set key=value ...] [--config FILE] [--seed N] [--out DIR] [--quick]</c>.</summary>
internal static class RunCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var name = new Argument<string>("name") { Description = "The experiment (see 'leibniz list')." };
        var set = new Option<string[]>("--set") { Description = "Set a parameter: --set key=value (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var config = new Option<string?>("--config") { Description = "A JSON file of parameter: value pairs, applied before --set." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the run's generator.", DefaultValueFactory = _ => 0UL };
        var output = new Option<string>("--out") { Description = "Folder under which the run folder is made.", DefaultValueFactory = _ => "runs" };
        var quick = new Option<bool>("--quick") { Description = "Use the experiment's small configuration (well under a minute)." };
        var command = new Command("run", "Run an experiment into a new run folder with figures and a report.") { name, set, config, seed, output, quick };
        command.SetAction(parse =>
        {
            var experiment = DescribeCommand.Resolve(console, parse.GetValue(name)!);
            if (experiment is null)
            {
                return CommandLine.BadUsage;
            }
            bool isQuick = parse.GetValue(quick);
            object configuration = ConfigBinder.Copy(isQuick ? experiment.QuickConfig() : experiment.DefaultConfig());
            try
            {
                if (parse.GetValue(config) is { } file)
                {
                    ConfigBinder.Load(configuration, file);
                }
                ConfigBinder.Set(configuration, parse.GetValue(set) ?? []);
                ConfigBinder.Validate(configuration);
            }
            catch (ConfigException e)
            {
                return CommandLine.Fail(console, e.Message);
            }
            using var cancellation = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                cancellation.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                var (folder, status, error) = ProgressDisplay.Run(console, progress =>
                    ExperimentRunner.Run(experiment, configuration, parse.GetValue(seed), parse.GetValue(output)!, progress, isQuick, cancellation.Token));
                console.MarkupLine($"Run folder: [bold]{Markup.Escape(folder.Path)}[/]");
                console.MarkupLine($"Report: {Markup.Escape(Path.Combine(folder.Path, "report.html"))}");
                return status switch
                {
                    RunStatus.Completed => CommandLine.Success,
                    RunStatus.Interrupted => Interrupted(console),
                    _ => CommandLine.Fail(console, $"The run failed: {error}", CommandLine.Failure),
                };
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }

    private static int Interrupted(IAnsiConsole console)
    {
        console.MarkupLine("[yellow]Interrupted.[/] The files written so far are kept and the run is marked as interrupted.");
        return CommandLine.Failure;
    }
}

/// <summary><c>leibniz report RUNDIR</c>: re-renders a run's report from its saved data.</summary>
internal static class ReportCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var dir = new Argument<string>("rundir") { Description = "A run folder." };
        var command = new Command("report", "Re-render a run's report.md and report.html from its saved data.") { dir };
        command.SetAction(parse =>
        {
            try
            {
                var folder = RunFolder.Open(parse.GetValue(dir)!);
                ReportRenderer.Render(folder);
                console.MarkupLine($"Report: [bold]{Markup.Escape(Path.Combine(folder.Path, "report.html"))}[/]");
                return CommandLine.Success;
            }
            catch (DirectoryNotFoundException e)
            {
                return CommandLine.Fail(console, e.Message);
            }
        });
        return command;
    }
}

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
