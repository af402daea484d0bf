using System.Runtime.CompilerServices;
using System.Numerics;

namespace Leibniz.Tensors.Kernels;

/// <summary>Gather and scatter-add along one dimension, on contiguous operands.</summary>
internal static class IndexKernels
{
    /// <summary>
    /// For every position p of <paramref name="index"/> (shape <paramref name="indexShape"/>): the offset in a
    /// contiguous tensor of shape <paramref name="targetShape"/> with the coordinate along <paramref name="dim"/>
    /// replaced by index[p].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] TargetOffsets(long[] index, int indexOffset, int[] indexShape, int[] targetShape, int dim, string op)
    {
        int n = ShapeHelper.Numel(indexShape);
        int[] targetStrides = ShapeHelper.ContiguousStrides(targetShape);
        var offsets = new int[n];
        var coord = new int[indexShape.Length];
        int size = targetShape[dim];
        for (int p = 0; p < n; p++)
        {
            long k = index[indexOffset + p];
            if (k < 0 || k >= size)
            {
                throw new ArgumentOutOfRangeException(nameof(index), k,
                    $"{op}: index {k} is out of range for dimension {dim} of size {size}.");
            }
            int off = 0;
            for (int d = 0; d < coord.Length; d++)
            {
                off += (d == dim ? (int)k : coord[d]) * targetStrides[d];
            }
            offsets[p] = off;
            for (int d = coord.Length - 1; d >= 0; d--)
            {
                if (++coord[d] < indexShape[d])
                {
                    break;
                }
                coord[d] = 0;
            }
        }
        return offsets;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Gather<T>(T[] x, int xOffset, int[] offsets, T[] d)
    {
        for (int p = 0; p < offsets.Length; p++)
        {
            d[p] = x[xOffset + offsets[p]];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ScatterAdd<T>(T[] d, int[] offsets, T[] src, int srcOffset) where T : INumber<T>
    {
        for (int p = 0; p < offsets.Length; p++)
        {
            d[offsets[p]] += src[srcOffset + p];
        }
    }
}
