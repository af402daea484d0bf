using System.CommandLine;
using Spectre.Console;
using Leibniz.Numerics;
using Leibniz.Numerics.Blas;
using Leibniz.Workloads;

namespace Leibniz.Cli;

/// <summary><c>leibniz bench [W0 W4 W6 | all] [--threads N] [--json] [--profile]</c>: the engine's benchmark workloads.</summary>
internal static class BenchCommand
{
    private static readonly string[] Known = ["W0", "W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8", "W9", "W10", "W11"];

    public static Command Create(IAnsiConsole console)
    {
        var workloads = new Argument<string[]>("workloads")
        {
            Description = "Workloads to run (W0 GEMM, W1 MLP training, W2 tiny MLP, W3 CNN, W4 Hessian-vector product, W5 loss landscape, W6 NTK, W7 Wagner's cross-entropy method, W8 Gauss–Newton, Fisher and per-layer Hessian products, W9 linear NOTEARS, W10 CFR, W11 Gröbner bases) or 'all'.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var threads = new Option<int[]>("--threads")
        {
            Description = "Thread counts to run at (default: 1 and the processor count).",
            AllowMultipleArgumentsPerToken = true,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per line." };
        var profile = new Option<bool>("--profile")
        {
            Description = "Also time the GEMM calls: each record gets the workload's wall time and the seconds, calls and GFLOP/s of its products (what bounds it).",
        };
        var command = new Command("bench", "Run benchmark workloads from shared/benchmarks/WORKLOADS.md that the engine can run.")
        {
            workloads, threads, json, profile,
        };
        command.SetAction(parse =>
        {
            var chosen = parse.GetValue(workloads) is { Length: > 0 } w && !w.Contains("all", StringComparer.OrdinalIgnoreCase)
                ? w.Select(s => s.ToUpperInvariant()).ToArray()
                : Known;
            foreach (string name in chosen)
            {
                if (!Known.Contains(name))
                {
                    return CommandLine.Fail(console, $"Unknown workload '{name}'. Known: {string.Join(", ", Known)}.");
                }
            }
            var threadCounts = parse.GetValue(threads) is { Length: > 0 } t ? t : [1, Environment.ProcessorCount];
            bool asJson = parse.GetValue(json);
            if (!asJson)
            {
                console.Profile.Out.Writer.WriteLine($"GEMM: {Gemm.Describe()}");
            }
            foreach (int n in threadCounts.Distinct())
            {
                Parallelism.MaxThreads = n;
                foreach (string name in chosen)
                {
                    bool profiling = parse.GetValue(profile);
                    GemmProfile.Reset();
                    GemmProfile.Enabled = profiling;
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    var records = name switch
                    {
                        "W0" => GemmWorkload.Run(n),
                        "W1" => [TrainingWorkloads.MlpTrain(n)],
                        "W2" => [TrainingWorkloads.TinyMlp(n)],
                        "W3" => [TrainingWorkloads.Cnn(n)],
                        "W4" => [HvpWorkload.Run(n)],
                        "W5" => [LandscapeWorkload.Run(n)],
                        "W6" => [NtkWorkload.Run(n)],
                        "W8" => [CurvatureWorkload.Run(n)],
                        "W9" => [NotearsWorkload.Run(n)],
                        "W10" => [CfrWorkload.Run(n)],
                        "W11" => [GroebnerWorkload.Run(n)],
                        _ => [WagnerCemWorkload.Run(n)],
                    };
                    GemmProfile.Enabled = false;
                    double wall = clock.Elapsed.TotalSeconds;
                    var (calls, gemmSeconds, flops) = GemmProfile.Snapshot();
                    foreach (var record in records)
                    {
                        if (profiling)
                        {
                            record.Add("profile_wall_s", wall).Add("profile_gemm_s", gemmSeconds).Add("profile_gemm_calls", calls)
                                .Add("profile_gemm_share", gemmSeconds / wall).Add("profile_gemm_gflops", flops / Math.Max(gemmSeconds, 1e-12) / 1e9);
                        }
                        console.Profile.Out.Writer.WriteLine(asJson ? record.ToJson() : string.Join("  ", record.Fields.Select(f => $"{f.Key}={Format(f.Value)}")));
                    }
                }
            }
            return 0;
        });
        return command;
    }

    private static string Format(object value) => value switch
    {
        double d => d.ToString("G4", System.Globalization.CultureInfo.InvariantCulture),
        double[] a => "[" + string.Join(", ", a.Select(d => d.ToString("G5", System.Globalization.CultureInfo.InvariantCulture))) + "]",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
