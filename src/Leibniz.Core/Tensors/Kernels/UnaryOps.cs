using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Leibniz.Tensors.Kernels;

internal readonly struct NegOp : IUnaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Negate(x, y);
}

internal readonly struct AbsOp : IUnaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Abs(x, y);
}

internal readonly struct ExpOp : IUnaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Exp(x, y);
}

internal readonly struct LogOp : IUnaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Log(x, y);
}

/// <summary>log(1 + x), accurate near 0.</summary>
internal readonly struct Log1pOp : IUnaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.LogP1(x, y);
}

internal readonly struct SqrtOp : IUnaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Sqrt(x, y);
}

internal readonly struct SquareOp : IUnaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Multiply(x, x, y);
}

internal readonly struct SinOp : IUnaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Sin(x, y);
}

internal readonly struct CosOp : IUnaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Cos(x, y);
}

/// <summary>tanh; float32 through <see cref="RationalTanh"/>, float64 through TensorPrimitives.</summary>
internal readonly struct TanhOp : IUnaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            RationalTanh.Apply(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y));
        }
        else
        {
            TensorPrimitives.Tanh(x, y);
        }
    }
}

internal readonly struct SigmoidOp : IUnaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Sigmoid(x, y);
}

/// <summary>ELU: x for x &gt; 0, eˣ − 1 otherwise (the exponential vectorised on min(x, 0)).</summary>
internal readonly struct EluOp : IUnaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        TensorPrimitives.Min(x, T.Zero, y);
        TensorPrimitives.Exp(y, y);
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = x[i] > T.Zero ? x[i] : y[i] - T.One;
        }
    }
}

/// <summary>max(x, 0).</summary>
internal readonly struct ReluOp : IUnaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Max(x, T.Zero, y);
}

/// <summary>sign(x) in {-1, 0, 1}; NaN stays NaN.</summary>
internal readonly struct SignOp : IUnaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            T v = x[i];
            y[i] = T.IsNaN(v) ? v : v > T.Zero ? T.One : v < T.Zero ? -T.One : T.Zero;
        }
    }
}

/// <summary>softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(e^(−|x|)), stable for large |x|.</summary>
internal readonly struct SoftplusOp : IUnaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            T v = x[i];
            y[i] = T.Max(v, T.Zero) + T.LogP1(T.Exp(-T.Abs(v)));
        }
    }
}

/// <summary>Φ(x) = ½ erfc(−x/√2), the standard normal distribution function.</summary>
internal readonly struct NormalCdfOp : IUnaryOp
{
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            double v = double.CreateTruncating(x[i]);
            y[i] = T.CreateTruncating(0.5 * MathNet.Numerics.SpecialFunctions.Erfc(-v / Math.Sqrt(2.0)));
        }
    }
}
