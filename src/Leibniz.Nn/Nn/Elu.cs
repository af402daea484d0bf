using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>
/// ELU (Clevert, Unterthiner &amp; Hochreiter 2016): x for x &gt; 0, e^x − 1 otherwise, the engine's one-pass
/// <see cref="Tensor.Elu"/> (its gradient written in differentiable ops, so second derivatives and tangents work).
/// </summary>
public sealed class Elu : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Elu();
}
