using System.Diagnostics;
using Leibniz.Numerics;
using Leibniz.Optim;

namespace Leibniz.Search;

/// <summary>A finished word and its reward.</summary>
public sealed record Session(byte[] Word, double Reward);

/// <summary>What one generation of the cross-entropy method did.</summary>
/// <param name="Generation">1 for the first generation.</param>
/// <param name="Best">The best session so far.</param>
/// <param name="GenerationBest">The best reward among this generation's new sessions and survivors.</param>
/// <param name="EliteThreshold">The elite percentile of the rewards.</param>
/// <param name="MeanTop100">The mean of the 100 best rewards.</param>
/// <param name="Loss">The mean training loss of the generation's epoch.</param>
/// <param name="Solutions">Sessions of this generation whose reward marks a solution.</param>
public sealed record GenerationReport(int Generation, Session Best, double GenerationBest, double EliteThreshold, double MeanTop100, double Loss, IReadOnlyList<Session> Solutions)
{
    /// <summary>Whether the search restarted after this generation (see <see cref="CrossEntropyOptions.RestartAfterCollapse"/>).</summary>
    public bool Restarted { get; init; }
}

/// <summary>
/// Wagner's cross-entropy method. Each generation: play <see cref="CrossEntropyOptions.Sessions"/> sessions in
/// lock-step, each letter 1 with the policy's probability; score the finished words; add the previous
/// generation's survivors (not re-scored); train one epoch on every (state, letter) of the elite sessions; keep
/// the survivors, best first. Optionally, every few generations, <see cref="LocalSearch"/> improves the best
/// survivors (a local phase between global ones, as in PatternBoost), and a population that has collapsed onto one
/// word restarts from a fresh policy (<see cref="CrossEntropyOptions.RestartAfterCollapse"/>). Generation g draws its random numbers from a
/// generator seeded by (seed, g), so a resumed search continues exactly as an uninterrupted one.
/// </summary>
public sealed class CrossEntropyMethod
{
    private readonly IConstructionEnvironment _environment;
    private List<Session> _survivors = [];

    /// <summary>A fresh search.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public CrossEntropyMethod(IConstructionEnvironment environment, CrossEntropyOptions options)
    {
        Validate(options);
        _environment = environment;
        Options = options;
        Policy = new PolicyNetwork(environment.WordLength, options.Hidden, new Generator(options.Seed));
        Optimizer = CreateOptimizer();
        Best = new Session(new byte[environment.WordLength], double.NegativeInfinity);
    }

    /// <summary>The settings.</summary>
    public CrossEntropyOptions Options { get; }

    /// <summary>The policy network.</summary>
    public PolicyNetwork Policy { get; }

    /// <summary>Its optimiser.</summary>
    public Optimizer Optimizer { get; private set; }

    /// <summary>How many times the search has restarted after a collapse.</summary>
    public int Restarts { get; private set; }

    /// <summary>Consecutive generations the population has been collapsed.</summary>
    public int CollapsedGenerations { get; private set; }

    /// <summary>Generations completed.</summary>
    public int Generation { get; private set; }

    /// <summary>The best session seen.</summary>
    public Session Best { get; private set; }

    /// <summary>The survivors of the last generation, best first.</summary>
    public IReadOnlyList<Session> Survivors => _survivors;

    /// <summary>Seconds spent in each phase (predict, play, score, select, fit, local) since the start.</summary>
    public Dictionary<string, double> Timings { get; } = new() { ["predict"] = 0, ["play"] = 0, ["score"] = 0, ["select"] = 0, ["fit"] = 0, ["local"] = 0 };

