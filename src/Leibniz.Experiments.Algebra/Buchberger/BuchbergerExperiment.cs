using System.Text;
using Leibniz.Algebra.Groebner;
using Leibniz.Algebra.Ideals;
using Leibniz.Algebra.Polynomials;

namespace Leibniz.Experiments.Buchberger;

/// <summary>Configuration of <see cref="BuchbergerExperiment"/>.</summary>
public sealed record BuchbergerConfig
{
    [Description("Ideal distributions in deepgroebner's notation (n-d-s-{uniform,weighted,maximum}[-consts][-homog][-pure], n-d-s-λ-…, cyclic-n, katsura-n).")]
    public string[] Distributions { get; set; } = ["3-20-10-weighted", "3-20-10-uniform", "3-10-10-weighted", "3-10-4-0.5-weighted"];

    [Description("Ideals drawn from each distribution; every strategy computes a basis of each.")]
    [Range(1, 1_000_000)]
    public int Ideals { get; set; } = 1000;

    [Description("Selection strategies compared, each a list of criteria with tie-breaks (first, degree, normal, sugar, random, last, codegree).")]
    public string[] Strategies { get; set; } = ["first", "degree", "normal", "sugar", "random"];

    [Description("Pair criteria: GebauerMoeller, Lcm or None.")]
    public PairElimination Elimination { get; set; } = PairElimination.GebauerMoeller;

    [Description("Ideals per distribution whose bases are checked exactly (every generator and S-pair reduces to zero).")]
    [Range(0, 1_000_000)]
    public int Checked { get; set; } = 100;
}

/// <summary>
/// Peifer, Stillman &amp; Halpern-Leistner (2020), the classical baselines: Buchberger's algorithm with the
/// Gebauer–Möller criteria on random ideals of deepgroebner's distributions, the pair chosen by first (a queue), degree
/// (smallest total degree of the lcm), normal (smallest lcm), sugar (smallest sugar degree) or at random. The cost of
/// a run is its polynomial additions, Σ over the pairs reduced of 1 + reduction steps (the paper's "additions"
/// reward). Every strategy reaches the same reduced basis, so their costs compare the same work.
/// </summary>
public sealed class BuchbergerExperiment : Experiment<BuchbergerConfig>
{
    public override string Name => "buchberger";

    public override string Description => "S-pair selection strategies (first, degree, normal, sugar, random) over random ideals: polynomial additions, their distributions, which strategy wins where.";

    protected override BuchbergerConfig Quick(BuchbergerConfig defaults) => defaults with { Distributions = ["3-20-10-weighted", "3-10-4-0.5-weighted"], Ideals = 120, Checked = 20 };

