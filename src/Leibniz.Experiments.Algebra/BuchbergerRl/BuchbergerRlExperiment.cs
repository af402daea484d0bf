using System.Text;
using Leibniz.Algebra.Groebner;
using Leibniz.Algebra.Ideals;
using Leibniz.Algebra.Polynomials;
using Leibniz.Reinforcement;

namespace Leibniz.Experiments.BuchbergerRl;

/// <summary>Configuration of <see cref="BuchbergerRlExperiment"/>; defaults are deepgroebner's scripts/train.py where it has one.</summary>
public sealed record BuchbergerRlConfig
{
    [Description("The ideal distribution trained and evaluated on (deepgroebner's notation).")]
    public string Distribution { get; set; } = "3-20-10-weighted";

    [Description("Training epochs: each collects a batch of episodes, then makes one PPO update (300 take about five minutes on two cores).")]
    [Range(1, 100_000)]
    public int Epochs { get; set; } = 300;

    [Description("Episodes (ideals) per epoch.")]
    [Range(1, 100_000)]
    public int Episodes { get; set; } = 100;

    [Description("The longest episode, in pairs selected; longer ones are cut.")]
    [Range(1, 1_000_000)]
    public int MaxEpisodeLength { get; set; } = 500;

    [Description("Hidden layer widths of the pair-scoring network.")]
    public int[] Hidden { get; set; } = [128];

    [Description("Terms of each polynomial the pair features take (k; 2kn numbers per pair).")]
    [Range(1, 4)]
    public int K { get; set; } = 2;

    [Description("Adam's learning rate for the policy (deepgroebner uses 1e-4 over 2,500 epochs; 1e-3 learns within this budget).")]
    [Range(1e-7, 1)]
    public double LearningRate { get; set; } = 1e-3;

    [Description("PPO passes over each epoch's batch (stopped early by the KL limit).")]
    [Range(1, 1000)]
    public int PolicyUpdates { get; set; } = 40;

    [Description("The baseline: 'degree' (the discounted return of degree selection from the state, deepgroebner's value_model=degree) or 'none'.")]
    public string Baseline { get; set; } = "degree";

    [Description("Held-out ideals the trained agent and the strategies are evaluated on.")]
    [Range(1, 1_000_000)]
    public int EvaluationIdeals { get; set; } = 1000;
}

/// <summary>
/// Peifer, Stillman &amp; Halpern-Leistner (2020): an agent selects the S-pair in Buchberger's algorithm. The state is
/// the pair set, each pair (i, j) described by the exponent vectors of the first k terms of gᵢ and gⱼ; one MLP scores
/// every pair and a softmax over the pairs is the policy; the reward of a step is −(1 + reduction steps), so the
/// return counts polynomial additions. Trained by PPO (clipped objective, GAE with γ = 0.99, λ = 0.97, advantages
/// normalised, the degree strategy's return from the state as the baseline) on random ideals, then compared on
/// held-out ideals with first, degree, normal and sugar selection.
/// </summary>
public sealed class BuchbergerRlExperiment : Experiment<BuchbergerRlConfig>
{
    public override string Name => "buchberger-rl";

    public override string Description => "PPO learns S-pair selection in Buchberger's algorithm on random binomial ideals; evaluated against first, degree, normal and sugar.";

    protected override BuchbergerRlConfig Quick(BuchbergerRlConfig defaults) => defaults with { Epochs = 4, Episodes = 10, EvaluationIdeals = 40, PolicyUpdates = 5 };

    private static readonly string[] Strategies = ["first", "degree", "normal", "sugar"];

