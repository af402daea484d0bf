using System.Text.Json;
using System.Xml.Linq;
using Leibniz.Cli;
using Leibniz.Experiments;
using Spectre.Console;
using Leibniz.Lab;

namespace Leibniz.Tests.Cli;

/// <summary>The command end to end: parsing, error messages and exit codes, run folders, reports, comparison.</summary>
public sealed class CliTests() : TemporaryFolderTests("leibniz-cli-")
{
    private static (int Code, string Output) Run(params string[] args) => CliHarness.Run(args);

    [Fact]
    public void Verify_rechecks_a_certificate_file_and_says_what_was_proven()
    {
        string path = Path.Combine(Folder, "k4.json");
        var certificate = Leibniz.Graphs.Certification.Certificate.Check(Leibniz.Graphs.NamedGraphs.Complete(4), Leibniz.Graphs.Conjectures.Conjecture.Resolve("m < n"));
        Leibniz.Graphs.Certification.CertificateFile.Write(path, certificate);
        var (code, output) = Run("verify", path);
        Assert.Equal(0, code);
        Assert.Contains("proven", output);
        Assert.Contains("certified", output);
        (code, output) = Run("verify", Path.Combine(Folder, "missing.json"));
        Assert.Equal(2, code);
        Assert.Contains("missing.json", output);
    }

    [Fact]
    public void List_and_describe_show_experiments_and_parameters()
    {
        var (code, output) = Run("list");
        Assert.Equal(0, code);
        Assert.Contains("parity", output);
        (code, output) = Run("describe", "parity");
        Assert.Equal(0, code);
        Assert.Contains("trainFractions", output);
        Assert.Contains("[2, 20]", output);
        Assert.Contains("Number of input bits", output);
    }

    [Fact]
    public void An_unknown_experiment_suggests_the_closest_name_with_exit_code_2()
    {
        var (code, output) = Run("run", "parit", "--out", Folder);
        Assert.Equal(2, code);
        Assert.Contains("There is no experiment 'parit'", output);
        Assert.Contains("Did you mean parity", output);
    }

    [Theory]
    [InlineData("bitz=4", "Unknown parameter 'bitz'", "Did you mean 'bits'")]
    [InlineData("bits=four", "'bits' needs an integer", "'four'")]
    [InlineData("bits=40", "out of range", "[2, 20]")]
    [InlineData("bits", "key=value", "--set")]
    public void Bad_settings_are_explained_with_exit_code_2(string assignment, string expected1, string expected2)
    {
        var (code, output) = Run("run", "parity", "--quick", "--set", assignment, "--out", Folder);
        Assert.Equal(2, code);
        Assert.Contains(expected1, output);
        Assert.Contains(expected2, output);
        Assert.Empty(Directory.GetDirectories(Folder));
    }

    [Fact]
    public void Unknown_options_are_usage_errors()
    {
        Assert.Equal(2, Run("run", "parity", "--no-such-option").Code);
        Assert.Equal(2, Run("no-such-verb").Code);
    }

