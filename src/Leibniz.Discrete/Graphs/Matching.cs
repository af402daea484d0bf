using System.Numerics;

namespace Leibniz.Graphs;

/// <summary>
/// Maximum matchings. The matching number μ(G) is the largest number of pairwise disjoint edges.
/// </summary>
public static class Matching
{
    /// <summary>
    /// A maximum matching by Edmonds' blossom algorithm (1965): grow alternating trees from each free vertex by
    /// breadth-first search; an edge between two even vertices of one tree closes an odd cycle (a blossom), which
    /// is shrunk to its base; reaching a free vertex gives an augmenting path, along which the matching is flipped.
    /// O(n³). Returns mate[v] (−1 for an unmatched vertex).
    /// </summary>
    public static int[] Maximum(Graph graph)
    {
        int n = graph.Order;
        var mate = new int[n];
        Array.Fill(mate, -1);
        var state = new Search(graph, mate);
        for (int v = 0; v < n; v++)
        {
            if (mate[v] == -1)
            {
                // A quick greedy step before the search: match v to any free neighbour.
                int free = -1;
                for (ulong f = graph.Neighbours(v); f != 0; f &= f - 1)
                {
                    int u = BitOperations.TrailingZeroCount(f);
                    if (mate[u] == -1)
                    {
                        free = u;
                        break;
                    }
                }
                if (free >= 0)
                {
                    mate[v] = free;
                    mate[free] = v;
                }
            }
        }
        for (int v = 0; v < n; v++)
        {
            if (mate[v] == -1)
            {
                int u = state.FindAugmentingPath(v);
                while (u != -1)
                {
                    int pu = state.Parent[u];
                    int next = mate[pu];
                    mate[u] = pu;
                    mate[pu] = u;
                    u = next;
                }
            }
        }
        return mate;
    }

    /// <summary>The matching number μ(G) by <see cref="Maximum"/>.</summary>
    public static int Number(Graph graph) => Maximum(graph).Count(m => m >= 0) / 2;

    /// <summary>
    /// μ(G) by exhaustive recursion over vertex sets (a second, independent algorithm for certificates):
    /// ν(S) = max(ν(S − v), max_{u ∈ N(v) ∩ S} 1 + ν(S − v − u)) with v the lowest vertex of S, memoised
    /// over all 2ⁿ subsets. n ≤ 26.
    /// </summary>
    /// <exception cref="ArgumentException">n &gt; 26.</exception>
    public static int NumberByExhaustion(Graph graph)
    {
        int n = graph.Order;
        if (n > 26)
        {
            throw new ArgumentException($"Matching: exhaustive search is limited to 26 vertices; the graph has {n}.", nameof(graph));
        }
        var memo = new sbyte[1 << n];
        Array.Fill(memo, (sbyte)-1);
        return Nu((1 << n) - 1);

        int Nu(int set)
        {
            if (set == 0)
            {
                return 0;
            }
            if (memo[set] >= 0)
            {
                return memo[set];
            }
            int v = BitOperations.TrailingZeroCount(set);
            int rest = set & ~(1 << v);
            int best = Nu(rest);
            for (ulong f = graph.Neighbours(v) & (ulong)rest; f != 0; f &= f - 1)
            {
                int u = BitOperations.TrailingZeroCount(f);
                best = Math.Max(best, 1 + Nu(rest & ~(1 << u)));
            }
            memo[set] = (sbyte)best;
            return best;
        }
    }

    private sealed class Search(Graph graph, int[] mate)
    {
        private readonly int _n = graph.Order;
        private readonly int[] _base = new int[graph.Order];
        private readonly bool[] _used = new bool[graph.Order];
        private readonly bool[] _blossom = new bool[graph.Order];
        private readonly bool[] _onPath = new bool[graph.Order];
        private readonly int[] _queue = new int[graph.Order];

        public int[] Parent { get; } = new int[graph.Order];

        public int FindAugmentingPath(int root)
        {
            Array.Fill(_used, false);
            Array.Fill(Parent, -1);
            for (int i = 0; i < _n; i++)
            {
                _base[i] = i;
            }
            _used[root] = true;
            int head = 0, tail = 0;
            _queue[tail++] = root;
            while (head < tail)
            {
                int v = _queue[head++];
                for (ulong f = graph.Neighbours(v); f != 0; f &= f - 1)
                {
                    int to = BitOperations.TrailingZeroCount(f);
                    if (_base[v] == _base[to] || mate[v] == to)
                    {
                        continue;
                    }
                    if (to == root || (mate[to] != -1 && Parent[mate[to]] != -1))
                    {
                        int top = CommonBase(v, to);
                        Array.Fill(_blossom, false);
                        MarkPath(v, top, to);
                        MarkPath(to, top, v);
                        for (int i = 0; i < _n; i++)
                        {
                            if (_blossom[_base[i]])
                            {
                                _base[i] = top;
                                if (!_used[i])
                                {
                                    _used[i] = true;
                                    _queue[tail++] = i;
                                }
                            }
                        }
                    }
                    else if (Parent[to] == -1)
                    {
                        Parent[to] = v;
                        if (mate[to] == -1)
                        {
                            return to;
                        }
                        _used[mate[to]] = true;
                        _queue[tail++] = mate[to];
                    }
                }
            }
            return -1;
        }

        private int CommonBase(int a, int b)
        {
            Array.Fill(_onPath, false);
            while (true)
            {
                a = _base[a];
                _onPath[a] = true;
                if (mate[a] == -1)
                {
                    break;
                }
                a = Parent[mate[a]];
            }
            while (true)
            {
                b = _base[b];
                if (_onPath[b])
                {
                    return b;
                }
                b = Parent[mate[b]];
            }
        }

        private void MarkPath(int v, int top, int child)
        {
            while (_base[v] != top)
            {
                _blossom[_base[v]] = _blossom[_base[mate[v]]] = true;
                Parent[v] = child;
                child = mate[v];
                v = Parent[mate[v]];
            }
        }
    }
}
