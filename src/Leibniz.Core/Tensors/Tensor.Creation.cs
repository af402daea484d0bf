using Leibniz.Numerics;

namespace Leibniz.Tensors;

public sealed partial class Tensor
{
    /// <summary>The dtype used when none is given: float32.</summary>
    public const DType DefaultDType = DType.Float32;

    internal static Tensor Empty(DType dtype, params int[] shape)
    {
        foreach (int d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"Shape {ShapeHelper.Format(shape)} has a negative size; sizes must be 0 or more.", nameof(shape));
            }
        }
        return new Tensor(TensorStorage.Allocate(dtype, ShapeHelper.Numel(shape)), dtype, (int[])shape.Clone());
    }

    // Creation functions take the shape (or the sizes) first and the dtype right after it, defaulting to float32:
    // Zeros([3, 4], DType.Float64), Randn(generator, [3, 4], DType.Float64), Arange(0, 10, 1, DType.Int64).

    /// <summary>A tensor whose elements are undefined (no zeroing pass): only for outputs that a kernel overwrites completely.</summary>
    public static Tensor Uninitialized(int[] shape, DType dtype = DefaultDType)
        => new(TensorStorage.AllocateUninitialized(dtype, ShapeHelper.Numel(shape)), dtype, (int[])shape.Clone());

    /// <summary>An uninitialised tensor with the shape and dtype of <paramref name="t"/>.</summary>
    public static Tensor UninitializedLike(Tensor t) => Uninitialized(t._shape, t.DType);

    internal static Tensor Wrap<T>(T[] data, int[] shape) => new(new TensorStorage(data), DTypes.Of<T>(), shape);

    /// <summary>A float32 tensor of zeros of the given sizes.</summary>
    public static Tensor Zeros(params int[] shape) => Empty(DefaultDType, shape);

    /// <summary>A tensor of zeros of <paramref name="shape"/> and <paramref name="dtype"/>.</summary>
    public static Tensor Zeros(int[] shape, DType dtype) => Empty(dtype, shape);

    /// <summary>A float32 tensor of ones of the given sizes.</summary>
    public static Tensor Ones(params int[] shape) => Full(1.0, shape, DefaultDType);

    /// <summary>A tensor of ones of <paramref name="shape"/> and <paramref name="dtype"/>.</summary>
    public static Tensor Ones(int[] shape, DType dtype) => Full(1.0, shape, dtype);

    /// <summary>Zeros with the shape and dtype of <paramref name="t"/>.</summary>
    public static Tensor ZerosLike(Tensor t) => Empty(t.DType, t._shape);

    /// <summary>Ones with the shape and dtype of <paramref name="t"/>.</summary>
    public static Tensor OnesLike(Tensor t) => Full(1.0, t._shape, t.DType);

    /// <summary>A tensor of <paramref name="shape"/> filled with <paramref name="value"/> (converted to the dtype).</summary>
    public static Tensor Full(double value, int[] shape, DType dtype = DefaultDType)
    {
        var t = Empty(dtype, shape);
        t.FillRaw(value);
        return t;
    }

    /// <summary>A zero-dimensional tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar(double value, DType dtype = DefaultDType) => Full(value, [], dtype);

    /// <summary>A one-dimensional tensor holding a copy of <paramref name="values"/>.</summary>
    public static Tensor FromArray<T>(T[] values) => FromArray(values, values.Length);

    /// <summary>A tensor of the given shape holding a copy of <paramref name="values"/> in row-major order.</summary>
    /// <exception cref="ArgumentException">The number of values does not match the shape.</exception>
    public static Tensor FromArray<T>(T[] values, params int[] shape)
    {
        if (values.Length != ShapeHelper.Numel(shape))
        {
            throw new ArgumentException(
                $"FromArray: {values.Length} values cannot fill shape {ShapeHelper.Format(shape)} ({ShapeHelper.Numel(shape)} elements).", nameof(values));
        }
        return Wrap((T[])values.Clone(), (int[])shape.Clone());
    }

    /// <summary>A tensor from a rectangular 2-D array.</summary>
    public static Tensor FromArray<T>(T[,] values)
    {
        int rows = values.GetLength(0), cols = values.GetLength(1);
        var data = new T[rows * cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                data[i * cols + j] = values[i, j];
            }
        }
        return Wrap(data, [rows, cols]);
    }

    /// <summary>The one-dimensional tensor start, start + step, … (excluding <paramref name="end"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="step"/> is zero.</exception>
    public static Tensor Arange(double start, double end, double step = 1.0, DType dtype = DefaultDType)
    {
        if (step == 0)
        {
            throw new ArgumentException("Arange: step must not be zero.", nameof(step));
        }
        int n = Math.Max(0, (int)Math.Ceiling((end - start) / step));
        var t = Empty(dtype, n);
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = start + i * step;
        }
        t.SetFromDoubles(values);
        return t;
    }

    /// <summary>Integers 0, 1, …, n − 1 as int64.</summary>
    public static Tensor Arange(int n) => Arange(0, n, 1, DType.Int64);

    /// <summary><paramref name="count"/> evenly spaced values from <paramref name="start"/> to <paramref name="end"/> inclusive.</summary>
    public static Tensor Linspace(double start, double end, int count, DType dtype = DefaultDType)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "Linspace: count must be 0 or more.");
        }
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = count == 1 ? start : start + (end - start) * i / (count - 1);
        }
        var t = Empty(dtype, count);
        t.SetFromDoubles(values);
        return t;
    }

    /// <summary>The n×n identity matrix.</summary>
    public static Tensor Eye(int n, DType dtype = DefaultDType)
    {
        var values = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            values[i * n + i] = 1;
        }
        var t = Empty(dtype, n, n);
        t.SetFromDoubles(values);
        return t;
    }

    /// <summary>Uniform on [0, 1) from <paramref name="generator"/>.</summary>
    public static Tensor Rand(Generator generator, int[] shape, DType dtype = DefaultDType) => Rand(generator, 0, 1, shape, dtype);

    /// <summary>Uniform on [low, high) from <paramref name="generator"/>: <c>low + (high − low)·u</c>.</summary>
    public static Tensor Rand(Generator generator, double low, double high, int[] shape, DType dtype = DefaultDType)
    {
        RequireFloating(dtype, nameof(Rand));
        var values = new double[ShapeHelper.Numel(shape)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = low + (high - low) * generator.NextDouble();
        }
        return FromDoubles(values, shape, dtype);
    }

    /// <summary>Normal N(mean, std²) from <paramref name="generator"/>.</summary>
    public static Tensor Randn(Generator generator, int[] shape, DType dtype = DefaultDType, double mean = 0, double std = 1)
    {
        RequireFloating(dtype, nameof(Randn));
        var values = new double[ShapeHelper.Numel(shape)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = mean + std * generator.NextNormal();
        }
        return FromDoubles(values, shape, dtype);
    }

    /// <summary>Bernoulli(p) draws as 0/1 in the given dtype (bool gives true/false).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1].</exception>
    public static Tensor Bernoulli(Generator generator, double p, int[] shape, DType dtype = DefaultDType)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Bernoulli: the probability must lie in [0, 1].");
        }
        var values = new double[ShapeHelper.Numel(shape)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = generator.NextDouble() < p ? 1 : 0;
        }
        return FromDoubles(values, shape, dtype);
    }

    /// <summary>Uniform integers in [low, high) as int64.</summary>
    /// <exception cref="ArgumentException"><paramref name="high"/> is not above <paramref name="low"/>.</exception>
    public static Tensor RandInt(Generator generator, long low, long high, params int[] shape)
    {
        if (high <= low)
        {
            throw new ArgumentException($"RandInt: high ({high}) must be greater than low ({low}).", nameof(high));
        }
        var values = new long[ShapeHelper.Numel(shape)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = low + generator.NextInt64(high - low);
        }
        return Wrap(values, (int[])shape.Clone());
    }

    /// <summary>A random permutation of 0..n−1 as int64.</summary>
    public static Tensor Randperm(Generator generator, int n)
    {
        int[] p = generator.Permutation(n);
        var values = new long[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = p[i];
        }
        return Wrap(values, [n]);
    }

    private static void RequireFloating(DType dtype, string op)
    {
        if (!dtype.IsFloating())
        {
            throw new ArgumentException($"{op}: dtype {dtype.Name()} is not a floating point type; use float32 or float64.", nameof(dtype));
        }
    }

    /// <summary>A tensor of <paramref name="shape"/> and <paramref name="dtype"/> from values in row-major order (converted, integers truncated).</summary>
    public static Tensor FromDoubles(double[] values, int[] shape, DType dtype)
    {
        var t = Empty(dtype, shape);
        t.SetFromDoubles(values);
        return t;
    }

    private void SetFromDoubles(double[] values)
    {
        switch (DType)
        {
            case DType.Float32:
                {
                    var d = Data<float>();
                    for (int i = 0; i < values.Length; i++)
                    {
                        d[i] = (float)values[i];
                    }
                    break;
                }
            case DType.Float64:
                values.CopyTo(Data<double>(), 0);
                break;
            case DType.Int32:
                {
                    var d = Data<int>();
                    for (int i = 0; i < values.Length; i++)
                    {
                        d[i] = (int)values[i];
                    }
                    break;
                }
            case DType.Int64:
                {
                    var d = Data<long>();
                    for (int i = 0; i < values.Length; i++)
                    {
                        d[i] = (long)values[i];
                    }
                    break;
                }
            default:
                {
                    var d = Data<bool>();
                    for (int i = 0; i < values.Length; i++)
                    {
                        d[i] = values[i] != 0;
                    }
                    break;
                }
        }
    }

    /// <summary>Fills this tensor's own contiguous storage (fresh tensors only).</summary>
    private void FillRaw(double value)
    {
        switch (DType)
        {
            case DType.Float32:
                Data<float>().AsSpan().Fill((float)value);
                break;
            case DType.Float64:
                Data<double>().AsSpan().Fill(value);
                break;
            case DType.Int32:
                Data<int>().AsSpan().Fill((int)value);
                break;
            case DType.Int64:
                Data<long>().AsSpan().Fill((long)value);
                break;
            default:
                Data<bool>().AsSpan().Fill(value != 0);
                break;
        }
    }
}
