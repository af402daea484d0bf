using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Data;

/// <summary>Inputs and targets held as two tensors whose first dimension indexes the samples.</summary>
public sealed class TensorDataset
{
    /// <exception cref="ArgumentException">The two tensors hold different numbers of samples.</exception>
    public TensorDataset(Tensor inputs, Tensor targets)
    {
        if (inputs.Rank == 0 || targets.Rank == 0 || inputs.Size(0) != targets.Size(0))
        {
            throw new ArgumentException(
                $"TensorDataset: inputs {ShapeHelper.Format(inputs.Shape)} and targets {ShapeHelper.Format(targets.Shape)} must have the same first size (the number of samples).");
        }
        Inputs = inputs;
        Targets = targets;
    }

    public Tensor Inputs { get; }

    public Tensor Targets { get; }

    /// <summary>The number of samples.</summary>
    public int Count => Inputs.Size(0);

    /// <summary>The samples at <paramref name="indices"/> (int64, 1-D).</summary>
    public (Tensor X, Tensor Y) Batch(Tensor indices) => (Inputs.IndexSelect(0, indices), Targets.IndexSelect(0, indices));

    /// <summary>A random split into training and validation parts; <paramref name="validationFraction"/> of the samples go to validation.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not in [0, 1).</exception>
    public (TensorDataset Train, TensorDataset Validation) Split(double validationFraction, Generator generator)
    {
        if (!(validationFraction >= 0 && validationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "Split: the validation fraction must lie in [0, 1).");
        }
        var permutation = Tensor.Randperm(generator, Count);
        int validation = (int)System.Math.Round(Count * validationFraction);
        var valIndex = permutation.Narrow(0, 0, validation);
        var trainIndex = permutation.Narrow(0, validation, Count - validation);
        var (vx, vy) = Batch(valIndex);
        var (tx, ty) = Batch(trainIndex);
        return (new TensorDataset(tx, ty), new TensorDataset(vx, vy));
    }
}

/// <summary>
/// Mini-batches over a <see cref="TensorDataset"/>: each enumeration is one epoch, reshuffled from the loader's
/// own generator when <c>shuffle</c> is on, so the same seed gives the same batches.
/// </summary>
public sealed class DataLoader(TensorDataset dataset, int batchSize, bool shuffle = false, Generator? generator = null, bool dropLast = false)
    : IEnumerable<(Tensor X, Tensor Y)>
{
    private readonly Generator _generator = shuffle
        ? generator ?? throw new ArgumentNullException(nameof(generator), "DataLoader: shuffling needs a generator, so that runs are reproducible.")
        : generator ?? new Generator(0);

    /// <summary>Batches per epoch.</summary>
    public int BatchCount => dropLast ? dataset.Count / batchSize : (dataset.Count + batchSize - 1) / batchSize;

    /// <inheritdoc/>
    public IEnumerator<(Tensor X, Tensor Y)> GetEnumerator()
    {
        if (batchSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "DataLoader: the batch size must be positive.");
        }
        var order = shuffle ? Tensor.Randperm(_generator, dataset.Count) : Tensor.Arange(dataset.Count);
        for (int start = 0; start < dataset.Count; start += batchSize)
        {
            int length = System.Math.Min(batchSize, dataset.Count - start);
            if (length < batchSize && dropLast)
            {
                yield break;
            }
            yield return dataset.Batch(order.Narrow(0, start, length));
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Common input transforms.</summary>
public static class Transforms
{
    /// <summary><c>(x − mean) / std</c>.</summary>
    public static Tensor Normalize(Tensor x, double mean, double std) => (x - mean) / std;

    /// <summary>Per-feature standardisation with statistics from <paramref name="reference"/> (e.g. the training set).</summary>
    public static Tensor Standardize(Tensor x, Tensor reference)
    {
        var mean = reference.Mean(0, keepDim: true);
        var std = reference.Std(0, correction: 0, keepDim: true) + 1e-12;
        return (x - mean) / std;
    }

    /// <summary>Flattens every sample: [N, …] → [N, Π…].</summary>
    public static Tensor FlattenSamples(Tensor x) => x.Flatten(1);

    /// <summary>Integer labels → one-hot float rows.</summary>
    public static Tensor OneHot(Tensor labels, int classes) => labels.OneHot(classes);
}
