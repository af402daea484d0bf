using System.Globalization;
using System.Text;

namespace Leibniz.Tensors;

/// <summary>
/// Renders a tensor as <c>tensor(float32, shape=[2, 3])</c> followed by its values in nested brackets; a
/// dimension longer than <see cref="EdgeItems"/>·2 shows its first and last few entries around "...".
/// </summary>
internal static class TensorFormatter
{
    public const int EdgeItems = 3;

    public static string Format(Tensor t)
    {
        var sb = new StringBuilder();
        sb.Append("tensor(").Append(t.DType.Name()).Append(", shape=").Append(ShapeHelper.Format(t.Shape));
        if (t.RequiresGrad)
        {
            sb.Append(t.GradFn is null ? ", requiresGrad" : $", gradFn={t.GradFn.Name}");
        }
        sb.Append(")\n");
        double[] values = t.ToDoubleArray();
        bool integral = !t.DType.IsFloating();
        var index = new int[t.Rank];
        AppendDim(sb, t, values, integral, index, 0, 0);
        return sb.ToString();
    }

    private static void AppendDim(StringBuilder sb, Tensor t, double[] values, bool integral, int[] index, int dim, int indent)
    {
        if (dim == t.Rank)
        {
            sb.Append(FormatValue(values[FlatIndex(t, index)], t.DType, integral));
            return;
        }
        int size = t.Shape[dim];
        sb.Append('[');
        for (int i = 0; i < size; i++)
        {
            if (size > 2 * EdgeItems && i == EdgeItems)
            {
                sb.Append(dim == t.Rank - 1 ? "..., " : "...,\n" + new string(' ', indent + 1));
                i = size - EdgeItems;
            }
            index[dim] = i;
            AppendDim(sb, t, values, integral, index, dim + 1, indent + 1);
            if (i < size - 1)
            {
                sb.Append(dim == t.Rank - 1 ? ", " : ",\n" + new string(' ', indent + 1));
            }
        }
        sb.Append(']');
    }

    private static int FlatIndex(Tensor t, int[] index)
    {
        int flat = 0;
        for (int d = 0; d < index.Length; d++)
        {
            flat = flat * t.Shape[d] + index[d];
        }
        return flat;
    }

    private static string FormatValue(double v, DType dtype, bool integral)
    {
        if (dtype == DType.Bool)
        {
            return v != 0 ? "true" : "false";
        }
        if (integral)
        {
            return ((long)v).ToString(CultureInfo.InvariantCulture);
        }
        double a = Math.Abs(v);
        return a != 0 && (a >= 1e5 || a < 1e-4) || double.IsNaN(v) || double.IsInfinity(v)
            ? v.ToString("0.####e+0", CultureInfo.InvariantCulture)
            : v.ToString("0.0000", CultureInfo.InvariantCulture);
    }
}
