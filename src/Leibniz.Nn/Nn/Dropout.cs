using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>
/// Inverted dropout in training mode (zero with probability p, scale the rest by 1/(1 − p)); the identity in
/// evaluation mode. Masks come from the layer's own generator.
/// </summary>
public sealed class Dropout(double p, Leibniz.Numerics.Generator generator) : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => IsTraining ? input.Dropout(p, generator) : input;

    /// <inheritdoc/>
    protected override string Describe() => $"p={p}";
}
