using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Leibniz.Experiments.HessianSpectrum;

namespace Leibniz.Experiments.Sharpness;

/// <summary>The loss that full-batch gradient descent minimises.</summary>
public enum SharpnessLoss
{
    /// <summary>Half the mean squared error to one-hot targets (as Cohen et al. mostly use).</summary>
    SquaredError,

    /// <summary>Cross-entropy.</summary>
    CrossEntropy,
}

/// <summary>Configuration of <see cref="SharpnessExperiment"/>.</summary>
public sealed record SharpnessConfig
{
    /// <summary>Data set.</summary>
    [Description("Data: FashionMnist (the first images) or GaussianMixture (synthetic).")]
    public SampleSource Data { get; set; } = SampleSource.FashionMnist;

    /// <summary>Number of training samples (full batch).</summary>
    [Description("Number of training samples; every step uses all of them (full-batch gradient descent).")]
    [Range(8, 60000)]
    public int Samples { get; set; } = 1000;

    /// <summary>Input dimension for synthetic data.</summary>
    [Description("Input dimension of the Gaussian mixture.")]
    [Range(1, 100000)]
    public int Dimension { get; set; } = 32;

    /// <summary>Classes for synthetic data.</summary>
    [Description("Classes of the Gaussian mixture (Fashion-MNIST has 10).")]
    [Range(2, 1000)]
    public int Classes { get; set; } = 10;

    /// <summary>Hidden widths.</summary>
    [Description("Hidden layer widths of the MLP.")]
    [Range(1, 8192)]
    public int[] Hidden { get; set; } = [200, 200];

    /// <summary>Activation.</summary>
    [Description("Activation between layers (tanh as in Cohen et al.; relu, gelu, …).")]
    public string Activation { get; set; } = "tanh";

    /// <summary>Loss.</summary>
    [Description("Loss: SquaredError (to one-hot targets) or CrossEntropy.")]
    public SharpnessLoss Loss { get; set; } = SharpnessLoss.SquaredError;

    /// <summary>Step sizes η, one run each.</summary>
    [Description("Step sizes η of gradient descent, one run each; the stability threshold is 2/η.")]
    [Range(1e-6, 100.0)]
    public double[] LearningRates { get; set; } = [0.02, 0.04, 0.08];

    /// <summary>Gradient descent steps per run.</summary>
    [Description("Gradient descent steps per run.")]
    [Range(1, 1_000_000)]
    public int Steps { get; set; } = 1500;

    /// <summary>Measure the sharpness every this many steps.</summary>
    [Description("Measure the sharpness (top Hessian eigenvalue) every this many steps.")]
    [Range(1, 1_000_000)]
    public int MeasureEvery { get; set; } = 25;

    /// <summary>Lanczos steps per measurement.</summary>
    [Description("Lanczos steps per sharpness measurement.")]
    [Range(2, 1000)]
    public int LanczosSteps { get; set; } = 20;
}
