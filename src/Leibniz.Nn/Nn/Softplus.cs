using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>log(1 + eˣ).</summary>
public sealed class Softplus : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Softplus();
}
