using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>tanh x.</summary>
public sealed class Tanh : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Tanh();
}
