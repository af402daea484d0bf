using Leibniz.Graphs.Conjectures;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Search;
using Leibniz.Tensors;

namespace Leibniz.Tests.Search;

/// <summary>The policy's hand-written passes against the autograd engine, and the search on known optima.</summary>
public class CrossEntropyTests
{
    /// <summary>Reward = number of ones; the optimum is the all-ones word.</summary>
    private sealed class Ones(int length) : IConstructionEnvironment
    {
        public int WordLength => length;

        public double Reward(ReadOnlySpan<byte> word)
        {
            int count = 0;
            foreach (byte b in word)
            {
                count += b;
            }
            return count;
        }

        public bool IsSolution(double reward) => reward >= length;
    }

    private static float[] State(byte[] word, int t)
    {
        var state = new float[2 * word.Length];
        for (int j = 0; j < t; j++)
        {
            state[j] = word[j];
        }
        state[word.Length + t] = 1;
        return state;
    }

    [Fact]
    public void Playing_matches_the_same_network_run_by_the_engine()
    {
        var policy = new PolicyNetwork(10, [16, 8, 4], new Generator(1));
        var mlp = policy.ToModule();
        var play = policy.BeginPlay(5);
        var random = new Generator(2);
        var words = new byte[5][];
        for (int s = 0; s < 5; s++)
        {
            words[s] = new byte[10];
        }
        var uniforms = new float[5];
        var letters = new byte[5];
        for (int t = 0; t < 10; t++)
        {
            var p = new float[5];
            play.Probabilities(t, p);
            var states = Tensor.FromArray(words.SelectMany(w => State(w, t)).ToArray(), 5, 20);
            var expected = mlp.Forward(states).Sigmoid().ToArray<float>();
            for (int s = 0; s < 5; s++)
            {
                Assert.Equal(expected[s], p[s], 5);
                uniforms[s] = random.NextSingle();
            }
            play.Advance(t, uniforms, letters);
            for (int s = 0; s < 5; s++)
            {
                Assert.Equal(uniforms[s] < p[s] ? 1 : 0, letters[s]);
                words[s][t] = letters[s];
            }
        }
    }

    [Fact]
    public void Hand_written_gradients_match_autograd()
    {
        var policy = new PolicyNetwork(12, [16, 8, 4], new Generator(3));
        // Move the biases away from zero so every ReLU pattern is exercised.
        var state = policy.StateDict();
        var random = new Generator(4);
        foreach (var key in state.Keys.Where(k => k.EndsWith("bias", StringComparison.Ordinal)).ToList())
        {
            state[key] = Tensor.Randn(random, state[key].Shape.ToArray()) * 0.3;
        }
        policy.LoadStateDict(state);
        var mlp = policy.ToModule();
        var words = Enumerable.Range(0, 6).Select(_ => Enumerable.Range(0, 12).Select(_ => (byte)(random.NextDouble() < 0.5 ? 1 : 0)).ToArray()).ToArray();
        int[] sessions = [0, 1, 2, 3, 4, 5, 0, 3];
        int[] steps = [0, 3, 11, 5, 7, 2, 9, 11];
        double loss = policy.Backward(words, sessions, steps);

        var x = Tensor.FromArray(sessions.Zip(steps).SelectMany(p => State(words[p.First], p.Second)).ToArray(), 8, 24);
        var y = Tensor.FromArray(sessions.Zip(steps).Select(p => (float)words[p.First][p.Second]).ToArray(), 8, 1);
        var reference = Loss.BinaryCrossEntropyWithLogits(mlp.Forward(x), y);
        reference.Backward();
        Assert.Equal(reference.Item(), loss, 5);
        var grads = mlp.NamedParameters().ToDictionary(p => p.Key, p => p.Value.Grad!);
        var mine = policy.Parameters;
        AssertClose(grads["0.weight"].T.Contiguous().ToArray<float>(), mine[0].Grad!.ToArray<float>());
        AssertClose(grads["0.bias"].ToArray<float>(), mine[1].Grad!.ToArray<float>());
        string[] later = ["2.weight", "2.bias", "4.weight", "4.bias", "6.weight", "6.bias"];
        for (int i = 0; i < later.Length; i++)
        {
            AssertClose(grads[later[i]].ToArray<float>(), mine[i + 2].Grad!.ToArray<float>());
        }

        // A second batch with other active inputs: rows used only by the first batch must be cleared.
        policy.Backward(words, [1], [4]);
        mlp.ZeroGrad();
        Loss.BinaryCrossEntropyWithLogits(mlp.Forward(Tensor.FromArray(State(words[1], 4), 1, 24)), Tensor.FromArray(new[] { (float)words[1][4] }, 1, 1)).Backward();
        AssertClose(mlp.NamedParameters().First().Value.Grad!.T.Contiguous().ToArray<float>(), policy.Parameters[0].Grad!.ToArray<float>());
    }

