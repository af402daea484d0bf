using Leibniz.Lab;

namespace Leibniz.Tests.Lab;

/// <summary>A run folder left by a kill: no summary, no live process, a last metrics line cut off mid-write.</summary>
public sealed class KilledFolderTests() : TemporaryFolderTests("leibniz-killed-")
{
    [Fact]
    public void A_killed_folder_is_marked_killed_with_the_last_complete_values()
    {
        var folder = RunFolder.Create(Folder, "parity", 0);
        File.WriteAllText(folder.File("config.json"), """{"experiment": "parity", "seed": 0, "config": {}}""");
        File.WriteAllText(folder.File("metrics.jsonl"), "{\"series\":\"a\",\"step\":1,\"loss\":2}\n{\"series\":\"a\",\"step\":2,\"loss\":1.5}\n{\"series\":\"a\",\"st");
        File.WriteAllText(folder.File("run.lock"), """{"pid": 2147483000, "started": "2000-01-01T00:00:00Z"}""");
        Assert.Equal("killed", folder.Status());
        Assert.True(ExperimentRunner.MarkKilled(folder));
        var summary = folder.ReadSummary()!;
        Assert.Equal("killed", summary["status"]!.GetValue<string>());
        Assert.Equal(1.5, summary["final"]!["a"]!["loss"]!.GetValue<double>());
        Assert.False(ExperimentRunner.MarkKilled(folder));
    }
}
