using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>x·Φ(x) (exact GELU).</summary>
public sealed class Gelu : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Gelu();
}