    /// <summary>Runs one generation.</summary>
    public GenerationReport Step()
    {
        Generation++;
        var random = new Generator(GenerationSeed(Options.Seed, Generation));
        var clock = Stopwatch.StartNew();
        var words = Play(random);
        Mark(clock, "play");
        var rewards = new double[words.Length];
        Parallelism.For(words.Length, 16, (start, length) =>
        {
            for (int s = start; s < start + length; s++)
            {
                rewards[s] = _environment.Reward(words[s]);
            }
        });
        Mark(clock, "score");

        var all = new List<Session>(words.Length + _survivors.Count);
        for (int s = 0; s < words.Length; s++)
        {
            all.Add(new Session(words[s], rewards[s]));
        }
        all.AddRange(_survivors);
        var allRewards = all.Select(s => s.Reward).ToArray();
        var sorted = allRewards.Order().ToArray();
        double threshold = Selection.PercentileOfSorted(sorted, Options.ElitePercentile);
        var elite = Selection.Select(allRewards, Options.Sessions, Options.ElitePercentile, threshold, countEveryCandidate: true);
        var survivors = Selection.Select(allRewards, Options.Sessions, Options.SurvivorPercentile,
            Selection.PercentileOfSorted(sorted, Options.SurvivorPercentile), countEveryCandidate: false);
        double meanTop100 = sorted[^Math.Min(100, sorted.Length)..].Average();
        Mark(clock, "select");

        double loss = double.NaN;
        loss = Fit(all, elite, random);
        Mark(clock, "fit");

        _survivors = [.. survivors.Select(i => all[i]).OrderByDescending(s => s.Reward)];
        if (Options.LocalSearchEvery > 0 && Generation % Options.LocalSearchEvery == 0 && _survivors.Count > 0)
        {
            ImproveSurvivors(random);
            Mark(clock, "local");
        }

        var solutions = new List<Session>();
        var seen = new HashSet<string>();
        foreach (var session in all.Concat(_survivors))
        {
            if (_environment.IsSolution(session.Reward) && seen.Add(Convert.ToHexString(session.Word)))
            {
                solutions.Add(session);
            }
        }
        var generationBest = _survivors.Count > 0 ? _survivors[0] : all.MaxBy(s => s.Reward)!;
        if (generationBest.Reward > Best.Reward)
        {
            Best = generationBest;
        }
        CollapsedGenerations = threshold >= generationBest.Reward - 1e-12 ? CollapsedGenerations + 1 : 0;
        bool restarted = false;
        if (Options.RestartAfterCollapse > 0 && CollapsedGenerations >= Options.RestartAfterCollapse)
        {
            Restart();
            restarted = true;
        }
        return new GenerationReport(Generation, Best, generationBest.Reward, threshold, meanTop100, loss, solutions) { Restarted = restarted };
    }

    /// <summary>Restores the state saved by <see cref="CemCheckpoint.Save"/>.</summary>
    internal void Restore(int generation, IReadOnlyList<Session> survivors, Session best, int restarts, int collapsed)
    {
        Generation = generation;
        _survivors = [.. survivors];
        Best = best;
        Restarts = restarts;
        CollapsedGenerations = collapsed;
    }

    /// <summary>Draws a new policy (seeded by the seed and the restart count), resets the optimiser and drops the survivors.</summary>
    private void Restart()
    {
        Restarts++;
        CollapsedGenerations = 0;
        Policy.Reinitialise(new Generator(GenerationSeed(Options.Seed ^ 0x5DEECE66DUL, -Restarts)));
        Optimizer = CreateOptimizer();
        _survivors = [];
    }

    private Optimizer CreateOptimizer() => Options.Optimizer.ToLowerInvariant() switch
    {
        "sgd" => new Sgd(Policy.Parameters, Options.LearningRate),
        "adam" => new Adam(Policy.Parameters, Options.LearningRate),
        _ => throw new ArgumentException($"CrossEntropyMethod: unknown optimiser '{Options.Optimizer}'; use sgd or adam.", "options"),
    };

    /// <summary>The seed of generation g: a SplitMix-style mix of the search seed and g.</summary>
    public static ulong GenerationSeed(ulong seed, int generation) =>
        unchecked(seed * 0x9E3779B97F4A7C15UL ^ ((ulong)generation * 0xBF58476D1CE4E5B9UL + 0x94D049BB133111EBUL));

