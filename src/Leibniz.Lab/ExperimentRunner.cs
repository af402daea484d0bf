using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Leibniz.Numerics;
using Leibniz.Numerics.Blas;
using Leibniz.IO;

namespace Leibniz.Lab;

/// <summary>How a run ended.</summary>
public enum RunStatus
{
    /// <summary>Finished normally.</summary>
    Completed,

    /// <summary>Stopped by the user (Ctrl-C); what was written is kept.</summary>
    Interrupted,

    /// <summary>Stopped by an error.</summary>
    Failed,
}

/// <summary>Runs an experiment into a new run folder and writes its configuration, summary and report.</summary>
public static class ExperimentRunner
{
    /// <summary>The version of Leibniz, recorded in every run.</summary>
    public static string Version => typeof(ExperimentRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>
    /// Runs <paramref name="experiment"/> with <paramref name="config"/> and <paramref name="seed"/> under
    /// <paramref name="root"/>. Never throws for a failure inside the experiment: the status says what happened
    /// and summary.json holds the error. Long units save checkpoints at least <paramref name="checkpointInterval"/>
    /// apart (a minute by default), from which <see cref="Resume"/> continues.
    /// </summary>
    /// <remarks>
    /// The run's thread formats with the invariant culture, so an experiment writes <c>$"{x}"</c> and gets the same
    /// text (series names, reports) on every machine.
    /// </remarks>
    public static (RunFolder Folder, RunStatus Status, string? Error) Run(IExperiment experiment, object config, ulong seed, string root,
        IRunProgress? progress = null, bool quick = false, TimeSpan? checkpointInterval = null, CancellationToken cancellation = default)
    {
        ConfigBinder.Validate(config);
        var folder = RunFolder.Create(root, experiment.Name, seed);
        WriteConfig(folder, experiment, config, seed, quick);
        return Invariant(() => Execute(experiment, folder, config, seed, quick, resuming: false, progress, checkpointInterval, cancellation));
    }

    /// <summary>
    /// Continues a stopped run (interrupted, failed or killed) in its own folder, with the configuration and seed of
    /// its config.json: the experiment runs again from the start, and each unit that saved a checkpoint continues from
    /// it, so the finished run's metrics.jsonl is the one an uninterrupted run would have written.
    /// </summary>
    /// <exception cref="InvalidOperationException">The folder is another experiment's, completed, or still running.</exception>
    /// <exception cref="ConfigException">Its configuration no longer fits the experiment's parameters.</exception>
    public static (RunFolder Folder, RunStatus Status, string? Error) Resume(IExperiment experiment, RunFolder folder,
        IRunProgress? progress = null, TimeSpan? checkpointInterval = null, CancellationToken cancellation = default)
    {
        var document = folder.ReadConfig();
        string? name = document["experiment"]?.GetValue<string>();
        if (name != experiment.Name)
        {
            throw new InvalidOperationException($"'{folder.Path}' is a run of '{name}', not of '{experiment.Name}'.");
        }
        string status = folder.Status();
        if (status is "completed" or "running")
        {
            throw new InvalidOperationException(status == "completed"
                ? $"'{folder.Path}' has completed; there is nothing to resume. Start a new run instead."
                : $"'{folder.Path}' is still running (its run.lock names a live process). Stop that process first.");
        }
        bool quick = document["quick"]?.GetValue<bool>() ?? false;
        ulong seed = document["seed"]?.GetValue<ulong>() ?? 0;
        object config = ConfigBinder.Copy(quick ? experiment.QuickConfig() : experiment.DefaultConfig());
        using (var values = System.Text.Json.JsonDocument.Parse(document["config"]?.ToJsonString() ?? "{}"))
        {
            ConfigBinder.Apply(config, values.RootElement, $"The configuration in '{folder.File("config.json")}'");
        }
        ConfigBinder.Validate(config);
        File.Delete(folder.File("summary.json"));
        AppendLog(folder, $"{experiment.Name}: resuming a run that was {status}");
        return Invariant(() => Execute(experiment, folder, config, seed, quick, resuming: true, progress, checkpointInterval, cancellation));
    }

    /// <summary>
    /// Writes the summary of a run that was killed before it could (no summary.json and no live process): status
    /// <c>killed</c> and the last value of every metric in metrics.jsonl. Returns false if the run is not in that state.
    /// </summary>
    public static bool MarkKilled(RunFolder folder)
    {
        if (folder.Status() != "killed" || folder.ReadSummary() is not null)
        {
            return false;
        }
        var finals = new Dictionary<string, Dictionary<string, double>>();
        foreach (var ((series, metric), points) in RunComparison.ReadMetrics(folder))
        {
            if (!finals.TryGetValue(series, out var values))
            {
                values = [];
                finals[series] = values;
            }
            values[metric] = points[^1].Value;
        }
        var summary = new JsonObject
        {
            ["experiment"] = folder.ReadConfig()["experiment"]?.GetValue<string>(),
            ["status"] = "killed",
            ["error"] = "The process stopped without writing its summary (killed, or the machine stopped). Continue it with 'leibniz run --resume FOLDER'.",
            ["final"] = JsonSerializer.SerializeToNode(finals, ConfigBinder.Json),
        };
        AtomicFile.WriteText(folder.File("summary.json"), summary.ToJsonString(ConfigBinder.Json));
        AppendLog(folder, "marked as killed: no summary.json and no live process");
        return true;
    }

    private static void AppendLog(RunFolder folder, string message) =>
        File.AppendAllText(folder.File("log.txt"), $"{DateTime.UtcNow:O} {message}\n");

    private static T Invariant<T>(Func<T> run)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return run();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static (RunFolder Folder, RunStatus Status, string? Error) Execute(IExperiment experiment, RunFolder folder, object config, ulong seed, bool quick,
        bool resuming, IRunProgress? progress, TimeSpan? checkpointInterval, CancellationToken cancellation)
    {
        var started = DateTime.UtcNow;
        folder.Lock();
        RunStatus status;
        string? error = null;
        Dictionary<string, object> results;
        List<ReportSection> sections;
        Dictionary<string, Precondition> preconditions;
        List<Verdict> verdicts;
        Dictionary<string, Dictionary<string, double>> finals;
        using (var context = new RunContext(folder, seed, progress ?? SilentProgress.Instance, cancellation, resuming, checkpointInterval))
        {
            try
            {
                context.Log($"{experiment.Name}: {(resuming ? "resumed" : "started")} (seed {seed}{(quick ? ", quick" : "")})");
                experiment.Run(config, context);
                status = RunStatus.Completed;
                context.Log($"{experiment.Name}: completed");
            }
            catch (OperationCanceledException)
            {
                status = RunStatus.Interrupted;
                context.Log($"{experiment.Name}: interrupted by the user; the files written so far are kept");
            }
            catch (Exception e)
            {
                status = RunStatus.Failed;
                error = $"{e.GetType().Name}: {e.Message}";
                context.Log($"{experiment.Name}: failed: {error}\n{e.StackTrace}");
            }
            results = context.Results;
            sections = context.Report;
            preconditions = context.Preconditions;
            verdicts = context.Verdicts;
            finals = context.Metrics.Finals();
        }
        var summary = new JsonObject
        {
            ["experiment"] = experiment.Name,
            ["status"] = status.ToString().ToLowerInvariant(),
            ["started"] = started.ToString("O"),
            ["finished"] = DateTime.UtcNow.ToString("O"),
            ["seconds"] = Math.Round((DateTime.UtcNow - started).TotalSeconds, 3),
            ["resumed"] = resuming,
            ["preconditions"] = JsonSerializer.SerializeToNode(preconditions, ConfigBinder.Json),
            ["verdicts"] = JsonSerializer.SerializeToNode(verdicts, ConfigBinder.Json),
            ["results"] = JsonSerializer.SerializeToNode(results, ConfigBinder.Json),
            ["final"] = JsonSerializer.SerializeToNode(finals, ConfigBinder.Json),
            ["report"] = JsonSerializer.SerializeToNode(sections, ConfigBinder.Json),
        };
        if (error is not null)
        {
            summary["error"] = error;
        }
        AtomicFile.WriteText(folder.File("summary.json"), summary.ToJsonString(ConfigBinder.Json));
        folder.Unlock();
        ReportRenderer.Render(folder);
        return (folder, status, error);
    }

    private static void WriteConfig(RunFolder folder, IExperiment experiment, object config, ulong seed, bool quick)
    {
        var document = new JsonObject
        {
            ["experiment"] = experiment.Name,
            ["description"] = experiment.Description,
            ["seed"] = seed,
            ["quick"] = quick,
            ["config"] = ConfigBinder.ToJson(config),
            ["environment"] = new JsonObject
            {
                ["leibniz"] = Version,
                ["generator"] = $"xoshiro256** stream v{Generator.StreamVersion}",
                ["dotnet"] = RuntimeInformation.FrameworkDescription,
                ["os"] = RuntimeInformation.OSDescription,
                ["architecture"] = RuntimeInformation.ProcessArchitecture.ToString(),
                ["processors"] = Environment.ProcessorCount,
                ["threads"] = Parallelism.MaxThreads,
                ["gemm"] = Gemm.Describe(),
                ["vector512"] = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated,
                ["machine"] = Environment.MachineName,
                ["commandLine"] = Environment.CommandLine,
            },
        };
        AtomicFile.WriteText(folder.File("config.json"), document.ToJsonString(ConfigBinder.Json));
    }
}
