using System.Numerics;
using System.Numerics.Tensors;

namespace Leibniz.Numerics.Blas;

/// <summary>
/// Matrix–vector products, the GEMM calls with one column (or one row) of output: <c>y = α·op(M)·x + β·y</c>. One
/// pass over M, streamed from memory, where a general GEMM would pack M first (a Lanczos step over a basis of tens
/// of vectors of 10⁵ parameters is two such products). Rows of <c>M·x</c> are dot products; <c>Mᵀ·x</c> adds the
/// rows of M scaled by xᵢ, in row order, block of columns by block. Work is split over output elements only, so
/// the thread count never changes the bits.
/// </summary>
internal static unsafe class Gemv
{
    private const int ColumnBlock = 2048;

    /// <summary>
    /// <c>y[r·incY] = α·Σᵢ op(M)[r, i]·x[i·incX] + β·y[r·incY]</c> for r &lt; rows, i &lt; length, where op(M) is M
    /// (row r at <c>m[r·ldm]</c>) or Mᵀ (M stored length × rows, row i at <c>m[i·ldm]</c>).
    /// </summary>
    public static void Multiply<T>(bool transposed, int rows, int length, T alpha, ReadOnlySpan<T> m, int ldm,
        ReadOnlySpan<T> x, int incX, T beta, Span<T> y, int incY)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var vector = new T[length];
        for (int i = 0; i < length; i++)
        {
            vector[i] = x[i * incX];
        }
        var result = new T[rows];
        fixed (T* pm = m)
        {
            nint address = (nint)pm;
            if (!transposed)
            {
                Parallelism.For(rows, Math.Max(1, (1 << 15) / Math.Max(1, length)), (first, count) =>
                {
                    for (int r = first; r < first + count; r++)
                    {
                        result[r] = TensorPrimitives.Dot<T>(new ReadOnlySpan<T>((T*)address + (long)r * ldm, length), vector);
                    }
                });
            }
            else
            {
                Parallelism.For((rows + ColumnBlock - 1) / ColumnBlock, 1, (firstBlock, blocks) =>
                {
                    for (int block = firstBlock; block < firstBlock + blocks; block++)
                    {
                        int start = block * ColumnBlock, width = Math.Min(ColumnBlock, rows - start);
                        var sum = result.AsSpan(start, width);
                        for (int i = 0; i < length; i++)
                        {
                            TensorPrimitives.MultiplyAdd<T>(new ReadOnlySpan<T>((T*)address + (long)i * ldm + start, width), vector[i], sum, sum);
                        }
                    }
                });
            }
        }
        for (int r = 0; r < rows; r++)
        {
            T previous = beta == T.Zero ? T.Zero : beta * y[r * incY];
            y[r * incY] = alpha * result[r] + previous;
        }
    }
}
