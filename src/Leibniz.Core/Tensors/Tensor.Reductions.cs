using Leibniz.Tensors.Kernels;

namespace Leibniz.Tensors;

public sealed partial class Tensor
{
    /// <summary>A contiguous copy (or this) with the reduced axes as one block: [outer, reduced, inner].</summary>
    private (Tensor Source, int Outer, int Reduced, int Inner) ReductionLayout(int[] axes)
    {
        var x = Detach();
        int first, last;
        if (axes.Length == 0)
        {
            return (x.Contiguous(), 1, 1, Numel);
        }
        if (axes[^1] - axes[0] + 1 == axes.Length)
        {
            first = axes[0];
            last = axes[^1];
        }
        else
        {
            var perm = new List<int>();
            for (int i = 0; i < Rank; i++)
            {
                if (Array.IndexOf(axes, i) < 0)
                {
                    perm.Add(i);
                }
            }
            perm.AddRange(axes);
            x = x.Permute([.. perm]);
            first = Rank - axes.Length;
            last = Rank - 1;
        }
        x = x.Contiguous();
        int outer = 1, reduced = 1, inner = 1;
        for (int i = 0; i < Rank; i++)
        {
            if (i < first)
            {
                outer *= x._shape[i];
            }
            else if (i <= last)
            {
                reduced *= x._shape[i];
            }
            else
            {
                inner *= x._shape[i];
            }
        }
        return (x, outer, reduced, inner);
    }

    private int[] ReducedShape(int[] axes, bool keepDim)
    {
        var shape = new List<int>();
        for (int i = 0; i < Rank; i++)
        {
            if (Array.IndexOf(axes, i) < 0)
            {
                shape.Add(_shape[i]);
            }
            else if (keepDim)
            {
                shape.Add(1);
            }
        }
        return [.. shape];
    }

    /// <summary>
    /// Sum over <paramref name="axes"/> (all when none are given); integer and bool tensors sum to int64.
    /// Gradient: <c>g</c> broadcast back to the input's shape.
    /// </summary>
    public Tensor Sum(int[] axes, bool keepDim = false)
    {
        if (DType is DType.Bool or DType.Int32)
        {
            return To(DType.Int64).Sum(axes, keepDim);
        }
        int[] ax = ShapeHelper.NormalizeAxes(axes, Rank, nameof(Sum));
        if (ax.Length > 1 && ax[^1] - ax[0] + 1 != ax.Length)
        {
            // Axes that are not one block: reduce them one at a time from the last (no transposing copy).
            var partial = this;
            for (int i = ax.Length - 1; i >= 0; i--)
            {
                partial = partial.Sum([ax[i]], keepDim: true);
            }
            return keepDim ? partial : partial.Reshape(ReducedShape(ax, keepDim: false));
        }
        var (x, outer, reduced, inner) = ReductionLayout(ax);
        var result = Empty(DType, ReducedShape(ax, keepDim));
        switch (DType)
        {
            case DType.Float32: ReduceKernels.Sum(x.Data<float>(), x._offset, outer, reduced, inner, result.Data<float>()); break;
            case DType.Float64: ReduceKernels.Sum(x.Data<double>(), x._offset, outer, reduced, inner, result.Data<double>()); break;
            default: ReduceKernels.Sum(x.Data<long>(), x._offset, outer, reduced, inner, result.Data<long>()); break;
        }
        result.Jvp(this, t => t.Sum(ax, keepDim));
        if (!NeedsGrad(this))
        {
            return result;
        }
        int[] keptShape = ReducedShape(ax, keepDim: true);
        int[] inputShape = _shape;
        return result.Record(nameof(Sum), [this], g => [g.Reshape(keptShape).Expand(inputShape)]);
    }

    /// <summary>Sum of all elements.</summary>
    public Tensor Sum() => Sum([]);

    /// <summary>Sum over one axis.</summary>
    public Tensor Sum(int axis, bool keepDim = false) => Sum([axis], keepDim);