    protected override void Run(BuchbergerConfig config, RunContext context)
    {
        var strategies = config.Strategies.Select(PairSelection.Parse).ToArray();
        int d = config.Distributions.Length, s = strategies.Length;
        var additions = new double[d][][];
        var pairs = new double[d][][];
        var mismatches = new int[d];
        var failures = new List<string>();
        for (int k = 0; k < d; k++)
        {
            additions[k] = new double[s][];
            pairs[k] = new double[s][];
        }
        int done = 0;
        foreach (int k in context.Loop("distributions", d, () => $"{config.Distributions[done - 1]} done"))
        {
            done = k + 1;
            var distribution = IdealDistribution.Parse(config.Distributions[k]);
            var seeds = new Generator(context.Random.NextUInt64() ^ (ulong)k);
            var ideals = Enumerable.Range(0, config.Ideals).Select(_ => distribution.Sample(seeds)).ToArray();
            var a = new double[s, config.Ideals];
            var p = new double[s, config.Ideals];
            var mismatch = new bool[config.Ideals];
            var failed = new string?[config.Ideals];
            ulong randomSeed = context.Random.NextUInt64();
            // Each ideal is independent and writes only its own column, so the numbers do not depend on the threads.
            Parallel.For(0, config.Ideals, new ParallelOptions { CancellationToken = context.Cancellation }, i =>
            {
                IReadOnlyList<Polynomial<int>>? reference = null;
                for (int j = 0; j < s; j++)
                {
                    var options = new GroebnerOptions { Selection = strategies[j], Elimination = config.Elimination, Seed = randomSeed + (ulong)i };
                    var result = Leibniz.Algebra.Groebner.Buchberger.Run(distribution.Ring, ideals[i], options);
                    a[j, i] = result.Statistics.PolynomialAdditions;
                    p[j, i] = result.Statistics.PairsReduced;
                    if (reference is null)
                    {
                        reference = result.Basis;
                        if (i < config.Checked)
                        {
                            failed[i] = GroebnerCheck.Failure(reference, ideals[i]);
                        }
                    }
                    else if (!BasisReduction.SameBasis(reference, result.Basis))
                    {
                        mismatch[i] = true;
                    }
                }
            });
            for (int j = 0; j < s; j++)
            {
                additions[k][j] = [.. Enumerable.Range(0, config.Ideals).Select(i => a[j, i])];
                pairs[k][j] = [.. Enumerable.Range(0, config.Ideals).Select(i => p[j, i])];
            }
            mismatches[k] = mismatch.Count(m => m);
            failures.AddRange(failed.Where(f => f is not null).Select(f => $"{config.Distributions[k]}: {f}")!);
            context.Track("mean additions", k, [.. strategies.Select((st, j) => (st.Name, Summary.Mean(additions[k][j])))]);
        }

        bool sound = context.Check("every strategy reaches the same reduced basis of every ideal", mismatches.Sum() == 0,
            $"{mismatches.Sum()} ideals of {d * config.Ideals} where a strategy's reduced basis differs from the first strategy's");
        sound &= context.Check("the bases checked are Gröbner bases of their ideals", failures.Count == 0,
            failures.Count == 0 ? $"{Math.Min(config.Checked, config.Ideals)} ideals per distribution: every generator and every S-pair reduces to zero" : failures[0]);

        var table = new StringBuilder("| distribution | " + string.Join(" | ", strategies.Select(x => x.Name)) + " | best |\n|" + string.Concat(Enumerable.Repeat(" --- |", s + 2)) + "\n");
        var pairTable = new StringBuilder(table.ToString().Split('\n')[0] + "\n" + table.ToString().Split('\n')[1] + "\n");
        var best = new int[d];
        for (int k = 0; k < d; k++)
        {
            var means = additions[k].Select(Summary.Mean).ToArray();
            best[k] = Array.IndexOf(means, means.Min());
            table.AppendLine($"| {config.Distributions[k]} | {string.Join(" | ", additions[k].Select((x, j) => (j == best[k] ? "**" : "") + Summary.MeanSd(x) + (j == best[k] ? "**" : "")))} | {strategies[best[k]].Name} |");
            var pairMeans = pairs[k].Select(Summary.Mean).ToArray();
            int bestPairs = Array.IndexOf(pairMeans, pairMeans.Min());
            pairTable.AppendLine($"| {config.Distributions[k]} | {string.Join(" | ", pairs[k].Select(Summary.MeanSd))} | {strategies[bestPairs].Name} |");
            for (int j = 0; j < s; j++)
            {
                context.AddResults($"@{config.Distributions[k]}|{strategies[j].Name}", ("mean_additions", means[j]), ("sd_additions", Summary.Sd(additions[k][j])),
                    ("mean_pairs", pairMeans[j]), ("median_additions", Median(additions[k][j])));
            }
        }
        var wins = WinTable(config, strategies, additions);
        Verdicts(config, context, strategies, additions, sound);

        var relative = new BarChart { Title = "Mean polynomial additions relative to the best strategy (± standard error)", YLabel = "mean additions / best mean" }
            .Categories(config.Distributions);
        for (int j = 0; j < s; j++)
        {
            var ratio = Enumerable.Range(0, d).Select(k => Summary.Mean(additions[k][j]) / additions[k].Min(Summary.Mean)).ToArray();
            var error = Enumerable.Range(0, d).Select(k => Summary.Sd(additions[k][j]) / Math.Sqrt(config.Ideals) / additions[k].Min(Summary.Mean)).ToArray();
            relative.Add(strategies[j].Name, ratio, error);
        }
        var histograms = new StringBuilder();
        for (int k = 0; k < d; k++)
        {
            var cdf = new LinePlot { Title = $"{config.Distributions[k]}: share of {config.Ideals} ideals done within a number of additions", XLabel = "polynomial additions (log10)", YLabel = "share of ideals" };
            for (int j = 0; j < s; j++)
            {
                var sorted = additions[k][j].Order().ToArray();
                cdf.Add(strategies[j].Name, [.. sorted.Select(x => Math.Log10(Math.Max(1, x)))], [.. sorted.Select((_, i) => (i + 1) / (double)sorted.Length)]);
            }
            histograms.AppendLine($"![{config.Distributions[k]}]({context.SaveFigure($"additions-{k}", cdf)})\n");
        }
        WriteReport(context, config, ("table", table), ("pairTable", pairTable), ("wins", wins), ("relative", context.SaveFigure("relative", relative)),
            ("histograms", histograms), ("strategies", string.Join(", ", strategies.Select(x => x.Name))));
    }

