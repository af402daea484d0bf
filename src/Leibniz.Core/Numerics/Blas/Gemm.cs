namespace Leibniz.Numerics.Blas;

/// <summary>Which GEMM implementation runs.</summary>
public enum BlasProvider
{
    /// <summary>Leibniz's own packed, cache-blocked SIMD kernel (<see cref="ManagedGemm"/>): always available.</summary>
    Managed,

    /// <summary>OpenBLAS through P/Invoke, when the shared library is installed.</summary>
    OpenBlas,
}

/// <summary>
/// General matrix multiply on row-major data: <c>C = alpha · op(A) · op(B) + beta · C</c>, with op(A) m×k,
/// op(B) k×n, C m×n. Uses OpenBLAS when it is installed and the managed kernel otherwise; the environment
/// variable <c>LEIBNIZ_BLAS=managed|openblas</c> forces one.
/// </summary>
public static unsafe class Gemm
{
    static Gemm()
    {
        string? forced = Environment.GetEnvironmentVariable("LEIBNIZ_BLAS")?.Trim().ToLowerInvariant();
        Provider = forced switch
        {
            "managed" => BlasProvider.Managed,
            "openblas" when OpenBlas.IsAvailable => BlasProvider.OpenBlas,
            "openblas" => throw new InvalidOperationException(
                "LEIBNIZ_BLAS=openblas was set, but libopenblas.so.0 could not be loaded. Install it with "
                + "'apt-get install libopenblas0-pthread', or unset LEIBNIZ_BLAS to use the managed kernel."),
            null or "" or "auto" => OpenBlas.IsAvailable ? BlasProvider.OpenBlas : BlasProvider.Managed,
            _ => throw new InvalidOperationException(
                $"LEIBNIZ_BLAS='{forced}' is not understood; expected 'managed', 'openblas' or 'auto'."),
        };
        SetThreads(Parallelism.MaxThreads);
    }

    /// <summary>The provider in use.</summary>
    public static BlasProvider Provider { get; private set; }

    /// <summary>Switches provider (tests and benchmarks compare both).</summary>
    /// <exception cref="InvalidOperationException">OpenBLAS was asked for but is not installed.</exception>
    public static void Use(BlasProvider provider)
    {
        if (provider == BlasProvider.OpenBlas && !OpenBlas.IsAvailable)
        {
            throw new InvalidOperationException("OpenBLAS is not installed: 'apt-get install libopenblas0-pthread'.");
        }
        Provider = provider;
    }

    /// <summary>True when OpenBLAS could be loaded.</summary>
    public static bool OpenBlasAvailable => OpenBlas.IsAvailable;

    /// <summary>A one-line description of the active provider, e.g. <c>openblas (libopenblas.so.0)</c>.</summary>
    public static string Describe() => Provider == BlasProvider.OpenBlas
        ? $"openblas ({OpenBlas.LibraryName}{(OpenBlas.CoreType is null ? "" : ", core " + OpenBlas.CoreType)})"
        : $"managed ({ManagedGemm.KernelName})";

    /// <summary>The short name of the active provider: <c>openblas</c> or <c>managed</c>.</summary>
    public static string Name => Provider == BlasProvider.OpenBlas ? "openblas" : "managed";

    /// <summary>Products from this many multiply-adds on are cut into up to <see cref="s_maxLargeParts"/> parts.</summary>
    private const long LargeWork = 1L << 23;

    /// <summary>True when a product is too small to be worth threading inside one GEMM.</summary>
    public static bool IsSmall(int m, int n, int k) => (long)m * n * k < LargeWork;

    /// <summary>Products below this many multiply-adds run on the calling thread.</summary>
    private const long SplitWork = 1L << 16;

    /// <summary>The most parts a medium product is cut into (by rows; a part has at least 32).</summary>
    private const int MaxMediumParts = 2;

