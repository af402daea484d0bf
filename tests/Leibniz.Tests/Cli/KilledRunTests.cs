using System.Diagnostics;
using Leibniz.Cli;
using Leibniz.Experiments;
using Leibniz.Lab;

namespace Leibniz.Tests.Cli;

/// <summary>
/// A run killed with SIGKILL in a child process, marked as killed, and resumed with <c>leibniz run --resume</c>, ends
/// with the metrics.jsonl of an uninterrupted run with the same seed.
/// </summary>
public sealed class KilledRunTests() : TemporaryFolderTests("leibniz-kill-")
{
    [Fact]
    [Trait("Category", "Slow")]
    public void A_killed_search_resumes_to_the_same_measurements()
    {
        string[] settings = ["--set", "maxGenerations=150", "--set", "minutes=30", "--set", "collect=100000", "--set", "checkpointEvery=5"];
        KillResumeAndCompare("cem", settings);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void A_killed_training_resumes_to_the_same_measurements()
    {
        string[] settings = ["--set", "epochs=60", "--set", "trainSize=4000", "--checkpoint-seconds", "0"];
        KillResumeAndCompare("descents", settings);
    }

    /// <summary>
    /// Starts <c>leibniz run NAME --quick --seed 3</c> in a child that halts after its third checkpoint
    /// (<c>LEIBNIZ_HALT_AFTER_CHECKPOINTS</c>, so the kill lands at a known point and never races the run), kills it,
    /// checks that <c>report</c> marks the folder killed, resumes it in a second child and compares its metrics.jsonl
    /// with an uninterrupted run's, byte for byte.
    /// </summary>
    private void KillResumeAndCompare(string name, string[] settings)
    {
        const int halt = 3;
        string killedRoot = Path.Combine(Folder, "killed");
        string[] arguments = ["run", name, "--quick", "--seed", "3", "--out", killedRoot, .. settings];
        var (child, childOutput) = Start(arguments, halt);
        using (child)
        {
            // Wait for the halt marker; the child cannot finish before it, as it waits for ever once it has written it.
            string Marker() => Directory.Exists(killedRoot) && Directory.GetDirectories(killedRoot).SingleOrDefault() is { } f ? Path.Combine(f, "checkpoints", "halted") : "";
            while (!File.Exists(Marker()))
            {
                Assert.False(child.WaitForExit(20), $"The run ended (exit code {(child.HasExited ? child.ExitCode : 0)}) before its checkpoint {halt}: {childOutput}");
            }
            child.Kill(entireProcessTree: true); // SIGKILL: no handler runs, nothing is flushed
            child.WaitForExit();
        }
        string killed = Directory.GetDirectories(killedRoot).Single();
        int linesAtKill = File.ReadAllLines(Path.Combine(killed, "metrics.jsonl")).Length;
        Assert.False(File.Exists(Path.Combine(killed, "summary.json")));
        Assert.Equal("killed", RunFolder.Open(killed).Status());

        var (report, reportOutput) = Start(["report", killed]);
        using (report)
        {
            report.WaitForExit();
            Assert.True(report.ExitCode == 0, reportOutput.ToString());
        }
        Assert.Equal("killed", RunFolder.Open(killed).ReadSummary()?["status"]?.GetValue<string>());
        Assert.Contains("killed", File.ReadAllText(Path.Combine(killed, "report.md")));

        var (resume, resumeOutput) = Start(["run", "--resume", killed]);
        using (resume)
        {
            resume.WaitForExit();
            Assert.True(resume.ExitCode == 0, resumeOutput.ToString());
        }
        var resumed = RunFolder.Open(killed);
        Assert.Equal("completed", resumed.Status());
        Assert.True(resumed.ReadSummary()?["resumed"]?.GetValue<bool>());
        Assert.Contains("restored checkpoint", File.ReadAllText(resumed.File("log.txt")));

        var experiment = ExperimentRegistry.Find(name)!;
        object config = ConfigBinder.Copy(experiment.QuickConfig());
        ConfigBinder.Set(config, settings.Where((_, i) => i > 0 && settings[i - 1] == "--set"));
        var (whole, status, error) = ExperimentRunner.Run(experiment, config, 3, Path.Combine(Folder, "whole"), quick: true);
        Assert.True(status == RunStatus.Completed, error);
        string expected = File.ReadAllText(whole.File("metrics.jsonl"));
        Assert.True(File.ReadAllLines(whole.File("metrics.jsonl")).Length > linesAtKill, $"The run was killed at its end ({linesAtKill} measurements), so nothing was resumed.");
        Assert.Equal(expected, File.ReadAllText(resumed.File("metrics.jsonl")));
    }

    /// <summary>Starts <c>leibniz ARGUMENTS</c>; its output and errors are collected as they come (so its pipes never fill).</summary>
    private static (Process Process, System.Text.StringBuilder Output) Start(string[] arguments, int haltAfterCheckpoints = 0)
    {
        string dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (haltAfterCheckpoints > 0)
        {
            start.Environment["LEIBNIZ_HALT_AFTER_CHECKPOINTS"] = haltAfterCheckpoints.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Leibniz.Cli.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var output = new System.Text.StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }
}
