using Leibniz.Causal.Graphs;

namespace Leibniz.Causal.Discovery;

/// <summary>
/// A graph with directed (i → j) and undirected (i — j) edges on vertices 0 … n − 1: what the PC algorithm returns, a
/// completed partially directed acyclic graph (CPDAG) whose undirected edges are those the data cannot orient. The
/// CPDAG of a DAG (<see cref="Cpdag(Dag)"/>) stands for its Markov equivalence class.
/// </summary>
public sealed class PartiallyDirectedGraph
{
    private readonly bool[,] _adjacent;
    private readonly bool[,] _arrow;

    /// <summary>The complete undirected graph on <paramref name="count"/> vertices.</summary>
    internal PartiallyDirectedGraph(int count)
    {
        Count = count;
        _adjacent = new bool[count, count];
        _arrow = new bool[count, count];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < count; j++)
            {
                _adjacent[i, j] = i != j;
            }
        }
    }

    /// <summary>The number of vertices.</summary>
    public int Count { get; }

    /// <summary>Whether i and j are joined by an edge of either kind.</summary>
    public bool IsAdjacent(int i, int j) => _adjacent[i, j];

    /// <summary>Whether the edge i → j is present (directed).</summary>
    public bool IsDirected(int i, int j) => _arrow[i, j];

    /// <summary>Whether the edge i — j is present and undirected.</summary>
    public bool IsUndirected(int i, int j) => _adjacent[i, j] && !_arrow[i, j] && !_arrow[j, i];

    /// <summary>The number of directed edges.</summary>
    public int DirectedCount => Pairs().Count(p => _arrow[p.I, p.J] || _arrow[p.J, p.I]);

    /// <summary>The number of undirected edges.</summary>
    public int UndirectedCount => Pairs().Count(p => IsUndirected(p.I, p.J));

    /// <summary>The neighbours of i (adjacent by either kind of edge), in increasing order.</summary>
    public int[] Neighbours(int i) => [.. Enumerable.Range(0, Count).Where(j => _adjacent[i, j])];

    /// <summary>
    /// The CPDAG of a DAG: its skeleton with the edges of its v-structures (i → k ← j, i and j not adjacent) directed,
    /// then closed under Meek's rules (<see cref="MeekRules"/>); the edges left undirected are reversible within the
    /// Markov equivalence class (Meek 1995).
    /// </summary>
    public static PartiallyDirectedGraph Cpdag(Dag dag)
    {
        int n = dag.Count;
        var g = new PartiallyDirectedGraph(n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (i != j && !dag[i, j] && !dag[j, i])
                {
                    g.Remove(i, j);
                }
            }
        }
        for (int k = 0; k < n; k++)
        {
            var parents = dag.Parents(k);
            foreach (int i in parents)
            {
                foreach (int j in parents)
                {
                    if (i < j && !g.IsAdjacent(i, j))
                    {
                        g.Orient(i, k);
                        g.Orient(j, k);
                    }
                }
            }
        }
        MeekRules.Apply(g, BackgroundKnowledge.None(n));
        return g;
    }

    /// <summary>The DAG itself, every edge directed (to compare a DAG estimate with a CPDAG one).</summary>
    public static PartiallyDirectedGraph FromDag(Dag dag)
    {
        var g = new PartiallyDirectedGraph(dag.Count);
        for (int i = 0; i < dag.Count; i++)
        {
            for (int j = i + 1; j < dag.Count; j++)
            {
                if (dag[i, j])
                {
                    g.Orient(i, j);
                }
                else if (dag[j, i])
                {
                    g.Orient(j, i);
                }
                else
                {
                    g.Remove(i, j);
                }
            }
        }
        return g;
    }

    /// <summary>The graph as a DAG when every edge is directed (and acyclic), else null.</summary>
    public Dag? AsDag()
    {
        if (UndirectedCount > 0)
        {
            return null;
        }
        var a = (bool[,])_arrow.Clone();
        return Dag.IsAcyclic(a) ? new Dag(a) : null;
    }

    /// <summary>Removes the edge between i and j.</summary>
    internal void Remove(int i, int j)
    {
        _adjacent[i, j] = _adjacent[j, i] = false;
        _arrow[i, j] = _arrow[j, i] = false;
    }

    /// <summary>Directs the edge between i and j as i → j.</summary>
    internal void Orient(int i, int j)
    {
        _arrow[i, j] = true;
        _arrow[j, i] = false;
    }

    /// <summary>Whether a directed path i → … → j exists (through directed edges only; i itself counts).</summary>
    internal bool HasDirectedPath(int i, int j)
    {
        var seen = new bool[Count];
        var stack = new Stack<int>([i]);
        seen[i] = true;
        while (stack.Count > 0)
        {
            int v = stack.Pop();
            if (v == j)
            {
                return true;
            }
            for (int w = 0; w < Count; w++)
            {
                if (_arrow[v, w] && !seen[w])
                {
                    seen[w] = true;
                    stack.Push(w);
                }
            }
        }
        return false;
    }

    private IEnumerable<(int I, int J)> Pairs()
    {
        for (int i = 0; i < Count; i++)
        {
            for (int j = i + 1; j < Count; j++)
            {
                if (_adjacent[i, j])
                {
                    yield return (i, j);
                }
            }
        }
    }
}
