using System.Runtime.CompilerServices;
using Leibniz.Numerics;

namespace Leibniz.Tensors.Kernels;

/// <summary>The geometry of a 2-D sliding window: kernel, stride, padding and dilation per axis.</summary>
internal readonly record struct Window2d(int KernelH, int KernelW, int StrideH, int StrideW, int PadH, int PadW, int DilationH, int DilationW)
{
    public int OutH(int h) => (h + 2 * PadH - DilationH * (KernelH - 1) - 1) / StrideH + 1;

    public int OutW(int w) => (w + 2 * PadW - DilationW * (KernelW - 1) - 1) / StrideW + 1;
}

/// <summary>
/// im2col and its adjoint col2im for x [N, C, H, W] and patches [N, OH·OW, C·KH·KW], patch entries ordered
/// (c, i, j) like a weight reshaped to [O, C·KH·KW].
/// </summary>
internal static class ConvKernels
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Im2Col<T>(T[] x, int xOffset, int n, int c, int h, int w, Window2d win, T pad, T[] patches)
    {
        int oh = win.OutH(h), ow = win.OutW(w);
        int patch = c * win.KernelH * win.KernelW;
        Parallelism.For(n, 1, (start, length) =>
        {
            for (int b = start; b < start + length; b++)
            {
                for (int y = 0; y < oh; y++)
                {
                    for (int xo = 0; xo < ow; xo++)
                    {
                        int row = ((b * oh + y) * ow + xo) * patch;
                        int col = 0;
                        for (int ch = 0; ch < c; ch++)
                        {
                            int plane = xOffset + (b * c + ch) * h * w;
                            for (int i = 0; i < win.KernelH; i++)
                            {
                                int hy = y * win.StrideH - win.PadH + i * win.DilationH;
                                bool rowInside = hy >= 0 && hy < h;
                                for (int j = 0; j < win.KernelW; j++)
                                {
                                    int wx = xo * win.StrideW - win.PadW + j * win.DilationW;
                                    patches[row + col++] = rowInside && wx >= 0 && wx < w ? x[plane + hy * w + wx] : pad;
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Col2Im<T>(T[] patches, int pOffset, int n, int c, int h, int w, Window2d win, T[] x)
        where T : System.Numerics.INumber<T>
    {
        int oh = win.OutH(h), ow = win.OutW(w);
        int patch = c * win.KernelH * win.KernelW;
        Parallelism.For(n, 1, (start, length) =>
        {
            for (int b = start; b < start + length; b++)
            {
                for (int y = 0; y < oh; y++)
                {
                    for (int xo = 0; xo < ow; xo++)
                    {
                        int row = pOffset + ((b * oh + y) * ow + xo) * patch;
                        int col = 0;
                        for (int ch = 0; ch < c; ch++)
                        {
                            int plane = (b * c + ch) * h * w;
                            for (int i = 0; i < win.KernelH; i++)
                            {
                                int hy = y * win.StrideH - win.PadH + i * win.DilationH;
                                bool rowInside = hy >= 0 && hy < h;
                                for (int j = 0; j < win.KernelW; j++)
                                {
                                    int wx = xo * win.StrideW - win.PadW + j * win.DilationW;
                                    if (rowInside && wx >= 0 && wx < w)
                                    {
                                        x[plane + hy * w + wx] += patches[row + col];
                                    }
                                    col++;
                                }
                            }
                        }
                    }
                }
            }
        });
    }
}