    protected override void Run(BuchbergerRlConfig config, RunContext context)
    {
        var distribution = IdealDistribution.Parse(config.Distribution);
        var ring = distribution.Ring;
        int features = PairFeatures.Width(ring.VariableCount, config.K);
        var generator = context.Random.Split();
        var layers = new List<Module>();
        int width = features;
        foreach (int h in config.Hidden)
        {
            layers.Add(new Linear(width, h, generator));
            layers.Add(new Relu());
            width = h;
        }
        layers.Add(new Linear(width, 1, generator));
        var scorer = new Sequential([.. layers]);
        var policy = new ChoicePolicy(scorer, features);
        var optimizer = new Adam(scorer.Parameters(), config.LearningRate);
        var options = new PpoOptions { PolicyUpdates = config.PolicyUpdates };
        var degree = PairSelection.Parse("degree");
        bool useBaseline = config.Baseline.Equals("degree", StringComparison.OrdinalIgnoreCase);
        if (!useBaseline && !config.Baseline.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigException($"baseline '{config.Baseline}' is not one of degree, none.");
        }

        var ideals = context.Random.Split();
        var meanAdditions = new List<double>();
        var kls = new List<double>();
        var resumable = new Resumable("training", state =>
        {
            state.Bind("scorer", scorer);
            state.Bind("optimizer", optimizer);
            state.Bind("generator", generator);
            state.Bind("ideals", ideals);
            state.Bind("mean_additions", meanAdditions);
            state.Bind("kl", kls);
        });
        foreach (int epoch in context.Loop("epochs", config.Epochs, () => meanAdditions.Count > 0 ? $"mean additions {meanAdditions[^1]:F1}" : "", resumable: resumable))
        {
            var episodes = new List<IReadOnlyList<Transition>>();
            double additions = 0;
            for (int e = 0; e < config.Episodes; e++)
            {
                var env = new BuchbergerEnvironment<int>(ring);
                env.Reset(distribution.Sample(ideals));
                var episode = new List<Transition>();
                while (!env.IsDone && episode.Count < config.MaxEpisodeLength)
                {
                    var state = PairFeatures.Of(env, config.K);
                    int actions = env.Pairs.Count;
                    var (action, logp) = policy.Act(state, actions, generator);
                    double value = useBaseline ? env.RolloutValue(degree, options.Gamma) : 0;
                    var outcome = env.Step(action);
                    episode.Add(new Transition(state, actions, action, outcome.Reward, logp, value));
                }
                additions += env.Statistics.PolynomialAdditions;
                episodes.Add(episode);
            }
            var batch = Ppo.Assemble(episodes, options);
            var update = Ppo.Update(policy, optimizer, batch, options, generator);
            meanAdditions.Add(additions / config.Episodes);
            kls.Add(update.KlDivergence);
            context.Track("training", epoch, ("mean_additions", meanAdditions[^1]), ("kl", update.KlDivergence), ("passes", update.Passes));
        }

        // Held-out ideals from a stream of their own.
        var heldOut = new Generator(context.Random.NextUInt64() ^ 0x5EED);
        var evaluation = Enumerable.Range(0, config.EvaluationIdeals).Select(_ => distribution.Sample(heldOut)).ToArray();
        var agentRuns = evaluation.Select(ideal => AgentRun(policy, ring, ideal, config.K, generator)).ToArray();
        var agent = agentRuns.Select(r => r.Additions).ToArray();
        int different = evaluation.Where((ideal, i) => !BasisReduction.SameBasis(agentRuns[i].Basis, Leibniz.Algebra.Groebner.Buchberger.Run(ring, ideal).Basis)).Count();
        bool sound = context.Check("the agent's runs end in the reduced Gröbner basis the default strategy finds", different == 0,
            $"{different} of {config.EvaluationIdeals} held-out ideals differ");
        var strategies = Strategies.Select(name =>
        {
            var selection = PairSelection.Parse(name);
            return evaluation.Select(ideal => (double)Leibniz.Algebra.Groebner.Buchberger.Run(ring, ideal, new GroebnerOptions { Selection = selection }).Statistics.PolynomialAdditions).ToArray();
        }).ToArray();

        int early = Math.Max(1, Math.Min(10, meanAdditions.Count / 4));
        double first = meanAdditions.Take(early).Average(), last = meanAdditions.TakeLast(early).Average();
        sound &= context.Check("the agent trained: its mean additions in the last epochs are below those of the first", last < first,
            $"{first:F1} additions per ideal over the first {early} epochs, {last:F1} over the last {early}");

        var table = new StringBuilder("| selection | mean additions ± sd | agent − strategy, mean with 95 % interval (paired) |\n| --- | --- | --- |\n");
        table.AppendLine($"| agent (greedy) | {Summary.MeanSd(agent)} | — |");
        int best = 0;
        for (int s = 0; s < Strategies.Length; s++)
        {
            var (mean, low, high) = PairedDifference(agent, strategies[s]);
            table.AppendLine($"| {Strategies[s]} | {Summary.MeanSd(strategies[s])} | {mean:+0.0;-0.0} [{low:+0.0;-0.0}, {high:+0.0;-0.0}] |");
            context.AddResults($"@{Strategies[s]}", ("mean_additions", Summary.Mean(strategies[s])), ("agent_minus", mean), ("agent_minus_low", low), ("agent_minus_high", high));
            if (Summary.Mean(strategies[s]) < Summary.Mean(strategies[best]))
            {
                best = s;
            }
        }
        context.AddResults("", ("agent_mean_additions", Summary.Mean(agent)), ("training_first", first), ("training_last", last));
        var (bestMean, bestLow, bestHigh) = PairedDifference(agent, strategies[best]);
        context.Verdict($"The trained agent needs fewer polynomial additions than the best classical strategy on {config.Distribution} (Peifer et al. 2020: it does on such distributions)",
            !sound ? Reproduction.Undecided : bestHigh < 0 ? Reproduction.Yes : bestLow < 0 ? Reproduction.Partly : Reproduction.No,
            (sound ? "" : "undecided: a precondition failed (see above); ") + $"agent {Summary.Mean(agent):F1} against {Strategies[best]} {Summary.Mean(strategies[best]):F1} over {config.EvaluationIdeals} held-out ideals: difference {bestMean:+0.0;-0.0}, 95 % interval [{bestLow:+0.0;-0.0}, {bestHigh:+0.0;-0.0}] after {meanAdditions.Count} epochs of {config.Episodes} episodes");

        var curve = new LinePlot { Title = "Training: mean polynomial additions per episode", XLabel = "epoch", YLabel = "mean additions" }
            .Add("agent (sampling)", [.. Enumerable.Range(0, meanAdditions.Count).Select(i => (double)i)], meanAdditions);
        for (int s = 0; s < Strategies.Length; s++)
        {
            curve.Add($"{Strategies[s]} (held-out mean)", [0, Math.Max(1, meanAdditions.Count - 1)], [Summary.Mean(strategies[s]), Summary.Mean(strategies[s])]);
        }
        WriteReport(context, config, ("table", table), ("curve", context.SaveFigure("training", curve)), ("best", Strategies[best]),
            ("parameters", scorer.ParameterCount), ("features", features));
    }

    /// <summary>Polynomial additions and the reduced basis when the agent picks the most probable pair at every step.</summary>
    private static (double Additions, IReadOnlyList<Polynomial<int>> Basis) AgentRun(ChoicePolicy policy, PolynomialRing<int> ring, IReadOnlyList<Polynomial<int>> ideal, int k, Generator generator)
    {
        var env = new BuchbergerEnvironment<int>(ring);
        env.Reset(ideal);
        while (!env.IsDone)
        {
            var (action, _) = policy.Act(PairFeatures.Of(env, k), env.Pairs.Count, generator, greedy: true);
            env.Step(action);
        }
        return (env.Statistics.PolynomialAdditions, env.ReducedBasis());
    }

    /// <summary>The mean of a − b over paired samples with its 95 % t-interval (normal quantile for n ≥ 30).</summary>
    private static (double Mean, double Low, double High) PairedDifference(double[] a, double[] b)
    {
        var d = a.Zip(b, (x, y) => x - y).ToArray();
        double mean = Summary.Mean(d);
        double se = d.Length > 1 ? Summary.Sd(d) / Math.Sqrt(d.Length) : 0;
        double z = d.Length >= 30 ? 1.959964 : 2.262;
        return (mean, mean - z * se, mean + z * se);
    }
}
