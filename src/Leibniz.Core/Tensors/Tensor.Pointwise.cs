using System.Numerics;
using Leibniz.Numerics;
using Leibniz.Tensors.Kernels;

namespace Leibniz.Tensors;

public sealed partial class Tensor
{
    /// <summary>Applies a floating point unary kernel into a new contiguous tensor (no recording).</summary>
    private Tensor MapFloat<TOp>(string name) where TOp : IUnaryOp
    {
        RequireFloat(name);
        var x = Contiguous();
        var result = Uninitialized(_shape, DType);
        if (DType == DType.Float32)
        {
            TensorKernels.Unary<float, TOp>(x.Data<float>(), x._offset, result.Data<float>(), Numel);
        }
        else
        {
            TensorKernels.Unary<double, TOp>(x.Data<double>(), x._offset, result.Data<double>(), Numel);
        }
        return result;
    }

    internal void RequireFloat(string op)
    {
        if (!DType.IsFloating())
        {
            throw new InvalidOperationException($"{op} needs a floating point tensor (float32 or float64); got {DType.Name()}. Convert with .To(DType.Float32).");
        }
    }

    /// <summary><c>y = −x</c>; gradient <c>−g</c>.</summary>
    public Tensor Neg()
    {
        var y = MapFloat<NegOp>(nameof(Neg));
        return (NeedsGrad(this) ? y.Record(nameof(Neg), [this], g => [g.Neg()]) : y).Jvp(this, t => t.Neg());
    }

    /// <summary><c>y = |x|</c>; gradient <c>g·sign(x)</c> (0 at x = 0).</summary>
    public Tensor Abs()
    {
        var y = MapFloat<AbsOp>(nameof(Abs));
        return (NeedsGrad(this) ? y.Record(nameof(Abs), [this], g => [g * Sign()], this) : y).Jvp(this, t => t * Sign());
    }

    /// <summary><c>y = eˣ</c>; gradient <c>g·y</c>.</summary>
    public Tensor Exp()
    {
        var y = MapFloat<ExpOp>(nameof(Exp));
        return (NeedsGrad(this) ? y.Record(nameof(Exp), [this], g => [g * y]) : y).Jvp(this, t => t * y);
    }

    /// <summary><c>y = ln x</c>; gradient <c>g / x</c>.</summary>
    public Tensor Log()
    {
        var y = MapFloat<LogOp>(nameof(Log));
        return (NeedsGrad(this) ? y.Record(nameof(Log), [this], g => [g / this], this) : y).Jvp(this, t => t / this);
    }

    /// <summary><c>y = ln(1 + x)</c>; gradient <c>g / (1 + x)</c>.</summary>
    public Tensor Log1p()
    {
        var y = MapFloat<Log1pOp>(nameof(Log1p));
        return (NeedsGrad(this) ? y.Record(nameof(Log1p), [this], g => [g / (this + 1.0)], this) : y).Jvp(this, t => t / (this + 1.0));
    }

    /// <summary><c>y = √x</c>; gradient <c>g / (2y)</c>.</summary>
    public Tensor Sqrt()
    {
        var y = MapFloat<SqrtOp>(nameof(Sqrt));
        return (NeedsGrad(this) ? y.Record(nameof(Sqrt), [this], g => [g * 0.5 / y]) : y).Jvp(this, t => t * 0.5 / y);
    }

    /// <summary><c>y = x²</c>; gradient <c>2g·x</c>.</summary>
    public Tensor Square()
    {
        var y = MapFloat<SquareOp>(nameof(Square));
        return (NeedsGrad(this) ? y.Record(nameof(Square), [this], g => [g * this * 2.0], this) : y).Jvp(this, t => t * this * 2.0);
    }

    /// <summary><c>y = xᵖ</c> for a constant exponent; gradient <c>g·p·xᵖ⁻¹</c>.</summary>
    public Tensor Pow(double exponent)
    {
        if (exponent == 2.0)
        {
            return Square();
        }
        if (exponent == 1.0)
        {
            return this * 1.0;
        }
        return Pow(Scalar(exponent, DType));
    }

    /// <summary><c>y = sin x</c>; gradient <c>g·cos x</c>.</summary>
    public Tensor Sin()
    {
        var y = MapFloat<SinOp>(nameof(Sin));
        return (NeedsGrad(this) ? y.Record(nameof(Sin), [this], g => [g * Cos()], this) : y).Jvp(this, t => t * Cos());
    }

    /// <summary><c>y = cos x</c>; gradient <c>−g·sin x</c>.</summary>
    public Tensor Cos()
    {
        var y = MapFloat<CosOp>(nameof(Cos));
        return (NeedsGrad(this) ? y.Record(nameof(Cos), [this], g => [-(g * Sin())], this) : y).Jvp(this, t => -(t * Sin()));
    }

