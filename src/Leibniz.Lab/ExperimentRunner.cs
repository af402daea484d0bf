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
    /// and summary.json holds the error.
    /// </summary>
    /// <remarks>
    /// The run's thread formats with the invariant culture, so an experiment writes <c>$"{x}"</c> and gets the same
    /// text (series names, reports) on every machine.
    /// </remarks>
    public static (RunFolder Folder, RunStatus Status, string? Error) Run(IExperiment experiment, object config, ulong seed, string root,
        IRunProgress? progress = null, bool quick = false, CancellationToken cancellation = default)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return RunInvariant(experiment, config, seed, root, progress, quick, cancellation);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static (RunFolder Folder, RunStatus Status, string? Error) RunInvariant(IExperiment experiment, object config, ulong seed, string root,
        IRunProgress? progress, bool quick, CancellationToken cancellation)
    {
        ConfigBinder.Validate(config);
        var folder = RunFolder.Create(root, experiment.Name, seed);
        var started = DateTime.UtcNow;
        WriteConfig(folder, experiment, config, seed, quick);
        RunStatus status;
        string? error = null;
        Dictionary<string, object> results;
        List<ReportSection> sections;
        Dictionary<string, Dictionary<string, double>> finals;
        using (var context = new RunContext(folder, seed, progress ?? SilentProgress.Instance, cancellation))
        {
            try
            {
                context.Log($"{experiment.Name}: started (seed {seed}{(quick ? ", quick" : "")})");
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
            finals = context.Metrics.Finals();
        }
        var summary = new JsonObject
        {
            ["experiment"] = experiment.Name,
            ["status"] = status.ToString().ToLowerInvariant(),
            ["started"] = started.ToString("O"),
            ["finished"] = DateTime.UtcNow.ToString("O"),
            ["seconds"] = Math.Round((DateTime.UtcNow - started).TotalSeconds, 3),
            ["results"] = JsonSerializer.SerializeToNode(results, ConfigBinder.Json),
            ["final"] = JsonSerializer.SerializeToNode(finals, ConfigBinder.Json),
            ["report"] = JsonSerializer.SerializeToNode(sections, ConfigBinder.Json),
        };
        if (error is not null)
        {
            summary["error"] = error;
        }
        AtomicFile.WriteText(folder.File("summary.json"), summary.ToJsonString(ConfigBinder.Json));
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
