using Leibniz.Causal.Graphs;
using Leibniz.Numerics;

namespace Leibniz.Causal.Models;

/// <summary>
/// A structural causal model with additive noise over a DAG: <c>X_j = f_j(X_pa(j)) + N_j</c>, the noises independent of
/// one kind with per-variable scales. Interventions <c>do(X_j = v)</c> replace an equation by a constant; soft
/// interventions shift it; counterfactuals follow abduction–action–prediction (Pearl 2009, §7.1), exact for additive
/// noise because the noise of a unit is recovered from its observation, <c>N_j = x_j − f_j(x_pa(j))</c>.
/// </summary>
public abstract class AdditiveNoiseModel
{
    /// <summary>The model on <paramref name="graph"/> with noises of one kind and the given scales (default 1).</summary>
    /// <exception cref="ArgumentException">The scales do not match the graph.</exception>
    protected AdditiveNoiseModel(Dag graph, NoiseKind noise, double[]? scales)
    {
        Graph = graph;
        Noise = noise;
        Scales = scales ?? [.. Enumerable.Repeat(1.0, graph.Count)];
        if (Scales.Length != graph.Count)
        {
            throw new ArgumentException($"{GetType().Name}: {Scales.Length} noise scales for {graph.Count} variables; give one per variable.", nameof(scales));
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

    /// <summary>f_j at a unit whose values (all variables; only the parents of j are read) are <paramref name="row"/>.</summary>
    public abstract double Mechanism(int j, ReadOnlySpan<double> row);

    /// <summary>
    /// n samples [n, d] in causal order. <paramref name="intervention"/> sets variables (do(X_j = v)): their equations
    /// are replaced by the constant; <paramref name="shift"/> adds a constant to the equations of others (a soft
    /// intervention).
    /// </summary>
    public double[,] Sample(int n, Generator generator, IReadOnlyDictionary<int, double>? intervention = null, IReadOnlyDictionary<int, double>? shift = null)
    {
        var x = new double[n, Count];
        var row = new double[Count];
        for (int r = 0; r < n; r++)
        {
            Array.Clear(row);
            foreach (int j in Graph.TopologicalOrder)
            {
                if (intervention is not null && intervention.TryGetValue(j, out double value))
                {
                    row[j] = value;
                    continue;
                }
                double sum = Models.Noise.Draw(Noise, Scales[j], generator);
                if (shift is not null && shift.TryGetValue(j, out double delta))
                {
                    sum += delta;
                }
                row[j] = sum + Mechanism(j, row);
            }
            for (int j = 0; j < Count; j++)
            {
                x[r, j] = row[j];
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
            throw new ArgumentException($"{GetType().Name}.Counterfactual: the observation has {observed.Length} values for {Count} variables.", nameof(observed));
        }
        var noise = new double[Count];
        foreach (int j in Graph.TopologicalOrder)
        {
            noise[j] = observed[j] - Mechanism(j, observed);
        }
        var result = new double[Count];
        foreach (int j in Graph.TopologicalOrder)
        {
            result[j] = intervention.TryGetValue(j, out double value) ? value : noise[j] + Mechanism(j, result);
        }
        return result;
    }

    /// <summary>Random weights as NOTEARS draws them: uniform on [−high, −low] ∪ [low, high], the sign by a fair coin.</summary>
    protected static double SignedUniform(Generator generator, double low = 0.5, double high = 2.0)
    {
        double magnitude = low + (high - low) * generator.NextDouble();
        return generator.NextDouble() < 0.5 ? -magnitude : magnitude;
    }
}