    /// <summary><c>y = tanh x</c>; gradient <c>g·(1 − y²)</c>.</summary>
    public Tensor Tanh()
    {
        var y = MapFloat<TanhOp>(nameof(Tanh));
        return (NeedsGrad(this) ? y.Record(nameof(Tanh), [this], g => [TanhBackward(g, y)]) : y).Jvp(this, t => TanhBackward(t, y));
    }

    /// <summary><c>y = 1 / (1 + e⁻ˣ)</c>; gradient <c>g·y·(1 − y)</c>.</summary>
    public Tensor Sigmoid()
    {
        var y = MapFloat<SigmoidOp>(nameof(Sigmoid));
        return (NeedsGrad(this) ? y.Record(nameof(Sigmoid), [this], g => [g * y * (1.0 - y)]) : y).Jvp(this, t => t * y * (1.0 - y));
    }

    /// <summary>
    /// ELU (Clevert, Unterthiner &amp; Hochreiter 2016): <c>y = x</c> for x &gt; 0, <c>eˣ − 1</c> otherwise; gradient
    /// <c>g·(min(y, 0) + 1)</c> (1 for x &gt; 0, eˣ = y + 1 otherwise), written on y so that it differentiates again.
    /// </summary>
    public Tensor Elu()
    {
        var y = MapFloat<EluOp>(nameof(Elu));
        return (NeedsGrad(this) ? y.Record(nameof(Elu), [this], g => [g * (y - y.Relu() + 1.0)]) : y).Jvp(this, t => t * (y - y.Relu() + 1.0));
    }

    /// <summary>
    /// <c>y = max(x, 0)</c>; gradient <c>g·[x &gt; 0]</c>. At the kink x = 0 the subgradient 0 is used (as PyTorch does).
    /// </summary>
    public Tensor Relu()
    {
        var y = MapFloat<ReluOp>(nameof(Relu));
        return (NeedsGrad(this) ? y.Record(nameof(Relu), [this], g => [ReluBackward(g, this)], this) : y).Jvp(this, t => ReluBackward(t, this));
    }

    /// <summary>
    /// <c>g·(1 − y²)</c>. Composed of differentiable operations when a graph of the backward pass is being built
    /// (double backward); otherwise one kernel over both inputs, without temporaries.
    /// </summary>
    private static Tensor TanhBackward(Tensor g, Tensor y)
    {
        return Autograd.GradMode.IsEnabled || g.DType != y.DType
            ? g * (1.0 - y.Square())
            : ZipFloat<TanhGradientKernel>(g, y).Jvp(g, y, (tg, ty) => TangentSum(tg is null ? null : ZipFloat<TanhGradientKernel>(tg, y), ty is null ? null : g * y * ty * -2.0));
    }

    /// <summary>
    /// <c>g·[x &gt; 0]</c> in one pass. Linear in g, so its own gradient is the same mask; with respect to x it is
    /// zero almost everywhere.
    /// </summary>
    private static Tensor ReluBackward(Tensor g, Tensor x)
    {
        var result = ZipFloat<PassWherePositiveKernel>(g, x.Detach());
        return (NeedsGrad(g) ? result.Record("ReluBackward", [g], gg => [ReluBackward(gg, x)], x) : result).Jvp(g, t => ReluBackward(t, x));
    }

    /// <summary>d = kernel(g, x) over two floating point tensors of g's shape, in parallel chunks (no recording).</summary>
    private static Tensor ZipFloat<TKernel>(Tensor g, Tensor x) where TKernel : IZipKernel
    {
        var gc = g.Contiguous();
        var xc = x.Contiguous();
        var result = Uninitialized(g._shape, g.DType);
        Parallelism.For(g.Numel, TensorKernels.ParallelGrain, (start, length) =>
        {
            if (g.DType == DType.Float32)
            {
                TKernel.Apply<float>(gc.Data<float>().AsSpan(gc._offset + start, length), xc.Data<float>().AsSpan(xc._offset + start, length), result.Data<float>().AsSpan(start, length));
            }
            else
            {
                TKernel.Apply<double>(gc.Data<double>().AsSpan(gc._offset + start, length), xc.Data<double>().AsSpan(xc._offset + start, length), result.Data<double>().AsSpan(start, length));
            }
        });
        return result;
    }

    /// <summary><c>y = x</c> for x &gt; 0, <c>slope·x</c> otherwise; gradient <c>g</c> or <c>slope·g</c> (slope at 0).</summary>
    public Tensor LeakyRelu(double slope = 0.01)
    {
        RequireFloat(nameof(LeakyRelu));
        Tensor factor;
        using (Autograd.GradMode.NoGrad())
        {
            factor = Gt(0.0).To(DType) * (1.0 - slope) + slope;
        }
        var y = Detach() * factor;
        return (NeedsGrad(this) ? y.Record(nameof(LeakyRelu), [this], g => [g * factor], this) : y).Jvp(this, t => t * factor);
    }

