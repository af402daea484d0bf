using System.CommandLine;
using Leibniz.Experiments;
using Spectre.Console;
using Leibniz.Lab;

namespace Leibniz.Cli;

/// <summary>
/// <c>leibniz run NAME [--set key=value ...] [--config FILE] [--seed N] [--out DIR] [--quick] [--checkpoint-seconds S]</c>,
/// and <c>leibniz run [NAME] --resume RUNDIR</c> to continue a stopped run.
/// </summary>
internal static class RunCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var name = new Argument<string?>("name") { Description = "The experiment (see 'leibniz list'); with --resume it may be left out.", Arity = ArgumentArity.ZeroOrOne };
        var set = new Option<string[]>("--set") { Description = "Set a parameter: --set key=value (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var config = new Option<string?>("--config") { Description = "A JSON file of parameter: value pairs, applied before --set." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the run's generator.", DefaultValueFactory = _ => 0UL };
        var output = new Option<string>("--out") { Description = "Folder under which the run folder is made.", DefaultValueFactory = _ => "runs" };
        var quick = new Option<bool>("--quick") { Description = "Use the experiment's small configuration (well under a minute)." };
        var resume = new Option<string?>("--resume") { Description = "Continue a stopped run (interrupted, failed or killed) in its folder, from its checkpoints." };
        var checkpointSeconds = new Option<double>("--checkpoint-seconds") { Description = "Least time between two checkpoints of a long unit of work.", DefaultValueFactory = _ => 60 };
        var command = new Command("run", "Run an experiment into a new run folder with figures and a report.") { name, set, config, seed, output, quick, resume, checkpointSeconds };
        command.SetAction(parse =>
        {
            double seconds = parse.GetValue(checkpointSeconds);
            if (!(seconds >= 0))
            {
                return CommandLine.Fail(console, $"--checkpoint-seconds {seconds} is not allowed: give a number of seconds ≥ 0 (0 saves after every unit of work).", CommandLine.BadUsage);
            }
            var interval = TimeSpan.FromSeconds(seconds);
            if (parse.GetValue(resume) is { } resumeFolder)
            {
                if (parse.GetValue(set) is { Length: > 0 } || parse.GetValue(config) is not null || parse.GetResult(seed) is { Implicit: false } || parse.GetValue(quick))
                {
                    return CommandLine.Fail(console, "--resume continues a run with the configuration and seed in its config.json; leave out --set, --config, --seed and --quick.", CommandLine.BadUsage);
                }
                return Resume(console, resumeFolder, parse.GetValue(name), interval);
            }
            if (parse.GetValue(name) is not { } experimentName)
            {
                return CommandLine.Fail(console, "Name the experiment to run (see 'leibniz list'), or give --resume RUNDIR to continue a stopped run.", CommandLine.BadUsage);
            }
            var experiment = DescribeCommand.Resolve(console, experimentName);
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
            return Execute(console, (progress, token) =>
                ExperimentRunner.Run(experiment, configuration, parse.GetValue(seed), parse.GetValue(output)!, progress, isQuick, interval, token));
        });
        return command;
    }

    private static int Resume(IAnsiConsole console, string path, string? name, TimeSpan interval)
    {
        RunFolder folder;
        string? recorded;
        try
        {
            folder = RunFolder.Open(path);
            recorded = folder.ReadConfig()["experiment"]?.GetValue<string>();
        }
        catch (Exception e) when (e is DirectoryNotFoundException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return CommandLine.Fail(console, $"Cannot resume '{path}': {e.Message}");
        }
        if (name is not null && !string.Equals(name, recorded, StringComparison.OrdinalIgnoreCase))
        {
            return CommandLine.Fail(console, $"'{path}' is a run of '{recorded}', not of '{name}'.", CommandLine.BadUsage);
        }
        var experiment = DescribeCommand.Resolve(console, recorded ?? "");
        if (experiment is null)
        {
            return CommandLine.Failure;
        }
        if (ExperimentRunner.MarkKilled(folder))
        {
            console.MarkupLine("[yellow]The run was killed[/] before it could finish; it is marked as such and continues from its last checkpoints.");
        }
        try
        {
            return Execute(console, (progress, token) => ExperimentRunner.Resume(experiment, folder, progress, interval, token));
        }
        catch (Exception e) when (e is InvalidOperationException or ConfigException)
        {
            return CommandLine.Fail(console, $"Cannot resume '{path}': {e.Message}");
        }
    }

    private static int Execute(IAnsiConsole console, Func<IRunProgress, CancellationToken, (RunFolder Folder, RunStatus Status, string? Error)> run)
    {
        using var ctrlC = new CtrlC();
        var (folder, status, error) = ProgressDisplay.Run(console, progress => run(progress, ctrlC.Token));
        console.MarkupLine($"Run folder: [bold]{Markup.Escape(folder.Path)}[/]");
        console.MarkupLine($"Report: {Markup.Escape(Path.Combine(folder.Path, "report.html"))}");
        return status switch
        {
            RunStatus.Completed => CommandLine.Success,
            RunStatus.Interrupted => Interrupted(console),
            _ => CommandLine.Fail(console, $"The run failed: {error}", CommandLine.Failure),
        };
    }

    private static int Interrupted(IAnsiConsole console)
    {
        console.MarkupLine("[yellow]Interrupted.[/] The files written so far are kept and the run is marked as interrupted; continue it with 'leibniz run --resume RUNDIR'.");
        return CommandLine.Failure;
    }
}
