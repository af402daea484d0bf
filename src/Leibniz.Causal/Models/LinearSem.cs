using Leibniz.Causal.Graphs;
using Leibniz.Numerics;

namespace Leibniz.Causal.Models;

/// <summary>
/// A linear structural equation model with additive noise: <c>X_j = Σ_i W[i, j] X_i + N_j</c> over the DAG of W's
/// nonzero entries (sampling, interventions and counterfactuals as for every <see cref="AdditiveNoiseModel"/>), with
/// total effects in closed form.
/// </summary>
public sealed class LinearSem : AdditiveNoiseModel
{
    private readonly double[,] _weights;

    /// <summary>The model with weights W (d × d; W[i, j] ≠ 0 is the edge i → j), noises of one kind and the given scales (default 1).</summary>
    /// <exception cref="ArgumentException">W is not square, its graph has a cycle, or the scales do not match.</exception>
    public LinearSem(double[,] weights, NoiseKind noise = NoiseKind.Gaussian, double[]? scales = null)
        : base(Dag.FromWeights(weights), noise, scales)
    {
        _weights = (double[,])weights.Clone();
    }

    /// <summary>W[i, j], the direct effect of X_i on X_j.</summary>
    public double Weight(int i, int j) => _weights[i, j];

    /// <summary>A copy of W.</summary>
    public double[,] Weights => (double[,])_weights.Clone();

    /// <inheritdoc/>
    public override double Mechanism(int j, ReadOnlySpan<double> row)
    {
        double sum = 0;
        foreach (int i in Graph.Parents(j))
        {
            sum += _weights[i, j] * row[i];
        }
        return sum;
    }

    /// <summary>
    /// Weights for a DAG as NOTEARS draws them (<c>simulate_parameter</c>): each edge uniform on [−2, −0.5] ∪ [0.5, 2],
    /// the sign by a fair coin.
    /// </summary>
    public static double[,] RandomWeights(Dag dag, Generator generator, double low = 0.5, double high = 2.0)
    {
        var w = new double[dag.Count, dag.Count];
        for (int i = 0; i < dag.Count; i++)
        {
            for (int j = 0; j < dag.Count; j++)
            {
                if (dag[i, j])
                {
                    w[i, j] = SignedUniform(generator, low, high);
                }
            }
        }
        return w;
    }

    /// <summary>
    /// The total causal effect of X_i on X_j, <c>∂E[X_j | do(X_i = v)]/∂v</c>: the sum over directed paths of the
    /// products of their weights, the (i, j) entry of <c>(I − W)⁻¹</c>.
    /// </summary>
    public double TotalEffect(int i, int j)
    {
        // Propagate a unit change at i through the causal order.
        var change = new double[Count];
        change[i] = 1;
        foreach (int v in Graph.TopologicalOrder)
        {
            if (v == i)
            {
                continue;
            }
            change[v] = Graph.Parents(v).Sum(p => _weights[p, v] * change[p]);
        }
        return change[j];
    }
}
