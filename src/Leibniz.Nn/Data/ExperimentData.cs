using Leibniz.Data;
using Leibniz.Numerics;

namespace Leibniz.Data;

/// <summary>Classification data for experiments: the first Fashion-MNIST images, or a seeded Gaussian mixture.</summary>
public static class ExperimentData
{
    /// <summary>
    /// <paramref name="train"/> training and <paramref name="test"/> test samples: Fashion-MNIST (flattened, 784
    /// inputs; the test part from the official test set), generated Shapeset-3×2 (1024 inputs, 9 classes) or a
    /// mixture of 10 Gaussians in ℝ^<paramref name="dimension"/>.
    /// </summary>
    public static (TensorDataset Train, TensorDataset Test) Load(SampleSource source, int train, int test, int dimension, Generator generator, double separation = 3)
    {
        if (source == SampleSource.FashionMnist)
        {
            var (x, y) = FashionMnist.Load(train);
            var (tx, ty) = test > 0 ? FashionMnist.Load(test, train: false) : (x.Narrow(0, 0, 0), y.Narrow(0, 0, 0));
            return (new TensorDataset(x, y), new TensorDataset(tx, ty));
        }
        var all = source == SampleSource.Shapeset
            ? Shapeset.Generate(train + test, generator)
            : SyntheticData.GaussianMixture(generator, train + test, dimension, 10, separation);
        return (new TensorDataset(all.Inputs.Narrow(0, 0, train).Contiguous(), all.Targets.Narrow(0, 0, train).Contiguous()),
                new TensorDataset(all.Inputs.Narrow(0, train, test).Contiguous(), all.Targets.Narrow(0, train, test).Contiguous()));
    }
}