    /// <summary>Mean over <paramref name="axes"/> (all when none are given): <c>Σx / n</c>.</summary>
    public Tensor Mean(int[] axes, bool keepDim = false)
    {
        RequireFloat(nameof(Mean));
        int[] ax = ShapeHelper.NormalizeAxes(axes, Rank, nameof(Mean));
        int count = 1;
        foreach (int a in ax)
        {
            count *= _shape[a];
        }
        return Sum(ax, keepDim) * (1.0 / count);
    }

    /// <summary>Mean of all elements.</summary>
    public Tensor Mean() => Mean([]);

    /// <summary>Mean over one axis.</summary>
    public Tensor Mean(int axis, bool keepDim = false) => Mean([axis], keepDim);

    /// <summary>
    /// Variance over <paramref name="axes"/>: <c>Σ(x − mean)² / (n − correction)</c>; correction 1 is the
    /// unbiased estimator (PyTorch's default), 0 the population variance.
    /// </summary>
    public Tensor Var(int[] axes, int correction = 1, bool keepDim = false)
    {
        RequireFloat(nameof(Var));
        int[] ax = ShapeHelper.NormalizeAxes(axes, Rank, nameof(Var));
        int count = 1;
        foreach (int a in ax)
        {
            count *= _shape[a];
        }
        var centred = this - Mean(ax, keepDim: true);
        return centred.Square().Sum(ax, keepDim) * (1.0 / Math.Max(count - correction, 0));
    }

    /// <summary>Variance over one axis.</summary>
    public Tensor Var(int axis, int correction = 1, bool keepDim = false) => Var([axis], correction, keepDim);

    /// <summary>Standard deviation: <c>√Var</c>.</summary>
    public Tensor Std(int[] axes, int correction = 1, bool keepDim = false) => Var(axes, correction, keepDim).Sqrt();

    /// <summary>Standard deviation over one axis.</summary>
    public Tensor Std(int axis, int correction = 1, bool keepDim = false) => Std([axis], correction, keepDim);

    /// <summary>
    /// Maximum along <paramref name="axis"/> with the index of the (first) maximum. Gradient: <c>g</c> to the
    /// chosen element.
    /// </summary>
    public (Tensor Values, Tensor Indices) Max(int axis, bool keepDim = false) => ArgExtreme(axis, keepDim, max: true);

    /// <summary>Minimum along <paramref name="axis"/> with the index of the (first) minimum.</summary>
    public (Tensor Values, Tensor Indices) Min(int axis, bool keepDim = false) => ArgExtreme(axis, keepDim, max: false);

    /// <summary>Index of the maximum along <paramref name="axis"/> (int64).</summary>
    public Tensor Argmax(int axis, bool keepDim = false) => Max(axis, keepDim).Indices;

    /// <summary>Index of the minimum along <paramref name="axis"/> (int64).</summary>
    public Tensor Argmin(int axis, bool keepDim = false) => Min(axis, keepDim).Indices;

    /// <summary>Flat index of the maximum over all elements (int64 scalar).</summary>
    public Tensor Argmax() => Reshape(-1).Argmax(0);

    private (Tensor Values, Tensor Indices) ArgExtreme(int axis, bool keepDim, bool max)
    {
        string name = max ? nameof(Max) : nameof(Min);
        if (DType == DType.Bool)
        {
            throw new InvalidOperationException($"{name} is not defined on bool tensors; convert with .To(DType.Int64).");
        }
        int a = ShapeHelper.NormalizeAxis(axis, Rank, name);
        if (Rank > 0 && _shape[a] == 0)
        {
            throw new ArgumentException($"{name}: dimension {a} of {ShapeHelper.Format(_shape)} is empty.", nameof(axis));
        }
        int[] ax = Rank == 0 ? [] : [a];
        var (x, outer, reduced, inner) = ReductionLayout(ax);
        int[] shape = ReducedShape(ax, keepDim);
        var values = Empty(DType, shape);
        var indices = Empty(DType.Int64, shape);
        var idx = indices.Data<long>();
        switch (DType)
        {
            case DType.Float32: ReduceKernels.ArgExtreme(x.Data<float>(), x._offset, outer, reduced, inner, max, values.Data<float>(), idx); break;
            case DType.Float64: ReduceKernels.ArgExtreme(x.Data<double>(), x._offset, outer, reduced, inner, max, values.Data<double>(), idx); break;
            case DType.Int32: ReduceKernels.ArgExtreme(x.Data<int>(), x._offset, outer, reduced, inner, max, values.Data<int>(), idx); break;
            default: ReduceKernels.ArgExtreme(x.Data<long>(), x._offset, outer, reduced, inner, max, values.Data<long>(), idx); break;
        }
        values.Jvp(this, t => Rank == 0 ? t : t.Gather(a, indices.Reshape(ReducedShape(ax, keepDim: true))).Reshape(shape));
        if (NeedsGrad(this) && Rank > 0)
        {
            int[] keptShape = ReducedShape(ax, keepDim: true);
            var keptIndices = indices.Reshape(keptShape);
            int[] inputShape = _shape;
            values.Record(name, [this], g => [ZerosLike(this).ScatterAdd(a, keptIndices, g.Reshape(keptShape))]);
        }
        return (values, indices);
    }

