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
