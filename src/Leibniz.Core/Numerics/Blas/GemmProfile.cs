using System.Diagnostics;

namespace Leibniz.Numerics.Blas;

/// <summary>
/// Time and arithmetic spent in <see cref="Gemm.Multiply(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>
/// while <see cref="Enabled"/>: how much of a workload the products are, and how fast they ran (<c>leibniz bench --profile</c>).
/// Calls made on several threads at once add up their times, so at more than one thread the seconds are thread-seconds.
/// </summary>
public static class GemmProfile
{
    private static long s_calls;
    private static long s_ticks;
    private static long s_multiplyAdds;

    /// <summary>Whether products are timed (off by default: timing costs two clock reads per call).</summary>
    public static bool Enabled { get; set; }

    /// <summary>Sets the counters to zero.</summary>
    public static void Reset()
    {
        Interlocked.Exchange(ref s_calls, 0);
        Interlocked.Exchange(ref s_ticks, 0);
        Interlocked.Exchange(ref s_multiplyAdds, 0);
    }

    /// <summary>Products, seconds in them and floating point operations (2·m·n·k each) since the last <see cref="Reset"/>.</summary>
    public static (long Calls, double Seconds, double Flops) Snapshot() =>
        (Interlocked.Read(ref s_calls), (double)Interlocked.Read(ref s_ticks) / Stopwatch.Frequency, 2.0 * Interlocked.Read(ref s_multiplyAdds));

    /// <summary>Times one product until the scope is disposed, when <see cref="Enabled"/> (otherwise does nothing).</summary>
    internal static Scope Time(int m, int n, int k) => Enabled ? new Scope(Stopwatch.GetTimestamp(), (long)m * n * k) : default;

    /// <summary>One timed product; the default value times nothing.</summary>
    internal readonly struct Scope(long start, long multiplyAdds) : IDisposable
    {
        public void Dispose()
        {
            if (start == 0)
            {
                return;
            }
            Interlocked.Increment(ref s_calls);
            Interlocked.Add(ref s_ticks, Stopwatch.GetTimestamp() - start);
            Interlocked.Add(ref s_multiplyAdds, multiplyAdds);
        }
    }
}
