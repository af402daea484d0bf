using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>
/// <c>y = x·Wᵀ + b</c> with weight [out, in] and bias [out]. Default initialisation (PyTorch's):
/// W and b uniform on ±1/√in (<see cref="Init.Standard"/>).
/// </summary>
public sealed class Linear : Module
{
    /// <summary>Creates the layer, drawing its initial weights from <paramref name="generator"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public Linear(int inFeatures, int outFeatures, Generator generator, bool bias = true, DType dtype = Tensor.DefaultDType)
    {
        if (inFeatures <= 0 || outFeatures <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inFeatures), $"Linear: sizes must be positive; got in = {inFeatures}, out = {outFeatures}.");
        }
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", Init.Standard(Tensor.Zeros([outFeatures, inFeatures], dtype), generator));
        if (bias)
        {
            Bias = RegisterParameter("bias", Init.Standard(Tensor.Zeros([outFeatures], dtype), generator, inFeatures));
        }
    }

    public int InFeatures { get; }

    public int OutFeatures { get; }

    /// <summary>[out, in].</summary>
    public Tensor Weight { get; }

    /// <summary>[out], or null without bias.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Tensor.Linear(input, Weight, Bias);

    /// <inheritdoc/>
    protected override string Describe() => $"in={InFeatures}, out={OutFeatures}, bias={Bias is not null}";
}
