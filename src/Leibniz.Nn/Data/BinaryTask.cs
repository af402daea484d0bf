using Leibniz.Data;
using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Data;

/// <summary>
/// A two-class problem with scalar targets ±1, for kernel experiments: two Fashion-MNIST classes averaged down
/// to 14×14 pixels (196 inputs), or a two-component Gaussian mixture.
/// </summary>
public static class BinaryTask
{
    /// <summary>Balanced train and test sets of the given sizes; inputs standardised with the training statistics.</summary>
    public static (TensorDataset Train, TensorDataset Test) Load(SampleSource source, int train, int test, int classA, int classB, int dimension, Generator generator)
    {
        Tensor x;
        Tensor sign;
        if (source == SampleSource.FashionMnist)
        {
            var (images, labels) = FashionMnist.Load(20000, images: true);
            var label = labels.ToArray<long>();
            var chosen = Enumerable.Range(0, label.Length).Where(i => label[i] == classA || label[i] == classB).Take(train + test).Select(i => (long)i).ToArray();
            if (chosen.Length < train + test)
            {
                throw new ArgumentException($"Only {chosen.Length} images of classes {classA} and {classB} among the first 20000; ask for fewer samples.");
            }
            var index = Tensor.FromArray(chosen);
            x = images.IndexSelect(0, index).AvgPool2d((2, 2)).Reshape(chosen.Length, -1);
            sign = Tensor.FromArray(chosen.Select(i => label[i] == classA ? 1f : -1f).ToArray(), chosen.Length, 1);
        }
        else
        {
            var mixture = SyntheticData.GaussianMixture(generator, train + test, dimension, 2, separation: 2);
            x = mixture.Inputs;
            sign = Tensor.FromArray(mixture.Targets.ToArray<long>().Select(c => c == 0 ? 1f : -1f).ToArray(), train + test, 1);
        }
        var order = Tensor.Randperm(generator, train + test);
        x = x.IndexSelect(0, order);
        sign = sign.IndexSelect(0, order);
        var trainX = x.Narrow(0, 0, train);
        var testX = x.Narrow(0, train, test);
        return (new TensorDataset(Transforms.Standardize(trainX, trainX), sign.Narrow(0, 0, train).Contiguous()),
                new TensorDataset(Transforms.Standardize(testX, trainX), sign.Narrow(0, train, test).Contiguous()));
    }
}
