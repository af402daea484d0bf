using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>x / (1 + |x|).</summary>
public sealed class Softsign : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Softsign();
}
