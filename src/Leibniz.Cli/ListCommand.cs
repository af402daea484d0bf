using System.CommandLine;
using Leibniz.Experiments;
using Spectre.Console;
using Leibniz.Lab;

namespace Leibniz.Cli;

/// <summary><c>leibniz list</c>: the registered experiments.</summary>
internal static class ListCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("list", "List the experiments.");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumn("experiment").AddColumn("description");
            foreach (var e in ExperimentRegistry.All)
            {
                table.AddRow(Markup.Escape(e.Name), Markup.Escape(e.Description));
            }
            console.Write(table);
            return CommandLine.Success;
        });
        return command;
    }
}
