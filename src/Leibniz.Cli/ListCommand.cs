using System.CommandLine;
using Spectre.Console;
using Leibniz.Lab;

namespace Leibniz.Cli;

/// <summary><c>leibniz list</c>: the registered experiments by theme, with the running time of the last run found in the runs folder.</summary>
internal static class ListCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var runs = new Option<string>("--runs") { Description = "Folder whose runs give the running times.", DefaultValueFactory = _ => "runs" };
        var command = new Command("list", "List the experiments.") { runs };
        command.SetAction(parse =>
        {
            string root = parse.GetValue(runs)!;
            foreach (var (theme, experiments) in ExperimentRegistry.Packs)
            {
                var table = new Table { Title = new TableTitle(Markup.Escape(theme)) }.AddColumn("experiment").AddColumn("description").AddColumn("last run");
                foreach (var e in experiments)
                {
                    var last = RunHistory.Last(root, e.Name);
                    string time = last is null ? "not run yet" : RunHistory.Format(last.Seconds) + (last.Quick ? " (quick)" : "");
                    table.AddRow(Markup.Escape(e.Name), Markup.Escape(e.Description), Markup.Escape(time));
                }
                console.Write(table);
            }
            return CommandLine.Success;
        });
        return command;
    }
}
