using Leibniz.Causal.Graphs;
using Leibniz.Numerics;

namespace Leibniz.Causal.Models;

/// <summary>
/// A linear structural equation model with additive noise: <c>X_j = Σ_i W[i, j] X_i + N_j</c> over the DAG of W's
/// nonzero entries, the noises N_j independent. Interventions <c>do(X_j = v)</c> replace an equation by a constant;
/// soft interventions shift it; counterfactuals follow abduction–action–prediction (Pearl 2009, §7.1), exact here
/// because the noise of an additive model is recovered from the observation, <c>N_j = x_j − Σ_i W[i, j] x_i</c>.
/// </summary>
public sealed class LinearSem
{
    private readonly double[,] _weights;

    /// <summary>The model with weights W (d × d; W[i, j] ≠ 0 is the edge i → j), noises of one kind and the given scales (default 1).</summary>
    /// <exception cref="ArgumentException">W is not square, its graph has a cycle, or the scales do not match.</exception>
    public LinearSem(double[,] weights, NoiseKind noise = NoiseKind.Gaussian, double[]? scales = null)
    {
        Graph = Dag.FromWeights(weights);
        _weights = (double[,])weights.Clone();
        Noise = noise;
        Scales = scales ?? [.. Enumerable.Repeat(1.0, Graph.Count)];
        if (Scales.Length != Graph.Count)
        {
            throw new ArgumentException($"LinearSem: {Scales.Length} noise scales for {Graph.Count} variables; give one per variable.", nameof(scales));
        }
    }

    /// <summary>The causal graph.</summary>
    public Dag Graph { get; }

    /// <summary>The number of variables.</summary>
    public int Count => Graph.Count;

    /// <summary>The noise kind.</summary>
    public NoiseKind Noise { get; }

    /// <summary>The noise scales.</summary>
    public double[] Scales { get; }

    /// <summary>W[i, j], the direct effect of X_i on X_j.</summary>
    public double Weight(int i, int j) => _weights[i, j];

    /// <summary>A copy of W.</summary>
    public double[,] Weights => (double[,])_weights.Clone();

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
                    double magnitude = low + (high - low) * generator.NextDouble();
                    w[i, j] = generator.NextDouble() < 0.5 ? -magnitude : magnitude;
                }
            }
        }
        return w;
    }

    /// <summary>
    /// n samples [n, d] in causal order. <paramref name="intervention"/> sets variables (do(X_j = v)): their equations
    /// are replaced by the constant; <paramref name="shift"/> adds a constant to the equations of others (a soft
    /// intervention).
    /// </summary>
    public double[,] Sample(int n, Generator generator, IReadOnlyDictionary<int, double>? intervention = null, IReadOnlyDictionary<int, double>? shift = null)
    {
        var x = new double[n, Count];
        for (int r = 0; r < n; r++)
        {
            foreach (int j in Graph.TopologicalOrder)
            {
                if (intervention is not null && intervention.TryGetValue(j, out double value))
                {
                    x[r, j] = value;
                    continue;
                }
                double sum = Models.Noise.Draw(Noise, Scales[j], generator);
                if (shift is not null && shift.TryGetValue(j, out double delta))
                {
                    sum += delta;
                }
                foreach (int i in Graph.Parents(j))
                {
                    sum += _weights[i, j] * x[r, i];
                }
                x[r, j] = sum;
            }
        }
        return x;
    }

    /// <summary>
    /// The counterfactual "had X_j been v" for one observed unit: abduction (its noises from the observation), action
    /// (the equations of the intervened variables replaced), prediction (the others recomputed with the same noises).
    /// </summary>
    /// <exception cref="ArgumentException">The observation has the wrong length.</exception>
    public double[] Counterfactual(double[] observed, IReadOnlyDictionary<int, double> intervention)
    {
        if (observed.Length != Count)
        {
            throw new ArgumentException($"LinearSem.Counterfactual: the observation has {observed.Length} values for {Count} variables.", nameof(observed));
        }
        var noise = new double[Count];
        foreach (int j in Graph.TopologicalOrder)
        {
            noise[j] = observed[j] - Graph.Parents(j).Sum(i => _weights[i, j] * observed[i]);
        }
        var result = new double[Count];
        foreach (int j in Graph.TopologicalOrder)
        {
            result[j] = intervention.TryGetValue(j, out double value) ? value : noise[j] + Graph.Parents(j).Sum(i => _weights[i, j] * result[i]);
        }
        return result;
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
