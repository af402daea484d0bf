using System.Numerics;
using System.Numerics.Tensors;
using Leibniz.Numerics;
using Leibniz.Numerics.Blas;

namespace Leibniz.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Batch items per partial sum of the shared matrix's gradient. Partial sums are added in index order, so the
    /// thread count never changes the bits.
    /// </summary>
    private const int SharedMatmulChunk = 8;

    /// <summary>
    /// One matrix applied to a batch: <c>y[i] = A·B[i] (+ r·1ᵀ)</c> for A [m, k], B [N, k, n] and an optional row
    /// bias r [m] (a convolution's bias). One GEMM per item writes into rows that start as the bias; nothing of
    /// size N·m·k is formed. Gradients: <c>∂A = Σᵢ gᵢ·B[i]ᵀ</c> (summed in chunks of items), <c>∂B[i] = Aᵀ·gᵢ</c>,
    /// <c>∂r = Σ_{i,j} g[i, ·, j]</c>. When the backward pass is recorded (double backward) the same gradients are
    /// formed from recorded operations.
    /// </summary>
    private static Tensor SharedMatmul(Tensor a, Tensor b, Tensor? rowBias)
    {
        var ac = a.Contiguous();
        var bc = b.Contiguous();
        var rc = rowBias?.Contiguous();
        int batch = bc._shape[0], m = ac._shape[0], n = bc._shape[2];
        var y = Uninitialized(ac.DType, batch, m, n);
        if (ac.DType == DType.Float32)
        {
            SharedMatmulForward<float>(ac, bc, rc, y);
        }
        else
        {
            SharedMatmulForward<double>(ac, bc, rc, y);
        }
        bool biasNeedsGrad = rowBias is not null && NeedsGrad(rowBias);
        if (!NeedsGrad(a, b) && !biasNeedsGrad)
        {
            return y;
        }
        Tensor[] inputs = rowBias is null ? [a, b] : [a, b, rowBias];
        return y.Record(nameof(Matmul), inputs, g => SharedMatmulBackward(g, a, b, rowBias), a, b);
    }

    private static void SharedMatmulForward<T>(Tensor a, Tensor b, Tensor? rowBias, Tensor y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batch = b._shape[0], k = b._shape[1], n = b._shape[2], m = a._shape[0];
        T[] av = a.Data<T>(), bv = b.Data<T>(), yv = y.Data<T>();
        T[]? rv = rowBias?.Data<T>();
        int ao = a._offset, bo = b._offset, ro = rowBias?._offset ?? 0;
        ForEachItem(batch, m, n, k, (first, count) =>
        {
            for (int i = first; i < first + count; i++)
            {
                if (rv is not null)
                {
                    for (int r = 0; r < m; r++)
                    {
                        yv.AsSpan((i * m + r) * n, n).Fill(rv[ro + r]);
                    }
                }
                GemmOnArrays(false, false, m, n, k, av, ao, k, bv, bo + i * k * n, n, rv is not null, yv, i * m * n, n);
            }
        });
    }

    private static Tensor?[] SharedMatmulBackward(Tensor g, Tensor a, Tensor b, Tensor? rowBias)
    {
        if (Autograd.GradMode.IsEnabled)
        {
            return
            [
                a.RequiresGrad ? g.Matmul(b.Transpose(1, 2)).Sum(0) : null,
                b.RequiresGrad ? a.T.Matmul(g) : null,
                .. rowBias is null ? Array.Empty<Tensor?>() : [rowBias.RequiresGrad ? g.Sum([0, 2]) : null],
            ];
        }
        var gc = g.Contiguous();
        var ac = a.Contiguous();
        var bc = b.Contiguous();
        Tensor? da = a.RequiresGrad ? Uninitialized(a.DType, a._shape) : null;
        Tensor? db = b.RequiresGrad ? Uninitialized(b.DType, b._shape) : null;
        Tensor? dr = rowBias is { RequiresGrad: true } ? Uninitialized(rowBias.DType, rowBias._shape) : null;
        if (a.DType == DType.Float32)
        {
            SharedMatmulGradients<float>(gc, ac, bc, da, db, dr);
        }
        else
        {
            SharedMatmulGradients<double>(gc, ac, bc, da, db, dr);
        }
        return rowBias is null ? [da, db] : [da, db, dr];
    }

    private static void SharedMatmulGradients<T>(Tensor g, Tensor a, Tensor b, Tensor? da, Tensor? db, Tensor? dr)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batch = b._shape[0], k = b._shape[1], n = b._shape[2], m = a._shape[0];
        T[] gv = g.Data<T>(), av = a.Data<T>(), bv = b.Data<T>();
        int go = g._offset, ao = a._offset, bo = b._offset;
        if (db is not null)
        {
            // ∂B[i] = Aᵀ·gᵢ.
            T[] dbv = db.Data<T>();
            ForEachItem(batch, k, n, m, (first, count) =>
            {
                for (int i = first; i < first + count; i++)
                {
                    GemmOnArrays(true, false, k, n, m, av, ao, k, gv, go + i * m * n, n, false, dbv, i * k * n, n);
                }
            });
        }
        if (da is null && dr is null)
        {
            return;
        }
        // ∂A = Σᵢ gᵢ·B[i]ᵀ and ∂r = Σ_{i,j} g[i, ·, j]: one partial sum per chunk of items, chunks added in order.
        int chunks = (batch + SharedMatmulChunk - 1) / SharedMatmulChunk;
        var weightParts = da is null ? null : new T[chunks * m * k];
        var biasParts = dr is null ? null : new T[chunks * m];
        Parallelism.For(chunks, 1, (first, count) =>
        {
            for (int chunk = first; chunk < first + count; chunk++)
            {
                int start = chunk * SharedMatmulChunk, end = Math.Min(batch, start + SharedMatmulChunk);
                for (int i = start; i < end; i++)
                {
                    if (weightParts is not null)
                    {
                        GemmOnArrays(false, true, m, k, n, gv, go + i * m * n, n, bv, bo + i * k * n, n, i > start, weightParts, chunk * m * k, k);
                    }
                    if (biasParts is not null)
                    {
                        for (int r = 0; r < m; r++)
                        {
                            biasParts[chunk * m + r] += TensorPrimitives.Sum<T>(gv.AsSpan(go + (i * m + r) * n, n));
                        }
                    }
                }
            }
        });
        if (da is not null)
        {
            SumParts(weightParts!, chunks, m * k, da.Data<T>());
        }
        if (dr is not null)
        {
            SumParts(biasParts!, chunks, m, dr.Data<T>());
        }
    }

    /// <summary>target[0…length) = Σ over <paramref name="count"/> consecutive parts, added in order.</summary>
    private static void SumParts<T>(T[] parts, int count, int length, T[] target) where T : unmanaged, INumber<T>
    {
        var sum = target.AsSpan(0, length);
        sum.Clear();
        for (int part = 0; part < count; part++)
        {
            TensorPrimitives.Add<T>(sum, parts.AsSpan(part * length, length), sum);
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> over ranges of batch items: in parallel when one item's product is too small to
    /// be threaded by itself, otherwise item after item with threaded products.
    /// </summary>
    private static void ForEachItem(int items, int m, int n, int k, Action<int, int> body)
    {
        if (items > 1 && Gemm.IsSmall(m, n, k) && Parallelism.MaxThreads > 1)
        {
            Parallelism.For(items, 1, body);
        }
        else
        {
            body(0, items);
        }
    }

    /// <summary>C[cOffset…] (+)= op(A)·op(B) on the arrays of float32 or float64 tensors.</summary>
    private static void GemmOnArrays<T>(bool transA, bool transB, int m, int n, int k, T[] a, int aOffset, int lda,
        T[] b, int bOffset, int ldb, bool accumulate, T[] c, int cOffset, int ldc)
    {
        if (typeof(T) == typeof(float))
        {
            Gemm.Multiply(transA, transB, m, n, k, 1f, ((float[])(object)a).AsSpan(aOffset), lda, ((float[])(object)b).AsSpan(bOffset), ldb,
                accumulate ? 1f : 0f, ((float[])(object)c).AsSpan(cOffset), ldc);
        }
        else
        {
            Gemm.Multiply(transA, transB, m, n, k, 1.0, ((double[])(object)a).AsSpan(aOffset), lda, ((double[])(object)b).AsSpan(bOffset), ldb,
                accumulate ? 1.0 : 0.0, ((double[])(object)c).AsSpan(cOffset), ldc);
        }
    }
}
