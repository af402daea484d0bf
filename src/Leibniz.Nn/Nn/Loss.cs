using Leibniz.Autograd;
using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>
/// Loss functions, each written in numerically stable differentiable operations (log-sum-exp for
/// cross-entropy, softplus for binary cross-entropy).
/// </summary>
public static class Loss
{
    /// <summary>Mean squared error: <c>(x − y)²</c>.</summary>
    public static Tensor Mse(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
        => Reduce((input - target).Square(), reduction, nameof(Mse));

    /// <summary>L1: <c>|x − y|</c>.</summary>
    public static Tensor L1(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
        => Reduce((input - target).Abs(), reduction, nameof(L1));

    /// <summary>Huber: <c>½d²</c> for |d| &lt; δ, <c>δ(|d| − ½δ)</c> otherwise, d = x − y.</summary>
    public static Tensor Huber(Tensor input, Tensor target, double delta = 1.0, Reduction reduction = Reduction.Mean)
    {
        var d = input - target;
        var a = d.Abs();
        var quadratic = d.Square() * 0.5;
        var linear = (a - 0.5 * delta) * delta;
        return Reduce(Tensor.Where(a.Lt(delta), quadratic, linear), reduction, nameof(Huber));
    }

    /// <summary>
    /// Cross-entropy from logits [N, C] (or [N, C, d…]) and int64 class indices [N] (or [N, d…]):
    /// <c>ℓᵢ = −w_{yᵢ}·((1 − ε)·log pᵢ[yᵢ] + (ε/C)·Σ_c log pᵢ[c])</c> with log p = log-softmax. With weights, the
    /// mean divides by <c>Σᵢ w_{yᵢ}</c> (as PyTorch does).
    /// </summary>
    /// <exception cref="ArgumentException">Shapes or the dtype of the targets do not fit.</exception>
    public static Tensor CrossEntropy(Tensor logits, Tensor target, Reduction reduction = Reduction.Mean, double labelSmoothing = 0, Tensor? weight = null)
    {
        var (flat, labels) = FlattenClasses(logits, target, nameof(CrossEntropy));
        var logp = flat.LogSoftmax(1);
        return NllCore(logp, labels, reduction, labelSmoothing, weight, nameof(CrossEntropy));
    }

    /// <summary>Negative log-likelihood of log-probabilities [N, C] at int64 targets [N]: <c>−w_{yᵢ}·log pᵢ[yᵢ]</c>.</summary>
    public static Tensor Nll(Tensor logProbabilities, Tensor target, Reduction reduction = Reduction.Mean, Tensor? weight = null)
    {
        var (flat, labels) = FlattenClasses(logProbabilities, target, nameof(Nll));
        return NllCore(flat, labels, reduction, 0, weight, nameof(Nll));
    }

    private static (Tensor Flat, Tensor Labels) FlattenClasses(Tensor logits, Tensor target, string op)
    {
        if (target.DType is not (DType.Int64 or DType.Int32))
        {
            throw new ArgumentException($"{op}: targets must be int64 class indices, got {target.DType.Name()}.", nameof(target));
        }
        if (logits.Rank < 2 || target.Rank != logits.Rank - 1 || target.Size(0) != logits.Size(0)
            || !logits.Shape[2..].SequenceEqual(target.Shape[1..]))
        {
            throw new ArgumentException(
                $"{op}: logits {ShapeHelper.Format(logits.Shape)} and targets {ShapeHelper.Format(target.Shape)} do not fit: expected [N, C, …] and [N, …].", nameof(target));
        }
        if (logits.Rank == 2)
        {
            return (logits, target);
        }
        int classes = logits.Size(1);
        var moved = logits.Transpose(1, -1).Reshape(-1, classes);
        return (moved, target.Reshape(-1));
    }

    private static Tensor NllCore(Tensor logp, Tensor labels, Reduction reduction, double smoothing, Tensor? weight, string op)
    {
        int classes = logp.Size(1);
        if (smoothing < 0 || smoothing > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, $"{op}: label smoothing must lie in [0, 1].");
        }
        if (weight is not null && (weight.Rank != 1 || weight.Size(0) != classes))
        {
            throw new ArgumentException($"{op}: class weights must have shape [{classes}], got {ShapeHelper.Format(weight.Shape)}.", nameof(weight));
        }
        var index = labels.To(DType.Int64).Reshape(-1, 1);
        var picked = logp.Gather(1, index).Reshape(-1);
        Tensor perSample;
        Tensor? sampleWeights = null;
        if (weight is null)
        {
            perSample = -picked;
            if (smoothing > 0)
            {
                perSample = perSample * (1 - smoothing) - logp.Mean(1) * smoothing;
            }
        }
        else
        {
            var w = weight.To(logp.DType);
            sampleWeights = w.IndexSelect(0, index.Reshape(-1));
            perSample = -picked * sampleWeights;
            if (smoothing > 0)
            {
                perSample = perSample * (1 - smoothing) - (logp * w).Sum(1) * (smoothing / classes);
            }
        }
        if (reduction == Reduction.Mean && sampleWeights is not null)
        {
            return perSample.Sum() / sampleWeights.Sum();
        }
        return Reduce(perSample, reduction, op);
    }

    /// <summary>
    /// Binary cross-entropy from logits: <c>softplus(x) − x·y</c> (= −y·log σ(x) − (1 − y)·log(1 − σ(x)), computed
    /// without overflow). An optional positive-class weight p gives <c>(1 + (p − 1)·y)·softplus(−x) + (1 − y)·x</c>.
    /// </summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor target, Reduction reduction = Reduction.Mean, Tensor? positiveWeight = null)
    {
        if (!logits.Shape.SequenceEqual(target.Shape))
        {
            throw new ArgumentException($"BinaryCrossEntropyWithLogits: logits {ShapeHelper.Format(logits.Shape)} and targets {ShapeHelper.Format(target.Shape)} must have the same shape.", nameof(target));
        }
        var y = target.To(logits.DType);
        if (positiveWeight is null && reduction is Reduction.Mean or Reduction.Sum && !y.RequiresGrad && logits.Numel > 0)
        {
            return FusedBinaryCrossEntropy(logits, y, reduction == Reduction.Mean);
        }
        Tensor loss = positiveWeight is null
            ? logits.Softplus() - logits * y
            : (1.0 + (positiveWeight - 1.0) * y) * logits.Neg().Softplus() + (1.0 - y) * logits;
        return Reduce(loss, reduction, nameof(BinaryCrossEntropyWithLogits));
    }

    /// <summary>
    /// The mean (or sum) of <c>max(x, 0) − x·y + log(1 + e^(−|x|))</c> in one pass, accumulated in double in index
    /// order; its gradient <c>g·(σ(x) − y)/N</c> is written in differentiable operations, so second derivatives work.
    /// One node instead of the five of the composed formula: this loss ends every step of a small network.
    /// </summary>
    private static Tensor FusedBinaryCrossEntropy(Tensor logits, Tensor y, bool mean)
    {
        var x = logits.Detach().Contiguous();
        var t = y.Detach().Contiguous();
        int n = x.Numel;
        double sum = x.DType == DType.Float32
            ? SumBinaryCrossEntropy(x.AsReadOnlySpan<float>(), t.AsReadOnlySpan<float>())
            : SumBinaryCrossEntropy(x.AsReadOnlySpan<double>(), t.AsReadOnlySpan<double>());
        double scale = mean ? 1.0 / n : 1.0;
        var loss = Tensor.Scalar(sum * scale, logits.DType);
        CustomOp.Jvp(loss, [logits], t => ((logits.Sigmoid() - y) * t[0]!).Sum() * scale);
        return CustomOp.Record(loss, nameof(BinaryCrossEntropyWithLogits), [logits], g => [(logits.Sigmoid() - y) * (g * scale)], logits, y);
    }

    /// <summary>Σ max(x, 0) − x·y + log(1 + e^(−|x|)), in double, in index order.</summary>
    private static double SumBinaryCrossEntropy<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> targets)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        double sum = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            double z = double.CreateTruncating(logits[i]);
            sum += Math.Max(z, 0) - z * double.CreateTruncating(targets[i]) + Math.Log(1 + Math.Exp(-Math.Abs(z)));
        }
        return sum;
    }

    /// <summary>Hinge loss for labels in {−1, +1}: <c>max(0, 1 − y·s)</c>.</summary>
    public static Tensor Hinge(Tensor scores, Tensor target, Reduction reduction = Reduction.Mean)
        => Reduce((1.0 - scores * target.To(scores.DType)).Relu(), reduction, nameof(Hinge));

    /// <summary>Squared hinge: <c>max(0, 1 − y·s)²</c>.</summary>
    public static Tensor SquaredHinge(Tensor scores, Tensor target, Reduction reduction = Reduction.Mean)
        => Reduce((1.0 - scores * target.To(scores.DType)).Relu().Square(), reduction, nameof(SquaredHinge));

    /// <summary>
    /// Kullback–Leibler divergence KL(target ‖ input) with <paramref name="input"/> given as log-probabilities:
    /// <c>t·(log t − input)</c>, with 0·log 0 = 0 (or <c>eᵗ·(t − input)</c> when the target is in log space).
    /// Use <see cref="Reduction.BatchMean"/> for the true KL per sample.
    /// </summary>
    public static Tensor KlDivergence(Tensor input, Tensor target, Reduction reduction = Reduction.BatchMean, bool logTarget = false)
    {
        Tensor pointwise;
        if (logTarget)
        {
            pointwise = target.Exp() * (target - input);
        }
        else
        {
            var positive = target.Gt(0);
            var safeLog = Tensor.Where(positive, target, Tensor.OnesLike(target)).Log();
            pointwise = Tensor.Where(positive, target * (safeLog - input), Tensor.ZerosLike(input));
        }
        return Reduce(pointwise, reduction, nameof(KlDivergence));
    }

    private static Tensor Reduce(Tensor values, Reduction reduction, string op) => reduction switch
    {
        Reduction.Mean => values.Mean(),
        Reduction.Sum => values.Sum(),
        Reduction.None => values,
        Reduction.BatchMean => values.Sum() / (values.Rank == 0 ? 1 : values.Size(0)),
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, $"{op}: unknown reduction."),
    };
}
