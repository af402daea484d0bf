using System.Text;

namespace Leibniz.Tensors;

/// <summary>Shape arithmetic: element counts, row-major strides, axis normalisation, broadcasting.</summary>
public static class ShapeHelper
{
    /// <summary>The number of elements of <paramref name="shape"/>: the product of its sizes.</summary>
    /// <exception cref="ArgumentException">The product exceeds <see cref="int.MaxValue"/>.</exception>
    public static int Numel(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            n *= d;
        }
        if (n > int.MaxValue)
        {
            throw new ArgumentException($"A tensor of shape {Format(shape)} has {n} elements; at most {int.MaxValue} are supported.");
        }
        return (int)n;
    }

    /// <summary>Row-major strides: <c>strides[i] = Π_{j>i} shape[j]</c>.</summary>
    public static int[] ContiguousStrides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int s = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= Math.Max(shape[i], 1);
        }
        return strides;
    }

    /// <summary>A shape as text, e.g. <c>[3, 4]</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape)
    {
        var sb = new StringBuilder("[");
        for (int i = 0; i < shape.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }
            sb.Append(shape[i]);
        }
        return sb.Append(']').ToString();
    }

    /// <summary>Maps an axis in [-rank, rank) to [0, rank).</summary>
    public static int NormalizeAxis(int axis, int rank, string op)
    {
        int r = Math.Max(rank, 1);
        if (axis < -r || axis >= r)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), axis,
                $"{op}: axis {axis} is out of range for a tensor of rank {rank} (expected {-r}..{r - 1}).");
        }
        return axis < 0 ? axis + r : axis;
    }

    /// <summary>Normalised, sorted, distinct axes; all axes when <paramref name="axes"/> is empty.</summary>
    public static int[] NormalizeAxes(ReadOnlySpan<int> axes, int rank, string op)
    {
        if (axes.Length == 0)
        {
            var all = new int[rank];
            for (int i = 0; i < rank; i++)
            {
                all[i] = i;
            }
            return all;
        }
        var result = new int[axes.Length];
        for (int i = 0; i < axes.Length; i++)
        {
            result[i] = NormalizeAxis(axes[i], rank, op);
        }
        Array.Sort(result);
        for (int i = 1; i < result.Length; i++)
        {
            if (result[i] == result[i - 1])
            {
                throw new ArgumentException($"{op}: axis {result[i]} is listed twice in {Format(axes)}.", nameof(axes));
            }
        }
        return result;
    }

    /// <summary>NumPy broadcasting: shapes are aligned at the right; sizes must match or be 1.</summary>
    public static int[] Broadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b, string op)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
            {
                throw new ArgumentException(
                    $"{op}: shapes {Format(a)} and {Format(b)} cannot be broadcast together: dimension {i} (aligned from the right) "
                    + $"is {da} in the first and {db} in the second; sizes must be equal or one of them 1.");
            }
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>True when the two shapes are equal.</summary>
    public static bool SameShape(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceEqual(b);
}
