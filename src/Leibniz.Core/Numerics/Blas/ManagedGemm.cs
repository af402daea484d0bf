using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Leibniz.Numerics.Blas;

/// <summary>
/// Leibniz's own GEMM, in the GotoBLAS/BLIS structure: B is packed into k×NR panels, A into MR×k panels
/// (scaled by alpha), and a register-blocked FMA micro-kernel updates an MR×NR tile of C in place.
/// MR = 6 and NR = two SIMD vectors (32 floats with Vector512, 16 with Vector256), so the 12 accumulators
/// stay in registers. Work is split over blocks of M (and of N when M is short), never inside the kernel.
/// </summary>
internal static unsafe class ManagedGemm
{
    private const int MR = 6;
    private const int KC = 256;
    private const int MC = 96;
    private const int NC = 4096;
    private const long SmallWork = 48L * 48 * 48;

    public static string KernelName => Vector512.IsHardwareAccelerated
        ? "6x32 Vector512 FMA"
        : Vector256.IsHardwareAccelerated ? "6x16 Vector256 FMA" : "scalar";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ScaleC(c, m, n, ldc, beta);
        if (k == 0 || alpha == T.Zero)
        {
            return;
        }
        if (n == 1)
        {
            MatrixVector(transA, transB, m, k, alpha, a, lda, b, ldb, c, ldc);
            return;
        }
        bool simd = Vector256.IsHardwareAccelerated;
        if (!simd || (long)m * n * k <= SmallWork || m < 4 || k < 4)
        {
            SmallMultiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, c, ldc);
            return;
        }
        fixed (T* pa = a, pb = b, pc = c)
        {
            Blocked(transA, transB, m, n, k, alpha, (nint)pa, lda, (nint)pb, ldb, (nint)pc, ldc);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScaleC<T>(Span<T> c, int m, int n, int ldc, T beta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (beta == T.One)
        {
            return;
        }
        for (int i = 0; i < m; i++)
        {
            Span<T> row = c.Slice(i * ldc, n);
            if (beta == T.Zero)
            {
                row.Clear();
            }
            else
            {
                TensorPrimitives.Multiply(row, beta, row);
            }
        }
    }

    /// <summary>
    /// n = 1: <c>c = alpha·op(A)·b</c> as dot products with rows of A, or for a transposed A as AXPYs of its rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MatrixVector<T>(bool transA, bool transB, int m, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int stride = transB ? 1 : ldb;
        T[]? gathered = null;
        ReadOnlySpan<T> x;
        if (stride == 1 || k == 1)
        {
            x = b[..k];
        }
        else
        {
            gathered = new T[k];
            for (int p = 0; p < k; p++)
            {
                gathered[p] = b[p * stride];
            }
            x = gathered;
        }
        if (!transA)
        {
            for (int i = 0; i < m; i++)
            {
                c[i * ldc] += alpha * TensorPrimitives.Dot(a.Slice(i * lda, k), x);
            }
            return;
        }
        var y = new T[m];
        for (int p = 0; p < k; p++)
        {
            T xp = alpha * x[p];
            if (xp != T.Zero)
            {
                TensorPrimitives.MultiplyAdd(a.Slice(p * lda, m), xp, y, y);
            }
        }
        for (int i = 0; i < m; i++)
        {
            c[i * ldc] += y[i];
        }
    }

    /// <summary>Row-by-row AXPY or dot products: no packing, for short or small products.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SmallMultiply<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            Span<T> cRow = c.Slice(i * ldc, n);
            if (!transB)
            {
                for (int p = 0; p < k; p++)
                {
                    T aip = alpha * (transA ? a[p * lda + i] : a[i * lda + p]);
                    if (aip != T.Zero)
                    {
                        TensorPrimitives.MultiplyAdd(b.Slice(p * ldb, n), aip, cRow, cRow);
                    }
                }
            }
            else if (!transA)
            {
                ReadOnlySpan<T> aRow = a.Slice(i * lda, k);
                for (int j = 0; j < n; j++)
                {
                    cRow[j] += alpha * TensorPrimitives.Dot(aRow, b.Slice(j * ldb, k));
                }
            }
            else
            {
                for (int j = 0; j < n; j++)
                {
                    T sum = T.Zero;
                    for (int p = 0; p < k; p++)
                    {
                        sum += a[p * lda + i] * b[j * ldb + p];
                    }
                    cRow[j] += alpha * sum;
                }
            }
        }
    }

    private static int Width<T>() where T : unmanaged => Vector512.IsHardwareAccelerated ? Vector512<T>.Count : Vector256<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Blocked<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        nint a, int lda, nint b, int ldb, nint c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nr = 2 * Width<T>();
        int threads = Parallelism.MaxThreads;
        T[] bPackArray = PackBuffers<T>.RentB(KC * (NC + nr));
        try
        {
            fixed (T* bPack = bPackArray)
            {
                nint bPackAddress = (nint)bPack;
                for (int jc = 0; jc < n; jc += NC)
                {
                    int nc = Math.Min(NC, n - jc);
                    int nPanels = (nc + nr - 1) / nr;
                    for (int pc = 0; pc < k; pc += KC)
                    {
                        int kc = Math.Min(KC, k - pc);
                        int kcLocal = kc, pcLocal = pc, jcLocal = jc, ncLocal = nc;
                        // Pack B's panels, split across threads when there are enough of them.
                        int packThreads = Math.Min(threads, Math.Max(1, nPanels / 4));
                        if (packThreads <= 1)
                        {
                            PackB((T*)b, ldb, transB, pc, kc, jc, nc, 0, nPanels, nr, bPack);
                        }
                        else
                        {
                            Parallelism.For(nPanels, (nPanels + packThreads - 1) / packThreads, (first, count) =>
                                PackB((T*)b, ldb, transB, pcLocal, kcLocal, jcLocal, ncLocal, first, first + count, nr, (T*)bPackAddress));
                        }
                        // Split the work into one contiguous share per thread: rows (in whole MR panels) when M is
                        // tall enough, otherwise B panels.
                        long work = (long)m * nc * kc;
                        int tasks = work < 4L * 64 * 64 * 64 ? 1 : threads;
                        bool splitRows = m >= tasks * MR * 4 || nPanels < tasks;
                        if (tasks <= 1)
                        {
                            RunTask<T>(transA, alpha, a, lda, 0, m, pc, kc, bPackAddress, 0, nPanels, nr, c, ldc, jc, nc);
                        }
                        else
                        {
                            int rowPanels = (m + MR - 1) / MR;
                            Parallelism.For(tasks, 1, (first, count) =>
                            {
                                for (int t = first; t < first + count; t++)
                                {
                                    if (splitRows)
                                    {
                                        int r0 = (int)((long)rowPanels * t / tasks) * MR;
                                        int r1 = Math.Min(m, (int)((long)rowPanels * (t + 1) / tasks) * MR);
                                        RunTask<T>(transA, alpha, a, lda, r0, r1, pcLocal, kcLocal, bPackAddress, 0, nPanels, nr, c, ldc, jcLocal, ncLocal);
                                    }
                                    else
                                    {
                                        int p0 = (int)((long)nPanels * t / tasks);
                                        int p1 = (int)((long)nPanels * (t + 1) / tasks);
                                        RunTask<T>(transA, alpha, a, lda, 0, m, pcLocal, kcLocal, bPackAddress, p0, p1, nr, c, ldc, jcLocal, ncLocal);
                                    }
                                }
                            });
                        }
                    }
                }
            }
        }
        finally
        {
            PackBuffers<T>.ReturnB(bPackArray);
        }
    }

    /// <summary>Rows [rowStart, rowEnd) of C against B panels [firstPanel, lastPanel), in MC-row blocks of packed A.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunTask<T>(bool transA, T alpha, nint a, int lda, int rowStart, int rowEnd, int pc, int kc,
        nint bPack, int firstPanel, int lastPanel, int nr, nint c, int ldc, int jc, int nc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (firstPanel >= lastPanel || rowStart >= rowEnd)
        {
            return;
        }
        T[] aPackArray = PackBuffers<T>.RentA(KC * (MC + MR));
        try
        {
            fixed (T* aPack = aPackArray)
            {
                T* cBase = (T*)c;
                T* b = (T*)bPack;
                for (int ic = rowStart; ic < rowEnd; ic += MC)
                {
                    int mc = Math.Min(MC, rowEnd - ic);
                    PackA((T*)a, lda, transA, ic, mc, pc, kc, alpha, aPack);
                    for (int jp = firstPanel; jp < lastPanel; jp++)
                    {
                        int j = jp * nr;
                        int ncols = Math.Min(nr, nc - j);
                        for (int ir = 0; ir < mc; ir += MR)
                        {
                            int nrows = Math.Min(MR, mc - ir);
                            T* cTile = cBase + (long)(ic + ir) * ldc + jc + j;
                            if (Vector512.IsHardwareAccelerated)
                            {
                                Kernel512(kc, aPack + ir * kc, b + (long)jp * kc * nr, cTile, ldc, nrows, ncols);
                            }
                            else
                            {
                                Kernel256(kc, aPack + ir * kc, b + (long)jp * kc * nr, cTile, ldc, nrows, ncols);
                            }
                        }
                    }
                }
            }
        }
        finally
        {
            PackBuffers<T>.ReturnA(aPackArray);
        }
    }

    /// <summary>Packs rows ic..ic+mc, columns pc..pc+kc of alpha·op(A) into MR-row panels, [panel][p][r], zero-padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA<T>(T* a, int lda, bool transA, int ic, int mc, int pc, int kc, T alpha, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int ir = 0; ir < mc; ir += MR)
        {
            int rows = Math.Min(MR, mc - ir);
            T* panel = dst + ir * kc;
            for (int p = 0; p < kc; p++)
            {
                T* d = panel + p * MR;
                for (int r = 0; r < MR; r++)
                {
                    if (r < rows)
                    {
                        int i = ic + ir + r;
                        int col = pc + p;
                        d[r] = alpha * (transA ? a[(long)col * lda + i] : a[(long)i * lda + col]);
                    }
                    else
                    {
                        d[r] = T.Zero;
                    }
                }
            }
        }
    }

    /// <summary>Packs rows pc..pc+kc, columns jc..jc+nc of op(B) into NR-column panels, [panel][p][j], zero-padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB<T>(T* b, int ldb, bool transB, int pc, int kc, int jc, int nc, int firstPanel, int lastPanel, int nr, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j0 = firstPanel * nr; j0 < nc && j0 < lastPanel * nr; j0 += nr)
        {
            int cols = Math.Min(nr, nc - j0);
            T* panel = dst + (long)(j0 / nr) * kc * nr;
            for (int p = 0; p < kc; p++)
            {
                T* d = panel + p * nr;
                if (!transB)
                {
                    T* src = b + (long)(pc + p) * ldb + jc + j0;
                    if (cols == nr && Vector512.IsHardwareAccelerated && nr == 2 * Vector512<T>.Count)
                    {
                        // A full panel row is two vectors: copied directly, without a call per row.
                        Vector512.Store(Vector512.Load(src), d);
                        Vector512.Store(Vector512.Load(src + Vector512<T>.Count), d + Vector512<T>.Count);
                        continue;
                    }
                    new ReadOnlySpan<T>(src, cols).CopyTo(new Span<T>(d, cols));
                }
                else
                {
                    for (int j = 0; j < cols; j++)
                    {
                        d[j] = b[(long)(jc + j0 + j) * ldb + pc + p];
                    }
                }
                for (int j = cols; j < nr; j++)
                {
                    d[j] = T.Zero;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }
        return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }
        return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
    }

    /// <summary>C[0..rows, 0..cols] += Σ_p a[p, :] ⊗ b[p, :] for one 6×(2·W) tile, W = Vector512 width.</summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel512<T>(int kc, T* a, T* b, T* c, int ldc, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector512<T>.Count;
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<T> b0 = Vector512.Load(b);
            Vector512<T> b1 = Vector512.Load(b + w);
            Vector512<T> x = Vector512.Create(a[0]);
            c00 = Fma(x, b0, c00);
            c01 = Fma(x, b1, c01);
            x = Vector512.Create(a[1]);
            c10 = Fma(x, b0, c10);
            c11 = Fma(x, b1, c11);
            x = Vector512.Create(a[2]);
            c20 = Fma(x, b0, c20);
            c21 = Fma(x, b1, c21);
            x = Vector512.Create(a[3]);
            c30 = Fma(x, b0, c30);
            c31 = Fma(x, b1, c31);
            x = Vector512.Create(a[4]);
            c40 = Fma(x, b0, c40);
            c41 = Fma(x, b1, c41);
            x = Vector512.Create(a[5]);
            c50 = Fma(x, b0, c50);
            c51 = Fma(x, b1, c51);
            a += MR;
            b += 2 * w;
        }
        if (rows == MR && cols == 2 * w)
        {
            AddRow512(c, c00, c01, w);
            AddRow512(c + ldc, c10, c11, w);
            AddRow512(c + 2 * ldc, c20, c21, w);
            AddRow512(c + 3 * ldc, c30, c31, w);
            AddRow512(c + 4 * ldc, c40, c41, w);
            AddRow512(c + 5 * ldc, c50, c51, w);
            return;
        }
        T* tile = stackalloc T[MR * 2 * w];
        int s = 2 * w;
        c00.Store(tile); c01.Store(tile + w);
        c10.Store(tile + s); c11.Store(tile + s + w);
        c20.Store(tile + 2 * s); c21.Store(tile + 2 * s + w);
        c30.Store(tile + 3 * s); c31.Store(tile + 3 * s + w);
        c40.Store(tile + 4 * s); c41.Store(tile + 4 * s + w);
        c50.Store(tile + 5 * s); c51.Store(tile + 5 * s + w);
        AddPartial(tile, s, c, ldc, rows, cols);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow512<T>(T* c, Vector512<T> lo, Vector512<T> hi, int w) where T : unmanaged
    {
        (Vector512.Load(c) + lo).Store(c);
        (Vector512.Load(c + w) + hi).Store(c + w);
    }

    /// <summary>C[0..rows, 0..cols] += Σ_p a[p, :] ⊗ b[p, :] for one 6×(2·W) tile, W = Vector256 width.</summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel256<T>(int kc, T* a, T* b, T* c, int ldc, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector256<T>.Count;
        Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<T> b0 = Vector256.Load(b);
            Vector256<T> b1 = Vector256.Load(b + w);
            Vector256<T> x = Vector256.Create(a[0]);
            c00 = Fma(x, b0, c00);
            c01 = Fma(x, b1, c01);
            x = Vector256.Create(a[1]);
            c10 = Fma(x, b0, c10);
            c11 = Fma(x, b1, c11);
            x = Vector256.Create(a[2]);
            c20 = Fma(x, b0, c20);
            c21 = Fma(x, b1, c21);
            x = Vector256.Create(a[3]);
            c30 = Fma(x, b0, c30);
            c31 = Fma(x, b1, c31);
            x = Vector256.Create(a[4]);
            c40 = Fma(x, b0, c40);
            c41 = Fma(x, b1, c41);
            x = Vector256.Create(a[5]);
            c50 = Fma(x, b0, c50);
            c51 = Fma(x, b1, c51);
            a += MR;
            b += 2 * w;
        }
        int s = 2 * w;
        T* tile = stackalloc T[MR * 2 * w];
        c00.Store(tile); c01.Store(tile + w);
        c10.Store(tile + s); c11.Store(tile + s + w);
        c20.Store(tile + 2 * s); c21.Store(tile + 2 * s + w);
        c30.Store(tile + 3 * s); c31.Store(tile + 3 * s + w);
        c40.Store(tile + 4 * s); c41.Store(tile + 4 * s + w);
        c50.Store(tile + 5 * s); c51.Store(tile + 5 * s + w);
        AddPartial(tile, s, c, ldc, rows, cols);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddPartial<T>(T* tile, int tileStride, T* c, int ldc, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            var cRow = new Span<T>(c + (long)r * ldc, cols);
            TensorPrimitives.Add(cRow, new ReadOnlySpan<T>(tile + r * tileStride, cols), cRow);
        }
    }
}
