using Leibniz.Autograd;
using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>
/// Layer normalisation (Ba et al., 2016) over the last dimensions given by <c>normalizedShape</c>:
/// <c>y = (x − mean) / √(var + ε) · γ + β</c> with the biased variance of each sample.
/// </summary>
public sealed class LayerNorm : Module
{
    private readonly int[] _normalizedShape;

    public LayerNorm(int[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true, DType dtype = Tensor.DefaultDType)
    {
        _normalizedShape = (int[])normalizedShape.Clone();
        Eps = eps;
        if (elementwiseAffine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(_normalizedShape, dtype));
            Bias = RegisterParameter("bias", Tensor.Zeros(_normalizedShape, dtype));
        }
    }

    /// <summary>Normalises over the last dimension of size <paramref name="features"/>.</summary>
    public LayerNorm(int features, double eps = 1e-5, DType dtype = Tensor.DefaultDType) : this([features], eps, dtype: dtype)
    {
    }

    public double Eps { get; }

    public Tensor? Weight { get; }

    public Tensor? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        int k = _normalizedShape.Length;
        if (input.Rank < k || !input.Shape[(input.Rank - k)..].SequenceEqual(_normalizedShape))
        {
            throw new ArgumentException($"LayerNorm: the input {ShapeHelper.Format(input.Shape)} does not end in {ShapeHelper.Format(_normalizedShape)}.", nameof(input));
        }
        var axes = Enumerable.Range(input.Rank - k, k).ToArray();
        var mean = input.Mean(axes, keepDim: true);
        var centred = input - mean;
        var y = centred / (centred.Square().Mean(axes, keepDim: true) + Eps).Sqrt();
        return Weight is not null && Bias is not null ? y * Weight + Bias : y;
    }
}
