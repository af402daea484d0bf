using System.Numerics;

namespace Leibniz.Graphs;

/// <summary>
/// Exact values of the NP-hard invariants by branch and bound on bit masks (practical to a few dozen vertices),
/// and brute force over all vertex subsets as a second, independent check for certificates (n ≤ 24).
/// </summary>
public static class HardInvariants
{
    /// <summary>The largest n for which the subset brute force is allowed.</summary>
    public const int BruteForceLimit = 24;

    /// <summary>
    /// The independence number α(G), the largest set of pairwise non-adjacent vertices:
    /// α(S) = max(α(S − v), 1 + α(S − N[v])) branching on a vertex v of largest degree in S; a vertex of degree
    /// ≤ 1 in S is always taken.
    /// </summary>
    public static int IndependenceNumber(Graph graph) => Alpha(graph, AllVertices(graph.Order));

    /// <summary>The clique number ω(G) = α(Ḡ).</summary>
    public static int CliqueNumber(Graph graph) => IndependenceNumber(graph.Complement());

    /// <summary>
    /// The chromatic number χ(G): the least k for which the vertices can be coloured with k colours so that
    /// adjacent vertices differ; found by backtracking in order of decreasing degree for k = ω(G), ω(G)+1, ….
    /// </summary>
    public static int ChromaticNumber(Graph graph)
    {
        int n = graph.Order;
        if (n == 0)
        {
            return 0;
        }
        int[] order = [.. Enumerable.Range(0, n).OrderByDescending(graph.Degree)];
        var colour = new int[n];
        for (int k = Math.Max(1, CliqueNumber(graph)); ; k++)
        {
            Array.Fill(colour, -1);
            if (Colour(0, k))
            {
                return k;
            }
        }

        bool Colour(int index, int k)
        {
            if (index == n)
            {
                return true;
            }
            int v = order[index];
            int used = 0;
            for (ulong f = graph.Neighbours(v); f != 0; f &= f - 1)
            {
                int c = colour[BitOperations.TrailingZeroCount(f)];
                if (c >= 0)
                {
                    used |= 1 << c;
                }
            }
            int highest = -1;
            for (int i = 0; i < index; i++)
            {
                highest = Math.Max(highest, colour[order[i]]);
            }
            // A new colour is only ever the next unused one: colourings that differ by renaming are tried once.
            for (int c = 0; c < k && c <= highest + 1; c++)
            {
                if ((used >> c & 1) == 0)
                {
                    colour[v] = c;
                    if (Colour(index + 1, k))
                    {
                        return true;
                    }
                }
            }
            colour[v] = -1;
            return false;
        }
    }

    /// <summary>
    /// The domination number γ(G): the least |S| with every vertex in S or adjacent to S (N[S] = V). Branches on
    /// the closed neighbourhood of an undominated vertex with the fewest choices, bounded by the best found.
    /// </summary>
    public static int DominationNumber(Graph graph)
    {
        int n = graph.Order;
        ulong all = AllVertices(n);
        var closed = new ulong[n];
        for (int v = 0; v < n; v++)
        {
            closed[v] = graph.Neighbours(v) | 1UL << v;
        }
        int best = n;
        Branch(0, 0);
        return best;

        void Branch(ulong dominated, int size)
        {
            if (dominated == all)
            {
                best = Math.Min(best, size);
                return;
            }
            if (size + 1 >= best)
            {
                return;
            }
            int pick = -1, fewest = int.MaxValue;
            for (ulong f = all & ~dominated; f != 0; f &= f - 1)
            {
                int u = BitOperations.TrailingZeroCount(f);
                int c = BitOperations.PopCount(closed[u]);
                if (c < fewest)
                {
                    fewest = c;
                    pick = u;
                }
            }
            for (ulong f = closed[pick]; f != 0; f &= f - 1)
            {
                int w = BitOperations.TrailingZeroCount(f);
                Branch(dominated | closed[w], size + 1);
            }
        }
    }

