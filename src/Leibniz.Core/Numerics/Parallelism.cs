namespace Leibniz.Numerics;

/// <summary>
/// How many threads Leibniz's kernels may use. Work is split into fixed-size chunks that are combined in index
/// order, so the thread count never changes the bits of a result.
/// </summary>
public static class Parallelism
{
    private static int s_maxThreads = Environment.ProcessorCount;

    /// <summary>The most threads a kernel uses (default: the processor count; at least 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value below 1.</exception>
    public static int MaxThreads
    {
        get => s_maxThreads;
        set
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "MaxThreads must be at least 1.");
            }
            s_maxThreads = value;
            Blas.Gemm.SetThreads(value);
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/>(start, length) over [0, n) in chunks of at least <paramref name="minChunk"/>,
    /// one per thread, on <see cref="WorkerPool"/>; runs inline when one chunk suffices, only one thread is
    /// allowed, or the call comes from inside another parallel loop.
    /// </summary>
    public static void For(int n, int minChunk, Action<int, int> body)
    {
        int threads = Math.Min(s_maxThreads, Math.Max(1, n / Math.Max(1, minChunk)));
        if (threads <= 1 || !WorkerPool.TryRun(n, threads, body))
        {
            body(0, n);
        }
    }
}
