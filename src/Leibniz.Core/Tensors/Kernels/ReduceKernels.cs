using System.Runtime.CompilerServices;
using System.Numerics;
using System.Numerics.Tensors;
using Leibniz.Numerics;

namespace Leibniz.Tensors.Kernels;

/// <summary>
/// Reductions over a contiguous tensor viewed as [outer, reduced, inner]. Long rows are summed in fixed chunks
/// combined in index order, so the result never depends on the number of threads.
/// </summary>
internal static class ReduceKernels
{
    private const int Chunk = 4096;

    /// <summary>Sum of a span in fixed-size chunks combined left to right.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T SumDeterministic<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T>
    {
        if (x.Length <= Chunk)
        {
            return TensorPrimitives.Sum(x);
        }
        T total = T.Zero;
        for (int i = 0; i < x.Length; i += Chunk)
        {
            total += TensorPrimitives.Sum(x.Slice(i, Math.Min(Chunk, x.Length - i)));
        }
        return total;
    }

    /// <summary>d[a, b] = Σ_r x[a, r, b] for x contiguous from <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sum<T>(T[] x, int offset, int outer, int reduced, int inner, T[] d) where T : unmanaged, INumber<T>
    {
        if (inner == 1)
        {
            if (outer == 1)
            {
                d[0] = SumRowChunksParallel(x, offset, reduced);
                return;
            }
            Parallelism.For(outer, Math.Max(1, TensorKernels.ParallelGrain / Math.Max(1, reduced)), (start, length) =>
            {
                for (int a = start; a < start + length; a++)
                {
                    d[a] = SumDeterministic<T>(x.AsSpan(offset + a * reduced, reduced));
                }
            });
            return;
        }
        Parallelism.For(outer, Math.Max(1, TensorKernels.ParallelGrain / Math.Max(1, reduced * inner)), (start, length) =>
        {
            for (int a = start; a < start + length; a++)
            {
                Span<T> row = d.AsSpan(a * inner, inner);
                x.AsSpan(offset + a * reduced * inner, inner).CopyTo(row);
                for (int r = 1; r < reduced; r++)
                {
                    TensorPrimitives.Add(row, x.AsSpan(offset + (a * reduced + r) * inner, inner), row);
                }
            }
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T SumRowChunksParallel<T>(T[] x, int offset, int n) where T : unmanaged, INumber<T>
    {
        if (n < 4 * TensorKernels.ParallelGrain)
        {
            return SumDeterministic<T>(x.AsSpan(offset, n));
        }
        int chunks = (n + Chunk - 1) / Chunk;
        var partial = new T[chunks];
        Parallelism.For(chunks, 8, (start, length) =>
        {
            for (int c = start; c < start + length; c++)
            {
                int s = c * Chunk;
                partial[c] = TensorPrimitives.Sum<T>(x.AsSpan(offset + s, Math.Min(Chunk, n - s)));
            }
        });
        T total = T.Zero;
        foreach (T p in partial)
        {
            total += p;
        }
        return total;
    }

    /// <summary>Max (or min) over the reduced axis with the index of the first extreme element; NaN wins.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ArgExtreme<T>(T[] x, int offset, int outer, int reduced, int inner, bool max, T[] values, long[] indices)
        where T : unmanaged, INumber<T>
    {
        for (int a = 0; a < outer; a++)
        {
            for (int b = 0; b < inner; b++)
            {
                int baseIndex = offset + a * reduced * inner + b;
                T best = x[baseIndex];
                int bestIndex = 0;
                for (int r = 1; r < reduced && !T.IsNaN(best); r++)
                {
                    T v = x[baseIndex + r * inner];
                    if (T.IsNaN(v) || (max ? v > best : v < best))
                    {
                        best = v;
                        bestIndex = r;
                    }
                }
                values[a * inner + b] = best;
                indices[a * inner + b] = bestIndex;
            }
        }
    }

    /// <summary>Running sum along the reduced axis (reverse: from the end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Cumsum<T>(T[] x, int offset, int outer, int reduced, int inner, bool reverse, T[] d) where T : unmanaged, INumber<T>
    {
        for (int a = 0; a < outer; a++)
        {
            for (int step = 0; step < reduced; step++)
            {
                int r = reverse ? reduced - 1 - step : step;
                int at = (a * reduced + r) * inner;
                var dst = d.AsSpan(at, inner);
                var src = x.AsSpan(offset + at, inner);
                if (step == 0)
                {
                    src.CopyTo(dst);
                }
                else
                {
                    int prev = (a * reduced + (reverse ? r + 1 : r - 1)) * inner;
                    TensorPrimitives.Add(src, d.AsSpan(prev, inner), dst);
                }
            }
        }
    }

    /// <summary>Softmax or log-softmax along contiguous rows of length <paramref name="n"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Softmax<T>(T[] x, int offset, int rows, int n, bool log, T[] d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Parallelism.For(rows, Math.Max(1, TensorKernels.ParallelGrain / Math.Max(1, n)), (start, length) =>
        {
            var tmp = log ? new T[n] : [];
            for (int r = start; r < start + length; r++)
            {
                var src = x.AsSpan(offset + r * n, n);
                var dst = d.AsSpan(r * n, n);
                T m = TensorPrimitives.Max<T>(src);
                if (T.IsNegativeInfinity(m))
                {
                    m = T.Zero;
                }
                TensorPrimitives.Subtract(src, m, dst);
                if (log)
                {
                    TensorPrimitives.Exp<T>(dst, tmp);
                    T lse = T.Log(TensorPrimitives.Sum<T>(tmp));
                    TensorPrimitives.Subtract(dst, lse, dst);
                }
                else
                {
                    TensorPrimitives.Exp(dst, dst);
                    T sum = TensorPrimitives.Sum<T>(dst);
                    TensorPrimitives.Divide(dst, sum, dst);
                }
            }
        });
    }
}
