using System.CommandLine;
using Leibniz.Experiments;
using Spectre.Console;
using Leibniz.Lab;

namespace Leibniz.Cli;

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
