using Leibniz.Causal.Graphs;

namespace Leibniz.Causal.Discovery;

/// <summary>
/// The perfect test of a known DAG: p = 1 when X_i and X_j are d-separated by X_S (<see cref="DSeparation"/>), 0
/// otherwise. With it the PC algorithm must return the DAG's CPDAG exactly (Spirtes, Glymour &amp; Scheines 2000).
/// </summary>
public sealed class DSeparationOracle(Dag dag) : IConditionalIndependenceTest
{
    /// <inheritdoc/>
    public int Count => dag.Count;

    /// <inheritdoc/>
    public double PValue(int i, int j, IReadOnlyList<int> given) => DSeparation.Separated(dag, i, j, [.. given]) ? 1 : 0;
}
