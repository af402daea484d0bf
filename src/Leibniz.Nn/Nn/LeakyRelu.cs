using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>x for x &gt; 0, slope·x otherwise.</summary>
public sealed class LeakyRelu(double negativeSlope = 0.01) : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.LeakyRelu(negativeSlope);

    /// <inheritdoc/>
    protected override string Describe() => $"slope={negativeSlope}";
}
