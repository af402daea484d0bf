namespace Leibniz.Data;

/// <summary>Where the samples of a curvature experiment come from.</summary>
public enum SampleSource
{
    /// <summary>The first training images of Fashion-MNIST (needs the dataset-fashion-mnist package).</summary>
    FashionMnist,

    /// <summary>A seeded mixture of Gaussians, one per class (no download needed).</summary>
    GaussianMixture,

    /// <summary>Generated Shapeset-3×2 images (32×32, 9 classes; Glorot &amp; Bengio, 2010).</summary>
    Shapeset,
}