    [Fact]
    public void A_quick_run_writes_a_complete_run_folder()
    {
        var (code, output) = Run("run", "parity", "--quick", "--seed", "5", "--set", "epochs=6", "--out", Folder);
        Assert.Equal(0, code);
        string folder = Assert.Single(Directory.GetDirectories(Folder));
        Assert.Contains(folder, output);
        foreach (string file in new[] { "config.json", "metrics.jsonl", "summary.json", "report.md", "report.html", "log.txt" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        }
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "config.json")));
        Assert.Equal(5UL, config.RootElement.GetProperty("seed").GetUInt64());
        Assert.Equal(6, config.RootElement.GetProperty("config").GetProperty("epochs").GetInt32());
        Assert.True(config.RootElement.GetProperty("environment").TryGetProperty("leibniz", out _));
        Assert.True(config.RootElement.GetProperty("environment").TryGetProperty("gemm", out _));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
        Assert.Equal("completed", summary.RootElement.GetProperty("status").GetString());
        Assert.True(summary.RootElement.GetProperty("results").GetProperty("best_test_acc").GetDouble() >= 0);
        foreach (string line in File.ReadLines(Path.Combine(folder, "metrics.jsonl")))
        {
            using var record = JsonDocument.Parse(line);
            bool parityModel = record.RootElement.GetProperty("series").GetString()!.StartsWith("train_fraction=", StringComparison.Ordinal);
            Assert.Equal(parityModel, record.RootElement.TryGetProperty("test_acc", out _));
        }
        var figures = Directory.GetFiles(Path.Combine(folder, "figures"), "*.svg");
        Assert.Equal(0, summary.RootElement.GetProperty("results").GetProperty("exact_network_mistakes").GetInt32());
        Assert.Equal(6, figures.Length);
        Assert.All(figures, f => Assert.Equal("svg", XDocument.Load(f).Root!.Name.LocalName));
        string report = File.ReadAllText(Path.Combine(folder, "report.md"));
        Assert.Contains("## Setup", report);
        Assert.Contains("## Observations", report);
        Assert.Contains("](figures/accuracy-vs-training-size.svg)", report);
        string html = File.ReadAllText(Path.Combine(folder, "report.html"));
        Assert.Contains("<svg", html);
        Assert.DoesNotContain("src=\"figures/", html);
    }

    [Fact]
    public void The_same_seed_reproduces_the_metrics_exactly()
    {
        Assert.Equal(0, Run("run", "parity", "--quick", "--seed", "9", "--set", "epochs=10", "--out", Folder).Code);
        Assert.Equal(0, Run("run", "parity", "--quick", "--seed", "9", "--set", "epochs=10", "--out", Folder).Code);
        var folders = Directory.GetDirectories(Folder).Order().ToArray();
        Assert.Equal(2, folders.Length);
        Assert.Equal(File.ReadAllText(Path.Combine(folders[0], "metrics.jsonl")), File.ReadAllText(Path.Combine(folders[1], "metrics.jsonl")));
        Assert.Equal(0, Run("run", "parity", "--quick", "--seed", "10", "--set", "epochs=10", "--out", Folder).Code);
        var third = Directory.GetDirectories(Folder).Except(folders).Single();
        Assert.NotEqual(File.ReadAllText(Path.Combine(folders[0], "metrics.jsonl")), File.ReadAllText(Path.Combine(third, "metrics.jsonl")));
    }

    [Fact]
    public void A_config_file_is_applied_before_set()
    {
        string file = Path.Combine(Folder, "c.json");
        File.WriteAllText(file, """{ "epochs": 3, "hidden": [8, 8], "trainFractions": [0.5] }""");
        string runs = Path.Combine(Folder, "runs");
        Assert.Equal(0, Run("run", "parity", "--quick", "--config", file, "--set", "epochs=2", "--out", runs).Code);
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory.GetDirectories(runs).Single(), "config.json")));
        Assert.Equal(2, config.RootElement.GetProperty("config").GetProperty("epochs").GetInt32());
        Assert.Equal(2, config.RootElement.GetProperty("config").GetProperty("hidden").GetArrayLength());
    }

    [Fact]
    public void Report_rerenders_and_compare_overlays_runs()
    {
        string runs = Path.Combine(Folder, "runs");
        Assert.Equal(0, Run("run", "parity", "--quick", "--seed", "1", "--set", "epochs=5", "--out", runs).Code);
        Assert.Equal(0, Run("run", "parity", "--quick", "--seed", "2", "--set", "epochs=5", "--set", "learningRate=0.01", "--out", runs).Code);
        var folders = Directory.GetDirectories(runs).Order().ToArray();
        File.Delete(Path.Combine(folders[0], "report.md"));
        File.Delete(Path.Combine(folders[0], "report.html"));
        Assert.Equal(0, Run("report", folders[0]).Code);
        Assert.Contains("## Observations", File.ReadAllText(Path.Combine(folders[0], "report.md")));
        string outDir = Path.Combine(Folder, "cmp");
        var (code, output) = Run("compare", folders[0], folders[1], "--out", outDir);
        Assert.Equal(0, code);
        Assert.Contains("learningRate", output);
        Assert.True(File.Exists(Path.Combine(outDir, "compare.html")));
        var figure = Directory.GetFiles(Path.Combine(outDir, "figures"), "*test_acc.svg").First();
        Assert.True(XDocument.Load(figure).Descendants().Count(e => e.Name.LocalName == "polyline") >= 2);
        Assert.Equal(2, Run("report", Folder).Code);
    }

    [Fact]
    public void An_interrupted_run_keeps_valid_files_and_says_so()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var experiment = ExperimentRegistry.Find("parity")!;
        var (folder, status, _) = ExperimentRunner.Run(experiment, experiment.QuickConfig(), 0, Folder, cancellation: cancelled.Token);
        Assert.Equal(RunStatus.Interrupted, status);
        using var summary = JsonDocument.Parse(File.ReadAllText(folder.File("summary.json")));
        Assert.Equal("interrupted", summary.RootElement.GetProperty("status").GetString());
        Assert.Contains("interrupted", File.ReadAllText(folder.File("report.md")));
        Assert.Contains("interrupted", File.ReadAllText(folder.File("log.txt")));
    }
}
