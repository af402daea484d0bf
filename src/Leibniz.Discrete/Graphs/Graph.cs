using System.Numerics;

namespace Leibniz.Graphs;

/// <summary>
/// A simple undirected graph on vertices 0 … n−1 (n ≤ 64), stored as one 64-bit neighbourhood mask per vertex:
/// bit j of <c>Neighbours(i)</c> is set when {i, j} is an edge. Immutable.
/// </summary>
public sealed class Graph : IEquatable<Graph>
{
    /// <summary>The largest order a <see cref="Graph"/> can have.</summary>
    public const int MaxOrder = 64;

    private readonly ulong[] _adjacency;

    private Graph(ulong[] adjacency) => _adjacency = adjacency;

    /// <summary>The number of vertices n.</summary>
    public int Order => _adjacency.Length;

    /// <summary>The number of edges m = ½ Σ deg(v).</summary>
    public int Size
    {
        get
        {
            int twice = 0;
            foreach (ulong row in _adjacency)
            {
                twice += BitOperations.PopCount(row);
            }
            return twice / 2;
        }
    }

    /// <summary>The graph on <paramref name="order"/> vertices with the given edges (duplicates are ignored).</summary>
    /// <exception cref="ArgumentException">A loop, a vertex out of range, or an order outside 0 … 64.</exception>
    public static Graph FromEdges(int order, IEnumerable<(int A, int B)> edges)
    {
        CheckOrder(order);
        var adjacency = new ulong[order];
        foreach (var (a, b) in edges)
        {
            if (a < 0 || b < 0 || a >= order || b >= order)
            {
                throw new ArgumentException($"Graph: edge ({a}, {b}) has a vertex outside 0 … {order - 1}.", nameof(edges));
            }
            if (a == b)
            {
                throw new ArgumentException($"Graph: loop at vertex {a}; only simple graphs are supported.", nameof(edges));
            }
            adjacency[a] |= 1UL << b;
            adjacency[b] |= 1UL << a;
        }
        return new Graph(adjacency);
    }

    /// <summary>
    /// The graph whose edges are the ones of a 0/1 word over the pairs i &lt; j in the order
    /// (0,1), (0,2), …, (0,n−1), (1,2), …, (n−2,n−1) — the order of Wagner's construction.
    /// </summary>
    /// <exception cref="ArgumentException">The word's length is not n(n−1)/2.</exception>
    public static Graph FromWord(int order, ReadOnlySpan<byte> word)
    {
        CheckOrder(order);
        if (word.Length != order * (order - 1) / 2)
        {
            throw new ArgumentException($"Graph: a word for {order} vertices has n(n−1)/2 = {order * (order - 1) / 2} letters; got {word.Length}.", nameof(word));
        }
        var adjacency = new ulong[order];
        int k = 0;
        for (int i = 0; i < order; i++)
        {
            for (int j = i + 1; j < order; j++, k++)
            {
                if (word[k] != 0)
                {
                    adjacency[i] |= 1UL << j;
                    adjacency[j] |= 1UL << i;
                }
            }
        }
        return new Graph(adjacency);
    }

    /// <summary>The 0/1 word of this graph in the order of <see cref="FromWord"/>.</summary>
    public byte[] ToWord()
    {
        int n = Order;
        var word = new byte[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++, k++)
            {
                word[k] = HasEdge(i, j) ? (byte)1 : (byte)0;
            }
        }
        return word;
    }

    /// <summary>The index of the pair (i, j), i &lt; j, in a word over <paramref name="order"/> vertices.</summary>
    public static int PairIndex(int order, int i, int j) => i * (2 * order - i - 1) / 2 + (j - i - 1);

    /// <summary>The neighbourhood of <paramref name="v"/> as a bit mask.</summary>
    public ulong Neighbours(int v) => _adjacency[v];

    /// <summary>All neighbourhood masks.</summary>
    public ReadOnlySpan<ulong> AdjacencyMasks => _adjacency;

    /// <summary>Whether {i, j} is an edge.</summary>
    public bool HasEdge(int i, int j) => (_adjacency[i] >> j & 1) != 0;

    /// <summary>deg(v) = |N(v)|.</summary>
    public int Degree(int v) => BitOperations.PopCount(_adjacency[v]);

    /// <summary>The edges (i, j) with i &lt; j in lexicographic order.</summary>
    public IEnumerable<(int A, int B)> Edges()
    {
        for (int i = 0; i < Order; i++)
        {
            for (int j = i + 1; j < Order; j++)
            {
                if (HasEdge(i, j))
                {
                    yield return (i, j);
                }
            }
        }
    }

    /// <summary>The adjacency matrix A (A[i, j] = 1 when {i, j} is an edge).</summary>
    public long[,] AdjacencyMatrix()
    {
        int n = Order;
        var a = new long[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i, j] = HasEdge(i, j) ? 1 : 0;
            }
        }
        return a;
    }

    /// <summary>The complement: {i, j} is an edge exactly when it is not one here.</summary>
    public Graph Complement()
    {
        int n = Order;
        ulong all = n == 64 ? ulong.MaxValue : (1UL << n) - 1;
        var adjacency = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            adjacency[i] = all & ~_adjacency[i] & ~(1UL << i);
        }
        return new Graph(adjacency);
    }

    /// <inheritdoc/>
    public bool Equals(Graph? other) => other is not null && _adjacency.AsSpan().SequenceEqual(other._adjacency);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Graph);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (ulong row in _adjacency)
        {
            hash.Add(row);
        }
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => $"Graph(n = {Order}, m = {Size}, graph6 {Graph6.Encode(this)})";

    private static void CheckOrder(int order)
    {
        if (order < 0 || order > MaxOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, $"Graph: the order must lie in 0 … {MaxOrder}.");
        }
    }
}
