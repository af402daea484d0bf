using Leibniz.Numerics;
using Leibniz.Numerics.Blas;

namespace Leibniz.Workloads;

/// <summary>
/// W0: square GEMM C = A·B with A, B standard normal n×n, float32 and float64. One untimed call; then trials of
/// k calls (k sized so a trial takes about 0.2 s, 1 ≤ k ≤ 50), 5 trials (2 when one call exceeds 2 s);
/// GFLOP/s = 2n³ / (trial time / k), reported as median, min and max over trials.
/// </summary>
public static class GemmWorkload
{
    /// <summary>The sizes the peer measures.</summary>
    public static readonly int[] Sizes = [128, 256, 512, 1024, 2048];

    /// <summary>Runs every size and dtype; one record each.</summary>
    public static IEnumerable<BenchRecord> Run(int threads, IReadOnlyList<int>? sizes = null)
    {
        var g = new Generator(0);
        foreach (int n in sizes ?? Sizes)
        {
            var a = new double[n * n];
            var b = new double[n * n];
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = g.NextNormal();
                b[i] = g.NextNormal();
            }
            var c = new double[n * n];
            var af = Array.ConvertAll(a, v => (float)v);
            var bf = Array.ConvertAll(b, v => (float)v);
            var cf = new float[n * n];
            yield return Measure(threads, "float32", n, () => Gemm.Multiply(false, false, n, n, n, 1f, af, n, bf, n, 0f, cf, n));
            yield return Measure(threads, "float64", n, () => Gemm.Multiply(false, false, n, n, n, 1.0, a, n, b, n, 0.0, c, n));
        }
    }

    private static BenchRecord Measure(int threads, string dtype, int n, Action multiply)
    {
        double first = Timing.Seconds(multiply);
        int reps = Math.Clamp((int)(0.2 / Math.Max(first, 1e-9)), 1, 50);
        int trials = first < 2 ? 5 : 2;
        var gflops = new double[trials];
        for (int t = 0; t < trials; t++)
        {
            double seconds = Timing.Seconds(() =>
            {
                for (int r = 0; r < reps; r++)
                {
                    multiply();
                }
            });
            gflops[t] = 2.0 * n * n * n / (seconds / reps) / 1e9;
        }
        Array.Sort(gflops);
        return new BenchRecord("W0", threads)
            .Add("dtype", dtype).Add("n", n).Add("reps", reps).Add("trials", trials)
            .Add("gflops", gflops[trials / 2]).Add("gflops_min", gflops[0]).Add("gflops_max", gflops[^1]);
    }
}