    /// <summary>
    /// Maximum over <paramref name="axes"/> (all when none are given), without indices. Gradient: <c>g</c>
    /// shared equally among tied maxima.
    /// </summary>
    public Tensor Amax(int[] axes, bool keepDim = false) => Extreme(axes, keepDim, max: true);

    /// <summary>Minimum over <paramref name="axes"/>; gradient shared equally among tied minima.</summary>
    public Tensor Amin(int[] axes, bool keepDim = false) => Extreme(axes, keepDim, max: false);

    /// <summary>Maximum of all elements.</summary>
    public Tensor Max() => Amax([]);

    /// <summary>Minimum of all elements.</summary>
    public Tensor Min() => Amin([]);

    private Tensor Extreme(int[] axes, bool keepDim, bool max)
    {
        string name = max ? nameof(Amax) : nameof(Amin);
        int[] ax = ShapeHelper.NormalizeAxes(axes, Rank, name);
        int[] kept = ReducedShape(ax, keepDim: true);
        Tensor values;
        using (Autograd.GradMode.NoGrad())
        {
            var (x, outer, reduced, inner) = ReductionLayout(ax);
            var flat = x.Reshape(outer, reduced, inner);
            values = (max ? flat.Max(1).Values : flat.Min(1).Values).Reshape(ReducedShape(ax, keepDim));
        }
        values.Jvp(this, t =>
        {
            var mask = Eq(values.Reshape(kept)).To(DType);
            return (t * (mask / mask.Sum(ax, keepDim: true))).Sum(ax, keepDim);
        });
        if (!NeedsGrad(this))
        {
            return values;
        }
        return values.Record(name, [this], g =>
        {
            Tensor share;
            using (Autograd.GradMode.NoGrad())
            {
                var mask = Eq(values.Reshape(kept)).To(DType);
                share = mask / mask.Sum(ax, keepDim: true);
            }
            return [g.Reshape(kept) * share];
        }, this);
    }

    /// <summary>
    /// <c>log Σ exp(x)</c> over <paramref name="axes"/>, computed as <c>m + log Σ exp(x − m)</c> with m the maximum,
    /// so it neither overflows nor underflows.
    /// </summary>
    public Tensor LogSumExp(int[] axes, bool keepDim = false)
    {
        RequireFloat(nameof(LogSumExp));
        int[] ax = ShapeHelper.NormalizeAxes(axes, Rank, nameof(LogSumExp));
        Tensor m;
        using (Autograd.GradMode.NoGrad())
        {
            m = Amax(ax, keepDim: true);
            m = Where(m.Abs().Lt(double.PositiveInfinity), m, ZerosLike(m));
        }
        var result = (this - m).Exp().Sum(ax, keepDim: true).Log() + m;
        return keepDim ? result : result.Reshape(ReducedShape(ax, keepDim: false));
    }

    /// <summary>LogSumExp over one axis.</summary>
    public Tensor LogSumExp(int axis, bool keepDim = false) => LogSumExp([axis], keepDim);

