using Leibniz.Cli;
using System.Text.Json;
using Leibniz.Experiments;
using Leibniz.Experiments.Cem;
using Leibniz.Lab;

namespace Leibniz.Tests.Experiments;

/// <summary>The counterexample search as a user runs it: certified answers, clear errors, resumable runs.</summary>
public sealed class CemExperimentTests() : TemporaryFolderTests("leibniz-cem-")
{
    [Fact]
    public void The_quick_run_finds_and_certifies_a_counterexample()
    {
        var experiment = ExperimentRegistry.Find("cem")!;
        var (folder, status, error) = ExperimentRunner.Run(experiment, experiment.QuickConfig(), 1, Folder, quick: true);
        Assert.True(status == RunStatus.Completed, error);
        using var summary = JsonDocument.Parse(File.ReadAllText(folder.File("summary.json")));
        var results = summary.RootElement.GetProperty("results");
        Assert.Equal(1, results.GetProperty("found").GetInt32());
        string graph6 = results.GetProperty("graph6").GetString()!;
        // Independently of the run: the reported graph refutes α ≤ 2μ.
        var graph = Leibniz.Graphs.Graph6.Decode(graph6);
        Assert.True(Leibniz.Graphs.HardInvariants.IndependenceNumberByBruteForce(graph) > 2 * Leibniz.Graphs.Matching.NumberByExhaustion(graph));
        string report = File.ReadAllText(folder.File("report.md"));
        Assert.Contains("Certified counterexample", report);
        Assert.True(File.Exists(folder.File("checkpoints/seed-1/state.json")));
        // The certificate file re-checks from its own text and graph, and names the same graph.
        string certificate = Assert.Single(Directory.GetFiles(Path.Combine(folder.Path, "certificates"), "*.json"));
        var verified = Leibniz.Graphs.Certification.CertificateFile.Verify(certificate);
        Assert.True(verified.Certified, verified.Verdict);
        Assert.Equal(graph6, Leibniz.Graphs.Graph6.Encode(verified.Graph));
    }

    [Fact]
    public void The_same_seed_reproduces_the_metrics()
    {
        var experiment = ExperimentRegistry.Find("cem")!;
        var config = (CemConfig)experiment.QuickConfig() with { MaxGenerations = 12, Collect = 1000 };
        var (first, _, _) = ExperimentRunner.Run(experiment, config, 4, Folder, quick: true);
        var (second, _, _) = ExperimentRunner.Run(experiment, config, 4, Folder, quick: true);
        Assert.Equal(File.ReadAllText(first.File("metrics.jsonl")), File.ReadAllText(second.File("metrics.jsonl")));
        Assert.Equal(12, File.ReadAllLines(first.File("metrics.jsonl")).Length);
    }

    [Fact]
    public void A_written_conjecture_with_a_typo_is_a_configuration_error()
    {
        var config = new CemConfig();
        ConfigBinder.Set(config, ["conjecture=lamda1 + mu >= sqrt(n - 1) + 1"]);
        var e = Assert.Throws<ConfigException>(() => ConfigBinder.Validate(config));
        Assert.Contains("Did you mean 'lambda1'", e.Message);
        Assert.Contains("wagner-2.1", e.Message);
    }

    [Fact]
    public void Orders_default_to_the_published_searches()
    {
        Assert.Equal(19, new CemConfig().Order);
        Assert.Equal(30, new CemConfig { Conjecture = "wagner-2.3" }.Order);
        Assert.Equal(12, new CemConfig { Conjecture = "m >= n - 1" }.Order);
        Assert.Equal(7, new CemConfig { Conjecture = "m >= n - 1", N = 7 }.Order);
    }

    [Fact]
    public void Several_seeds_give_a_time_distribution_and_a_run_resumes_from_its_checkpoint()
    {
        var experiment = ExperimentRegistry.Find("cem")!;
        var config = (CemConfig)experiment.QuickConfig() with { Seeds = 3, Collect = 2 };
        var (folder, status, error) = ExperimentRunner.Run(experiment, config, 5, Folder, quick: true);
        Assert.True(status == RunStatus.Completed, error);
        Assert.True(File.Exists(folder.File("figures/time-to-counterexample.svg")));
        Assert.Contains("of 3 seeds found", File.ReadAllText(folder.File("report.md")));

        var resumed = config with { Seeds = 1, Resume = folder.File("checkpoints/seed-5"), MaxGenerations = 2 };
        ConfigBinder.Validate(resumed);
        var (second, status2, error2) = ExperimentRunner.Run(experiment, resumed, 5, Folder, quick: true);
        Assert.True(status2 == RunStatus.Completed, error2);
        Assert.Contains("Resumed seed 5", File.ReadAllText(second.File("log.txt")));
    }
}
