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

    /// <summary>Products below this many multiply-adds run OpenBLAS on one thread: waking its threads costs more than they save.</summary>
    private const long ThreadedWork = 1L << 23;

    private static int s_openBlasThreads = -1;

    internal static void SetThreads(int threads)
    {
        s_openBlasThreads = -1;
        OpenBlas.SetThreads(threads);
        s_openBlasThreads = threads;
    }

    /// <summary>True when a product is too small to be worth threading inside one GEMM.</summary>
    public static bool IsSmall(int m, int n, int k) => (long)m * n * k < ThreadedWork;

    /// <summary>Products below this many multiply-adds run on the calling thread.</summary>
    private const long SplitWork = 1L << 16;

    /// <summary>
    /// How OpenBLAS runs a product: large ones on OpenBLAS's own threads (returns 1); medium ones split by rows
    /// across Leibniz's <see cref="WorkerPool"/>, each part calling OpenBLAS on one thread (returns the number of
    /// parts), because waking OpenBLAS's threads costs more than they save there; small ones on the calling thread.
    /// A part has at least 32 rows: splitting a 32-row product (a minibatch of 32) in two made it slower
    /// (32×128×64 NT: 7.7 → 11.2 µs), while 64 rows and more gain.
    /// </summary>
    private static int OpenBlasThreadsFor(int m, int n, int k)
    {
        long work = (long)m * n * k;
        int threads = Parallelism.MaxThreads;
        int wanted = work < ThreadedWork ? 1 : threads;
        if (wanted > 1)
        {
            WorkerPool.Park();
        }
        if (wanted != s_openBlasThreads)
        {
            OpenBlas.SetThreads(wanted);
            s_openBlasThreads = wanted;
        }
        return work >= SplitWork && work < ThreadedWork ? Math.Clamp(m / 32, 1, MaxRowParts) : 1;
    }

    /// <summary>
    /// The most parts a medium product is cut into. The cut depends on the product's size alone, never on the thread
    /// count, and each part is the same single-threaded OpenBLAS call whether the parts run in parallel or one after
    /// another, so the bits of the result do not depend on the thread count (OpenBLAS picks its kernel by the size of
    /// the call: a product cut in two is not computed like the whole).
    /// </summary>
    private const int MaxRowParts = 2;

    /// <summary>
    /// Runs <paramref name="call"/>(first row, rows) over <paramref name="parts"/> equal row blocks of an m-row product,
    /// spread over the worker threads or in turn on one: the blocks are the same either way.
    /// </summary>
    private static void ForRowParts(int m, int parts, Action<int, int> call)
    {
        int rowsPerPart = (m + parts - 1) / parts;
        Parallelism.For(parts, 1, (firstPart, count) =>
        {
            for (int part = firstPart; part < firstPart + count; part++)
            {
                int first = part * rowsPerPart;
                call(first, Math.Min(rowsPerPart, m - first));
            }
        });
    }

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
        if (Provider == BlasProvider.OpenBlas && k > 0)
        {
            int parts = OpenBlasThreadsFor(m, n, k);
            fixed (float* pa = a, pb = b, pc = c)
            {
                nint ia = (nint)pa, ib = (nint)pb, ic = (nint)pc;
                if (parts > 1)
                {
                    ForRowParts(m, parts, (first, rows) => OpenBlas.Sgemm(transA, transB, rows, n, k, alpha,
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
            int parts = OpenBlasThreadsFor(m, n, k);
            fixed (double* pa = a, pb = b, pc = c)
            {
                nint ia = (nint)pa, ib = (nint)pb, ic = (nint)pc;
                if (parts > 1)
                {
                    ForRowParts(m, parts, (first, rows) => OpenBlas.Dgemm(transA, transB, rows, n, k, alpha,
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
