using Leibniz.Numerics;

namespace Leibniz.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Batch items per partial sum of the shared matrix's gradient. The partial sums are added by a reduction over
    /// their index, so the thread count never changes the bits.
    /// </summary>
    private const int SharedMatmulChunk = 8;

    /// <summary>
    /// One matrix applied to a batch: <c>y[i] = A·B[i] (+ r·1ᵀ)</c> for A [m, k], B [N, k, n] and an optional row
    /// bias r [m] (a convolution's bias). One GEMM per item adds to rows that start as the bias; nothing of size
    /// N·m·k is formed. Gradients: <c>∂A = Σᵢ gᵢ·B[i]ᵀ</c> (summed in chunks of items), <c>∂B[i] = Aᵀ·gᵢ</c>,
    /// <c>∂r = Σ_{i,j} g[i, ·, j]</c>. When the backward pass is recorded (double backward) the same gradients are
    /// formed from recorded operations.
    /// </summary>
    private static Tensor SharedMatmul(Tensor a, Tensor b, Tensor? rowBias)
    {
        var ac = a.Contiguous();
        var bc = b.Contiguous();
        int batch = bc._shape[0], k = bc._shape[1], n = bc._shape[2], m = ac._shape[0];
        var y = Uninitialized([batch, m, n], ac.DType);
        if (rowBias is not null)
        {
            var block = rowBias.Detach().Reshape(m, 1).Expand(m, n).Contiguous();
            for (int i = 0; i < batch; i++)
            {
                Array.Copy(block._storage.Data, block._offset, y._storage.Data, i * m * n, m * n);
            }
        }
        ForEachItem(batch, m, n, k, (first, count) =>
        {
            for (int i = first; i < first + count; i++)
            {
                GemmInto(ac, ac._offset, k, 1, bc, bc._offset + i * k * n, n, 1, m, n, k, y, i * m * n, accumulate: rowBias is not null);
            }
        });
        y.Jvp(rowBias is null ? [a, b] : [a, b, rowBias], t => TangentSum(
            TangentSum(t[0] is null ? null : SharedMatmul(t[0]!, b, null), t[1] is null ? null : SharedMatmul(a, t[1]!, null)),
            t.Length > 2 && t[2] is not null ? t[2]!.Reshape(1, m, 1) : null));
        bool biasNeedsGrad = rowBias is not null && NeedsGrad(rowBias);
        if (!NeedsGrad(a, b) && !biasNeedsGrad)
        {
            return y;
        }
        Tensor[] inputs = rowBias is null ? [a, b] : [a, b, rowBias];
        return y.Record(nameof(Matmul), inputs, g => SharedMatmulBackward(g, a, b, rowBias), a, b);
    }

    private static Tensor?[] SharedMatmulBackward(Tensor g, Tensor a, Tensor b, Tensor? rowBias)
    {
        Tensor? dr = rowBias is { RequiresGrad: true } ? g.Sum([0, 2]) : null;
        if (Autograd.GradMode.IsEnabled || Autograd.ForwardAD.IsActive)
        {
            Tensor? daRecorded = a.RequiresGrad ? g.Matmul(b.Transpose(1, 2)).Sum(0) : null;
            Tensor? dbRecorded = b.RequiresGrad ? a.T.Matmul(g) : null;
            return rowBias is null ? [daRecorded, dbRecorded] : [daRecorded, dbRecorded, dr];
        }
        var gc = g.Contiguous();
        var ac = a.Contiguous();
        var bc = b.Contiguous();
        int batch = bc._shape[0], k = bc._shape[1], n = bc._shape[2], m = ac._shape[0];
        Tensor? db = null;
        if (b.RequiresGrad)
        {
            // ∂B[i] = Aᵀ·gᵢ.
            db = Uninitialized(b._shape, b.DType);
            var at = ac.T;
            ForEachItem(batch, k, n, m, (first, count) =>
            {
                for (int i = first; i < first + count; i++)
                {
                    GemmInto(at, at._offset, at._strides[0], at._strides[1], gc, gc._offset + i * m * n, n, 1, k, n, m, db, i * k * n);
                }
            });
        }
        Tensor? da = null;
        if (a.RequiresGrad)
        {
            // ∂A = Σᵢ gᵢ·B[i]ᵀ: one partial sum per chunk of items, accumulated item by item, then summed over chunks.
            int chunks = (batch + SharedMatmulChunk - 1) / SharedMatmulChunk;
            var partial = Zeros([chunks, m, k], a.DType);
            var bt = bc.Transpose(1, 2);
            Parallelism.For(chunks, 1, (first, count) =>
            {
                for (int chunk = first; chunk < first + count; chunk++)
                {
                    int start = chunk * SharedMatmulChunk, end = Math.Min(batch, start + SharedMatmulChunk);
                    for (int i = start; i < end; i++)
                    {
                        GemmInto(gc, gc._offset + i * m * n, n, 1, bt, bt._offset + i * k * n, bt._strides[1], bt._strides[2], m, k, n, partial, chunk * m * k, accumulate: i > start);
                    }
                }
            });
            da = partial.Sum(0);
        }
        return rowBias is null ? [da, db] : [da, db, dr];
    }
}
