using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Leibniz.Experiments.HessianSpectrum;

/// <summary>Where the samples of a curvature experiment come from.</summary>
public enum SampleSource
{
    /// <summary>The first training images of Fashion-MNIST (needs the dataset-fashion-mnist package).</summary>
    FashionMnist,

    /// <summary>A seeded mixture of Gaussians, one per class (no download needed).</summary>
    GaussianMixture,
}

/// <summary>Configuration of <see cref="HessianSpectrumExperiment"/>.</summary>
public sealed record HessianSpectrumConfig
{
    /// <summary>Data set.</summary>
    [Description("Data: FashionMnist (the first images) or GaussianMixture (synthetic, one Gaussian per class).")]
    public SampleSource Data { get; set; } = SampleSource.FashionMnist;

    /// <summary>Number of samples; the Hessian is that of the mean loss over all of them.</summary>
    [Description("Number of samples; the Hessian is that of the mean loss over all of them.")]
    [Range(16, 60000)]
    public int Samples { get; set; } = 2048;

    /// <summary>Input dimension for synthetic data.</summary>
    [Description("Input dimension of the Gaussian mixture (Fashion-MNIST is always 784).")]
    [Range(1, 100000)]
    public int Dimension { get; set; } = 64;

    /// <summary>Number of classes for synthetic data.</summary>
    [Description("Number of classes of the Gaussian mixture (Fashion-MNIST has 10).")]
    [Range(2, 1000)]
    public int Classes { get; set; } = 10;

    /// <summary>Hidden widths to compare (two hidden layers each).</summary>
    [Description("Hidden widths to compare; each model has two hidden layers of that width.")]
    [Range(1, 4096)]
    public int[] Widths { get; set; } = [32, 64, 128];

    /// <summary>Training epochs between the two spectra.</summary>
    [Description("Training epochs (Adam, batch 128) between the spectrum at initialisation and the one after training.")]
    [Range(0, 10000)]
    public int Epochs { get; set; } = 30;

    /// <summary>Adam learning rate.</summary>
    [Description("Adam learning rate.")]
    [Range(1e-7, 10.0)]
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>Lanczos steps for the top eigenvalues.</summary>
    [Description("Lanczos steps (full reorthogonalisation) for the top eigenvalues.")]
    [Range(2, 1000)]
    public int LanczosSteps { get; set; } = 80;

    /// <summary>Number of leading eigenvalues reported.</summary>
    [Description("Number of leading eigenvalues reported and plotted.")]
    [Range(1, 1000)]
    public int TopK { get; set; } = 20;

    /// <summary>Runs of stochastic Lanczos quadrature for the density.</summary>
    [Description("Random start vectors of stochastic Lanczos quadrature for the density.")]
    [Range(1, 100)]
    public int DensityRuns { get; set; } = 3;

    /// <summary>Compute in float64.</summary>
    [Description("Compute the model, loss and Hessian-vector products in float64 instead of float32.")]
    public bool Float64 { get; set; }

    /// <summary>Lanczos steps per density run.</summary>
    [Description("Lanczos steps per density run.")]
    [Range(2, 1000)]
    public int DensitySteps { get; set; } = 60;
}
