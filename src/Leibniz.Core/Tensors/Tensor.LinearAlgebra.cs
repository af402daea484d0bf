using Leibniz.Numerics;
using Leibniz.Numerics.Blas;

namespace Leibniz.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Matrix product with PyTorch's rules: 1-D·1-D is a dot product; a 1-D operand is treated as a row
    /// (left) or column (right) vector; 2-D·2-D is a matrix product; higher ranks are batches whose leading
    /// dimensions broadcast. Gradients: <c>g·Bᵀ</c> and <c>Aᵀ·g</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The inner dimensions differ, or an operand is a scalar.</exception>
    public Tensor Matmul(Tensor other)
    {
        var a = this;
        var b = other;
        if (a.Rank == 0 || b.Rank == 0)
        {
            throw new ArgumentException($"Matmul: both operands need at least one dimension; got {ShapeHelper.Format(a._shape)} and {ShapeHelper.Format(b._shape)}.");
        }
        int ka = a._shape[^1];
        int kb = b.Rank == 1 ? b._shape[0] : b._shape[^2];
        if (ka != kb)
        {
            throw new ArgumentException(
                $"Matmul: shapes {ShapeHelper.Format(a._shape)} and {ShapeHelper.Format(b._shape)} do not fit: the first has {ka} columns, the second {kb} rows.");
        }
        if (a.Rank == 1 && b.Rank == 1)
        {
            return (a * b).Sum();
        }
        if (a.Rank == 1)
        {
            return a.Unsqueeze(0).Matmul(b).Squeeze(-2);
        }
        if (b.Rank == 1)
        {
            return a.Matmul(b.Unsqueeze(-1)).Squeeze(-1);
        }
        if (a.Rank == 2 && b.Rank == 2)
        {
            return Mm(a, b);
        }
        if (b.Rank == 2)
        {
            var batch = a._shape[..^1];
            var flat = Mm(a.Reshape(-1, ka), b);
            return flat.Reshape([.. batch, b._shape[1]]);
        }
        if (a.Rank == 2 && b.Rank == 3 && a.DType == b.DType && a.DType.IsFloating())
        {
            return SharedMatmul(a, b, null);
        }
        int[] batchShape = ShapeHelper.Broadcast(a._shape.AsSpan(0, a.Rank - 2), b._shape.AsSpan(0, b.Rank - 2), nameof(Matmul));
        int m = a._shape[^2], n = b._shape[^1];
        var ae = a.Expand([.. batchShape, m, ka]);
        var be = b.Expand([.. batchShape, ka, n]);
        int batchCount = ShapeHelper.Numel(batchShape);
        var result = Bmm(ae.Reshape(batchCount, m, ka), be.Reshape(batchCount, ka, n));
        return result.Reshape([.. batchShape, m, n]);
    }

    /// <summary>
    /// <c>y = x·Wᵀ + b</c> for x [..., in], W [out, in], b [out] (PyTorch's layout). The bias is written into the
    /// output and the product added by one GEMM. Gradients: <c>g·W</c>, <c>gᵀ·x</c>, <c>Σ_rows g</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not fit.</exception>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        if (weight.Rank != 2 || input.Rank == 0 || input._shape[^1] != weight._shape[1])
        {
            throw new ArgumentException(
                $"Linear: input {ShapeHelper.Format(input._shape)} and weight {ShapeHelper.Format(weight._shape)} do not fit: the weight must be [out, in] with in = the input's last size.");
        }
        if (bias is not null && (bias.Rank != 1 || bias._shape[0] != weight._shape[0]))
        {
            throw new ArgumentException($"Linear: bias must have shape [{weight._shape[0]}], got {ShapeHelper.Format(bias._shape)}.", nameof(bias));
        }
        if (input.Rank != 2)
        {
            var flat = Linear(input.Reshape(-1, input._shape[^1]), weight, bias);
            return flat.Reshape([.. input._shape[..^1], weight._shape[0]]);
        }
        if (bias is null || bias.DType != input.DType || weight.DType != input.DType)
        {
            var y = input.Matmul(weight.T);
            return bias is null ? y : y + bias;
        }
        input.RequireFloat(nameof(Linear));
        int m = input._shape[0], k = input._shape[1], n = weight._shape[0];
        var result = Uninitialized([m, n], input.DType);
        var b = bias.Contiguous();
        for (int i = 0; i < m; i++)
        {
            Array.Copy(b._storage.Data, b._offset, result._storage.Data, i * n, n);
        }
        var wt = weight.T;
        GemmInto(input, input._offset, input._strides[0], input._strides[1], wt, wt._offset, wt._strides[0], wt._strides[1], m, n, k, result, 0, accumulate: true);
        result.Jvp([input, weight, bias], t => LinearTangent(input, weight, t[0], t[1], t[2]));
        if (!(input.RequiresGrad || weight.RequiresGrad || bias.RequiresGrad) || !Autograd.GradMode.IsEnabled)
        {
            return result;
        }
        return result.Record(nameof(Linear), [input, weight, bias], g => [
            input.RequiresGrad ? Mm(g, weight) : null,
            weight.RequiresGrad ? Mm(g.T, input) : null,
            bias.RequiresGrad ? g.Sum(0) : null], input, weight);
    }

    /// <summary>
    /// The tangent of <c>y = x·Wᵀ + b</c>: <c>ẏ = ẋ·Wᵀ + x·Ẇᵀ + ḃ</c>, the products added into one buffer (null tangents are zero).
    /// </summary>
    private static Tensor? LinearTangent(Tensor x, Tensor w, Tensor? tx, Tensor? tw, Tensor? tb)
    {
        if (tw is null)
        {
            return tx is null ? tb : tb is null ? Mm(tx, w.T) : Linear(tx, w, tb);
        }
        var result = tb is null ? Mm(x, tw.T) : Linear(x, tw, tb);
        if (tx is not null)
        {
            var wt = w.T;
            GemmInto(tx, tx._offset, tx._strides[0], tx._strides[1], wt, wt._offset, wt._strides[0], wt._strides[1], x._shape[0], w._shape[0], x._shape[1], result, 0, accumulate: true);
        }
        return result;
    }

    /// <summary>Whether a 2-D strided view can be handed to GEMM as is, and how.</summary>
    private static bool GemmLayout(Tensor t, int rowStride, int colStride, out bool transposed, out int ld)
    {
        int r = t._shape[^2], c = t._shape[^1];
        if ((c == 1 || colStride == 1) && (r == 1 || rowStride >= c))
        {
            transposed = false;
            ld = Math.Max(1, r == 1 ? c : rowStride);
            return true;
        }
        if ((r == 1 || rowStride == 1) && (c == 1 || colStride >= r))
        {
            transposed = true;
            ld = Math.Max(1, c == 1 ? r : colStride);
            return true;
        }
        transposed = false;
        ld = 0;
        return false;
    }

    private static Tensor Mm(Tensor a, Tensor b)
    {
        (a, b) = Promoted(a, b, nameof(Matmul));
        a.RequireFloat(nameof(Matmul));
        int m = a._shape[0], k = a._shape[1], n = b._shape[1];
        var result = Uninitialized([m, n], a.DType);
        GemmInto(a, a._offset, a._strides[0], a._strides[1], b, b._offset, b._strides[0], b._strides[1], m, n, k, result, 0);
        result.Jvp(a, b, (ta, tb) => MmTangent(a, b, ta, tb));
        if (!NeedsGrad(a, b))
        {
            return result;
        }
        return result.Record(nameof(Matmul), [a, b], g => [
            a.RequiresGrad ? Mm(g, b.T) : null,
            b.RequiresGrad ? Mm(a.T, g) : null], a, b);
    }

    /// <summary>The tangent of <c>y = a·b</c>: <c>ẏ = ȧ·b + a·ḃ</c>, both products in one buffer.</summary>
    private static Tensor? MmTangent(Tensor a, Tensor b, Tensor? ta, Tensor? tb)
    {
        if (ta is null || tb is null)
        {
            return ta is null ? Mm(a, tb!) : Mm(ta, b);
        }
        var result = Mm(ta, b);
        GemmInto(a, a._offset, a._strides[0], a._strides[1], tb, tb._offset, tb._strides[0], tb._strides[1], a._shape[0], b._shape[1], a._shape[1], result, 0, accumulate: true);
        return result;
    }

    private static Tensor Bmm(Tensor a, Tensor b)
    {
        (a, b) = Promoted(a, b, nameof(Matmul));
        a.RequireFloat(nameof(Matmul));
        int batch = a._shape[0], m = a._shape[1], k = a._shape[2], n = b._shape[2];
        var result = Uninitialized([batch, m, n], a.DType);
        var (ta, tb) = (a, b);
        void Range(int first, int count)
        {
            for (int i = first; i < first + count; i++)
            {
                GemmInto(ta, ta._offset + i * ta._strides[0], ta._strides[1], ta._strides[2],
                    tb, tb._offset + i * tb._strides[0], tb._strides[1], tb._strides[2], m, n, k, result, i * m * n);
            }
        }
        ForEachItem(batch, m, n, k, Range);
        result.Jvp(a, b, (ta, tb) => TangentSum(ta is null ? null : Bmm(ta, b), tb is null ? null : Bmm(a, tb)));
        if (!NeedsGrad(a, b))
        {
            return result;
        }
        return result.Record(nameof(Matmul), [a, b], g => [
            a.RequiresGrad ? Bmm(g, b.Transpose(1, 2)) : null,
            b.RequiresGrad ? Bmm(a.Transpose(1, 2), g) : null], a, b);
    }

    /// <summary>
    /// Runs <paramref name="body"/> over ranges of batch items whose products are m×k by k×n: in parallel when one
    /// product is too small to gain from threads inside its GEMM, otherwise item after item with threaded products.
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

    /// <summary>
    /// C[cOffset…] = A·B (or += with <paramref name="accumulate"/>) for the 2-D strided views described by offsets and
    /// strides. The last two sizes of <paramref name="a"/> and <paramref name="b"/> must be those of the views (pass
    /// <c>t.T</c>, not t, for a transposed operand): the layout check reads them.
    /// </summary>
    private static void GemmInto(Tensor a, int aOffset, int aRowStride, int aColStride, Tensor b, int bOffset, int bRowStride, int bColStride,
        int m, int n, int k, Tensor c, int cOffset, bool accumulate = false)
    {
        if (!GemmLayout(a, aRowStride, aColStride, out bool ta, out int lda))
        {
            a = new Tensor(a._storage, a.DType, [m, k], [aRowStride, aColStride], aOffset).Contiguous();
            (aOffset, ta, lda) = (a._offset, false, Math.Max(1, k));
        }
        if (!GemmLayout(b, bRowStride, bColStride, out bool tb, out int ldb))
        {
            b = new Tensor(b._storage, b.DType, [k, n], [bRowStride, bColStride], bOffset).Contiguous();
            (bOffset, tb, ldb) = (b._offset, false, Math.Max(1, n));
        }
        if (c.DType == DType.Float32)
        {
            Gemm.Multiply(ta, tb, m, n, k, 1f, a.Data<float>().AsSpan(aOffset), lda, b.Data<float>().AsSpan(bOffset), ldb,
                accumulate ? 1f : 0f, c.Data<float>().AsSpan(cOffset, m * n), Math.Max(1, n));
        }
        else
        {
            Gemm.Multiply(ta, tb, m, n, k, 1.0, a.Data<double>().AsSpan(aOffset), lda, b.Data<double>().AsSpan(bOffset), ldb,
                accumulate ? 1.0 : 0.0, c.Data<double>().AsSpan(cOffset, m * n), Math.Max(1, n));
        }
    }
}
