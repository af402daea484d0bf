using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Optim;
using Leibniz.Reinforcement;
using Leibniz.Tensors;

namespace Leibniz.Tests.Nn;

/// <summary>The policy-gradient component: returns and GAE on known cases, batched log-probabilities, PPO's loss and its gradient.</summary>
public class ReinforcementTests
{
    [Fact]
    public void Discounted_returns_and_GAE_match_their_sums()
    {
        double[] r = [1, 0, -2];
        Assert.Equal([1 + 0.9 * 0 + 0.81 * -2, 0 + 0.9 * -2, -2], Advantages.DiscountedReturns(r, 0.9), new Tolerance());
        double[] v = [0.5, -1, 0.25];
        // λ = 1: A_t = G_t − V(s_t); λ = 0: the one-step residual r_t + γ V(s_{t+1}) − V(s_t).
        var g = Advantages.DiscountedReturns(r, 0.9);
        Assert.Equal(g.Zip(v, (a, b) => a - b).ToArray(), Advantages.Gae(r, v, 0.9, 1.0), new Tolerance());
        Assert.Equal([1 + 0.9 * -1 - 0.5, 0 + 0.9 * 0.25 + 1, -2 - 0.25], Advantages.Gae(r, v, 0.9, 0.0), new Tolerance());
    }

    private static ChoicePolicy Policy(int features, ulong seed)
    {
        var generator = new Generator(seed);
        return new ChoicePolicy(new Sequential(new Linear(features, 8, generator), new Relu(), new Linear(8, 1, generator)), features);
    }

    private static float[] State(int actions, int features, Generator generator) =>
        [.. Enumerable.Range(0, actions * features).Select(_ => (float)generator.NextNormal())];

    [Fact]
    public void A_batch_of_states_of_different_sizes_gets_each_states_own_log_probabilities_and_gradients()
    {
        var policy = Policy(3, 1);
        var generator = new Generator(2);
        var batch = new[] { 4, 1, 7 }.Select((n, i) => new Transition(State(n, 3, generator), n, i % n, 0, 0, 0)).ToArray();
        var together = policy.LogProbabilities(batch);
        var one = batch.Select(t => policy.LogProbabilities(t.State, t.Actions)[t.Action]).ToArray();
        Assert.Equal(one, together.ToArray<float>().Select(x => (double)x).ToArray(), new Tolerance(1e-5));
        Assert.Equal(0.0, one[1], 6);

        together.Sum().Backward();
        var batchGradient = policy.Scorer.Parameters().Select(p => p.Grad!.ToArray<float>()).ToArray();
        policy.Scorer.ZeroGrad();
        Tensor? sum = null;
        foreach (var t in batch)
        {
            var single = policy.LogProbabilities([t]);
            sum = sum is null ? single.Sum() : sum + single.Sum();
        }
        sum!.Backward();
        var parameters = policy.Scorer.Parameters();
        for (int k = 0; k < parameters.Length; k++)
        {
            Assert.Equal(parameters[k].Grad!.ToArray<float>().Select(x => (double)x), batchGradient[k].Select(x => (double)x), new Tolerance(1e-5));
        }
    }

    [Fact]
    public void The_clipped_loss_is_flat_beyond_the_clip_range_and_matches_finite_differences_inside_it()
    {
        var old = Tensor.FromArray(new double[] { -1.0, -0.5, -2.0 });
        var advantage = Tensor.FromArray(new double[] { 1.0, -0.5, 2.0 });
        double Loss(double[] x) => Ppo.ClippedLoss(Tensor.FromArray(x), old, advantage, 0.2).Item();
        double[] at = [-0.95, -0.52, -2.5];
        var logp = Tensor.FromArray(at).RequireGrad();
        Ppo.ClippedLoss(logp, old, advantage, 0.2).Backward();
        var gradient = logp.Grad!.ToArray<double>();
        for (int i = 0; i < at.Length; i++)
        {
            var plus = (double[])at.Clone();
            var minus = (double[])at.Clone();
            plus[i] += 1e-6;
            minus[i] -= 1e-6;
            Assert.Equal((Loss(plus) - Loss(minus)) / 2e-6, gradient[i], 6);
        }
        // Ratio e^{-0.5} ≈ 0.61 < 0.8 with a positive advantage: min(ρA, clip(ρ)A) = ρA still moves; a ratio above
        // 1.2 with a positive advantage is clipped and has no gradient.
        var high = Tensor.FromArray(new double[] { 0.0, -0.5, -2.0 }).RequireGrad();
        Ppo.ClippedLoss(high, old, advantage, 0.2).Backward();
        Assert.Equal(0.0, high.Grad!.ToArray<double>()[0]);
    }

    [Fact]
    public void Ppo_raises_the_probability_of_an_action_with_positive_advantage()
    {
        var policy = Policy(2, 3);
        var generator = new Generator(4);
        var state = State(3, 2, generator);
        double before = policy.LogProbabilities(state, 3)[1];
        var transitions = Enumerable.Range(0, 32).Select(_ => new Transition(state, 3, 1, 0, before, 0) { Advantage = 1 }).ToList();
        var update = Ppo.Update(policy, new Adam(policy.Scorer.Parameters(), 1e-2), transitions, new PpoOptions { PolicyUpdates = 5, KlLimit = 10 }, generator);
        Assert.True(policy.LogProbabilities(state, 3)[1] > before);
        Assert.True(update.Passes >= 1);
    }

    private sealed class Tolerance(double eps = 1e-12) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= eps * Math.Max(1, Math.Abs(a));

        public int GetHashCode(double x) => 0;
    }
}