    /// <summary>
    /// The most parts a large product is cut into (by rows or columns; a part has at least 64): the machine's
    /// processor count, read once, so that the cut does not follow the thread-count setting. More parts than threads
    /// cost throughput (every part packs its own copy of the shared operand: four parts on two threads ran 1024²
    /// products 20–25 % slower than two).
    /// </summary>
    private static readonly int s_maxLargeParts = Math.Max(1, Environment.ProcessorCount);

    /// <summary>OpenBLAS always runs on the calling thread; Leibniz's <see cref="WorkerPool"/> runs the parts.</summary>
    internal static void SetThreads(int threads) => OpenBlas.SetThreads(1);

    /// <summary>
    /// How an OpenBLAS product is cut: into parts of rows (or, for a large product with few rows, of columns), each
    /// one single-threaded OpenBLAS call, spread over the worker threads or run in turn on one. The cut depends on
    /// the product's shape (and the machine's processor count) alone — never on the thread-count setting or on what
    /// other threads are doing — so the bits of the result do not either. (OpenBLAS's own threading does not give that: a 128×784×512 product on two of its
    /// threads differs from one thread in the last bits, and its thread count is one setting for the whole
    /// process.) Medium products (2¹⁶ to 2²³ multiply-adds) are cut into at most two row blocks of at least 32
    /// rows: splitting a 32-row product in two made it slower (32×128×64 NT: 7.7 → 11.2 µs).
    /// </summary>
    private static (int Parts, bool ByColumns) Cut(int m, int n, int k)
    {
        long work = (long)m * n * k;
        if (work < SplitWork)
        {
            return (1, false);
        }
        if (work < LargeWork)
        {
            return (Math.Clamp(m / 32, 1, MaxMediumParts), false);
        }
        bool byColumns = m < 2 * 64 && n > m;
        return (Math.Clamp((byColumns ? n : m) / 64, 1, s_maxLargeParts), byColumns);
    }

    /// <summary>
    /// Runs <paramref name="call"/>(first, count) over <paramref name="parts"/> equal blocks of <paramref name="size"/>
    /// rows or columns, spread over the worker threads or in turn on one: the blocks are the same either way.
    /// </summary>
    private static void ForParts(int size, int parts, Action<int, int> call)
    {
        int perPart = (size + parts - 1) / parts;
        Parallelism.For(parts, 1, (firstPart, count) =>
        {
            for (int part = firstPart; part < firstPart + count; part++)
            {
                int first = part * perPart;
                if (first < size)
                {
                    call(first, Math.Min(perPart, size - first));
                }
            }
        });
    }

    /// <summary>
    /// Whether a single-precision product goes to the managed kernel even when OpenBLAS is the provider: with 512-bit
    /// vectors that OpenBLAS's kernels do not use, for large products (at least 2²³ multiply-adds, 32 rows and 256
    /// columns) whose B is not transposed. There the 6×32 AVX-512 kernel beat OpenBLAS's Haswell kernels (an AMD EPYC
    /// with AVX-512 whose environment sets <c>OPENBLAS_CORETYPE=Haswell</c>) by 1.1–1.7× at one and two threads (128×512×512 NN 145 against 100 GFLOP/s on one thread, 512×784×128 TN 176
    /// against 112, 1024³ 186 against 112); with B transposed, fewer columns or a medium product it did not. The choice
    /// depends on the shape and the machine alone, so a run's numbers still do not depend on the thread count.
    /// </summary>
    private static bool ManagedIsFaster(bool transA, bool transB, int m, int n, int k) =>
        s_wideManagedKernel && !transB && n >= 256 && m >= 32 && (long)m * n * k >= LargeWork;

    /// <summary>
    /// The managed kernel has 512-bit vectors and OpenBLAS was not given its AVX-512 kernels (SkylakeX): with those,
    /// OpenBLAS matched or beat the managed kernel (128×512×784 NT 172 GFLOP/s against Haswell's 101), so no product is routed.
    /// </summary>
    private static readonly bool s_wideManagedKernel = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated
        && !string.Equals(OpenBlas.CoreType, "SkylakeX", StringComparison.OrdinalIgnoreCase);

