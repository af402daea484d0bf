using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Tensors;
using Leibniz.Autograd;

namespace Leibniz.Reinforcement;

/// <summary>
/// A policy over a varying set of actions, each described by a feature row: one network f scores every row, and
/// π(a | s) = softmax_a f(x_a) (deepgroebner's parallel multilayer perceptron). A state is a float32 matrix
/// [actions, features]; batches of states of different sizes are scored in one pass and padded with −∞ before the
/// softmax, so the log-probabilities and their gradients are exactly those of the states one by one.
/// </summary>
public sealed class ChoicePolicy
{
    /// <summary>The policy with <paramref name="scorer"/> mapping [actions, features] to [actions, 1].</summary>
    public ChoicePolicy(Module scorer, int features)
    {
        Scorer = scorer;
        Features = features;
    }

    /// <summary>f.</summary>
    public Module Scorer { get; }

    /// <summary>Features per action.</summary>
    public int Features { get; }

    /// <summary>log π(· | s) for one state of <paramref name="actions"/> rows.</summary>
    public double[] LogProbabilities(float[] state, int actions)
    {
        using var _ = GradMode.NoGrad();
        var scores = Scorer.Forward(Tensor.FromArray(state, actions, Features)).Reshape(actions);
        return [.. scores.LogSoftmax(0).ToArray<float>().Select(v => (double)v)];
    }

    /// <summary>An action drawn from π(· | s), or the most probable one when <paramref name="greedy"/>, with its log-probability.</summary>
    public (int Action, double LogProbability) Act(float[] state, int actions, Generator generator, bool greedy = false)
    {
        var logp = LogProbabilities(state, actions);
        int choice = 0;
        if (greedy)
        {
            for (int a = 1; a < actions; a++)
            {
                if (logp[a] > logp[choice])
                {
                    choice = a;
                }
            }
            return (choice, logp[choice]);
        }
        double u = generator.NextDouble(), cumulative = 0;
        choice = actions - 1;
        for (int a = 0; a < actions; a++)
        {
            cumulative += Math.Exp(logp[a]);
            if (u < cumulative)
            {
                choice = a;
                break;
            }
        }
        return (choice, logp[choice]);
    }

    /// <summary>log π(a_b | s_b) for a batch, differentiable in the scorer's parameters: a tensor [batch].</summary>
    public Tensor LogProbabilities(IReadOnlyList<Transition> batch)
    {
        int total = batch.Sum(t => t.Actions), widest = batch.Max(t => t.Actions);
        var rows = new float[total * Features];
        var index = new long[batch.Count * widest];
        var chosen = new long[batch.Count];
        int offset = 0;
        for (int b = 0; b < batch.Count; b++)
        {
            var t = batch[b];
            Array.Copy(t.State, 0, rows, offset * Features, t.Actions * Features);
            for (int a = 0; a < widest; a++)
            {
                // Padding points at the extra entry −∞ appended below.
                index[b * widest + a] = a < t.Actions ? offset + a : total;
            }
            chosen[b] = t.Action;
            offset += t.Actions;
        }
        var scores = Scorer.Forward(Tensor.FromArray(rows, total, Features)).Reshape(total);
        var padded = Tensor.Cat([scores, Tensor.Full(-1e30, [1], scores.DType)]);
        var table = padded.IndexSelect(0, Tensor.FromArray(index)).Reshape(batch.Count, widest);
        return table.LogSoftmax(1).Gather(1, Tensor.FromArray(chosen, batch.Count, 1)).Reshape(batch.Count);
    }
}

/// <summary>
/// One step of an episode: the state (a float32 matrix [actions, features], row-major), the action taken, the
/// reward, log π of the action when it was taken, the baseline value of the state, and after the episode its
/// advantage and return.
/// </summary>
public sealed record Transition(float[] State, int Actions, int Action, double Reward, double LogProbability, double Value)
{
    /// <summary>The (normalised) advantage, set when the batch is assembled.</summary>
    public double Advantage { get; set; }

    /// <summary>The discounted return from this step.</summary>
    public double Return { get; set; }
}
