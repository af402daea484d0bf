using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>
/// ELU (Clevert, Unterthiner &amp; Hochreiter 2016): x for x &gt; 0, e^x − 1 otherwise; written as
/// <c>relu(x) + e^{−relu(−x)} − 1</c>, so its gradients, second derivatives and tangents are those of the ops it is made of.
/// </summary>
public sealed class Elu : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Relu() + (-(-input).Relu()).Exp() - 1.0;
}
