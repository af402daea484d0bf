using Leibniz.Numerics;
using Leibniz.Optim;
using Leibniz.Tensors;

namespace Leibniz.Reinforcement;

/// <summary>Hyper-parameters of <see cref="Ppo"/>; defaults are deepgroebner's (scripts/train.py).</summary>
public sealed record PpoOptions
{
    /// <summary>γ, the discount.</summary>
    public double Gamma { get; init; } = 0.99;

    /// <summary>λ of generalised advantage estimation.</summary>
    public double Lambda { get; init; } = 0.97;

    /// <summary>ε, the clip range of the probability ratio.</summary>
    public double ClipEpsilon { get; init; } = 0.2;

    /// <summary>Passes over the batch per update.</summary>
    public int PolicyUpdates { get; init; } = 40;

    /// <summary>Stop the passes once the mean KL(old ‖ new) over a pass exceeds this.</summary>
    public double KlLimit { get; init; } = 0.01;

    /// <summary>Transitions per gradient step.</summary>
    public int BatchSize { get; init; } = 64;
}

/// <summary>What one PPO update did.</summary>
public sealed record PpoUpdate(double Loss, double KlDivergence, int Passes);

/// <summary>
/// Proximal policy optimisation with the clipped objective (Schulman et al. 2017):
/// L(θ) = −E[min(ρ A, clip(ρ, 1 − ε, 1 + ε) A)] with ρ = π_θ(a | s)/π_old(a | s), minimised by an optimizer over
/// minibatches for a number of passes, stopping early when the policy has moved too far (mean KL above a limit).
/// </summary>
public static class Ppo
{
    /// <summary>The clipped surrogate loss of a batch.</summary>
    public static Tensor ClippedLoss(Tensor logProbabilities, Tensor oldLogProbabilities, Tensor advantages, double epsilon)
    {
        var ratio = (logProbabilities - oldLogProbabilities).Exp();
        var clipped = ratio.Clamp(1 - epsilon, 1 + epsilon);
        return -(ratio * advantages).Minimum(clipped * advantages).Mean();
    }

    /// <summary>
    /// Sets each transition's advantage (GAE, then normalised over the whole batch) and return from its episode's
    /// rewards and values; <paramref name="episodes"/> are the episodes in order.
    /// </summary>
    public static List<Transition> Assemble(IReadOnlyList<IReadOnlyList<Transition>> episodes, PpoOptions options)
    {
        var all = new List<Transition>();
        var advantages = new List<double>();
        foreach (var episode in episodes)
        {
            var rewards = episode.Select(t => t.Reward).ToArray();
            var a = Advantages.Gae(rewards, [.. episode.Select(t => t.Value)], options.Gamma, options.Lambda);
            var g = Advantages.DiscountedReturns(rewards, options.Gamma);
            for (int t = 0; t < episode.Count; t++)
            {
                episode[t].Return = g[t];
                all.Add(episode[t]);
                advantages.Add(a[t]);
            }
        }
        var normalized = advantages.ToArray();
        Advantages.Normalize(normalized);
        for (int i = 0; i < all.Count; i++)
        {
            all[i].Advantage = normalized[i];
        }
        return all;
    }

    /// <summary>One PPO update of <paramref name="policy"/> on <paramref name="batch"/> (advantages set by <see cref="Assemble"/>).</summary>
    public static PpoUpdate Update(ChoicePolicy policy, Optimizer optimizer, IReadOnlyList<Transition> batch, PpoOptions options, Generator generator)
    {
        double loss = 0, kl = 0;
        int passes = 0;
        for (int pass = 0; pass < options.PolicyUpdates; pass++)
        {
            var order = generator.Permutation(batch.Count);
            double passLoss = 0, passKl = 0;
            int minibatches = 0;
            for (int start = 0; start < batch.Count; start += options.BatchSize)
            {
                var part = order.Skip(start).Take(options.BatchSize).Select(i => batch[i]).ToArray();
                var logp = policy.LogProbabilities(part);
                var old = Tensor.FromArray(part.Select(t => (float)t.LogProbability).ToArray());
                var advantage = Tensor.FromArray(part.Select(t => (float)t.Advantage).ToArray());
                var objective = ClippedLoss(logp, old, advantage, options.ClipEpsilon);
                optimizer.ZeroGrad();
                objective.Backward();
                optimizer.Step();
                passLoss += objective.Item();
                passKl += (old - logp.Detach()).Mean().Item();
                minibatches++;
            }
            loss = passLoss / minibatches;
            kl = passKl / minibatches;
            passes++;
            if (kl > options.KlLimit)
            {
                break;
            }
        }
        return new PpoUpdate(loss, kl, passes);
    }
}
