using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Leibniz.Search;

/// <summary>
/// Row-wise kernels of the policy network. Sums and scatters of whole rows of a row-major table serve layers
/// whose input is a 0/1 vector: x·W over the active inputs is a sum of rows of Wᵀ; the sum keeps a block of up
/// to 8 vectors of the output in registers while it walks the rows. <see cref="AddRowVector"/> fuses a bias (or
/// any row vector) with the ReLU for a whole block of rows in one pass.
/// </summary>
internal static class RowKernels
{
    /// <summary><c>destination = initial + Σ_{r ∈ rows} table[r]</c>, rows of length <paramref name="width"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sum(ReadOnlySpan<float> table, int width, ReadOnlySpan<int> rows, ReadOnlySpan<float> initial, Span<float> destination)
    {
        int c = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; c + 128 <= width; c += 128)
            {
                var a0 = Vector512.Create(initial.Slice(c, 16));
                var a1 = Vector512.Create(initial.Slice(c + 16, 16));
                var a2 = Vector512.Create(initial.Slice(c + 32, 16));
                var a3 = Vector512.Create(initial.Slice(c + 48, 16));
                var a4 = Vector512.Create(initial.Slice(c + 64, 16));
                var a5 = Vector512.Create(initial.Slice(c + 80, 16));
                var a6 = Vector512.Create(initial.Slice(c + 96, 16));
                var a7 = Vector512.Create(initial.Slice(c + 112, 16));
                foreach (int r in rows)
                {
                    var row = table.Slice(r * width + c, 128);
                    a0 += Vector512.Create(row[..16]);
                    a1 += Vector512.Create(row.Slice(16, 16));
                    a2 += Vector512.Create(row.Slice(32, 16));
                    a3 += Vector512.Create(row.Slice(48, 16));
                    a4 += Vector512.Create(row.Slice(64, 16));
                    a5 += Vector512.Create(row.Slice(80, 16));
                    a6 += Vector512.Create(row.Slice(96, 16));
                    a7 += Vector512.Create(row.Slice(112, 16));
                }
                a0.CopyTo(destination.Slice(c, 16));
                a1.CopyTo(destination.Slice(c + 16, 16));
                a2.CopyTo(destination.Slice(c + 32, 16));
                a3.CopyTo(destination.Slice(c + 48, 16));
                a4.CopyTo(destination.Slice(c + 64, 16));
                a5.CopyTo(destination.Slice(c + 80, 16));
                a6.CopyTo(destination.Slice(c + 96, 16));
                a7.CopyTo(destination.Slice(c + 112, 16));
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; c + 32 <= width; c += 32)
            {
                var a0 = Vector256.Create(initial.Slice(c, 8));
                var a1 = Vector256.Create(initial.Slice(c + 8, 8));
                var a2 = Vector256.Create(initial.Slice(c + 16, 8));
                var a3 = Vector256.Create(initial.Slice(c + 24, 8));
                foreach (int r in rows)
                {
                    var row = table.Slice(r * width + c, 32);
                    a0 += Vector256.Create(row[..8]);
                    a1 += Vector256.Create(row.Slice(8, 8));
                    a2 += Vector256.Create(row.Slice(16, 8));
                    a3 += Vector256.Create(row.Slice(24, 8));
                }
                a0.CopyTo(destination.Slice(c, 8));
                a1.CopyTo(destination.Slice(c + 8, 8));
                a2.CopyTo(destination.Slice(c + 16, 8));
                a3.CopyTo(destination.Slice(c + 24, 8));
            }
        }
        for (; c < width; c++)
        {
            float sum = initial[c];
            foreach (int r in rows)
            {
                sum += table[r * width + c];
            }
            destination[c] = sum;
        }
    }

    /// <summary><c>table[r] += value</c> for every r in <paramref name="rows"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Scatter(Span<float> table, int width, ReadOnlySpan<int> rows, ReadOnlySpan<float> value)
    {
        int c = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; c + 64 <= width; c += 64)
            {
                var v0 = Vector512.Create(value.Slice(c, 16));
                var v1 = Vector512.Create(value.Slice(c + 16, 16));
                var v2 = Vector512.Create(value.Slice(c + 32, 16));
                var v3 = Vector512.Create(value.Slice(c + 48, 16));
                foreach (int r in rows)
                {
                    var row = table.Slice(r * width + c, 64);
                    (Vector512.Create(row[..16]) + v0).CopyTo(row[..16]);
                    (Vector512.Create(row.Slice(16, 16)) + v1).CopyTo(row.Slice(16, 16));
                    (Vector512.Create(row.Slice(32, 16)) + v2).CopyTo(row.Slice(32, 16));
                    (Vector512.Create(row.Slice(48, 16)) + v3).CopyTo(row.Slice(48, 16));
                }
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; c + 32 <= width; c += 32)
            {
                var v0 = Vector256.Create(value.Slice(c, 8));
                var v1 = Vector256.Create(value.Slice(c + 8, 8));
                var v2 = Vector256.Create(value.Slice(c + 16, 8));
                var v3 = Vector256.Create(value.Slice(c + 24, 8));
                foreach (int r in rows)
                {
                    var row = table.Slice(r * width + c, 32);
                    (Vector256.Create(row[..8]) + v0).CopyTo(row[..8]);
                    (Vector256.Create(row.Slice(8, 8)) + v1).CopyTo(row.Slice(8, 8));
                    (Vector256.Create(row.Slice(16, 8)) + v2).CopyTo(row.Slice(16, 8));
                    (Vector256.Create(row.Slice(24, 8)) + v3).CopyTo(row.Slice(24, 8));
                }
            }
        }
        for (; c < width; c++)
        {
            foreach (int r in rows)
            {
                table[r * width + c] += value[c];
            }
        }
    }

    /// <summary><c>y[r] = f(x[r] + v)</c> for every row r of width |v|, with f = ReLU or the identity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddRowVector(ReadOnlySpan<float> x, ReadOnlySpan<float> v, Span<float> y, bool relu)
    {
        int width = v.Length;
        int rows = x.Length / width;
        for (int r = 0; r < rows; r++)
        {
            var xr = x.Slice(r * width, width);
            var yr = y.Slice(r * width, width);
            int c = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; c + 16 <= width; c += 16)
                {
                    var sum = Vector512.Create(xr.Slice(c, 16)) + Vector512.Create(v.Slice(c, 16));
                    (relu ? Vector512.Max(sum, Vector512<float>.Zero) : sum).CopyTo(yr.Slice(c, 16));
                }
            }
            if (Vector256.IsHardwareAccelerated)
            {
                for (; c + 8 <= width; c += 8)
                {
                    var sum = Vector256.Create(xr.Slice(c, 8)) + Vector256.Create(v.Slice(c, 8));
                    (relu ? Vector256.Max(sum, Vector256<float>.Zero) : sum).CopyTo(yr.Slice(c, 8));
                }
            }
            for (; c < width; c++)
            {
                float sum = xr[c] + v[c];
                yr[c] = relu ? Math.Max(sum, 0f) : sum;
            }
        }
    }

    /// <summary><c>gradient[i] = 0</c> wherever <c>preActivation[i] ≤ 0</c> (the ReLU's derivative).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReluMask(ReadOnlySpan<float> preActivation, Span<float> gradient)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= gradient.Length; i += 16)
            {
                var keep = Vector512.GreaterThan(Vector512.Create(preActivation.Slice(i, 16)), Vector512<float>.Zero);
                (Vector512.Create(gradient.Slice(i, 16)) & keep.AsSingle()).CopyTo(gradient.Slice(i, 16));
            }
        }
        for (; i < gradient.Length; i++)
        {
            if (preActivation[i] <= 0)
            {
                gradient[i] = 0;
            }
        }
    }
}
