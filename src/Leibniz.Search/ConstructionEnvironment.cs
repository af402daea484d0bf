using Leibniz.Graphs;
using Leibniz.Graphs.Conjectures;

namespace Leibniz.Search;

/// <summary>
/// What a construction search builds: a word of <see cref="WordLength"/> binary decisions, scored when finished.
/// <see cref="Reward"/> must be safe to call from several threads at once.
/// </summary>
public interface IConstructionEnvironment
{
    /// <summary>L, the number of decisions.</summary>
    int WordLength { get; }

    /// <summary>The reward of a finished word (larger is better).</summary>
    double Reward(ReadOnlySpan<byte> word);

    /// <summary>Whether a reward marks a solution (for a conjecture: a counterexample candidate).</summary>
    bool IsSolution(double reward);
}

/// <summary>
/// Graphs on n vertices built one edge decision at a time — one letter per pair i &lt; j in the order
/// (0,1), (0,2), …, (n−2,n−1) — scored by how far a conjecture is from holding (<see cref="Conjecture.Reward(GraphFacts)"/>).
/// </summary>
public sealed class GraphConjectureEnvironment(Conjecture conjecture, int order) : IConstructionEnvironment
{
    /// <summary>The conjecture.</summary>
    public Conjecture Conjecture { get; } = conjecture;

    /// <summary>The number of vertices n.</summary>
    public int Order { get; } = order;

    /// <inheritdoc/>
    public int WordLength => Order * (Order - 1) / 2;

    /// <inheritdoc/>
    public double Reward(ReadOnlySpan<byte> word) => Conjecture.Reward(Graph.FromWord(Order, word));

    /// <inheritdoc/>
    public bool IsSolution(double reward) => Conjecture.IsCounterexample(reward);
}
