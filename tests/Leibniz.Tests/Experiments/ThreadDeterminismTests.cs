using Leibniz.Cli;
using Leibniz.Lab;
using Leibniz.Numerics;

namespace Leibniz.Tests.Experiments;

/// <summary>
/// The architecture promises that the thread count never changes a bit: every experiment's quick run writes a
/// byte-identical metrics.jsonl at one and at two threads. Changes the thread count, so it runs alone.
/// </summary>
[Collection(GlobalStateCollection.Name)]
public sealed class ThreadDeterminismTests() : TemporaryFolderTests("leibniz-threads-")
{
    public static TheoryData<string> Names => [.. ExperimentRegistry.All.Select(e => e.Name)];

    [Theory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(Names))]
    public void Quick_runs_write_the_same_metrics_at_one_and_two_threads(string name)
    {
        var experiment = ExperimentRegistry.Find(name)!;
        int saved = Parallelism.MaxThreads;
        try
        {
            var metrics = new List<string>();
            foreach (int threads in new[] { 1, 2 })
            {
                Parallelism.MaxThreads = threads;
                var (folder, status, error) = ExperimentRunner.Run(experiment, experiment.QuickConfig(), 5, Path.Combine(Folder, $"t{threads}"), quick: true);
                Assert.True(status == RunStatus.Completed, error);
                metrics.Add(File.ReadAllText(folder.File("metrics.jsonl")));
            }
            Assert.False(string.IsNullOrEmpty(metrics[0]), $"{name} wrote no metrics");
            Assert.True(metrics[0] == metrics[1], $"{name}: metrics.jsonl differs between one and two threads (first difference at character {FirstDifference(metrics[0], metrics[1])})");
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    private static int FirstDifference(string a, string b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }
        return n;
    }
}
