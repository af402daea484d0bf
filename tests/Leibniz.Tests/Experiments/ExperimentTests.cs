using System.Text.Json;
using Leibniz.Experiments;
using Leibniz.Experiments.Parity;

namespace Leibniz.Tests.Experiments;

/// <summary>Every registered experiment runs in its quick configuration; configurations are fully described.</summary>
public sealed class ExperimentTests() : TemporaryFolderTests("leibniz-exp-")
{
    public static TheoryData<string> Names => [.. ExperimentRegistry.All.Select(e => e.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_experiment_completes_its_quick_configuration(string name)
    {
        var experiment = ExperimentRegistry.Find(name)!;
        var (folder, status, error) = ExperimentRunner.Run(experiment, experiment.QuickConfig(), 1, Folder, quick: true);
        Assert.True(status == RunStatus.Completed, error);
        using var summary = JsonDocument.Parse(File.ReadAllText(folder.File("summary.json")));
        Assert.NotEmpty(summary.RootElement.GetProperty("results").EnumerateObject());
        Assert.NotEmpty(Directory.GetFiles(folder.File("figures/x").Replace("/x", "", StringComparison.Ordinal), "*.svg"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_parameter_has_a_description_and_a_valid_default(string name)
    {
        var experiment = ExperimentRegistry.Find(name)!;
        foreach (var p in ConfigBinder.Describe(experiment))
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Description), $"{name}.{p.Key} has no description");
            Assert.False(string.IsNullOrEmpty(p.Default), $"{name}.{p.Key} has no default");
        }
        ConfigBinder.Validate(experiment.DefaultConfig());
        ConfigBinder.Validate(experiment.QuickConfig());
    }

    [Fact]
    public void Parity_data_holds_every_string_with_its_parity()
    {
        var (x, y) = ParityExperiment.AllStrings(5);
        Assert.Equal([32, 5], x.Shape.ToArray());
        var xs = x.ToArray<float>();
        var ys = y.ToArray<float>();
        for (int s = 0; s < 32; s++)
        {
            Assert.Equal(Enumerable.Range(0, 5).Sum(i => (int)xs[s * 5 + i]) % 2, (int)ys[s]);
        }
        Assert.Equal(32, Enumerable.Range(0, 32).Select(s => string.Concat(xs.Skip(s * 5).Take(5))).Distinct().Count());
    }

    [Fact]
    public void Set_parses_arrays_enums_and_numbers_invariantly()
    {
        var config = new ParityConfig();
        ConfigBinder.Set(config, ["hidden=16, 8", "learningRate=2.5e-3", "trainFractions=[0.5,0.75]"]);
        Assert.Equal([16, 8], config.Hidden);
        Assert.Equal(2.5e-3, config.LearningRate);
        Assert.Equal([0.5, 0.75], config.TrainFractions);
        var e = Assert.Throws<ConfigException>(() => ConfigBinder.Set(config, ["trainFractions=0.5,1.5"]));
        Assert.Contains("[0.01, 0.99]", e.Message);
    }
}
