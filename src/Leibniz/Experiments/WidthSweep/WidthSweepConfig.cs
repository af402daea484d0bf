using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Leibniz.Experiments.HessianSpectrum;

namespace Leibniz.Experiments.WidthSweep;

/// <summary>Configuration of <see cref="WidthSweepExperiment"/>.</summary>
public sealed record WidthSweepConfig
{
    /// <summary>Data set.</summary>
    [Description("Data: FashionMnist (two classes, 14x14) or GaussianMixture (two components).")]
    public SampleSource Data { get; set; } = SampleSource.FashionMnist;

    /// <summary>Input dimension of the Gaussian mixture.</summary>
    [Description("Input dimension of the Gaussian mixture.")]
    [Range(1, 10000)]
    public int Dimension { get; set; } = 16;

    /// <summary>Training samples.</summary>
    [Description("Training samples (the loss, Hessian and kernel are measured on them).")]
    [Range(4, 4096)]
    public int Train { get; set; } = 256;

    /// <summary>Hidden widths.</summary>
    [Description("Hidden widths of the two-hidden-layer ReLU networks.")]
    [Range(1, 1 << 16)]
    public int[] Widths { get; set; } = [32, 128, 512];

    /// <summary>Initialisation scales.</summary>
    [Description("Factors multiplying the default (PyTorch) initialisation of every weight matrix.")]
    [Range(1e-4, 1e4)]
    public double[] InitScales { get; set; } = [0.5, 1, 2];

    /// <summary>Learning rates.</summary>
    [Description("SGD learning rates.")]
    [Range(1e-7, 10.0)]
    public double[] LearningRates { get; set; } = [0.005, 0.02, 0.08];

    /// <summary>Epochs.</summary>
    [Description("Training epochs per grid point (SGD, batch 32, half squared error to ±1 targets).")]
    [Range(1, 100000)]
    public int Epochs { get; set; } = 10;
}