    /// <summary>For each pair of strategies, the share of ideals where the row strategy needs fewer additions than the column.</summary>
    private static string WinTable(BuchbergerConfig config, PairSelection[] strategies, double[][][] additions)
    {
        var text = new StringBuilder();
        for (int k = 0; k < config.Distributions.Length; k++)
        {
            text.AppendLine($"**{config.Distributions[k]}**: share of ideals where the row strategy needs strictly fewer additions than the column.\n");
            text.AppendLine("| | " + string.Join(" | ", strategies.Select(x => x.Name)) + " |");
            text.AppendLine("|" + string.Concat(Enumerable.Repeat(" --- |", strategies.Length + 1)));
            for (int a = 0; a < strategies.Length; a++)
            {
                var cells = strategies.Select((_, b) => a == b ? "—" : $"{additions[k][a].Zip(additions[k][b]).Count(t => t.First < t.Second) / (double)config.Ideals:P0}");
                text.AppendLine($"| {strategies[a].Name} | {string.Join(" | ", cells)} |");
            }
            text.AppendLine();
        }
        return text.ToString();
    }

    /// <summary>
    /// The ordering the paper's baselines rest on: degree, normal and sugar ahead of first and random on binomial
    /// distributions; decided by the mean additions with a margin of four standard errors of the difference.
    /// </summary>
    private static void Verdicts(BuchbergerConfig config, RunContext context, PairSelection[] strategies, double[][][] additions, bool sound)
    {
        int Index(string name) => Array.FindIndex(strategies, x => x.Name == name);
        int first = Index("first"), random = Index("random");
        var informed = new[] { Index("degree"), Index("normal"), Index("sugar") }.Where(i => i >= 0).ToArray();
        if (first < 0 || informed.Length == 0)
        {
            return;
        }
        int held = 0, binomial = 0;
        var evidence = new List<string>();
        for (int k = 0; k < config.Distributions.Length; k++)
        {
            if (IdealDistribution.Parse(config.Distributions[k]).Lambda is not null)
            {
                continue;
            }
            binomial++;
            var baselines = random >= 0 ? new[] { first, random } : [first];
            bool ahead = informed.All(i => baselines.All(b => Difference(additions[k][b], additions[k][i]) > 4));
            held += ahead ? 1 : 0;
            evidence.Add($"{config.Distributions[k]}: first {Summary.Mean(additions[k][first]):F0}, " + string.Join(", ", informed.Select(i => $"{strategies[i].Name} {Summary.Mean(additions[k][i]):F0}"))
                + (random >= 0 ? $", random {Summary.Mean(additions[k][random]):F0}" : ""));
        }
        if (binomial == 0)
        {
            return;
        }
        context.Verdict("On random binomial ideals, degree, normal and sugar selection need fewer polynomial additions than first (queue) and random selection, by more than four standard errors (the ordering of Peifer et al. 2020's baselines)",
            !sound ? Reproduction.Undecided : held == binomial ? Reproduction.Yes : held > 0 ? Reproduction.Partly : Reproduction.No,
            (sound ? "" : "undecided: a precondition failed (see above); ") + $"mean additions over {config.Ideals} ideals — " + string.Join("; ", evidence));
    }

    /// <summary>(mean a − mean b) in standard errors of the difference of two independent-sample means.</summary>
    private static double Difference(double[] a, double[] b)
    {
        double se = Math.Sqrt(Summary.Sd(a) * Summary.Sd(a) / a.Length + Summary.Sd(b) * Summary.Sd(b) / b.Length);
        return (Summary.Mean(a) - Summary.Mean(b)) / Math.Max(se, 1e-12);
    }

    private static double Median(double[] x)
    {
        var sorted = x.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
