using System.Diagnostics;
using System.Globalization;
using Leibniz.Causal.Discovery;
using Leibniz.Causal.Graphs;
using Leibniz.IO;

namespace Leibniz.Workloads;

/// <summary>
/// W9 (this project's workload, defined in benchmarks/WORKLOADS.md): linear NOTEARS with the reference settings
/// (λ₁ = 0.1, threshold 0.3) on the fixed data set <c>benchmarks/data/w9_x.csv</c> (n = 1000, d = 20, ER2, Gaussian),
/// one run after one warm-up run, with its SHD, TPR, FDR and edge count against <c>w9_w_true.csv</c>.
/// </summary>
public static class NotearsWorkload
{
    public static BenchRecord Run(int threads)
    {
        string folder = DataFolder();
        var x = ReadCsv(Path.Combine(folder, "w9_x.csv"));
        var truth = Dag.FromWeights(ReadCsv(Path.Combine(folder, "w9_w_true.csv")));
        Notears.Linear(x);
        var clock = Stopwatch.StartNew();
        var result = Notears.Linear(x);
        double seconds = clock.Elapsed.TotalSeconds;
        var accuracy = GraphAccuracy.Of(truth, result.Graph);
        return new BenchRecord("W9", threads)
            .Add("notears_s", seconds)
            .Add("shd", accuracy.Shd).Add("tpr", accuracy.Tpr).Add("fdr", accuracy.Fdr).Add("nnz", accuracy.Predicted)
            .Add("h", result.H).Add("solves", result.Solves).Add("iterations", result.Iterations);
    }

    /// <summary>
    /// The folder with W9's data: <c>LEIBNIZ_BENCHMARK_DATA</c> if set, else <c>benchmarks/data</c> in the first folder
    /// above the working directory or the program that has one.
    /// </summary>
    private static string DataFolder() => FolderSearch.Find("LEIBNIZ_BENCHMARK_DATA", Path.Combine("benchmarks", "data"), "w9_x.csv")
        ?? throw new FileNotFoundException(
            $"W9: no benchmarks/data/w9_x.csv above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}. Run the benchmark from the repository, or set LEIBNIZ_BENCHMARK_DATA to the folder with w9_x.csv and w9_w_true.csv.");

    private static double[,] ReadCsv(string path)
    {
        var rows = File.ReadAllLines(path).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var result = new double[rows.Length, rows[0].Length];
        for (int i = 0; i < rows.Length; i++)
        {
            for (int j = 0; j < rows[0].Length; j++)
            {
                result[i, j] = rows[i][j];
            }
        }
        return result;
    }
}
