namespace Leibniz.Search;

/// <summary>
/// Settings of the cross-entropy method. The defaults are those of Wagner's published code for Conjecture 2.1
/// (A. Z. Wagner, "Constructions in combinatorics via neural networks", 2021).
/// </summary>
public sealed record CrossEntropyOptions
{
    /// <summary>New sessions played per generation (Wagner: 1000).</summary>
    public int Sessions { get; init; } = 1000;

    /// <summary>Sessions at or above this percentile of the rewards are trained on (Wagner: 93, the top 7%).</summary>
    public double ElitePercentile { get; init; } = 93;

    /// <summary>Sessions at or above this percentile survive to the next generation (Wagner: 94, the top 6%).</summary>
    public double SurvivorPercentile { get; init; } = 94;

    /// <summary>Hidden layer widths of the policy (Wagner: 128, 64, 4; ReLU; sigmoid output).</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [128, 64, 4];

    /// <summary>"sgd" (Wagner's choice) or "adam".</summary>
    public string Optimizer { get; init; } = "sgd";

    /// <summary>The optimiser's learning rate (Wagner: 10⁻⁴).</summary>
    public double LearningRate { get; init; } = 1e-4;

    /// <summary>Minibatch size of the one training epoch per generation (Keras's default: 32).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Run greedy edge flips on the best survivors every this many generations (0: never).</summary>
    public int LocalSearchEvery { get; init; }

    /// <summary>How many of the best survivors the local search improves.</summary>
    public int LocalSearchTop { get; init; } = 8;

    /// <summary>
    /// Restart after the population has collapsed (the elite threshold equals the best reward of the generation:
    /// every elite session is the same graph) for this many consecutive generations: the policy is drawn afresh
    /// and the survivors dropped, the best session so far is kept (0: never restart; Wagner's code never does).
    /// </summary>
    public int RestartAfterCollapse { get; init; }

    /// <summary>The seed of the policy's initial weights and of every generation's random numbers.</summary>
    public ulong Seed { get; init; }
}
