using System.Runtime.CompilerServices;
using System.Numerics;
using Leibniz.Numerics;

namespace Leibniz.Tensors.Kernels;

/// <summary>Strided and broadcast loops over tensors; the inner dimension goes to span kernels.</summary>
internal static class TensorKernels
{
    /// <summary>
    /// Elements per chunk above which a loop is split across threads. Small, because <see cref="WorkerPool"/>
    /// starts a job on a spinning worker in well under a microsecond.
    /// </summary>
    public const int ParallelGrain = 1 << 13;

    /// <summary>Copies a strided view into a contiguous destination span, in row-major order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CopyStrided<T>(Tensor src, Span<T> dst)
    {
        T[] data = src.Data<T>();
        if (src.IsContiguous)
        {
            data.AsSpan(src._offset, src.Numel).CopyTo(dst);
            return;
        }
        var it = new StridedIndex(src.Shape, src._strides);
        int inner = it.Inner;
        int stride = it.InnerStrides[0];
        Span<int> off = stackalloc int[1];
        off[0] = src._offset;
        for (int row = 0; row < it.Outer; row++)
        {
            Span<T> d = dst.Slice(row * inner, inner);
            int o = off[0];
            if (stride == 1)
            {
                data.AsSpan(o, inner).CopyTo(d);
            }
            else if (stride == 0)
            {
                d.Fill(data[o]);
            }
            else
            {
                for (int j = 0; j < inner; j++)
                {
                    d[j] = data[o + j * stride];
                }
            }
            it.Next(off);
        }
    }

    /// <summary>Copies <paramref name="src"/> (broadcast to the destination's shape) into the strided view <paramref name="dst"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CopyInto<T>(Tensor dst, Tensor src)
    {
        T[] d = dst.Data<T>();
        T[] s = src.Data<T>();
        var it = new StridedIndex(dst.Shape, dst._strides, BroadcastStrides(src, dst.Shape));
        int inner = it.Inner;
        int ds = it.InnerStrides[0], ss = it.InnerStrides[1];
        Span<int> off = stackalloc int[2];
        off[0] = dst._offset;
        off[1] = src._offset;
        for (int row = 0; row < it.Outer; row++)
        {
            if (ds == 1 && ss == 1)
            {
                s.AsSpan(off[1], inner).CopyTo(d.AsSpan(off[0], inner));
            }
            else
            {
                for (int j = 0; j < inner; j++)
                {
                    d[off[0] + j * ds] = s[off[1] + j * ss];
                }
            }
            it.Next(off);
        }
    }

    /// <summary>The strides of <paramref name="t"/> viewed as broadcast to <paramref name="shape"/> (0 on broadcast dimensions).</summary>
    public static int[] BroadcastStrides(Tensor t, ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int shift = shape.Length - t.Rank;
        for (int i = 0; i < t.Rank; i++)
        {
            strides[i + shift] = t._shape[i] == 1 ? 0 : t._strides[i];
        }
        return strides;
    }

    /// <summary>y = op(x) for a contiguous x into a new contiguous tensor, split across threads when large.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Unary<T, TOp>(T[] x, int xOffset, T[] y, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : IUnaryOp
    {
        if (n < 2 * ParallelGrain)
        {
            TOp.Apply<T>(x.AsSpan(xOffset, n), y.AsSpan(0, n));
            return;
        }
        Parallelism.For(n, ParallelGrain, (start, length) => TOp.Apply<T>(x.AsSpan(xOffset + start, length), y.AsSpan(start, length)));
    }

    /// <summary>d = op(a, b) with NumPy broadcasting into the contiguous array <paramref name="d"/> of shape <paramref name="shape"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Binary<T, TOp>(Tensor a, Tensor b, T[] d, int[] shape)
        where T : unmanaged, INumber<T>
        where TOp : IBinaryOp
    {
        T[] x = a.Data<T>();
        T[] y = b.Data<T>();
        int n = d.Length;
        bool sameShape = ShapeHelper.SameShape(a.Shape, shape) && ShapeHelper.SameShape(b.Shape, shape);
        if (sameShape && a.IsContiguous && b.IsContiguous)
        {
            int ao = a._offset, bo = b._offset;
            if (n < 2 * ParallelGrain)
            {
                TOp.Apply<T>(x.AsSpan(ao, n), y.AsSpan(bo, n), d);
                return;
            }
            Parallelism.For(n, ParallelGrain, (s, len) => TOp.Apply<T>(x.AsSpan(ao + s, len), y.AsSpan(bo + s, len), d.AsSpan(s, len)));
            return;
        }
        if (b.Numel == 1 && a.IsContiguous && ShapeHelper.SameShape(a.Shape, shape))
        {
            TOp.Apply<T>(x.AsSpan(a._offset, n), y[b._offset], d);
            return;
        }
        if (a.Numel == 1 && b.IsContiguous && ShapeHelper.SameShape(b.Shape, shape))
        {
            TOp.Apply<T>(x[a._offset], y.AsSpan(b._offset, n), d);
            return;
        }
        var it = new StridedIndex(shape, ShapeHelper.ContiguousStrides(shape), BroadcastStrides(a, shape), BroadcastStrides(b, shape));
        int inner = it.Inner;
        int sa = it.InnerStrides[1], sb = it.InnerStrides[2];
        Span<int> off = stackalloc int[3];
        off[1] = a._offset;
        off[2] = b._offset;
        for (int row = 0; row < it.Outer; row++)
        {
            Span<T> dst = d.AsSpan(off[0], inner);
            int oa = off[1], ob = off[2];
            if (sa == 1 && sb == 1)
            {
                TOp.Apply<T>(x.AsSpan(oa, inner), y.AsSpan(ob, inner), dst);
            }
            else if (sa == 1 && sb == 0)
            {
                TOp.Apply<T>(x.AsSpan(oa, inner), y[ob], dst);
            }
            else if (sa == 0 && sb == 1)
            {
                TOp.Apply<T>(x[oa], y.AsSpan(ob, inner), dst);
            }
            else
            {
                for (int j = 0; j < inner; j++)
                {
                    dst[j] = TOp.Apply(x[oa + j * sa], y[ob + j * sb]);
                }
            }
            it.Next(off);
        }
    }

