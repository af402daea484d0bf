using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Leibniz.Numerics;

namespace Leibniz.Tensors.Kernels;

/// <summary>The geometry of a 2-D sliding window: kernel, stride, padding and dilation per axis.</summary>
internal readonly record struct Window2d(int KernelH, int KernelW, int StrideH, int StrideW, int PadH, int PadW, int DilationH, int DilationW)
{
    public int OutH(int h) => (h + 2 * PadH - DilationH * (KernelH - 1) - 1) / StrideH + 1;

    public int OutW(int w) => (w + 2 * PadW - DilationW * (KernelW - 1) - 1) / StrideW + 1;

    /// <summary>
    /// Whether kernel row i (its first input row <paramref name="top"/> = i·dh − ph) and a column of valid outputs
    /// [first, last) read, for every output row, ow neighbouring values inside the image: then im2col and col2im
    /// move whole strided rows.
    /// </summary>
    public bool InsideRows(int top, int first, int last, int h, int oh, int ow)
        => StrideW == 1 && first == 0 && last == ow && top >= 0 && (oh - 1) * StrideH + top < h;

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
    public static void Im2Col<T>(T[] x, int xOffset, int n, int c, int h, int w, Window2d win, T pad, T[] cols)
        where T : unmanaged, INumber<T>
    {
        int work = win.KernelH * win.KernelW * win.OutH(h) * win.OutW(w);
        Parallelism.For(n * c, Math.Max(1, TensorKernels.ParallelGrain / Math.Max(1, work)),
            (start, length) => Im2ColPlanes(x, xOffset, start, start + length, c, h, w, win, pad, cols));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Im2ColPlanes<T>(T[] x, int xOffset, int firstPlane, int endPlane, int c, int h, int w, Window2d win, T pad, T[] cols)
        where T : unmanaged, INumber<T>
    {
        int kh = win.KernelH, kw = win.KernelW, sh = win.StrideH, sw = win.StrideW, ph = win.PadH, dh = win.DilationH;
        int oh = win.OutH(h), ow = win.OutW(w);
        int rows = c * kh * kw;
        int l = oh * ow;
        for (int plane = firstPlane; plane < endPlane; plane++)
        {
            int b = plane / c, ch = plane % c;
            int src = xOffset + plane * h * w;
            for (int i = 0; i < kh; i++)
            {
                for (int j = 0; j < kw; j++)
                {
                    int row = (ch * kh + i) * kw + j;
                    var dst = cols.AsSpan((b * rows + row) * l, l);
                    var (first, last) = win.ValidColumns(j, w, ow);
                    int shift = j * win.DilationW - win.PadW;
                    int top = i * dh - ph;
                    if (win.InsideRows(top, first, last, h, oh, ow))
                    {
                        // The whole window lies inside the image: oh rows of ow neighbouring values.
                        ShortRows.CopyRows(x.AsSpan(src + top * w + shift), sh * w, dst, ow, oh);
                        continue;
                    }
                    for (int y = 0; y < oh; y++)
                    {
                        var line = dst.Slice(y * ow, ow);
                        int hy = y * sh - ph + i * dh;
                        if (hy < 0 || hy >= h)
                        {
                            line.Fill(pad);
                            continue;
                        }
                        if (first > 0)
                        {
                            line[..first].Fill(pad);
                        }
                        if (last < ow)
                        {
                            line[last..].Fill(pad);
                        }
                        int from = src + hy * w + first * sw + shift;
                        if (sw == 1)
                        {
                            ShortRows.Copy(x.AsSpan(from, last - first), line[first..last]);
                        }
                        else
                        {
                            for (int xo = first; xo < last; xo++, from += sw)
                            {
                                line[xo] = x[from];
                            }
                        }
                    }
                }
            }
        }
    }

    public static void Col2Im<T>(T[] cols, int cOffset, int n, int c, int h, int w, Window2d win, T[] x)
        where T : unmanaged, INumber<T>
    {
        int work = win.KernelH * win.KernelW * win.OutH(h) * win.OutW(w);
        Parallelism.For(n * c, Math.Max(1, TensorKernels.ParallelGrain / Math.Max(1, work)),
            (start, length) => Col2ImPlanes(cols, cOffset, start, start + length, c, h, w, win, x));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Col2ImPlanes<T>(T[] cols, int cOffset, int firstPlane, int endPlane, int c, int h, int w, Window2d win, T[] x)
        where T : unmanaged, INumber<T>
    {
        int kh = win.KernelH, kw = win.KernelW, sh = win.StrideH, sw = win.StrideW, ph = win.PadH, dh = win.DilationH;
        int oh = win.OutH(h), ow = win.OutW(w);
        int rows = c * kh * kw;
        int l = oh * ow;
        for (int plane = firstPlane; plane < endPlane; plane++)
        {
            int b = plane / c, ch = plane % c;
            int dst = plane * h * w;
            for (int i = 0; i < kh; i++)
            {
                for (int j = 0; j < kw; j++)
                {
                    int row = (ch * kh + i) * kw + j;
                    int src = cOffset + (b * rows + row) * l;
                    var (first, last) = win.ValidColumns(j, w, ow);
                    int shift = j * win.DilationW - win.PadW;
                    if (first >= last)
                    {
                        continue;
                    }
                    int top = i * dh - ph;
                    if (win.InsideRows(top, first, last, h, oh, ow))
                    {
                        ShortRows.AddRows(cols.AsSpan(src, l), x.AsSpan(dst + top * w + shift), sh * w, ow, oh);
                        continue;
                    }
                    for (int y = 0; y < oh; y++)
                    {
                        int hy = y * sh - ph + i * dh;
                        if (hy < 0 || hy >= h)
                        {
                            continue;
                        }
                        int to = dst + hy * w + first * sw + shift;
                        int fromCol = src + y * ow + first;
                        if (sw == 1)
                        {
                            ShortRows.AddTo(cols.AsSpan(fromCol, last - first), x.AsSpan(to, last - first));
                        }
                        else
                        {
                            for (int xo = first; xo < last; xo++, to += sw)
                            {
                                x[to] += cols[fromCol + xo - first];
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Max pooling of every plane of x [planes, H, W]: the maximum of each window and the flat index (within its
    /// plane) of the first maximum; padding never wins. NaN wins.
    /// </summary>
    public static void MaxPool<T>(T[] x, int xOffset, int planes, int h, int w, Window2d win, T[] values, int[] argmax)
        where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float) && win == new Window2d(2, 2, 2, 2, 0, 0, 1, 1) && Vector256.IsHardwareAccelerated)
        {
            var xf = (float[])(object)x;
            var vf = (float[])(object)values;
            Parallelism.For(planes, Math.Max(1, TensorKernels.ParallelGrain / Math.Max(1, h * w)),
                (start, length) => MaxPool2x2(xf, xOffset, start, start + length, h, w, vf, argmax));
            return;
        }
        Parallelism.For(planes, Math.Max(1, TensorKernels.ParallelGrain / Math.Max(1, h * w)),
            (start, length) => MaxPoolPlanes(x, xOffset, start, start + length, h, w, win, values, argmax));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MaxPoolPlanes<T>(T[] x, int xOffset, int firstPlane, int endPlane, int h, int w, Window2d win, T[] values, int[] argmax)
        where T : unmanaged, INumber<T>
    {
        int kh = win.KernelH, kw = win.KernelW, sh = win.StrideH, sw = win.StrideW;
        int ph = win.PadH, pw = win.PadW, dh = win.DilationH, dw = win.DilationW;
        int oh = win.OutH(h), ow = win.OutW(w);
        for (int plane = firstPlane; plane < endPlane; plane++)
        {
            int src = xOffset + plane * h * w;
            int o = plane * oh * ow;
            for (int y = 0; y < oh; y++)
            {
                for (int xo = 0; xo < ow; xo++, o++)
                {
                    int best = -1;
                    T bestValue = T.Zero;
                    for (int i = 0; i < kh; i++)
                    {
                        int hy = y * sh - ph + i * dh;
                        if ((uint)hy >= (uint)h)
                        {
                            continue;
                        }
                        for (int j = 0; j < kw; j++)
                        {
                            int wx = xo * sw - pw + j * dw;
                            if ((uint)wx >= (uint)w)
                            {
                                continue;
                            }
                            int at = hy * w + wx;
                            T v = x[src + at];
                            if (best < 0)
                            {
                                best = at;
                                bestValue = v;
                                continue;
                            }
                            // max without a data-dependent branch (the comparison is unpredictable on real data):
                            // vmaxss for the value, cmov for the index; the first maximum is kept and NaN propagates.
                            best = v > bestValue ? at : best;
                            bestValue = T.Max(bestValue, v);
                        }
                    }
                    values[o] = bestValue;
                    argmax[o] = best;
                }
            }
        }
    }

    /// <summary>
    /// 2×2 windows with stride 2 (the usual pooling) in float32, eight outputs at a time: each input row pair is
    /// split into even and odd columns, and the first maximum in row-major order is chosen by compare and blend.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MaxPool2x2(float[] x, int xOffset, int firstPlane, int endPlane, int h, int w, float[] values, int[] argmax)
    {
        int oh = h / 2, ow = w / 2;
        var evenLanes = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);
        var laneIndex = Vector256.Create(0, 2, 4, 6, 8, 10, 12, 14);
        for (int plane = firstPlane; plane < endPlane; plane++)
        {
            int src = xOffset + plane * h * w;
            int o = plane * oh * ow;
            for (int y = 0; y < oh; y++, o += ow)
            {
                int top = 2 * y * w, bottom = top + w;
                int xo = 0;
                while (xo < ow && ow >= 8)
                {
                    // The last block overlaps the one before it when ow is not a multiple of 8: the outputs it
                    // recomputes get the same values, and no output is left to the scalar loop.
                    if (xo + 8 > ow)
                    {
                        xo = ow - 8;
                    }

                    var (te, to) = Deinterleave(x, src + top + 2 * xo, evenLanes);
                    var (be, bo) = Deinterleave(x, src + bottom + 2 * xo, evenLanes);
                    var baseIndex = Vector256.Create(top + 2 * xo) + laneIndex;
                    var takeTopOdd = Vector256.GreaterThan(to, te);
                    var topMax = Vector256.Max(te, to);
                    var topIndex = Vector256.ConditionalSelect(takeTopOdd.AsInt32(), baseIndex + Vector256<int>.One, baseIndex);
                    var takeBottomOdd = Vector256.GreaterThan(bo, be);
                    var bottomMax = Vector256.Max(be, bo);
                    var bottomIndex = Vector256.ConditionalSelect(takeBottomOdd.AsInt32(), baseIndex + Vector256.Create(w + 1), baseIndex + Vector256.Create(w));
                    var takeBottom = Vector256.GreaterThan(bottomMax, topMax);
                    Vector256.Max(topMax, bottomMax).StoreUnsafe(ref values[o + xo]);
                    Vector256.ConditionalSelect(takeBottom.AsInt32(), bottomIndex, topIndex).StoreUnsafe(ref argmax[o + xo]);
                    xo += 8;
                }
                while (xo < ow && ow >= 4 && Sse.IsSupported)
                {
                    // Rows of 4 to 7 outputs (e.g. 8×8 planes): the same steps on 4 lanes, overlapping at the end.
                    if (xo + 4 > ow)
                    {
                        xo = ow - 4;
                    }
                    var t0 = Vector128.LoadUnsafe(ref x[src + top + 2 * xo]);
                    var t1 = Vector128.LoadUnsafe(ref x[src + top + 2 * xo + 4]);
                    var b0 = Vector128.LoadUnsafe(ref x[src + bottom + 2 * xo]);
                    var b1 = Vector128.LoadUnsafe(ref x[src + bottom + 2 * xo + 4]);
                    var te = Sse.Shuffle(t0, t1, 0b10_00_10_00);
                    var to = Sse.Shuffle(t0, t1, 0b11_01_11_01);
                    var be = Sse.Shuffle(b0, b1, 0b10_00_10_00);
                    var bo = Sse.Shuffle(b0, b1, 0b11_01_11_01);
                    var baseIndex = Vector128.Create(top + 2 * xo) + Vector128.Create(0, 2, 4, 6);
                    var topMax = Vector128.Max(te, to);
                    var topIndex = Vector128.ConditionalSelect(Vector128.GreaterThan(to, te).AsInt32(), baseIndex + Vector128<int>.One, baseIndex);
                    var bottomMax = Vector128.Max(be, bo);
                    var bottomIndex = Vector128.ConditionalSelect(Vector128.GreaterThan(bo, be).AsInt32(), baseIndex + Vector128.Create(w + 1), baseIndex + Vector128.Create(w));
                    var takeBottom = Vector128.GreaterThan(bottomMax, topMax);
                    Vector128.Max(topMax, bottomMax).StoreUnsafe(ref values[o + xo]);
                    Vector128.ConditionalSelect(takeBottom.AsInt32(), bottomIndex, topIndex).StoreUnsafe(ref argmax[o + xo]);
                    xo += 4;
                }
                for (; xo < ow; xo++)
                {
                    // Rows narrower than one vector: selects instead of branches (the comparisons are unpredictable).
                    int best = top + 2 * xo;
                    float bestValue = x[src + best];
                    Take(x[src + best + 1], best + 1, ref bestValue, ref best);
                    Take(x[src + bottom + 2 * xo], bottom + 2 * xo, ref bestValue, ref best);
                    Take(x[src + bottom + 2 * xo + 1], bottom + 2 * xo + 1, ref bestValue, ref best);
                    values[o + xo] = bestValue;
                    argmax[o + xo] = best;
                }
            }
        }
    }

    /// <summary>Moves the running maximum to (v, at) when v is larger or NaN, without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Take(float v, int at, ref float bestValue, ref int best)
    {
        bool take = v > bestValue || float.IsNaN(v);
        best = take ? at : best;
        bestValue = take ? v : bestValue;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Even, Vector256<float> Odd) Deinterleave(float[] x, int at, Vector256<int> evenLanes)
    {
        var a = Vector256.Shuffle(Vector256.LoadUnsafe(ref x[at]), evenLanes);
        var b = Vector256.Shuffle(Vector256.LoadUnsafe(ref x[at + 8]), evenLanes);
        return (Vector256.Create(a.GetLower(), b.GetLower()), Vector256.Create(a.GetUpper(), b.GetUpper()));
    }

    /// <summary>
    /// out[plane] = 0, then out[plane, idx[plane, k]] += g[plane, k]: the adjoint of picking elements at flat indices
    /// per plane. <paramref name="output"/> need not be initialised.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ScatterPlanes<T>(T[] g, int gOffset, int[] index, int planes, int perPlane, int planeSize, T[] output)
        where T : unmanaged, INumber<T>
    {
        // Planes write disjoint parts of the output, so they run in parallel without changing any bit.
        Parallelism.For(planes, Math.Max(1, TensorKernels.ParallelGrain / Math.Max(1, planeSize)),
            (start, length) => ScatterPlaneRange(g, gOffset, index, start, start + length, perPlane, planeSize, output));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScatterPlaneRange<T>(T[] g, int gOffset, int[] index, int firstPlane, int endPlane, int perPlane, int planeSize, T[] output)
        where T : unmanaged, INumber<T>
    {
        for (int p = firstPlane; p < endPlane; p++)
        {
            int o = p * planeSize;
            int k0 = p * perPlane;
            Array.Clear(output, o, planeSize);
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
