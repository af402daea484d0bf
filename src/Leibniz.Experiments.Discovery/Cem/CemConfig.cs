using Leibniz.Graphs.Conjectures;
using Leibniz.Search;

namespace Leibniz.Experiments.Cem;

/// <summary>
/// Configuration of <see cref="CemExperiment"/>. The method's settings are Wagner's except three, which make a
/// search succeed reliably in minutes: a learning rate of 2·10⁻³ instead of 10⁻⁴ (a run converges in hundreds of
/// generations instead of thousands), a restart when the population has collapsed onto one graph (most runs of
/// the method end in a local optimum; a fresh policy is a fresh chance), and 250 sessions per generation instead
/// of 1000, which makes each such attempt four times cheaper at about the same chance of success.
/// <c>--set sessions=1000 --set learningRate=1e-4 --set restartAfterCollapse=0</c> gives his method exactly.
/// </summary>
public sealed record CemConfig : IValidatableObject
{
    [Description("A built-in conjecture (wagner-2.1, wagner-2.3, alpha-mu) or an inequality such as 'lambda1 + mu >= sqrt(n - 1) + 1 where connected'.")]
    public string Conjecture { get; set; } = "wagner-2.1";

    [Description("Number of vertices (0: the built-in conjecture's published order, 19 for wagner-2.1; 12 for a written inequality).")]
    [Range(0, 64)]
    public int N { get; set; }

    [Description("New sessions (graphs) per generation (Wagner: 1000; the default 250 makes each attempt four times cheaper).")]
    [Range(2, 1_000_000)]
    public int Sessions { get; set; } = 250;

    [Description("Train on sessions at or above this reward percentile (Wagner: 93, the top 7%).")]
    [Range(0.0, 99.999)]
    public double ElitePercentile { get; set; } = 93;

    [Description("Sessions at or above this percentile survive to the next generation (Wagner: 94, the top 6%).")]
    [Range(0.0, 99.999)]
    public double SurvivorPercentile { get; set; } = 94;

    [Description("Hidden layer widths of the policy MLP (Wagner: 128, 64, 4; ReLU; sigmoid output).")]
    [Range(1, 4096)]
    public int[] Hidden { get; set; } = [128, 64, 4];

    [Description("Optimiser: sgd (Wagner's) or adam.")]
    public string Optimizer { get; set; } = "sgd";

    [Description("Learning rate (Wagner: 1e-4 with SGD; the default 2e-3 converges about twenty times faster, as his code's comment suggests for faster convergence).")]
    [Range(1e-8, 10.0)]
    public double LearningRate { get; set; } = 2e-3;

    [Description("Minibatch size of the one training epoch per generation (Keras default: 32).")]
    [Range(1, 1 << 20)]
    public int BatchSize { get; set; } = 32;

    [Description("Run greedy edge flips (a local phase, as in PatternBoost) on the best survivors every this many generations; 0 turns it off.")]
    [Range(0, 1_000_000)]
    public int LocalSearchEvery { get; set; }

    [Description("How many of the best survivors the local phase improves.")]
    [Range(0, 100_000)]
    public int LocalSearchTop { get; set; } = 8;

    [Description("Restart the policy (keeping the best graph) after the population has been collapsed onto one graph for this many generations; 0 never restarts (Wagner's code never does).")]
    [Range(0, 100_000_000)]
    public int RestartAfterCollapse { get; set; } = 50;

    [Description("Time limit per seed, in minutes.")]
    [Range(0.01, 100_000.0)]
    public double Minutes { get; set; } = 10;

    [Description("Generation limit per seed (0: no limit, only the time limit).")]
    [Range(0, 100_000_000)]
    public int MaxGenerations { get; set; }

    [Description("Independent searches with seeds seed, seed+1, …; the report shows the distribution of their times.")]
    [Range(1, 1000)]
    public int Seeds { get; set; } = 1;

    [Description("Stop a seed after this many distinct certified counterexamples (1: stop at the first).")]
    [Range(1, 100_000)]
    public int Collect { get; set; } = 1;

    [Description("Save a resumable checkpoint (policy, optimiser, survivors) every this many generations; 0 turns it off.")]
    [Range(0, 100_000_000)]
    public int CheckpointEvery { get; set; } = 200;

    [Description("Resume the first seed from this checkpoint folder (a previous run's checkpoints/seed-S); none starts fresh.")]
    public string Resume { get; set; } = "none";

    /// <summary>The checkpoint folder to resume from, or null.</summary>
    public string? ResumeFolder => string.IsNullOrWhiteSpace(Resume) || Resume.Equals("none", StringComparison.OrdinalIgnoreCase) ? null : Resume;

    /// <summary>The conjecture's order for this configuration.</summary>
    public int Order => N > 0 ? N : BuiltInConjectures.Find(Conjecture)?.Order ?? 12;

    /// <summary>The method's options for one seed.</summary>
    public CrossEntropyOptions Options(ulong seed) => new()
    {
        Sessions = Sessions,
        ElitePercentile = ElitePercentile,
        SurvivorPercentile = SurvivorPercentile,
        Hidden = Hidden,
        Optimizer = Optimizer,
        LearningRate = LearningRate,
        BatchSize = BatchSize,
        LocalSearchEvery = LocalSearchEvery,
        LocalSearchTop = LocalSearchTop,
        RestartAfterCollapse = RestartAfterCollapse,
        Seed = seed,
    };

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string? problem = null;
        try
        {
            Graphs.Conjectures.Conjecture.Resolve(Conjecture);
        }
        catch (ConjectureFormatException e)
        {
            problem = $"conjecture: {e.Message}\nBuilt-in conjectures: {string.Join(", ", BuiltInConjectures.All.Select(c => c.Name))}.";
        }
        if (problem is null && Order < 2)
        {
            problem = $"n must be at least 2 for a graph search; got {Order}.";
        }
        if (problem is null && Optimizer.ToLowerInvariant() is not ("sgd" or "adam"))
        {
            problem = $"optimizer must be sgd or adam; got '{Optimizer}'.";
        }
        if (problem is null && ResumeFolder is { } folder && !Search.CemCheckpoint.Exists(folder))
        {
            problem = $"resume: no checkpoint in '{folder}' (expected a folder with state.json, such as RUN/checkpoints/seed-0).";
        }
        if (problem is not null)
        {
            yield return new ValidationResult(problem);
        }
    }
}