    /// <summary>d = a op b elementwise with broadcasting, as booleans.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compare<T, TOp>(Tensor a, Tensor b, bool[] d, int[] shape)
        where T : unmanaged, INumber<T>
        where TOp : ICompareOp
    {
        T[] x = a.Data<T>();
        T[] y = b.Data<T>();
        var it = new StridedIndex(shape, ShapeHelper.ContiguousStrides(shape), BroadcastStrides(a, shape), BroadcastStrides(b, shape));
        int inner = it.Inner;
        int sa = it.InnerStrides[1], sb = it.InnerStrides[2];
        Span<int> off = stackalloc int[3];
        off[1] = a._offset;
        off[2] = b._offset;
        for (int row = 0; row < it.Outer; row++)
        {
            int od = off[0], oa = off[1], ob = off[2];
            for (int j = 0; j < inner; j++)
            {
                d[od + j] = TOp.Apply(x[oa + j * sa], y[ob + j * sb]);
            }
            it.Next(off);
        }
    }

    /// <summary>d = cond ? a : b with broadcasting over all three.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Where<T>(Tensor cond, Tensor a, Tensor b, T[] d, int[] shape)
    {
        bool[] c = cond.Data<bool>();
        T[] x = a.Data<T>();
        T[] y = b.Data<T>();
        var it = new StridedIndex(shape, BroadcastStrides(cond, shape), BroadcastStrides(a, shape), BroadcastStrides(b, shape));
        int inner = it.Inner;
        int sc = it.InnerStrides[0], sa = it.InnerStrides[1], sb = it.InnerStrides[2];
        Span<int> off = stackalloc int[3];
        off[0] = cond._offset;
        off[1] = a._offset;
        off[2] = b._offset;
        int od = 0;
        for (int row = 0; row < it.Outer; row++)
        {
            for (int j = 0; j < inner; j++)
            {
                d[od + j] = c[off[0] + j * sc] ? x[off[1] + j * sa] : y[off[2] + j * sb];
            }
            od += inner;
            it.Next(off);
        }
    }
}

/// <summary>A fused elementwise kernel of a backward rule: d = f(g, x) over equal-length spans.</summary>
internal interface IZipKernel
{
    static abstract void Apply<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>d[i] = x[i] &gt; 0 ? g[i] : 0 (the ReLU gradient), SIMD with a scalar tail.</summary>
internal readonly struct PassWherePositiveKernel : IZipKernel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<T>.Count <= d.Length; i += Vector<T>.Count)
            {
                var xv = new Vector<T>(x[i..]);
                var gv = new Vector<T>(g[i..]);
                Vector.ConditionalSelect(Vector.GreaterThan(xv, Vector<T>.Zero), gv, Vector<T>.Zero).CopyTo(d[i..]);
            }
        }
        for (; i < d.Length; i++)
        {
            d[i] = x[i] > T.Zero ? g[i] : T.Zero;
        }
    }
}

/// <summary>d[i] = g[i] − g[i]·y[i]² (the tanh gradient at y = tanh x), SIMD with a scalar tail.</summary>
internal readonly struct TanhGradientKernel : IZipKernel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<T>.Count <= d.Length; i += Vector<T>.Count)
            {
                var yv = new Vector<T>(y[i..]);
                var gv = new Vector<T>(g[i..]);
                (gv - gv * yv * yv).CopyTo(d[i..]);
            }
        }
        for (; i < d.Length; i++)
        {
            d[i] = g[i] - g[i] * y[i] * y[i];
        }
    }
}
