using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Data;

/// <summary>
/// Shapeset-3×2 (Glorot &amp; Bengio, 2010), generated: 32×32 grey images holding one or two shapes among
/// triangle, parallelogram and ellipse, each with random position, size, rotation and grey level on a black
/// background; a second shape may cover at most half of the first's area. The 9 classes are the multisets of
/// shape types: {T}, {P}, {E}, {T,T}, {T,P}, {T,E}, {P,P}, {P,E}, {E,E}.
/// </summary>
public static class Shapeset
{
    /// <summary>Image side in pixels.</summary>
    public const int Side = 32;

    private static readonly int[][] s_classes = [[0], [1], [2], [0, 0], [0, 1], [0, 2], [1, 1], [1, 2], [2, 2]];

    /// <summary>n images [n, 1024] in [0, 1] and labels [n] (int64, 0..8), balanced by class.</summary>
    public static TensorDataset Generate(int n, Generator generator)
    {
        var pixels = new float[n * Side * Side];
        var labels = new long[n];
        for (int i = 0; i < n; i++)
        {
            int label = i % s_classes.Length;
            labels[i] = label;
            var image = pixels.AsSpan(i * Side * Side, Side * Side);
            while (!TryDraw(s_classes[label], image, generator))
            {
                image.Clear();
            }
        }
        return new TensorDataset(Tensor.FromArray(pixels, n, Side * Side), Tensor.FromArray(labels));
    }

    private static bool TryDraw(int[] shapes, Span<float> image, Generator generator)
    {
        var first = Mask(shapes[0], generator);
        int firstArea = first.Count(b => b);
        if (firstArea < 12)
        {
            return false;
        }
        Paint(image, first, 0.3f + 0.7f * (float)generator.NextDouble());
        if (shapes.Length == 1)
        {
            return true;
        }
        for (int attempt = 0; attempt < 50; attempt++)
        {
            var second = Mask(shapes[1], generator);
            int overlap = 0, area = 0;
            for (int p = 0; p < second.Length; p++)
            {
                if (second[p])
                {
                    area++;
                    overlap += first[p] ? 1 : 0;
                }
            }
            if (area >= 12 && overlap * 2 <= firstArea)
            {
                Paint(image, second, 0.3f + 0.7f * (float)generator.NextDouble());
                return true;
            }
        }
        return false;
    }

    private static void Paint(Span<float> image, bool[] mask, float grey)
    {
        for (int p = 0; p < mask.Length; p++)
        {
            if (mask[p])
            {
                image[p] = grey;
            }
        }
    }

    /// <summary>The pixels (centres) inside a random shape of the given type: 0 triangle, 1 parallelogram, 2 ellipse.</summary>
    private static bool[] Mask(int type, Generator g)
    {
        double cx = 6 + 20 * g.NextDouble(), cy = 6 + 20 * g.NextDouble();
        double size = 4 + 7 * g.NextDouble();
        double angle = 2 * System.Math.PI * g.NextDouble();
        double cos = System.Math.Cos(angle), sin = System.Math.Sin(angle);
        (double X, double Y)[] corners = type switch
        {
            0 => [(0, -size), (0.87 * size, 0.5 * size), (-0.87 * size, 0.5 * size)],
            1 => Parallelogram(size, g),
            _ => [],
        };
        double aspect = 0.4 + 0.6 * g.NextDouble();
        var mask = new bool[Side * Side];
        for (int y = 0; y < Side; y++)
        {
            for (int x = 0; x < Side; x++)
            {
                // Into the shape's frame: undo the translation and the rotation.
                double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
                double u = cos * dx + sin * dy, v = -sin * dx + cos * dy;
                mask[y * Side + x] = type == 2
                    ? u * u / (size * size) + v * v / (size * aspect * size * aspect) <= 1
                    : InsidePolygon(corners, u, v);
            }
        }
        return mask;
    }

    private static (double X, double Y)[] Parallelogram(double size, Generator g)
    {
        double w = size, h = size * (0.4 + 0.6 * g.NextDouble()), shear = size * (g.NextDouble() - 0.5);
        return [(-w - shear, -h), (w - shear, -h), (w + shear, h), (-w + shear, h)];
    }

    /// <summary>Even–odd rule.</summary>
    private static bool InsidePolygon((double X, double Y)[] polygon, double x, double y)
    {
        bool inside = false;
        for (int i = 0, j = polygon.Length - 1; i < polygon.Length; j = i++)
        {
            var (xi, yi) = polygon[i];
            var (xj, yj) = polygon[j];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            {
                inside = !inside;
            }
        }
        return inside;
    }
}
