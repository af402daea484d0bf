using System.Diagnostics;
using Leibniz.Algebra.Groebner;
using Leibniz.Algebra.Ideals;
using Leibniz.Algebra.Polynomials;
using Leibniz.IO;

namespace Leibniz.Workloads;

/// <summary>
/// W11 (this project's workload, defined in benchmarks/WORKLOADS.md): reduced Gröbner bases over GF(32003), grevlex,
/// with the default algorithm (Buchberger, Gebauer–Möller, sugar selection): cyclic-6, Katsura-7 (median of 5 after a
/// warm-up), and the batch of 100 ideals of 3-20-10-weighted in <c>benchmarks/data/w11_ideals.txt</c> one after the
/// other (median of 5 passes). The sizes of the bases are reported to show both sides computed the same thing.
/// </summary>
public static class GroebnerWorkload
{
    public static BenchRecord Run(int threads)
    {
        var cyclicRing = StandardIdeals.CyclicRing(6);
        var cyclic = StandardIdeals.Cyclic(cyclicRing);
        var katsuraRing = StandardIdeals.KatsuraRing(7);
        var katsura = StandardIdeals.Katsura(katsuraRing);
        var file = Path.Combine(DataFolder(), "w11_ideals.txt");
        var texts = IdealFile.Parse(File.ReadAllText(file));
        var batchRing = new PolynomialRing<int>(texts[0].Ring.Variables, new Leibniz.Algebra.Fields.PrimeField(texts[0].Ring.Characteristic), MonomialOrder.Parse(texts[0].Ring.Order, texts[0].Ring.Variables.Count));
        var batch = texts.Select(t => t.Parse(batchRing)).ToArray();
        var (cyclicSeconds, cyclicSize) = Median(() => Buchberger.Run(cyclicRing, cyclic).Basis.Count);
        var (katsuraSeconds, katsuraSize) = Median(() => Buchberger.Run(katsuraRing, katsura).Basis.Count);
        var (batchSeconds, batchSize) = Median(() => batch.Sum(ideal => Buchberger.Run(batchRing, ideal).Basis.Count));
        return new BenchRecord("W11", threads)
            .Add("cyclic6_s", cyclicSeconds).Add("katsura7_s", katsuraSeconds).Add("batch100_s", batchSeconds)
            .Add("batch_ms_per_ideal", 1000 * batchSeconds / batch.Length)
            .Add("cyclic6_basis", cyclicSize).Add("katsura7_basis", katsuraSize).Add("batch_basis_total", batchSize);
    }

    /// <summary>The median wall time of 5 runs after one warm-up, with the warm-up's result.</summary>
    private static (double Seconds, int Result) Median(Func<int> work)
    {
        int result = work();
        var times = new double[5];
        for (int r = 0; r < times.Length; r++)
        {
            var clock = Stopwatch.StartNew();
            work();
            times[r] = clock.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return (times[2], result);
    }

    private static string DataFolder() => FolderSearch.Find("LEIBNIZ_BENCHMARK_DATA", Path.Combine("benchmarks", "data"), "w11_ideals.txt")
        ?? throw new FileNotFoundException(
            $"W11: no benchmarks/data/w11_ideals.txt above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}. Run the benchmark from the repository, or set LEIBNIZ_BENCHMARK_DATA to the folder with it.");
}