    private byte[][] Play(Generator random)
    {
        int sessions = Options.Sessions, length = _environment.WordLength;
        var words = new byte[sessions][];
        for (int s = 0; s < sessions; s++)
        {
            words[s] = new byte[length];
        }
        var play = Policy.BeginPlay(sessions);
        var uniforms = new float[sessions];
        var letters = new byte[sessions];
        long predictTicks = 0;
        for (int t = 0; t < length; t++)
        {
            for (int s = 0; s < sessions; s++)
            {
                uniforms[s] = random.NextSingle();
            }
            long start = Stopwatch.GetTimestamp();
            play.Advance(t, uniforms, letters);
            predictTicks += Stopwatch.GetTimestamp() - start;
            for (int s = 0; s < sessions; s++)
            {
                words[s][t] = letters[s];
            }
        }
        double predict = predictTicks / (double)Stopwatch.Frequency;
        Timings["predict"] += predict;
        Timings["play"] -= predict;
        return words;
    }

    private double Fit(List<Session> all, List<int> elite, Generator random)
    {
        int length = _environment.WordLength;
        int samples = elite.Count * length;
        if (samples == 0)
        {
            return double.NaN;
        }
        var words = all.Select(s => s.Word).ToArray();
        var order = random.Permutation(samples);
        var sessionOf = new int[Options.BatchSize];
        var stepOf = new int[Options.BatchSize];
        double lossSum = 0;
        int batches = 0;
        for (int start = 0; start < samples; start += Options.BatchSize)
        {
            int size = Math.Min(Options.BatchSize, samples - start);
            for (int b = 0; b < size; b++)
            {
                int sample = order[start + b];
                sessionOf[b] = elite[sample / length];
                stepOf[b] = sample % length;
            }
            lossSum += Policy.Backward(words, sessionOf.AsSpan(0, size), stepOf.AsSpan(0, size));
            Optimizer.Step();
            batches++;
        }
        return lossSum / batches;
    }

    private void ImproveSurvivors(Generator random)
    {
        int count = Math.Min(Options.LocalSearchTop, _survivors.Count);
        var improved = new Session[count];
        var generators = Enumerable.Range(0, count).Select(_ => random.Split()).ToArray();
        Parallelism.For(count, 1, (start, length) =>
        {
            for (int i = start; i < start + length; i++)
            {
                improved[i] = LocalSearch.Improve(_environment, _survivors[i], generators[i]);
            }
        });
        for (int i = 0; i < count; i++)
        {
            _survivors[i] = improved[i];
        }
        _survivors = [.. _survivors.OrderByDescending(s => s.Reward)];
    }

    private void Mark(Stopwatch clock, string phase)
    {
        Timings[phase] += clock.Elapsed.TotalSeconds;
        clock.Restart();
    }

    private static void Validate(CrossEntropyOptions o)
    {
        if (o.Sessions < 2)
        {
            throw new ArgumentException($"CrossEntropyMethod: sessions must be at least 2; got {o.Sessions}.");
        }
        if (o.ElitePercentile is < 0 or >= 100 || o.SurvivorPercentile is < 0 or >= 100)
        {
            throw new ArgumentException($"CrossEntropyMethod: percentiles must lie in [0, 100); got elite {o.ElitePercentile}, survivors {o.SurvivorPercentile}.");
        }
        if (o.BatchSize < 1 || o.LearningRate <= 0 || o.LocalSearchEvery < 0 || o.LocalSearchTop < 0 || o.RestartAfterCollapse < 0)
        {
            throw new ArgumentException($"CrossEntropyMethod: batch size and learning rate must be positive and local-search settings non-negative; got batch {o.BatchSize}, learning rate {o.LearningRate}, local search every {o.LocalSearchEvery} on the top {o.LocalSearchTop}.");
        }
    }
}