    /// <summary><c>y = ln(1 + eˣ)</c>, computed stably; gradient <c>g·σ(x)</c>.</summary>
    public Tensor Softplus()
    {
        var y = MapFloat<SoftplusOp>(nameof(Softplus));
        return (NeedsGrad(this) ? y.Record(nameof(Softplus), [this], g => [g * Sigmoid()], this) : y).Jvp(this, t => t * Sigmoid());
    }

    /// <summary><c>y = x / (1 + |x|)</c> (composed of differentiable operations).</summary>
    public Tensor Softsign() => this / (Abs() + 1.0);

    /// <summary><c>Φ(x)</c>, the standard normal distribution function; gradient <c>g·φ(x) = g·e^(−x²/2)/√(2π)</c>.</summary>
    public Tensor NormalCdf()
    {
        var y = MapFloat<NormalCdfOp>(nameof(NormalCdf));
        return (NeedsGrad(this)
            ? y.Record(nameof(NormalCdf), [this], g => [g * (Square() * -0.5).Exp() * (1.0 / Math.Sqrt(2 * Math.PI))], this)
            : y).Jvp(this, t => t * (Square() * -0.5).Exp() * (1.0 / Math.Sqrt(2 * Math.PI)));
    }

    /// <summary>The exact GELU: <c>y = x·Φ(x)</c> (PyTorch's default, not the tanh approximation).</summary>
    public Tensor Gelu() => this * NormalCdf();

    /// <summary><c>sign(x)</c> in {−1, 0, 1}; its gradient is zero.</summary>
    public Tensor Sign() => MapFloat<SignOp>(nameof(Sign));

    /// <summary>Limits values to [min, max]; gradient <c>g</c> inside (bounds included), 0 outside.</summary>
    public Tensor Clamp(double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        if (min > max)
        {
            throw new ArgumentException($"Clamp: min ({min}) is greater than max ({max}).", nameof(min));
        }
        Tensor y;
        using (Autograd.GradMode.NoGrad())
        {
            y = Detach().Maximum(Scalar(min, DType)).Minimum(Scalar(max, DType));
        }
        y.Jvp(this, t => t * Ge(min).And(Le(max)).To(DType));
        if (!NeedsGrad(this))
        {
            return y;
        }
        return y.Record(nameof(Clamp), [this], g => [g * Ge(min).And(Le(max)).To(DType)], this);
    }

    /// <summary>A copy converted to <paramref name="dtype"/>; differentiable between float32 and float64.</summary>
    public Tensor To(DType dtype)
    {
        if (dtype == DType)
        {
            return this;
        }
        var x = Contiguous();
        var result = Uninitialized(_shape, dtype);
        ConvertInto(x, result);
        if (NeedsGrad(this) && dtype.IsFloating())
        {
            var source = DType;
            result.Record("To", [this], g => [g.To(source)]);
        }
        return dtype.IsFloating() ? result.Jvp(this, t => t.To(dtype)) : result;
    }

    private static void ConvertInto(Tensor src, Tensor dst)
    {
        int n = src.Numel, o = src._offset;
        switch (src.DType)
        {
            case DType.Float32: Convert(src.Data<float>().AsSpan(o, n), dst); break;
            case DType.Float64: Convert(src.Data<double>().AsSpan(o, n), dst); break;
            case DType.Int32: Convert(src.Data<int>().AsSpan(o, n), dst); break;
            case DType.Int64: Convert(src.Data<long>().AsSpan(o, n), dst); break;
            default:
                {
                    var b = src.Data<bool>().AsSpan(o, n);
                    var bytes = new byte[n];
                    for (int i = 0; i < n; i++)
                    {
                        bytes[i] = b[i] ? (byte)1 : (byte)0;
                    }
                    Convert<byte>(bytes, dst);
                    break;
                }
        }
    }

    private static void Convert<TFrom>(ReadOnlySpan<TFrom> src, Tensor dst) where TFrom : unmanaged, INumber<TFrom>
    {
        switch (dst.DType)
        {
            case DType.Float32: ConvertSpan(src, dst.Data<float>()); break;
            case DType.Float64: ConvertSpan(src, dst.Data<double>()); break;
            case DType.Int32: ConvertSpan(src, dst.Data<int>()); break;
            case DType.Int64: ConvertSpan(src, dst.Data<long>()); break;
            default:
                {
                    var d = dst.Data<bool>();
                    for (int i = 0; i < src.Length; i++)
                    {
                        d[i] = src[i] != TFrom.Zero;
                    }
                    break;
                }
        }
    }

    private static void ConvertSpan<TFrom, TTo>(ReadOnlySpan<TFrom> src, Span<TTo> dst)
        where TFrom : unmanaged, INumber<TFrom>
        where TTo : unmanaged, INumber<TTo>
    {
        for (int i = 0; i < src.Length; i++)
        {
            dst[i] = TTo.CreateTruncating(src[i]);
        }
    }
}
