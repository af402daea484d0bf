using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>The identity.</summary>
public sealed class Identity : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input;
}