    /// <summary>Single precision GEMM; see <see cref="Gemm"/>.</summary>
    public static void Multiply(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        using var timed = GemmProfile.Time(m, n, k);
        if (m == 0 || n == 0)
        {
            return;
        }
        if (TryMatrixVector(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc))
        {
            return;
        }
        if (Provider == BlasProvider.OpenBlas && k > 0 && !ManagedIsFaster(transA, transB, m, n, k))
        {
            var (parts, byColumns) = Cut(m, n, k);
            fixed (float* pa = a, pb = b, pc = c)
            {
                nint ia = (nint)pa, ib = (nint)pb, ic = (nint)pc;
                if (parts > 1 && byColumns)
                {
                    ForParts(n, parts, (first, columns) => OpenBlas.Sgemm(transA, transB, m, columns, k, alpha,
                        (float*)ia, lda, (float*)ib + (transB ? (long)first * ldb : first), ldb, beta, (float*)ic + first, ldc));
                }
                else if (parts > 1)
                {
                    ForParts(m, parts, (first, rows) => OpenBlas.Sgemm(transA, transB, rows, n, k, alpha,
                        (float*)ia + (transA ? first : (long)first * lda), lda, (float*)ib, ldb, beta, (float*)ic + (long)first * ldc, ldc));
                }
                else
                {
                    OpenBlas.Sgemm(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
                }
            }
            return;
        }
        ManagedGemm.Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>Double precision GEMM; see <see cref="Gemm"/>.</summary>
    public static void Multiply(bool transA, bool transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
    {
        using var timed = GemmProfile.Time(m, n, k);
        if (m == 0 || n == 0)
        {
            return;
        }
        if (TryMatrixVector(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc))
        {
            return;
        }
        if (Provider == BlasProvider.OpenBlas && k > 0)
        {
            var (parts, byColumns) = Cut(m, n, k);
            fixed (double* pa = a, pb = b, pc = c)
            {
                nint ia = (nint)pa, ib = (nint)pb, ic = (nint)pc;
                if (parts > 1 && byColumns)
                {
                    ForParts(n, parts, (first, columns) => OpenBlas.Dgemm(transA, transB, m, columns, k, alpha,
                        (double*)ia, lda, (double*)ib + (transB ? (long)first * ldb : first), ldb, beta, (double*)ic + first, ldc));
                }
                else if (parts > 1)
                {
                    ForParts(m, parts, (first, rows) => OpenBlas.Dgemm(transA, transB, rows, n, k, alpha,
                        (double*)ia + (transA ? first : (long)first * lda), lda, (double*)ib, ldb, beta, (double*)ic + (long)first * ldc, ldc));
                }
                else
                {
                    OpenBlas.Dgemm(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
                }
            }
            return;
        }
        ManagedGemm.Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>
    /// A product with one output column (n = 1) or row (m = 1) of a long inner dimension, as a matrix–vector product
    /// (<see cref="Gemv"/>): C = op(A)·b, or Cᵀ = op(B)ᵀ·aᵀ. The same on both providers.
    /// </summary>
    private static bool TryMatrixVector<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (k == 0 || (n != 1 && m != 1) || (long)m * n * k < MatrixVectorWork)
        {
            return false;
        }
        if (n == 1)
        {
            // op(B) is k × 1: element i at b[i·ldb] (stored k × 1) or b[i] (stored 1 × k).
            Gemv.Multiply(transA, m, k, alpha, a, lda, b, transB ? 1 : ldb, beta, c, ldc);
        }
        else
        {
            // Cᵀ (n × 1) = op(B)ᵀ·op(A)ᵀ; op(A) is 1 × k: element i at a[i] (stored 1 × k) or a[i·lda] (stored k × 1).
            Gemv.Multiply(!transB, n, k, alpha, b, ldb, a, transA ? lda : 1, beta, c, 1);
        }
        return true;
    }

    /// <summary>Below this many multiply–adds a one-column product is left to GEMM.</summary>
    private const long MatrixVectorWork = 1 << 16;
}
