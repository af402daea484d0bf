using Leibniz.Autograd;
using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>
/// Batch normalisation (Ioffe &amp; Szegedy, 2015) over the channel dimension 1:
/// <c>y = (x − μ_B) / √(σ²_B + ε) · γ + β</c>, with batch mean and (biased) variance in training and running
/// estimates in evaluation. Running statistics: <c>r ← (1 − m)·r + m·stat</c>, the variance unbiased.
/// </summary>
public abstract class BatchNorm : Module
{
    private readonly int _expectedRank;

    protected BatchNorm(int features, int expectedRank, double eps, double momentum, bool affine)
    {
        if (features <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(features), features, "BatchNorm: the number of features must be positive.");
        }
        Features = features;
        _expectedRank = expectedRank;
        Eps = eps;
        Momentum = momentum;
        if (affine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(features));
            Bias = RegisterParameter("bias", Tensor.Zeros(features));
        }
        RunningMean = RegisterBuffer("running_mean", Tensor.Zeros(features));
        RunningVar = RegisterBuffer("running_var", Tensor.Ones(features));
        BatchesTracked = RegisterBuffer("num_batches_tracked", Tensor.Zeros(DType.Int64));
    }

    public int Features { get; }

    public double Eps { get; }

    public double Momentum { get; }

    /// <summary>γ [C] or null.</summary>
    public Tensor? Weight { get; }

    /// <summary>β [C] or null.</summary>
    public Tensor? Bias { get; }

    public Tensor RunningMean { get; }

    public Tensor RunningVar { get; }

    public Tensor BatchesTracked { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != _expectedRank && !(_expectedRank == 2 && input.Rank == 3) || input.Size(1) != Features)
        {
            throw new ArgumentException(
                $"{GetType().Name}({Features}): expected input [N, {Features}{(_expectedRank == 4 ? ", H, W" : "(, L)")}], got {ShapeHelper.Format(input.Shape)}.", nameof(input));
        }
        var axes = Enumerable.Range(0, input.Rank).Where(a => a != 1).ToArray();
        var statShape = Enumerable.Range(0, input.Rank).Select(a => a == 1 ? Features : 1).ToArray();
        Tensor mean, variance;
        if (IsTraining)
        {
            mean = input.Mean(axes, keepDim: true);
            variance = (input - mean).Square().Mean(axes, keepDim: true);
            int count = input.Numel / Features;
            using (GradMode.NoGrad())
            {
                var unbiased = variance.Detach().Reshape(Features) * (count / (double)Math.Max(count - 1, 1));
                RunningMean.MulInPlace(1 - Momentum).AddInPlace(mean.Detach().Reshape(Features).To(RunningMean.DType), Momentum);
                RunningVar.MulInPlace(1 - Momentum).AddInPlace(unbiased.To(RunningVar.DType), Momentum);
                BatchesTracked.AddInPlace(Tensor.Scalar(1, DType.Int64));
            }
        }
        else
        {
            mean = RunningMean.Reshape(statShape);
            variance = RunningVar.Reshape(statShape);
        }
        var y = (input - mean) / (variance + Eps).Sqrt();
        if (Weight is not null && Bias is not null)
        {
            y = y * Weight.Reshape(statShape) + Bias.Reshape(statShape);
        }
        return y;
    }

    /// <inheritdoc/>
    protected override string Describe() => $"{Features}, eps={Eps}, momentum={Momentum}";
}

/// <summary>Batch normalisation of [N, C] or [N, C, L] inputs.</summary>
public sealed class BatchNorm1d(int features, double eps = 1e-5, double momentum = 0.1, bool affine = true) : BatchNorm(features, 2, eps, momentum, affine);

/// <summary>Batch normalisation of [N, C, H, W] inputs.</summary>
public sealed class BatchNorm2d(int features, double eps = 1e-5, double momentum = 0.1, bool affine = true) : BatchNorm(features, 4, eps, momentum, affine);

/// <summary>
/// Layer normalisation (Ba et al., 2016) over the last dimensions given by <c>normalizedShape</c>:
/// <c>y = (x − mean) / √(var + ε) · γ + β</c> with the biased variance of each sample.
/// </summary>
public sealed class LayerNorm : Module
{
    private readonly int[] _normalizedShape;

    public LayerNorm(int[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true)
    {
        _normalizedShape = (int[])normalizedShape.Clone();
        Eps = eps;
        if (elementwiseAffine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(_normalizedShape));
            Bias = RegisterParameter("bias", Tensor.Zeros(_normalizedShape));
        }
    }

    /// <summary>Normalises over the last dimension of size <paramref name="features"/>.</summary>
    public LayerNorm(int features, double eps = 1e-5) : this([features], eps)
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

/// <summary>A lookup table: row i of the weight [num, dim] for index i; weights N(0, 1) as in PyTorch.</summary>
public sealed class Embedding : Module
{
    public Embedding(int count, int dimension, Leibniz.Numerics.Generator generator)
    {
        Weight = RegisterParameter("weight", Init.Normal(Tensor.Zeros(count, dimension), 0, 1, generator));
    }

    /// <summary>[num, dim].</summary>
    public Tensor Weight { get; }

    /// <summary>Indices of any shape (int64/int32) → [..., dim].</summary>
    public override Tensor Forward(Tensor input)
    {
        var rows = Weight.IndexSelect(0, input.Reshape(-1));
        return rows.Reshape([.. input.Shape.ToArray(), Weight.Size(1)]);
    }
}
