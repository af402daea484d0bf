using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Data;

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

    /// <summary>The generator that shuffles each epoch (its state is what a training checkpoint saves of the loader).</summary>
    public Generator Generator => _generator;

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