    /// <summary>
    /// The p-norm over <paramref name="axes"/> (all when none are given): <c>(Σ|x|ᵖ)^(1/p)</c>; p = ∞ gives max |x|.
    /// The gradient of the 2-norm at 0 is NaN, as the formula says.
    /// </summary>
    public Tensor Norm(double p = 2, int[]? axes = null, bool keepDim = false)
    {
        RequireFloat(nameof(Norm));
        axes ??= [];
        if (p == 2)
        {
            return Square().Sum(axes, keepDim).Sqrt();
        }
        if (p == 1)
        {
            return Abs().Sum(axes, keepDim);
        }
        if (double.IsPositiveInfinity(p))
        {
            return Abs().Amax(axes, keepDim);
        }
        if (!(p > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Norm: p must be positive (or infinity).");
        }
        return Abs().Pow(p).Sum(axes, keepDim).Pow(1.0 / p);
    }

    /// <summary>
    /// Softmax along <paramref name="axis"/>: <c>yᵢ = exp(xᵢ − m) / Σⱼ exp(xⱼ − m)</c>, stable for any magnitude.
    /// Gradient: <c>y ⊙ (g − Σ g⊙y)</c>.
    /// </summary>
    public Tensor Softmax(int axis = -1) => SoftmaxCore(axis, log: false);

    /// <summary>
    /// Log-softmax along <paramref name="axis"/>: <c>yᵢ = xᵢ − logΣⱼ exp(xⱼ)</c>. Gradient: <c>g − exp(y)·Σg</c>.
    /// </summary>
    public Tensor LogSoftmax(int axis = -1) => SoftmaxCore(axis, log: true);

    private Tensor SoftmaxCore(int axis, bool log)
    {
        string name = log ? nameof(LogSoftmax) : nameof(Softmax);
        RequireFloat(name);
        int a = ShapeHelper.NormalizeAxis(axis, Rank, name);
        if (Rank > 0 && a != Rank - 1)
        {
            return Transpose(a, -1).SoftmaxCore(-1, log).Transpose(a, -1);
        }
        var x = Contiguous();
        int n = Rank == 0 ? 1 : _shape[^1];
        int rows = n == 0 ? 0 : Numel / n;
        var y = Uninitialized(_shape, DType);
        if (DType == DType.Float32)
        {
            ReduceKernels.Softmax(x.Data<float>(), x._offset, rows, n, log, y.Data<float>());
        }
        else
        {
            ReduceKernels.Softmax(x.Data<double>(), x._offset, rows, n, log, y.Data<double>());
        }
        y.Jvp(this, t => log ? t - (y.Exp() * t).Sum(-1, keepDim: true) : y * (t - (t * y).Sum(-1, keepDim: true)));
        if (!NeedsGrad(this))
        {
            return y;
        }
        return log
            ? y.Record(name, [this], g => [g - y.Exp() * g.Sum(-1, keepDim: true)])
            : y.Record(name, [this], g => [y * (g - (g * y).Sum(-1, keepDim: true))]);
    }

    /// <summary>Running sum along <paramref name="axis"/> (from the end when <paramref name="reverse"/>); gradient: the running sum of g in the other direction.</summary>
    public Tensor Cumsum(int axis, bool reverse = false)
    {
        if (DType is DType.Bool or DType.Int32)
        {
            return To(DType.Int64).Cumsum(axis, reverse);
        }
        int a = ShapeHelper.NormalizeAxis(axis, Rank, nameof(Cumsum));
        int[] ax = Rank == 0 ? [] : [a];
        var (x, outer, reduced, inner) = ReductionLayout(ax);
        var y = Empty(DType, _shape);
        switch (DType)
        {
            case DType.Float32: ReduceKernels.Cumsum(x.Data<float>(), x._offset, outer, reduced, inner, reverse, y.Data<float>()); break;
            case DType.Float64: ReduceKernels.Cumsum(x.Data<double>(), x._offset, outer, reduced, inner, reverse, y.Data<double>()); break;
            default: ReduceKernels.Cumsum(x.Data<long>(), x._offset, outer, reduced, inner, reverse, y.Data<long>()); break;
        }
        y.Jvp(this, t => t.Cumsum(a, reverse));
        return NeedsGrad(this) ? y.Record(nameof(Cumsum), [this], g => [g.Cumsum(a, !reverse)]) : y;
    }
}
