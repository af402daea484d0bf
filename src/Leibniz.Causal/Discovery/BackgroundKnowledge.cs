namespace Leibniz.Causal.Discovery;

/// <summary>
/// What is known about the graph before the data are seen: edges that must be present, edges that must be absent,
/// and tiers (a temporal order: a variable of a later tier cannot cause one of an earlier tier, so i → j is
/// forbidden when tier(i) &gt; tier(j)). The discovery methods (<see cref="Notears"/>, <see cref="Dagma"/>,
/// <see cref="PcAlgorithm"/>) never return a forbidden edge and always return the required ones.
/// </summary>
public sealed class BackgroundKnowledge
{
    private readonly bool[,] _required;
    private readonly bool[,] _forbidden;

    /// <summary>Knowledge about <paramref name="count"/> variables.</summary>
    /// <param name="count">The number of variables.</param>
    /// <param name="required">Edges (from, to) that must be in the graph.</param>
    /// <param name="forbidden">Edges (from, to) that must not be.</param>
    /// <param name="tiers">A tier for each variable (any integers; smaller is earlier), or null for none.</param>
    /// <exception cref="ArgumentException">A vertex is out of range, an edge is both required and forbidden (also by the tiers), the tiers have the wrong length, or the required edges form a cycle.</exception>
    public BackgroundKnowledge(int count, IEnumerable<(int From, int To)>? required = null, IEnumerable<(int From, int To)>? forbidden = null, IReadOnlyList<int>? tiers = null)
    {
        Count = count;
        _required = new bool[count, count];
        _forbidden = new bool[count, count];
        if (tiers is not null && tiers.Count != count)
        {
            throw new ArgumentException($"BackgroundKnowledge: {tiers.Count} tiers for {count} variables; give one tier per variable.", nameof(tiers));
        }
        foreach (var (from, to) in forbidden ?? [])
        {
            Check(from, to, nameof(forbidden));
            _forbidden[from, to] = true;
        }
        for (int i = 0; i < count && tiers is not null; i++)
        {
            for (int j = 0; j < count; j++)
            {
                _forbidden[i, j] |= tiers[i] > tiers[j];
            }
        }
        foreach (var (from, to) in required ?? [])
        {
            Check(from, to, nameof(required));
            if (_forbidden[from, to])
            {
                throw new ArgumentException($"BackgroundKnowledge: the edge {from} → {to} is required and also forbidden{(tiers is not null && tiers[from] > tiers[to] ? $" (tier {tiers[from]} after tier {tiers[to]})" : "")}.", nameof(required));
            }
            _required[from, to] = true;
        }
        if (!Graphs.Dag.IsAcyclic(_required))
        {
            throw new ArgumentException("BackgroundKnowledge: the required edges form a directed cycle.", nameof(required));
        }
    }

    /// <summary>No knowledge about <paramref name="count"/> variables.</summary>
    public static BackgroundKnowledge None(int count) => new(count);

    /// <summary>The number of variables.</summary>
    public int Count { get; }

    /// <summary>Whether i → j must be in the graph.</summary>
    public bool IsRequired(int i, int j) => _required[i, j];

    /// <summary>Whether i → j must not be in the graph (listed, or against the tiers).</summary>
    public bool IsForbidden(int i, int j) => _forbidden[i, j];

    /// <summary>Whether the variables are those of a d-variable problem.</summary>
    /// <exception cref="ArgumentException">They are not.</exception>
    internal void CheckCount(int d, string method)
    {
        if (Count != d)
        {
            throw new ArgumentException($"{method}: the background knowledge is about {Count} variables and the data have {d}.");
        }
    }

    private void Check(int from, int to, string parameter)
    {
        if (from < 0 || from >= Count || to < 0 || to >= Count || from == to)
        {
            throw new ArgumentOutOfRangeException(parameter, $"BackgroundKnowledge: the edge {from} → {to} is not between two distinct variables of 0 … {Count - 1}.");
        }
    }
}
