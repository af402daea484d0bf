using Leibniz.Causal.Graphs;
using Leibniz.Numerics;

namespace Leibniz.Causal.Models;

/// <summary>The mechanisms of <see cref="NonlinearSem"/>, as NOTEARS' and DAGMA's simulators draw them.</summary>
public enum MechanismKind
{
    /// <summary>A random one-hidden-layer network: <c>f(x) = σ(x W₁) w₂</c>, 100 sigmoid units (<c>mlp</c>).</summary>
    Mlp,

    /// <summary>A multiple-index model: <c>f(x) = tanh(x·w₁) + cos(x·w₂) + sin(x·w₃)</c> (<c>mim</c>).</summary>
    Index,

    /// <summary>
    /// An additive model: <c>f(x) = Σ_i g_i(x_i)</c>, each g_i a random one-input network of 100 sigmoid units (in place
    /// of the simulators' <c>gp-add</c>, whose Gaussian-process draws exist only at the sampled points).
    /// </summary>
    Additive,
}

/// <summary>
/// A nonlinear additive-noise model <c>X_j = f_j(X_pa(j)) + N_j</c> whose mechanisms are drawn once at random
/// (weights uniform on [−2, −0.5] ∪ [0.5, 2]), so that samples, interventions and counterfactuals all use the same f_j.
/// </summary>
public sealed class NonlinearSem : AdditiveNoiseModel
{
    private const int Hidden = 100;
    private readonly double[][][] _parameters;

    private NonlinearSem(Dag graph, MechanismKind kind, double[][][] parameters, NoiseKind noise, double[]? scales)
        : base(graph, noise, scales)
    {
        Kind = kind;
        _parameters = parameters;
    }

    /// <summary>The mechanism family.</summary>
    public MechanismKind Kind { get; }

    /// <summary>A model on <paramref name="graph"/> with mechanisms of the given kind drawn from <paramref name="generator"/>.</summary>
    public static NonlinearSem Random(Dag graph, MechanismKind kind, Generator generator, NoiseKind noise = NoiseKind.Gaussian, double[]? scales = null)
    {
        var parameters = new double[graph.Count][][];
        for (int j = 0; j < graph.Count; j++)
        {
            int p = graph.Parents(j).Length;
            parameters[j] = kind switch
            {
                // W₁ as p rows of 100, then w₂.
                MechanismKind.Mlp => [.. Enumerable.Range(0, p).Select(_ => Draw(Hidden, generator)), Draw(Hidden, generator)],
                MechanismKind.Index => [Draw(p, generator), Draw(p, generator), Draw(p, generator)],
                // For each parent its w₁ (100) and w₂ (100).
                MechanismKind.Additive => [.. Enumerable.Range(0, 2 * p).Select(_ => Draw(Hidden, generator))],
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "NonlinearSem: unknown mechanism kind."),
            };
        }
        return new NonlinearSem(graph, kind, parameters, noise, scales);
    }

    /// <inheritdoc/>
    public override double Mechanism(int j, ReadOnlySpan<double> row)
    {
        var parents = Graph.Parents(j);
        if (parents.Length == 0)
        {
            return 0;
        }
        var w = _parameters[j];
        switch (Kind)
        {
            case MechanismKind.Mlp:
            {
                double sum = 0;
                for (int h = 0; h < Hidden; h++)
                {
                    double pre = 0;
                    for (int a = 0; a < parents.Length; a++)
                    {
                        pre += row[parents[a]] * w[a][h];
                    }
                    sum += Sigmoid(pre) * w[parents.Length][h];
                }
                return sum;
            }
            case MechanismKind.Index:
            {
                double d1 = 0, d2 = 0, d3 = 0;
                for (int a = 0; a < parents.Length; a++)
                {
                    double v = row[parents[a]];
                    d1 += v * w[0][a];
                    d2 += v * w[1][a];
                    d3 += v * w[2][a];
                }
                return Math.Tanh(d1) + Math.Cos(d2) + Math.Sin(d3);
            }
            default:
            {
                double sum = 0;
                for (int a = 0; a < parents.Length; a++)
                {
                    double v = row[parents[a]];
                    for (int h = 0; h < Hidden; h++)
                    {
                        sum += Sigmoid(v * w[2 * a][h]) * w[2 * a + 1][h];
                    }
                }
                return sum;
            }
        }
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static double[] Draw(int count, Generator generator) => [.. Enumerable.Range(0, count).Select(_ => SignedUniform(generator))];
}
