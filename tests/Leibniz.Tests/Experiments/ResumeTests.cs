using Leibniz.Cli;
using Leibniz.Lab;

namespace Leibniz.Tests.Experiments;

/// <summary>
/// Every experiment with resumable units, stopped halfway through its quick run (checkpoints after every unit) and
/// resumed, ends with the metrics.jsonl, results and final values of the same run left alone.
/// </summary>
public sealed class ResumeTests() : TemporaryFolderTests("leibniz-resume-")
{
    public static TheoryData<string> Names => ["descents", "mobius", "parity", "grokking", "sharpness", "landscape", "longsteps", "hessian-spectrum", "mimic", "randomization", "glorot"];

    [Theory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(Names))]
    public void A_run_stopped_halfway_resumes_to_the_same_measurements(string name)
    {
        var experiment = ExperimentRegistry.Find(name)!;
        var counting = new StoppingProgress(int.MaxValue);
        var (whole, status, error) = ExperimentRunner.Run(experiment, experiment.QuickConfig(), 6, Path.Combine(Folder, "whole"), counting, quick: true, TimeSpan.Zero);
        Assert.True(status == RunStatus.Completed, error);
        Assert.True(counting.Advances >= 2, $"{name}'s quick run advanced its progress only {counting.Advances} times");

        using var cancellation = new CancellationTokenSource();
        var stopping = new StoppingProgress(counting.Advances / 2, cancellation);
        var (stopped, stoppedStatus, stoppedError) = ExperimentRunner.Run(experiment, experiment.QuickConfig(), 6, Path.Combine(Folder, "stopped"), stopping, quick: true, TimeSpan.Zero, cancellation.Token);
        Assert.True(stoppedStatus == RunStatus.Interrupted, $"{name} was not interrupted halfway: {stoppedStatus} {stoppedError}");
        Assert.True(Directory.Exists(stopped.File("checkpoints")), $"{name} left no checkpoint halfway through");

        var (resumed, resumedStatus, resumedError) = ExperimentRunner.Resume(experiment, stopped, checkpointInterval: TimeSpan.Zero);
        Assert.True(resumedStatus == RunStatus.Completed, resumedError);
        Assert.Contains("restored checkpoint", File.ReadAllText(resumed.File("log.txt")));
        Assert.Equal(File.ReadAllText(whole.File("metrics.jsonl")), File.ReadAllText(resumed.File("metrics.jsonl")));
        Assert.Equal(whole.ReadSummary()!["results"]!.ToJsonString(), resumed.ReadSummary()!["results"]!.ToJsonString());
        Assert.Equal(whole.ReadSummary()!["final"]!.ToJsonString(), resumed.ReadSummary()!["final"]!.ToJsonString());
    }

    [Fact]
    public void A_completed_run_cannot_be_resumed_and_says_so()
    {
        var experiment = ExperimentRegistry.Find("descents")!;
        var (folder, status, error) = ExperimentRunner.Run(experiment, experiment.QuickConfig(), 1, Folder, quick: true);
        Assert.True(status == RunStatus.Completed, error);
        var e = Assert.Throws<InvalidOperationException>(() => ExperimentRunner.Resume(experiment, folder));
        Assert.Contains("has completed", e.Message);
        var other = ExperimentRegistry.Find("parity")!;
        Assert.Contains("not of 'parity'", Assert.Throws<InvalidOperationException>(() => ExperimentRunner.Resume(other, folder)).Message);
    }

    /// <summary>Counts progress advances and cancels the run once it has seen <paramref name="stopAfter"/> of them.</summary>
    private sealed class StoppingProgress(int stopAfter, CancellationTokenSource? cancellation = null) : IRunProgress
    {
        public int Advances { get; private set; }

        public IProgressTask Start(string name, int total) => new Task(this);

        private void Advanced()
        {
            Advances++;
            if (Advances >= stopAfter)
            {
                cancellation?.Cancel();
            }
        }

        public void Message(string text)
        {
        }

        private sealed class Task(StoppingProgress owner) : IProgressTask
        {
            public void Advance(int steps = 1, string? status = null) => owner.Advanced();

            public void Complete()
            {
            }
        }
    }
}
