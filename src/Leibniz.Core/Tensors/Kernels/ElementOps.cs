using System.Numerics;
using System.Numerics.Tensors;

namespace Leibniz.Tensors.Kernels;

/// <summary>An elementwise binary operation on any numeric type, with span forms for the SIMD paths.</summary>
internal interface IBinaryOp
{
    static abstract T Apply<T>(T a, T b) where T : unmanaged, INumber<T>;

    static abstract void Apply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T>;

    static abstract void Apply<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T>;

    static abstract void Apply<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T>;
}

/// <summary>An elementwise unary operation on floating point spans.</summary>
internal interface IUnaryOp
{
    static abstract void Apply<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>An elementwise comparison.</summary>
internal interface ICompareOp
{
    static abstract bool Apply<T>(T a, T b) where T : unmanaged, INumber<T>;
}

internal readonly struct AddOp : IBinaryOp
{
    public static T Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a + b;
    public static void Apply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Add(a, b, d);
    public static void Apply<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Add(a, b, d);
    public static void Apply<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Add(b, a, d);
}

internal readonly struct SubOp : IBinaryOp
{
    public static T Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a - b;
    public static void Apply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Subtract(a, b, d);
    public static void Apply<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Subtract(a, b, d);
    public static void Apply<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Subtract(a, b, d);
}

internal readonly struct MulOp : IBinaryOp
{
    public static T Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a * b;
    public static void Apply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Multiply(a, b, d);
    public static void Apply<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Multiply(a, b, d);
    public static void Apply<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Multiply(b, a, d);
}

internal readonly struct DivOp : IBinaryOp
{
    public static T Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a / b;
    public static void Apply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Divide(a, b, d);
    public static void Apply<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Divide(a, b, d);
    public static void Apply<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Divide(a, b, d);
}

/// <summary>max(a, b); NaN propagates.</summary>
internal readonly struct MaxOp : IBinaryOp
{
    public static T Apply<T>(T a, T b) where T : unmanaged, INumber<T> => T.Max(a, b);
    public static void Apply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Max(a, b, d);
    public static void Apply<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Max(a, b, d);
    public static void Apply<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Max(b, a, d);
}

/// <summary>min(a, b); NaN propagates.</summary>
internal readonly struct MinOp : IBinaryOp
{
    public static T Apply<T>(T a, T b) where T : unmanaged, INumber<T> => T.Min(a, b);
    public static void Apply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Min(a, b, d);
    public static void Apply<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Min(a, b, d);
    public static void Apply<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Min(b, a, d);
}

/// <summary>a^b through double precision (floating dtypes only).</summary>
internal readonly struct PowOp : IBinaryOp
{
    public static T Apply<T>(T a, T b) where T : unmanaged, INumber<T>
        => T.CreateTruncating(Math.Pow(double.CreateTruncating(a), double.CreateTruncating(b)));

    public static void Apply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = Apply(a[i], b[i]);
        }
    }

    public static void Apply<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = Apply(a[i], b);
        }
    }

    public static void Apply<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = Apply(a, b[i]);
        }
    }
}

internal readonly struct EqOp : ICompareOp
{
    public static bool Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a == b;
}

internal readonly struct NeOp : ICompareOp
{
    public static bool Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a != b;
}

internal readonly struct LtOp : ICompareOp
{
    public static bool Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a < b;
}

internal readonly struct LeOp : ICompareOp
{
    public static bool Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a <= b;
}

internal readonly struct GtOp : ICompareOp
{
    public static bool Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a > b;
}

internal readonly struct GeOp : ICompareOp
{
    public static bool Apply<T>(T a, T b) where T : unmanaged, INumber<T> => a >= b;
}
