using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Leibniz.Data;
using Leibniz.Numerics;

namespace Leibniz.Lab;

/// <summary>A classification task with a training and a test set: Fashion-MNIST, Shapeset-3×2 or a seeded Gaussian mixture.</summary>
public sealed record TrainTestSettings : Settings
{
    [ConfigKey("data")]
    [Description("Data: FashionMnist (the first images; the test part from the official test set), Shapeset (generated Shapeset-3x2, 9 classes) or GaussianMixture (synthetic, 10 classes).")]
    public SampleSource Source { get; set; } = SampleSource.FashionMnist;

    [Description("Training samples.")]
    [Range(16, 60000)]
    public int Train { get; set; } = 1000;

    [Description("Test samples.")]
    [Range(16, 10000)]
    public int Test { get; set; } = 1000;

    [Description("Input dimension of the Gaussian mixture.")]
    [Range(1, 100000)]
    public int Dimension { get; set; } = 32;

    /// <summary>The number of classes of the chosen data.</summary>
    public int ClassCount => Source == SampleSource.Shapeset ? 9 : 10;

    /// <summary>The training and test sets (<see cref="ExperimentData.Load"/>), a mixture drawn from <paramref name="generator"/> with class means <paramref name="separation"/> apart.</summary>
    public (TensorDataset Train, TensorDataset Test) Load(Generator generator, double separation = 3)
        => ExperimentData.Load(Source, Train, Test, Dimension, generator, separation);
}
