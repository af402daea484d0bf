using Leibniz.Autograd;
using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>A lookup table: row i of the weight [num, dim] for index i; weights N(0, 1) as in PyTorch.</summary>
public sealed class Embedding : Module
{
    public Embedding(int count, int dimension, Leibniz.Numerics.Generator generator)
    {
        Weight = RegisterParameter("weight", Init.Normal(Tensor.Zeros(count, dimension), 0, 1, generator));
    }

    /// <summary>[num, dim].</summary>
    public Tensor Weight { get; }

    /// <summary>Indices of any shape (int64/int32) → [..., dim].</summary>
    public override Tensor Forward(Tensor input)
    {
        var rows = Weight.IndexSelect(0, input.Reshape(-1));
        return rows.Reshape([.. input.Shape.ToArray(), Weight.Size(1)]);
    }
}
