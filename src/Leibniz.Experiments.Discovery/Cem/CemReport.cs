using System.Globalization;
using System.Text;
using Leibniz.Graphs;
using Leibniz.Graphs.Conjectures;
using MathNet.Numerics.Statistics;

namespace Leibniz.Experiments.Cem;

/// <summary>The report of a <see cref="CemExperiment"/> run: settings, outcomes per seed, curves, graphs, certificates.</summary>
internal static class CemReport
{
    /// <summary>Records the results and draws the figures; returns the values for the template <c>cem.md</c>.</summary>
    public static (string Key, object? Value)[] Write(CemConfig config, RunContext context, Conjecture conjecture, int n, List<SeedOutcome> outcomes)
    {
        var found = outcomes.Where(o => o.Found).ToList();
        var times = found.Select(o => o.FirstSeconds!.Value).Order().ToArray();
        bool allFound = found.Count == outcomes.Count;
        context.Results["seeds"] = outcomes.Count;
        context.Results["found"] = found.Count;
        context.Results["certified"] = found.Count > 0;
        context.Results["best_reward"] = outcomes.Max(o => o.Best?.Reward ?? double.NegativeInfinity);
        context.Results["generations_per_second"] = outcomes.Average(o => o.GenerationsPerSecond);
        if (times.Length > 0)
        {
            context.Results["median_seconds_found"] = Statistics.Median(times);
            context.Results["worst_seconds_found"] = times[^1];
            context.Results["graph6"] = Graph6.Encode(found[0].Certificates[0].Graph);
        }

        context.Verdict($"The cross-entropy method finds a counterexample to “{conjecture.Text}” on {n} vertices (Wagner 2021)",
            allFound ? Reproduction.Yes : found.Count > 0 ? Reproduction.Partly : Reproduction.No,
            $"{found.Count} of {outcomes.Count} seeds found one within {config.Minutes} minutes"
            + (times.Length > 0 ? $" (median {times[times.Length / 2]:F0} s), each certified by exact arithmetic independently of the search" : "; raise minutes or seeds"));
        var built = BuiltInConjectures.Find(config.Conjecture);
        var values = new List<(string Key, object? Value)>
        {
            ("conjecture_text", conjecture.Text),
            ("source", built is null ? "" : $" ({built.Source})"),
            ("n", n),
            ("decisions", n * (n - 1) / 2),
            ("last_pair", $"({n - 2},{n - 1})"),
            ("reward_sides", conjecture.Relation is ">=" or ">" ? "right side − left side" : "left side − right side"),
            ("needed", conjecture.Strict ? "≥ 0" : "> 0"),
            ("elite_share", 100 - config.ElitePercentile),
            ("survivor_share", 100 - config.SurvivorPercentile),
            ("policy", $"{2 * n * (n - 1) / 2}-{string.Join("-", config.Hidden)}-1"),
            ("local_phase", config.LocalSearchEvery > 0
                ? Invariant($"Every {config.LocalSearchEvery} generations a local phase (steepest single flips, then first-improving swaps of one edge for another) improves the best {config.LocalSearchTop} survivors.")
                : "No local phase."),
            ("restarts", config.RestartAfterCollapse > 0
                ? Invariant($"After {config.RestartAfterCollapse} generations with the population collapsed onto one graph the policy restarts from new random weights, keeping the best graph.")
                : "No restarts."),
            ("stop", Invariant($"{(config.Collect == 1 ? "certified counterexample" : $"{config.Collect} certified counterexamples")} or after {config.Minutes:G4} min{(config.MaxGenerations > 0 ? $" or {config.MaxGenerations} generations" : "")}")),
        };

        var table = new StringBuilder("| seed | certified counterexample | time (s) | generation | generations/s | restarts | best reward | uncertified candidates |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var o in outcomes)
        {
            table.AppendLine(Invariant($"| {o.Seed} | {(o.Found ? "yes" : "no")} | {(o.FirstSeconds is { } s ? s.ToString("F1", CultureInfo.InvariantCulture) : Invariant($"> {o.Seconds:F0}"))} | {(o.FirstGeneration?.ToString(CultureInfo.InvariantCulture) ?? Invariant($"({o.Generations})"))} | {o.GenerationsPerSecond:F1} | {o.Restarts} | {CemExperiment.Show(o.Best?.Reward ?? double.NegativeInfinity)} | {o.Uncertified} |"));
        }
        string summary = Invariant($"{found.Count} of {outcomes.Count} seeds found a certified counterexample");
        if (times.Length > 0)
        {
            double median = Statistics.Median(times);
            summary += allFound
                ? Invariant($"; times to the first one: median {median:F1} s, worst {times[^1]:F1} s")
                : Invariant($"; times to the first one: median over the seeds that found one {median:F1} s, worst more than {config.Minutes:G4} min (not found)");
        }
        var phases = outcomes[0].Timings;
        double phaseTotal = phases.Values.Sum();
        string share = phaseTotal > 0 ? "\n\nTime per phase (first seed): " + string.Join(", ", phases.Select(p => Invariant($"{p.Key} {p.Value / phaseTotal:P0}"))) + "." : "";
        values.Add(("searches", summary + ".\n\n" + table + share));

        var figures = new StringBuilder();
        var curves = new LinePlot { Title = Invariant($"Rewards per generation (seed {outcomes[0].Seed})"), XLabel = "generation", YLabel = "reward" };
        AddCurve(curves, "best so far", outcomes[0].History, p => p.Best);
        AddCurve(curves, "elite threshold", outcomes[0].History, p => p.EliteThreshold);
        AddCurve(curves, "mean of top 100", outcomes[0].History, p => p.MeanTop100);
        if (outcomes[0].History.Count > 0)
        {
            curves.AddReference("counterexample above", [outcomes[0].History[0].Generation, outcomes[0].History[^1].Generation], [0, 0]);
        }
        figures.Append(Invariant($"![Reward curves]({context.SaveFigure("rewards", curves)})\n\n"));
        if (outcomes.Count > 1)
        {
            var all = new LinePlot { Title = "Best reward so far, every seed", XLabel = "seconds", YLabel = "best reward", ShowLegend = outcomes.Count <= 10 };
            foreach (var o in outcomes)
            {
                double rate = o.GenerationsPerSecond;
                var points = o.History.Where(p => p.Best > -Conjecture.Penalty / 200).ToList();
                if (points.Count > 0)
                {
                    all.Add(Invariant($"seed {o.Seed}"), [.. points.Select(p => p.Generation / rate)], [.. points.Select(p => p.Best)]);
                }
            }
            figures.Append(Invariant($"![Best reward of every seed]({context.SaveFigure("best-per-seed", all)})\n\n"));
            if (times.Length > 0)
            {
                var ecdf = new LinePlot { Title = "Seeds with a certified counterexample by time t", XLabel = "t (seconds)", YLabel = "fraction of seeds", ShowLegend = false };
                ecdf.Add("found", [0, .. times.SelectMany(t => new[] { t, t }), config.Minutes * 60], [0, .. times.SelectMany((t, i) => new[] { i / (double)outcomes.Count, (i + 1) / (double)outcomes.Count }), times.Length / (double)outcomes.Count]);
                figures.Append(Invariant($"![Time distribution]({context.SaveFigure("time-to-counterexample", ecdf)})\n\n"));
            }
        }
        values.Add(("curves", figures.ToString()));

        var shown = (found.Count > 0 ? found[0] : outcomes[0]).Improvements;
        if (shown.Count > 0)
        {
            var picks = Enumerable.Range(0, Math.Min(6, shown.Count)).Select(i => shown[(int)Math.Round(i * (shown.Count - 1) / Math.Max(1.0, Math.Min(6, shown.Count) - 1))]).Distinct().ToList();
            var gallery = new StringBuilder("The best graph so far, at generations where it improved:\n\n");
            foreach (var (generation, best) in picks)
            {
                var graph = Graph.FromWord(n, best.Word);
                var drawing = new GraphDrawing { Title = Invariant($"generation {generation}: reward {CemExperiment.Show(best.Reward)}"), Layout = GraphLayout.Spring, Seed = 1, Width = 320, Height = 320 }
                    .Graph(n, graph.Edges());
                gallery.Append(Invariant($"![generation {generation}]({context.SaveFigure($"best-generation-{generation}", drawing)}) "));
            }
            values.Add(("gallery", gallery.ToString()));
        }

        if (found.Count > 0)
        {
            var certificate = found[0].Certificates[0];
            var drawing = new GraphDrawing { Title = "Certified counterexample", Layout = GraphLayout.Spring, Seed = 1 }.Graph(n, certificate.Graph.Edges());
            var text = new StringBuilder(Invariant($"![Counterexample]({context.SaveFigure("counterexample", drawing)})\n\n"));
            text.Append(certificate.ToMarkdown());
            var others = found.SelectMany(o => o.Certificates).Skip(1).Select(c => Graph6.Encode(c.Graph)).Distinct().ToList();
            if (others.Count > 0)
            {
                text.Append("\n\nFurther certified counterexamples (graph6): " + string.Join(", ", others.Select(g => $"`{g}`")) + ".");
            }
            values.Add(("certificate", text.ToString()));
        }
        else
        {
            var best = outcomes.Select(o => o.Best).Where(b => b is not null).MaxBy(b => b!.Reward);
            values.Add(("certificate", best is null ? "No generation finished." : Invariant(
                $"No certified counterexample within the limits. The best graph found scores {CemExperiment.Show(best.Reward)}: `{Graph6.Encode(Graph.FromWord(n, best.Word))}` (graph6). ")
                + ("Run longer (`--set minutes=…`), with more seeds, or resume from the checkpoint in `checkpoints/`.")));
        }
        return [.. values];
    }

    /// <summary>
    /// Adds the points whose value is not dragged down by out-of-scope graphs (−10⁶ each): a mean of 100 rewards
    /// with one of them out of scope is below −10⁴, so values under −Penalty/200 are left out.
    /// </summary>
    private static void AddCurve(LinePlot plot, string name, List<GenerationPoint> history, Func<GenerationPoint, double> value)
    {
        var points = history.Where(p => value(p) > -Conjecture.Penalty / 200).ToList();
        if (points.Count > 0)
        {
            plot.Add(name, [.. points.Select(p => (double)p.Generation)], [.. points.Select(value)]);
        }
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