    /// <summary>
    /// The vertex connectivity κ(G): the fewest vertices whose removal disconnects G or leaves one vertex
    /// (κ(K_n) = n − 1, κ = 0 for disconnected graphs). By Menger, the minimum over non-adjacent pairs of the
    /// number of internally disjoint paths, found by unit-capacity augmenting paths on the split graph.
    /// </summary>
    public static int VertexConnectivity(Graph graph)
    {
        int n = graph.Order;
        if (n <= 1)
        {
            return 0;
        }
        int best = n - 1;
        for (int s = 0; s < n; s++)
        {
            for (int t = s + 1; t < n; t++)
            {
                if (!graph.HasEdge(s, t))
                {
                    best = Math.Min(best, DisjointPaths(graph, s, t, best));
                }
            }
        }
        return best;
    }

    /// <summary>α(G) by brute force over all subsets (certificates; n ≤ <see cref="BruteForceLimit"/>).</summary>
    public static int IndependenceNumberByBruteForce(Graph graph) => LargestSubset(graph, independent: true);

    /// <summary>ω(G) by brute force over all subsets (certificates).</summary>
    public static int CliqueNumberByBruteForce(Graph graph) => LargestSubset(graph, independent: false);

    /// <summary>γ(G) by brute force over all subsets (certificates).</summary>
    public static int DominationNumberByBruteForce(Graph graph)
    {
        int n = CheckBruteForce(graph);
        ulong all = AllVertices(n);
        int best = n;
        for (long set = 0; set < 1L << n; set++)
        {
            int size = BitOperations.PopCount((ulong)set);
            if (size >= best)
            {
                continue;
            }
            ulong dominated = (ulong)set;
            for (ulong f = (ulong)set; f != 0; f &= f - 1)
            {
                dominated |= graph.Neighbours(BitOperations.TrailingZeroCount(f));
            }
            if (dominated == all)
            {
                best = size;
            }
        }
        return best;
    }

    /// <summary>
    /// χ(G) by brute force (certificates): the least k such that the vertices split into k independent sets,
    /// by dynamic programming over subsets: k(S) = 1 + min over independent I ∋ min(S) of k(S − I).
    /// </summary>
    /// <exception cref="ArgumentException">n &gt; 16 (the dynamic programme takes 3ⁿ steps).</exception>
    public static int ChromaticNumberByBruteForce(Graph graph)
    {
        int n = graph.Order;
        if (n > 16)
        {
            throw new ArgumentException($"Chromatic number by brute force is limited to 16 vertices (3ⁿ steps); the graph has {n}.", nameof(graph));
        }
        int full = (1 << n) - 1;
        var independent = new bool[1 << n];
        independent[0] = true;
        for (int set = 1; set <= full; set++)
        {
            int v = BitOperations.TrailingZeroCount(set);
            int rest = set & ~(1 << v);
            independent[set] = independent[rest] && (graph.Neighbours(v) & (ulong)rest) == 0;
        }
        var colours = new byte[1 << n];
        for (int set = 1; set <= full; set++)
        {
            int low = set & -set;
            int rest = set & ~low;
            int best = int.MaxValue;
            // Every subset of S that contains the lowest vertex: I = low | sub for sub ⊆ rest.
            for (int sub = rest; ; sub = (sub - 1) & rest)
            {
                if (independent[low | sub])
                {
                    best = Math.Min(best, 1 + colours[rest & ~sub]);
                }
                if (sub == 0)
                {
                    break;
                }
            }
            colours[set] = (byte)best;
        }
        return colours[full];
    }

    /// <summary>κ(G) by brute force (certificates): the smallest vertex set whose removal disconnects the rest.</summary>
    public static int VertexConnectivityByBruteForce(Graph graph)
    {
        int n = CheckBruteForce(graph);
        if (n <= 1)
        {
            return 0;
        }
        int best = n - 1;
        for (long removed = 0; removed < 1L << n; removed++)
        {
            int size = BitOperations.PopCount((ulong)removed);
            if (size >= best || n - size < 2)
            {
                continue;
            }
            ulong rest = AllVertices(n) & ~(ulong)removed;
            ulong seen = rest & (ulong)-(long)rest, frontier = seen;
            while (frontier != 0)
            {
                ulong next = 0;
                for (ulong f = frontier; f != 0; f &= f - 1)
                {
                    next |= graph.Neighbours(BitOperations.TrailingZeroCount(f));
                }
                next &= rest & ~seen;
                seen |= next;
                frontier = next;
            }
            if (seen != rest)
            {
                best = size;
            }
        }
        return best;
    }

