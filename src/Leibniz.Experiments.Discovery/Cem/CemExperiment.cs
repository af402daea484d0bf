using System.Diagnostics;
using System.Globalization;
using System.Text;
using Leibniz.Graphs;
using Leibniz.Graphs.Certification;
using Leibniz.Graphs.Conjectures;
using Leibniz.Search;

namespace Leibniz.Experiments.Cem;

/// <summary>
/// Counterexamples to graph conjectures by Wagner's cross-entropy method: a policy network writes a graph one
/// edge decision at a time, the best sessions of each generation are trained on, and the reward is how far the
/// conjectured inequality is from holding. Every counterexample the search reports is checked again by
/// <see cref="Certificate"/>, independently of the search, and only certified ones count.
/// </summary>
public sealed class CemExperiment : Experiment<CemConfig>
{
    public override string Name => "cem";

    public override string Description => "Search for certified counterexamples to a graph conjecture with Wagner's cross-entropy method (default: his Conjecture 2.1 on 19 vertices; up to 10 minutes per seed).";

    protected override CemConfig Quick(CemConfig defaults) => defaults with
    {
        Conjecture = "alpha-mu", N = 8, Sessions = 200, Hidden = [32, 16], Optimizer = "adam", LearningRate = 3e-3, Minutes = 1, CheckpointEvery = 5,
    };

    protected override void Run(CemConfig config, RunContext context)
    {
        var conjecture = Conjecture.Resolve(config.Conjecture);
        int n = config.Order;
        var environment = new GraphConjectureEnvironment(conjecture, n);
        var outcomes = new List<SeedOutcome>();
        for (int k = 0; k < config.Seeds; k++)
        {
            ulong seed = context.Random.Seed + (ulong)k;
            outcomes.Add(RunSeed(config, context, environment, seed, resume: k == 0 ? config.ResumeFolder : null));
        }
        WriteReport(context, config, CemReport.Write(config, context, conjecture, n, outcomes));
    }

