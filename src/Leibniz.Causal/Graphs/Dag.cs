namespace Leibniz.Causal.Graphs;

/// <summary>
/// A directed graph on vertices 0 … n − 1 given by its adjacency matrix (an edge i → j when <c>this[i, j]</c>), checked
/// acyclic when built. Edges are read, not changed: build a new graph for another edge set.
/// </summary>
public sealed class Dag
{
    private readonly bool[,] _edges;

    /// <summary>The graph with the edges of <paramref name="adjacency"/> (i → j where adjacency[i, j]).</summary>
    /// <exception cref="ArgumentException">The matrix is not square, has a self-loop, or its graph has a cycle.</exception>
    public Dag(bool[,] adjacency)
    {
        int n = adjacency.GetLength(0);
        if (adjacency.GetLength(1) != n)
        {
            throw new ArgumentException($"Dag: the adjacency matrix is {n}×{adjacency.GetLength(1)}; it must be square.", nameof(adjacency));
        }
        _edges = (bool[,])adjacency.Clone();
        Count = n;
        for (int i = 0; i < n; i++)
        {
            if (_edges[i, i])
            {
                throw new ArgumentException($"Dag: vertex {i} has an edge to itself.", nameof(adjacency));
            }
        }
        TopologicalOrder = Order(_edges) ?? throw new ArgumentException($"Dag: the graph has a cycle (through {string.Join(" → ", Cycle(_edges))}).", nameof(adjacency));
    }

    /// <summary>The graph of the nonzero entries of a weighted adjacency matrix (|w| &gt; <paramref name="threshold"/>).</summary>
    public static Dag FromWeights(double[,] weights, double threshold = 0)
    {
        int n = weights.GetLength(0);
        var a = new bool[n, weights.GetLength(1)];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < a.GetLength(1); j++)
            {
                a[i, j] = Math.Abs(weights[i, j]) > threshold;
            }
        }
        return new Dag(a);
    }

    /// <summary>The graph with the listed edges (from, to) on <paramref name="count"/> vertices.</summary>
    public static Dag FromEdges(int count, params (int From, int To)[] edges)
    {
        var a = new bool[count, count];
        foreach (var (from, to) in edges)
        {
            if (from < 0 || from >= count || to < 0 || to >= count)
            {
                throw new ArgumentOutOfRangeException(nameof(edges), $"Dag: edge {from} → {to} has a vertex outside 0 … {count - 1}.");
            }
            a[from, to] = true;
        }
        return new Dag(a);
    }

    /// <summary>The number of vertices.</summary>
    public int Count { get; }

    /// <summary>The vertices in an order where every edge goes forwards (Kahn's algorithm, smallest index first).</summary>
    public IReadOnlyList<int> TopologicalOrder { get; }

    /// <summary>Whether the edge i → j is present.</summary>
    public bool this[int i, int j] => _edges[i, j];

    /// <summary>The number of edges.</summary>
    public int EdgeCount
    {
        get
        {
            int count = 0;
            foreach (bool e in _edges)
            {
                count += e ? 1 : 0;
            }
            return count;
        }
    }

    /// <summary>A copy of the adjacency matrix.</summary>
    public bool[,] Adjacency => (bool[,])_edges.Clone();

    /// <summary>The parents of j (i with i → j), in increasing order.</summary>
    public int[] Parents(int j) => [.. Enumerable.Range(0, Count).Where(i => _edges[i, j])];

    /// <summary>The children of i (j with i → j), in increasing order.</summary>
    public int[] Children(int i) => [.. Enumerable.Range(0, Count).Where(j => _edges[i, j])];

    /// <summary>The descendants of <paramref name="vertex"/> (reachable by directed paths), itself included.</summary>
    public HashSet<int> Descendants(int vertex)
    {
        var seen = new HashSet<int> { vertex };
        var stack = new Stack<int>([vertex]);
        while (stack.Count > 0)
        {
            foreach (int child in Children(stack.Pop()))
            {
                if (seen.Add(child))
                {
                    stack.Push(child);
                }
            }
        }
        return seen;
    }

    /// <summary>The ancestors of the vertices in <paramref name="set"/> (with directed paths into the set), the set included.</summary>
    public HashSet<int> Ancestors(IEnumerable<int> set)
    {
        var seen = new HashSet<int>(set);
        var stack = new Stack<int>(seen);
        while (stack.Count > 0)
        {
            foreach (int parent in Parents(stack.Pop()))
            {
                if (seen.Add(parent))
                {
                    stack.Push(parent);
                }
            }
        }
        return seen;
    }

    /// <summary>Whether the matrix's graph has no directed cycle.</summary>
    public static bool IsAcyclic(bool[,] adjacency) => Order(adjacency) is not null;

    /// <summary>Kahn's algorithm; null when a cycle remains.</summary>
    private static int[]? Order(bool[,] a)
    {
        int n = a.GetLength(0);
        var indegree = new int[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                indegree[j] += a[i, j] ? 1 : 0;
            }
        }
        var ready = new SortedSet<int>(Enumerable.Range(0, n).Where(j => indegree[j] == 0));
        var order = new List<int>(n);
        while (ready.Count > 0)
        {
            int i = ready.Min;
            ready.Remove(i);
            order.Add(i);
            for (int j = 0; j < n; j++)
            {
                if (a[i, j] && --indegree[j] == 0)
                {
                    ready.Add(j);
                }
            }
        }
        return order.Count == n ? [.. order] : null;
    }

    /// <summary>Some directed cycle of a cyclic graph, for the error message.</summary>
    private static IEnumerable<int> Cycle(bool[,] a)
    {
        int n = a.GetLength(0);
        var state = new int[n];
        var path = new List<int>();
        List<int>? found = null;
        void Visit(int i)
        {
            state[i] = 1;
            path.Add(i);
            for (int j = 0; j < n && found is null; j++)
            {
                if (!a[i, j])
                {
                    continue;
                }
                if (state[j] == 1)
                {
                    found = [.. path.Skip(path.IndexOf(j)), j];
                }
                else if (state[j] == 0)
                {
                    Visit(j);
                }
            }
            path.RemoveAt(path.Count - 1);
            state[i] = 2;
        }
        for (int i = 0; i < n && found is null; i++)
        {
            if (state[i] == 0)
            {
                Visit(i);
            }
        }
        return found ?? [];
    }
}
