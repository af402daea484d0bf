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

    protected BatchNorm(int features, int expectedRank, double eps, double momentum, bool affine, DType dtype)
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
            Weight = RegisterParameter("weight", Tensor.Ones([features], dtype));
            Bias = RegisterParameter("bias", Tensor.Zeros([features], dtype));
        }
        RunningMean = RegisterBuffer("running_mean", Tensor.Zeros([features], dtype));
        RunningVar = RegisterBuffer("running_var", Tensor.Ones([features], dtype));
        BatchesTracked = RegisterBuffer("num_batches_tracked", Tensor.Zeros([], DType.Int64));
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
