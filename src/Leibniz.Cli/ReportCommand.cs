using System.CommandLine;
using Leibniz.Experiments;
using Spectre.Console;
using Leibniz.Lab;

namespace Leibniz.Cli;

/// <summary><c>leibniz report RUNDIR</c>: re-renders a run's report from its saved data (and marks a killed run as killed).</summary>
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
                if (ExperimentRunner.MarkKilled(folder))
                {
                    console.MarkupLine("[yellow]The run was killed[/] before it could finish (no summary and no live process); it is now marked as killed. Continue it with 'leibniz run --resume RUNDIR'.");
                }
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
