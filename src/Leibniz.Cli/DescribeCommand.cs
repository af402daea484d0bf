using System.CommandLine;
using Leibniz.Experiments;
using Spectre.Console;
using Leibniz.Lab;

namespace Leibniz.Cli;

/// <summary><c>leibniz describe NAME</c>: every parameter of an experiment.</summary>
internal static class DescribeCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var name = new Argument<string>("name") { Description = "The experiment (see 'leibniz list')." };
        var command = new Command("describe", "Show an experiment's parameters with type, default and description.") { name };
        command.SetAction(parse =>
        {
            var experiment = Resolve(console, parse.GetValue(name)!);
            if (experiment is null)
            {
                return CommandLine.BadUsage;
            }
            console.MarkupLine($"[bold]{Markup.Escape(experiment.Name)}[/]: {Markup.Escape(experiment.Description)}");
            var table = new Table().AddColumn("parameter").AddColumn("type").AddColumn("default").AddColumn("range").AddColumn("description");
            foreach (var p in ConfigBinder.Describe(experiment))
            {
                table.AddRow(Markup.Escape(p.Key), Markup.Escape(p.TypeName), Markup.Escape(p.Default), Markup.Escape(p.Range ?? ""), Markup.Escape(p.Description));
            }
            console.Write(table);
            console.MarkupLine("Set parameters with [bold]--set key=value[/] or [bold]--config file.json[/]; [bold]--quick[/] uses a small configuration.");
            return CommandLine.Success;
        });
        return command;
    }

    /// <summary>The experiment called <paramref name="name"/>, or null after printing the closest names.</summary>
    internal static IExperiment? Resolve(IAnsiConsole console, string name)
    {
        var experiment = ExperimentRegistry.Find(name);
        if (experiment is null)
        {
            var close = ExperimentRegistry.Suggest(name);
            CommandLine.Fail(console, $"There is no experiment '{name}'."
                + (close.Length > 0 ? $" Did you mean {string.Join(" or ", close)}?" : "")
                + $" Known experiments: {string.Join(", ", ExperimentRegistry.All.Select(e => e.Name))}.");
        }
        return experiment;
    }
}
