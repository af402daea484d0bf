using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Leibniz.Data;
using Leibniz.Numerics;

namespace Leibniz.Lab;

/// <summary>A classification training set: Fashion-MNIST, or a seeded Gaussian mixture of a chosen dimension and number of classes.</summary>
public sealed record ClassificationSettings : Settings
{
    [ConfigKey("data")]
    [Description("Data: FashionMnist (the first images) or GaussianMixture (synthetic, one Gaussian per class).")]
    public SampleSource Source { get; set; } = SampleSource.FashionMnist;

    [Description("Number of training samples.")]
    [Range(8, 60000)]
    public int Samples { get; set; } = 1000;

    [Description("Input dimension of the Gaussian mixture (Fashion-MNIST is always 784).")]
    [Range(1, 100000)]
    public int Dimension { get; set; } = 32;

    [Description("Number of classes of the Gaussian mixture (Fashion-MNIST has 10).")]
    [Range(2, 1000)]
    public int Classes { get; set; } = 10;

    /// <summary>The number of classes of the chosen data.</summary>
    public int ClassCount => Source == SampleSource.FashionMnist ? 10 : Classes;

    /// <summary>The first <see cref="Samples"/> Fashion-MNIST training images (flattened), or a fresh mixture drawn from <paramref name="generator"/>.</summary>
    public TensorDataset Load(Generator generator) => Source == SampleSource.FashionMnist
        ? ExperimentData.Load(Source, Samples, 0, Dimension, generator).Train
        : SyntheticData.GaussianMixture(generator, Samples, Dimension, Classes);

    /// <summary>The data as text, e.g. <c>1000 samples (FashionMnist, 10 classes)</c>.</summary>
    public string Describe() => $"{Samples} samples ({Source}, {ClassCount} classes)";
}