    [Fact]
    public void Initialisation_is_Glorot_uniform_with_zero_biases()
    {
        var policy = new PolicyNetwork(171, [128, 64, 4], new Generator(5));
        var w = policy.StateDict()["0.weight"].ToArray<float>();
        double limit = Math.Sqrt(6.0 / (342 + 128));
        Assert.True(w.All(v => Math.Abs(v) <= limit));
        double variance = w.Select(v => (double)v * v).Average();
        Assert.Equal(limit * limit / 3, variance, 3);
        Assert.All(policy.StateDict()["0.bias"].ToArray<float>(), b => Assert.Equal(0f, b));
        Assert.Equal(342 * 128 + 128 + 128 * 64 + 64 + 64 * 4 + 4 + 4 + 1, policy.ParameterCount);
    }

    [Fact]
    public void Percentiles_interpolate_like_numpy_and_selection_keeps_wagners_counter()
    {
        Assert.Equal(3.7, Selection.Percentile([1, 2, 3, 4, 5], 67.5), 12);
        Assert.Equal(5, Selection.Percentile([5, 1, 3], 100), 12);
        double[] rewards = [1, 1, 1, 1, 1, 1, 1, 1, 1, 2];
        // 90th percentile of ten rewards with 9 ties below 2: threshold 1.1; only the 2 is kept by either rule.
        Assert.Equal([9], Selection.Select(rewards, 10, 90, countEveryCandidate: true));
        // Ties at the threshold: counter = 10·(100 − 50)/100 = 5.
        double[] ties = [3, 3, 3, 3, 3, 3, 3, 3, 3, 3];
        Assert.Equal(5, Selection.Select(ties, 10, 50, countEveryCandidate: false).Count);
        Assert.Equal(5, Selection.Select(ties, 10, 50, countEveryCandidate: true).Count);
        // The elite rule counts every candidate, kept or not: after 5 ties the counter is spent even for later ones.
        double[] mixed = [3, 3, 3, 3, 3, 3, 4, 3, 3, 3];
        Assert.Equal(6, Selection.Select(mixed, 10, 50, countEveryCandidate: true).Count);
    }

    [Fact]
    public void The_method_finds_the_all_ones_word()
    {
        var search = new CrossEntropyMethod(new Ones(24), new CrossEntropyOptions
        {
            Sessions = 200, Hidden = [32, 16], Optimizer = "adam", LearningRate = 3e-3, Seed = 7,
        });
        GenerationReport? report = null;
        for (int g = 0; g < 60 && (report is null || report.Solutions.Count == 0); g++)
        {
            report = search.Step();
        }
        Assert.NotNull(report);
        Assert.Equal(24, search.Best.Reward);
        Assert.NotEmpty(report!.Solutions);
        Assert.All(search.Best.Word, b => Assert.Equal(1, b));
    }

    [Fact]
    public void Greedy_flips_climb_to_the_optimum()
    {
        var environment = new Ones(30);
        var improved = LocalSearch.Improve(environment, new Session(new byte[30], 0), new Generator(1));
        Assert.Equal(30, improved.Reward);
    }

    [Fact]
    public void Swaps_carry_a_double_star_to_a_certified_counterexample_of_conjecture_2_1()
    {
        // The double star S(12, 5) on 19 vertices (λ₁ + μ ≈ 5.686) is a local optimum for single flips; moving
        // leaves between the centres (swaps) balances it and ends at two 8-leaf stars joined through a middle
        // vertex: λ₁ = √10, μ = 2, below √18 + 1.
        var conjecture = Conjecture.Resolve("wagner-2.1");
        var environment = new GraphConjectureEnvironment(conjecture, 19);
        var edges = new List<(int, int)> { (0, 1) };
        edges.AddRange(Enumerable.Range(2, 12).Select(i => (0, i)));
        edges.AddRange(Enumerable.Range(14, 5).Select(i => (1, i)));
        var start = Leibniz.Graphs.Graph.FromEdges(19, edges).ToWord();
        var improved = LocalSearch.Improve(environment, new Session(start, environment.Reward(start)), new Generator(1));
        Assert.Equal(Math.Sqrt(18) + 1 - Math.Sqrt(10) - 2, improved.Reward, 9);
        var certificate = Leibniz.Graphs.Certification.Certificate.Check(Leibniz.Graphs.Graph.FromWord(19, improved.Word), conjecture);
        Assert.True(certificate.Certified, certificate.Verdict);
    }

