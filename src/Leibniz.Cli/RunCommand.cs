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