    private static int Alpha(Graph graph, ulong set)
    {
        if (set == 0)
        {
            return 0;
        }
        int pick = -1, maxDegree = -1;
        for (ulong f = set; f != 0; f &= f - 1)
        {
            int v = BitOperations.TrailingZeroCount(f);
            int d = BitOperations.PopCount(graph.Neighbours(v) & set);
            if (d <= 1)
            {
                // A vertex of degree 0 or 1 lies in some maximum independent set.
                return 1 + Alpha(graph, set & ~graph.Neighbours(v) & ~(1UL << v));
            }
            if (d > maxDegree)
            {
                maxDegree = d;
                pick = v;
            }
        }
        int without = Alpha(graph, set & ~(1UL << pick));
        int with = 1 + Alpha(graph, set & ~graph.Neighbours(pick) & ~(1UL << pick));
        return Math.Max(without, with);
    }

    private static int LargestSubset(Graph graph, bool independent)
    {
        int n = CheckBruteForce(graph);
        int best = 0;
        for (long set = 1; set < 1L << n; set++)
        {
            int size = BitOperations.PopCount((ulong)set);
            if (size <= best)
            {
                continue;
            }
            bool ok = true;
            for (ulong f = (ulong)set; f != 0 && ok; f &= f - 1)
            {
                int v = BitOperations.TrailingZeroCount(f);
                ulong others = (ulong)set & ~(1UL << v);
                ok = independent ? (graph.Neighbours(v) & others) == 0 : (graph.Neighbours(v) & others) == others;
            }
            if (ok)
            {
                best = size;
            }
        }
        return best;
    }

    private static int DisjointPaths(Graph graph, int s, int t, int limit)
    {
        // Split graph: vertex v becomes v_in = 2v → v_out = 2v+1 with capacity 1 (s and t unbounded);
        // an edge {u, w} becomes u_out → w_in and w_out → u_in.
        int n = graph.Order;
        int nodes = 2 * n;
        var capacity = new int[nodes, nodes];
        for (int v = 0; v < n; v++)
        {
            capacity[2 * v, 2 * v + 1] = v == s || v == t ? n : 1;
            for (ulong f = graph.Neighbours(v); f != 0; f &= f - 1)
            {
                int w = BitOperations.TrailingZeroCount(f);
                capacity[2 * v + 1, 2 * w] = n;
            }
        }
        int source = 2 * s + 1, sink = 2 * t;
        int flow = 0;
        var parent = new int[nodes];
        var queue = new int[nodes];
        while (flow < limit)
        {
            Array.Fill(parent, -1);
            parent[source] = source;
            int head = 0, tail = 0;
            queue[tail++] = source;
            while (head < tail && parent[sink] < 0)
            {
                int u = queue[head++];
                for (int w = 0; w < nodes; w++)
                {
                    if (parent[w] < 0 && capacity[u, w] > 0)
                    {
                        parent[w] = u;
                        queue[tail++] = w;
                    }
                }
            }
            if (parent[sink] < 0)
            {
                break;
            }
            for (int w = sink; w != source; w = parent[w])
            {
                capacity[parent[w], w]--;
                capacity[w, parent[w]]++;
            }
            flow++;
        }
        return flow;
    }

    private static ulong AllVertices(int n) => n == 64 ? ulong.MaxValue : (1UL << n) - 1;

    private static int CheckBruteForce(Graph graph)
    {
        if (graph.Order > BruteForceLimit)
        {
            throw new ArgumentException($"Brute force over vertex subsets is limited to {BruteForceLimit} vertices; the graph has {graph.Order}.", nameof(graph));
        }
        return graph.Order;
    }
}
