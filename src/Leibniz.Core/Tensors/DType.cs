namespace Leibniz.Tensors;

/// <summary>The element type of a tensor.</summary>
public enum DType
{
    /// <summary>32-bit IEEE float (the default; differentiable).</summary>
    Float32,

    /// <summary>64-bit IEEE float (differentiable; used for gradient checks).</summary>
    Float64,

    /// <summary>32-bit signed integer.</summary>
    Int32,

    /// <summary>64-bit signed integer (labels and indices).</summary>
    Int64,

    /// <summary>Boolean (masks and comparison results).</summary>
    Bool,
}

/// <summary>Facts about <see cref="DType"/> values.</summary>
public static class DTypes
{
    /// <summary>True for float32 and float64, the dtypes that can carry gradients.</summary>
    public static bool IsFloating(this DType dtype) => dtype is DType.Float32 or DType.Float64;

    /// <summary>The PyTorch-style lower-case name: <c>float32</c>, <c>int64</c>, …</summary>
    public static string Name(this DType dtype) => dtype switch
    {
        DType.Float32 => "float32",
        DType.Float64 => "float64",
        DType.Int32 => "int32",
        DType.Int64 => "int64",
        _ => "bool",
    };

    /// <summary>Bytes per element.</summary>
    public static int ElementSize(this DType dtype) => dtype switch
    {
        DType.Float32 or DType.Int32 => 4,
        DType.Float64 or DType.Int64 => 8,
        _ => 1,
    };

    /// <summary>The dtype a binary operation on <paramref name="a"/> and <paramref name="b"/> computes in.</summary>
    public static DType Promote(DType a, DType b)
    {
        if (a == b)
        {
            return a;
        }
        if (a == DType.Float64 || b == DType.Float64)
        {
            return DType.Float64;
        }
        if (a == DType.Float32 || b == DType.Float32)
        {
            return DType.Float32;
        }
        if (a == DType.Int64 || b == DType.Int64)
        {
            return DType.Int64;
        }
        return DType.Int32;
    }

    internal static DType Of<T>()
    {
        if (typeof(T) == typeof(float))
        {
            return DType.Float32;
        }
        if (typeof(T) == typeof(double))
        {
            return DType.Float64;
        }
        if (typeof(T) == typeof(int))
        {
            return DType.Int32;
        }
        if (typeof(T) == typeof(long))
        {
            return DType.Int64;
        }
        if (typeof(T) == typeof(bool))
        {
            return DType.Bool;
        }
        throw new NotSupportedException($"{typeof(T).Name} is not a tensor element type; use float, double, int, long or bool.");
    }
}
