using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Leibniz.Experiments.HessianSpectrum;

namespace Leibniz.Experiments.Ntk;

/// <summary>Configuration of <see cref="NtkEvolutionExperiment"/>.</summary>
public sealed record NtkEvolutionConfig
{
    /// <summary>Data set.</summary>
    [Description("Data: FashionMnist (two classes, 14x14) or GaussianMixture (two components).")]
    public SampleSource Data { get; set; } = SampleSource.FashionMnist;

    /// <summary>First class (target +1).</summary>
    [Description("Fashion-MNIST class with target +1.")]
    [Range(0, 9)]
    public int ClassA { get; set; } = 0;

    /// <summary>Second class (target −1).</summary>
    [Description("Fashion-MNIST class with target -1.")]
    [Range(0, 9)]
    public int ClassB { get; set; } = 6;

    /// <summary>Input dimension of the Gaussian mixture.</summary>
    [Description("Input dimension of the Gaussian mixture.")]
    [Range(1, 10000)]
    public int Dimension { get; set; } = 16;

    /// <summary>Training samples (also the kernel's probe set).</summary>
    [Description("Training samples; the kernel is measured on them.")]
    [Range(4, 4096)]
    public int Train { get; set; } = 256;

    /// <summary>Test samples.</summary>
    [Description("Test samples for the accuracies of the network and of kernel regression.")]
    [Range(4, 4096)]
    public int Test { get; set; } = 256;

    /// <summary>Hidden widths of one-hidden-layer networks.</summary>
    [Description("Hidden widths of the one-hidden-layer ReLU networks compared.")]
    [Range(1, 1 << 16)]
    public int[] Widths { get; set; } = [64, 256, 1024];

    /// <summary>Training epochs.</summary>
    [Description("Training epochs (SGD on the squared error to the ±1 targets).")]
    [Range(1, 100000)]
    public int Epochs { get; set; } = 32;

    /// <summary>Learning rate.</summary>
    [Description("SGD learning rate.")]
    [Range(1e-7, 10.0)]
    public double LearningRate { get; set; } = 0.02;

    /// <summary>Batch size.</summary>
    [Description("Mini-batch size.")]
    [Range(1, 1 << 20)]
    public int BatchSize { get; set; } = 32;

    /// <summary>Epochs at which the parent is copied into two children.</summary>
    [Description("Epochs at which children are spawned from the parent (middle width); each pair trains on to the end with different data orders.")]
    [Range(0, 100000)]
    public int[] SpawnEpochs { get; set; } = [0, 1, 4, 16];
}