    private static SeedOutcome RunSeed(CemConfig config, RunContext context, GraphConjectureEnvironment environment, ulong seed, string? resume)
    {
        var search = new CrossEntropyMethod(environment, config.Options(seed));
        var outcome = new SeedOutcome(seed);
        var checkedGraphs = new HashSet<string>();
        string checkpoint = $"seed-{seed}";
        var (priorSeconds, finished) = (0.0, false);
        if (context.Checkpoints.TryRestore(checkpoint, folder =>
            {
                CemCheckpoint.Restore(search, folder);
                (priorSeconds, finished) = SeedCheckpoint.Read(folder, outcome, checkedGraphs, environment);
            }))
        {
            context.Log($"seed {seed}: continues at generation {search.Generation} after {priorSeconds:F1} s (best reward {search.Best.Reward:G6}){(finished ? "; it had finished" : "")}.");
        }
        else if (resume is not null)
        {
            CemCheckpoint.Restore(search, resume);
            context.Log($"Resumed seed {seed} at generation {search.Generation} (best reward {search.Best.Reward:G6}) from {resume}.");
        }
        var task = context.Progress.Start($"seed {seed}", (int)Math.Ceiling(config.Minutes * 60));
        var clock = Stopwatch.StartNew();
        double Elapsed() => priorSeconds + clock.Elapsed.TotalSeconds;
        int shownSeconds = (int)priorSeconds, startGeneration = search.Generation;
        task.Advance(shownSeconds);
        void Save(bool done) => context.Checkpoints.Save(checkpoint, folder =>
        {
            CemCheckpoint.Save(search, folder);
            SeedCheckpoint.Write(folder, outcome, checkedGraphs, Elapsed(), done);
        });
        try
        {
            while (!finished && Elapsed() < config.Minutes * 60 && (config.MaxGenerations == 0 || search.Generation < config.MaxGenerations))
            {
                context.ThrowIfCancelled();
                var report = search.Step();
                double seconds = Elapsed();
                double rate = (search.Generation - startGeneration) / Math.Max(seconds - priorSeconds, 1e-9);
                outcome.History.Add(new GenerationPoint(report.Generation, report.Best.Reward, report.GenerationBest, report.EliteThreshold, report.MeanTop100));
                context.Track($"seed-{seed}", report.Generation, new Dictionary<string, double>
                {
                    ["best"] = report.Best.Reward, ["generation_best"] = report.GenerationBest, ["elite_threshold"] = report.EliteThreshold,
                    ["mean_top100"] = report.MeanTop100, ["loss"] = report.Loss, ["restarts"] = search.Restarts,
                });
                if (report.Restarted)
                {
                    context.Log($"seed {seed}: population collapsed for {config.RestartAfterCollapse} generations; restart {search.Restarts} at generation {report.Generation} (best so far {report.Best.Reward:G6}).");
                }
                if (outcome.Improvements.Count == 0 || report.Best.Reward > outcome.Improvements[^1].Best.Reward)
                {
                    outcome.Improvements.Add((report.Generation, report.Best));
                }
                foreach (var solution in report.Solutions)
                {
                    var graph = Graph.FromWord(environment.Order, solution.Word);
                    if (!checkedGraphs.Add(Graph6.Encode(graph)))
                    {
                        continue;
                    }
                    var certificate = Certificate.Check(graph, environment.Conjecture);
                    if (certificate.Certified)
                    {
                        outcome.Certificates.Add(certificate);
                        CertificateFile.Write(context.Folder.File($"certificates/seed-{seed}-{outcome.Certificates.Count}.json"), certificate);
                        outcome.FirstSeconds ??= seconds;
                        outcome.FirstGeneration ??= report.Generation;
                        context.Log($"seed {seed}: certified counterexample at generation {report.Generation} after {seconds:F1} s: {Graph6.Encode(graph)}");
                    }
                    else
                    {
                        outcome.Uncertified++;
                        context.Log($"seed {seed}: candidate at generation {report.Generation} not certified: {certificate.Verdict}");
                    }
                }
                finished = outcome.Certificates.Count >= config.Collect;
                if (config.CheckpointEvery > 0 && report.Generation % config.CheckpointEvery == 0 && !finished)
                {
                    Save(done: false);
                }
                int whole = (int)seconds;
                task.Advance(Math.Max(0, whole - shownSeconds), $"gen {report.Generation}, best {report.Best.Reward:F4}, elite ≥ {Show(report.EliteThreshold)}, {rate:F1} gen/s");
                shownSeconds = Math.Max(shownSeconds, whole);
            }
            finished = true;
        }
        finally
        {
            // Interrupted or not, leave a checkpoint from which the search can resume (or be continued by a new run).
            if (config.CheckpointEvery > 0 && search.Generation > 0)
            {
                Save(finished);
            }
            outcome.Seconds = Elapsed();
            outcome.Generations = search.Generation;
            outcome.GenerationsPerSecond = (search.Generation - startGeneration) / Math.Max(outcome.Seconds - priorSeconds, 1e-9);
            outcome.Best = search.Best;
            outcome.Timings = search.Timings;
            outcome.Restarts = search.Restarts;
            task.Complete();
        }
        return outcome;
    }

    internal static string Show(double reward) => reward <= -Conjecture.Penalty / 2 ? "−∞" : reward.ToString("F4", CultureInfo.InvariantCulture);
}

/// <summary>The best reward per generation of one seed.</summary>
internal sealed record GenerationPoint(int Generation, double Best, double GenerationBest, double EliteThreshold, double MeanTop100);

/// <summary>What one seed's search did.</summary>
internal sealed class SeedOutcome(ulong seed)
{
    public ulong Seed { get; } = seed;

    public List<GenerationPoint> History { get; } = [];

    public List<(int Generation, Session Best)> Improvements { get; } = [];

    public List<Certificate> Certificates { get; } = [];

    public int Uncertified { get; set; }

    public int Restarts { get; set; }

    public double? FirstSeconds { get; set; }

    public int? FirstGeneration { get; set; }

    public double Seconds { get; set; }

    public int Generations { get; set; }

    public double GenerationsPerSecond { get; set; }

    public Session? Best { get; set; }

    public Dictionary<string, double> Timings { get; set; } = [];

    public bool Found => Certificates.Count > 0;
}
