using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Data;

/// <summary>Seeded synthetic data sets for experiments and tests that must run without downloads.</summary>
public static class SyntheticData
{
    /// <summary>
    /// A mixture of <paramref name="classes"/> Gaussians in ℝᵈ: class means drawn N(0, separation²·I/d·d) — so
    /// that their distance is about separation·√2 — and unit-variance noise; n samples with balanced int64 labels.
    /// </summary>
    public static TensorDataset GaussianMixture(Generator generator, int n, int dimension, int classes, double separation = 3)
    {
        var means = Tensor.Randn(generator, [classes, dimension], DType.Float32, 0, separation / System.Math.Sqrt(2));
        var labels = new long[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % classes;
        }
        var y = Tensor.FromArray(labels);
        var x = means.IndexSelect(0, y) + Tensor.Randn(generator, [n, dimension]);
        return new TensorDataset(x, y);
    }
}
