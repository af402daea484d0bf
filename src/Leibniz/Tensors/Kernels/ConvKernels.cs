using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Leibniz.Numerics;

namespace Leibniz.Tensors.Kernels;

/// <summary>The geometry of a 2-D sliding window: kernel, stride, padding and dilation per axis.</summary>
internal readonly record struct Window2d(int KernelH, int KernelW, int StrideH, int StrideW, int PadH, int PadW, int DilationH, int DilationW)
{
    public int OutH(int h) => (h + 2 * PadH - DilationH * (KernelH - 1) - 1) / StrideH + 1;

    public int OutW(int w) => (w + 2 * PadW - DilationW * (KernelW - 1) - 1) / StrideW + 1;

    /// <summary>The output columns [first, last) whose input column <c>xo·sw − pw + j·dw</c> lies inside [0, w).</summary>
    public (int First, int Last) ValidColumns(int j, int w, int ow)
    {
        int shift = j * DilationW - PadW;
        int first = shift >= 0 ? 0 : (-shift + StrideW - 1) / StrideW;
        int last = w - shift <= 0 ? 0 : Math.Min(ow, (w - 1 - shift) / StrideW + 1);
        return (Math.Min(first, last), last);
    }
}

/// <summary>
/// im2col and its adjoint col2im between x [N, C, H, W] and columns [N, C·KH·KW, OH·OW] (row (c, i, j) holds
/// input pixel (c, s·y + d·i − p, s·x + d·j − p) for every output position (y, x)). With stride 1 each output
/// row is one contiguous copy.
/// </summary>
internal static class ConvKernels
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Im2Col<T>(T[] x, int xOffset, int n, int c, int h, int w, Window2d win, T pad, T[] cols)
        where T : unmanaged, INumber<T>
    {
        int oh = win.OutH(h), ow = win.OutW(w);
        int rows = c * win.KernelH * win.KernelW;
        int l = oh * ow;
        Parallelism.For(n * c, Math.Max(1, TensorKernels.ParallelGrain / Math.Max(1, win.KernelH * win.KernelW * l)), (start, length) =>
        {
            for (int plane = start; plane < start + length; plane++)
            {
                int b = plane / c, ch = plane % c;
                int src = xOffset + plane * h * w;
                for (int i = 0; i < win.KernelH; i++)
                {
                    for (int j = 0; j < win.KernelW; j++)
                    {
                        int row = (ch * win.KernelH + i) * win.KernelW + j;
                        var dst = cols.AsSpan((b * rows + row) * l, l);
                        var (first, last) = win.ValidColumns(j, w, ow);
                        int shift = j * win.DilationW - win.PadW;
                        for (int y = 0; y < oh; y++)
                        {
                            var line = dst.Slice(y * ow, ow);
                            int hy = y * win.StrideH - win.PadH + i * win.DilationH;
                            if (hy < 0 || hy >= h)
                            {
                                line.Fill(pad);
                                continue;
                            }
                            line[..first].Fill(pad);
                            line[last..].Fill(pad);
                            int from = src + hy * w + first * win.StrideW + shift;
                            if (win.StrideW == 1)
                            {
                                x.AsSpan(from, last - first).CopyTo(line[first..last]);
                            }
                            else
                            {
                                for (int xo = first; xo < last; xo++, from += win.StrideW)
                                {
                                    line[xo] = x[from];
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Col2Im<T>(T[] cols, int cOffset, int n, int c, int h, int w, Window2d win, T[] x)
        where T : unmanaged, INumber<T>
    {
        int oh = win.OutH(h), ow = win.OutW(w);
        int rows = c * win.KernelH * win.KernelW;
        int l = oh * ow;
        Parallelism.For(n * c, Math.Max(1, TensorKernels.ParallelGrain / Math.Max(1, win.KernelH * win.KernelW * l)), (start, length) =>
        {
            for (int plane = start; plane < start + length; plane++)
            {
                int b = plane / c, ch = plane % c;
                int dst = plane * h * w;
                for (int i = 0; i < win.KernelH; i++)
                {
                    for (int j = 0; j < win.KernelW; j++)
                    {
                        int row = (ch * win.KernelH + i) * win.KernelW + j;
                        int src = cOffset + (b * rows + row) * l;
                        var (first, last) = win.ValidColumns(j, w, ow);
                        int shift = j * win.DilationW - win.PadW;
                        for (int y = 0; y < oh; y++)
                        {
                            int hy = y * win.StrideH - win.PadH + i * win.DilationH;
                            if (hy < 0 || hy >= h || first >= last)
                            {
                                continue;
                            }
                            int to = dst + hy * w + first * win.StrideW + shift;
                            int fromCol = src + y * ow + first;
                            if (win.StrideW == 1)
                            {
                                var target = x.AsSpan(to, last - first);
                                TensorPrimitives.Add(target, cols.AsSpan(fromCol, last - first), target);
                            }
                            else
                            {
                                for (int xo = first; xo < last; xo++, to += win.StrideW)
                                {
                                    x[to] += cols[fromCol + xo - first];
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    /// <summary>
    /// Max pooling of every plane of x [planes, H, W]: the maximum of each window and the flat index (within its
    /// plane) of the first maximum; padding never wins. NaN wins.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MaxPool<T>(T[] x, int xOffset, int planes, int h, int w, Window2d win, T[] values, int[] argmax)
        where T : unmanaged, INumber<T>
    {
        int oh = win.OutH(h), ow = win.OutW(w);
        Parallelism.For(planes, Math.Max(1, TensorKernels.ParallelGrain / Math.Max(1, h * w)), (start, length) =>
        {
            for (int plane = start; plane < start + length; plane++)
            {
                int src = xOffset + plane * h * w;
                int o = plane * oh * ow;
                for (int y = 0; y < oh; y++)
                {
                    for (int xo = 0; xo < ow; xo++, o++)
                    {
                        int best = -1;
                        T bestValue = T.Zero;
                        for (int i = 0; i < win.KernelH; i++)
                        {
                            int hy = y * win.StrideH - win.PadH + i * win.DilationH;
                            if (hy < 0 || hy >= h)
                            {
                                continue;
                            }
                            for (int j = 0; j < win.KernelW; j++)
                            {
                                int wx = xo * win.StrideW - win.PadW + j * win.DilationW;
                                if (wx < 0 || wx >= w)
                                {
                                    continue;
                                }
                                T v = x[src + hy * w + wx];
                                if (best < 0 || v > bestValue || (T.IsNaN(v) && !T.IsNaN(bestValue)))
                                {
                                    best = hy * w + wx;
                                    bestValue = v;
                                }
                            }
                        }
                        values[o] = bestValue;
                        argmax[o] = best;
                    }
                }
            }
        });
    }

    /// <summary>out[plane, idx[plane, k]] += g[plane, k]: the adjoint of picking elements at flat indices per plane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ScatterPlanes<T>(T[] g, int gOffset, int[] index, int planes, int perPlane, int planeSize, T[] output)
        where T : unmanaged, INumber<T>
    {
        for (int p = 0; p < planes; p++)
        {
            int o = p * planeSize;
            int k0 = p * perPlane;
            for (int k = 0; k < perPlane; k++)
            {
                output[o + index[k0 + k]] += g[gOffset + k0 + k];
            }
        }
    }

    /// <summary>out[plane, k] = x[plane, idx[plane, k]].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GatherPlanes<T>(T[] x, int xOffset, int[] index, int planes, int perPlane, int planeSize, T[] output)
    {
        for (int p = 0; p < planes; p++)
        {
            int o = xOffset + p * planeSize;
            int k0 = p * perPlane;
            for (int k = 0; k < perPlane; k++)
            {
                output[k0 + k] = x[o + index[k0 + k]];
            }
        }
    }
}