    [Fact]
    public void Same_seed_same_search_and_a_resumed_search_continues_exactly()
    {
        var environment = new GraphConjectureEnvironment(Conjecture.Resolve("alpha-mu"), 8);
        var options = new CrossEntropyOptions { Sessions = 100, Seed = 9, LocalSearchEvery = 2, LocalSearchTop = 2 };
        var straight = new CrossEntropyMethod(environment, options);
        for (int g = 0; g < 5; g++)
        {
            straight.Step();
        }
        var first = new CrossEntropyMethod(environment, options);
        for (int g = 0; g < 3; g++)
        {
            first.Step();
        }
        string folder = Path.Combine(Path.GetTempPath(), "leibniz-cem-" + Guid.NewGuid().ToString("N"));
        try
        {
            CemCheckpoint.Save(first, folder);
            Assert.True(CemCheckpoint.Exists(folder));
            var resumed = new CrossEntropyMethod(environment, options);
            CemCheckpoint.Restore(resumed, folder);
            Assert.Equal(3, resumed.Generation);
            resumed.Step();
            resumed.Step();
            Assert.Equal(straight.Best.Reward, resumed.Best.Reward);
            Assert.Equal(straight.Survivors.Select(s => s.Reward), resumed.Survivors.Select(s => s.Reward));
            Assert.Equal(straight.Survivors.SelectMany(s => s.Word), resumed.Survivors.SelectMany(s => s.Word));
            Assert.Equal(straight.Policy.StateDict()["0.weight"].ToArray<float>(), resumed.Policy.StateDict()["0.weight"].ToArray<float>());

            var other = new CrossEntropyMethod(environment, options with { Seed = 10 });
            var error = Assert.Throws<InvalidDataException>(() => CemCheckpoint.Restore(other, folder));
            Assert.Contains("seed", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Every word scores the same, so every generation's elite is one reward: a collapsed population.</summary>
    private sealed class Flat(int length) : IConstructionEnvironment
    {
        public int WordLength => length;

        public double Reward(ReadOnlySpan<byte> word) => 1;

        public bool IsSolution(double reward) => false;
    }

    [Fact]
    public void A_collapsed_population_restarts_the_policy_and_keeps_the_best()
    {
        var search = new CrossEntropyMethod(new Flat(6), new CrossEntropyOptions { Sessions = 50, Hidden = [8], RestartAfterCollapse = 3, Seed = 3 });
        var before = search.Policy.StateDict()["0.weight"].ToArray<float>();
        Assert.False(search.Step().Restarted);
        Assert.False(search.Step().Restarted);
        Assert.True(search.Step().Restarted);
        Assert.Equal(1, search.Restarts);
        Assert.Empty(search.Survivors);
        Assert.Equal(1, search.Best.Reward);
        Assert.NotEqual(before, search.Policy.StateDict()["0.weight"].ToArray<float>());
        var never = new CrossEntropyMethod(new Flat(6), new CrossEntropyOptions { Sessions = 50, Hidden = [8], Seed = 3 });
        for (int g = 0; g < 5; g++)
        {
            Assert.False(never.Step().Restarted);
        }
        Assert.Equal(5, never.CollapsedGenerations);
    }

    [Fact]
    public void Bad_options_are_explained()
    {
        var environment = new Ones(4);
        Assert.Contains("sessions", Assert.Throws<ArgumentException>(() => new CrossEntropyMethod(environment, new CrossEntropyOptions { Sessions = 1 })).Message);
        Assert.Contains("unknown optimiser 'lbfgs'", Assert.Throws<ArgumentException>(() => new CrossEntropyMethod(environment, new CrossEntropyOptions { Optimizer = "lbfgs" })).Message);
        Assert.Contains("percentiles", Assert.Throws<ArgumentException>(() => new CrossEntropyMethod(environment, new CrossEntropyOptions { ElitePercentile = 100 })).Message);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 + 1e-4 * Math.Abs(expected[i]), $"index {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
