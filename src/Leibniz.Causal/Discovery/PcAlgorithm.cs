namespace Leibniz.Causal.Discovery;

/// <summary>The estimate of <see cref="PcAlgorithm"/>.</summary>
/// <param name="Graph">The CPDAG: directed edges the data (or the knowledge) orient, undirected edges they leave open.</param>
/// <param name="Tests">Conditional-independence tests run.</param>
/// <param name="Depth">The largest conditioning-set size tried.</param>
public sealed record PcResult(PartiallyDirectedGraph Graph, int Tests, int Depth);

/// <summary>
/// The PC algorithm (Spirtes &amp; Glymour 1991) in its order-independent "stable" form (Colombo &amp; Maathuis 2014), as
/// causal-learn runs it by default. Skeleton: from the complete graph, for depth ℓ = 0, 1, … while some vertex has
/// more than ℓ neighbours, test every adjacent pair (x, y) given every ℓ-subset S of x's other neighbours (the
/// neighbourhoods frozen for the whole depth), and remove, after the depth, every pair some test found independent
/// (p &gt; α); the separating sets found are kept. Orientation: edges the knowledge fixes, then each unshielded triple
/// x — y — z (x, z not adjacent) becomes the collider x → y ← z when y is in none of the separating sets of (x, z),
/// unless y → x or y → z is already directed (causal-learn's <c>uc_sepset</c> with priority 2, "existing colliders
/// first"), then <see cref="MeekRules"/>. Knowledge: required edges are never removed, pairs forbidden both ways are
/// removed after depth 0 (and give no collider unless a test separated them).
/// </summary>
public static class PcAlgorithm
{
    /// <summary>Runs PC with the test at level α, with what is known beforehand (none by default).</summary>
    /// <exception cref="ArgumentOutOfRangeException">α is not in (0, 1).</exception>
    public static PcResult Run(IConditionalIndependenceTest test, double alpha = 0.05, BackgroundKnowledge? knowledge = null, int maxDepth = int.MaxValue)
    {
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "PcAlgorithm: the level α must lie strictly between 0 and 1 (0.05 or 0.01 are usual).");
        }
        int d = test.Count;
        var known = knowledge ?? BackgroundKnowledge.None(d);
        known.CheckCount(d, "PcAlgorithm");
        var g = new PartiallyDirectedGraph(d);
        var separators = new Dictionary<(int, int), HashSet<int>>();
        int tests = 0, depth = -1;
        while (MaxDegree(g) - 1 > depth && depth < maxDepth)
        {
            depth++;
            var removals = new HashSet<(int, int)>();
            for (int x = 0; x < d; x++)
            {
                var neighbours = g.Neighbours(x);
                foreach (int y in neighbours)
                {
                    if (known.IsRequired(x, y) || known.IsRequired(y, x))
                    {
                        continue;
                    }
                    if (depth == 0 && known.IsForbidden(x, y) && known.IsForbidden(y, x))
                    {
                        removals.Add(Key(x, y));
                    }
                    var others = neighbours.Where(v => v != y).ToArray();
                    foreach (var s in Subsets(others, depth))
                    {
                        tests++;
                        if (test.PValue(x, y, s) > alpha)
                        {
                            removals.Add(Key(x, y));
                            if (!separators.TryGetValue(Key(x, y), out var set))
                            {
                                separators[Key(x, y)] = set = [];
                            }
                            set.UnionWith(s);
                        }
                    }
                }
            }
            foreach (var (x, y) in removals)
            {
                g.Remove(x, y);
            }
        }
        OrientByKnowledge(g, known);
        OrientColliders(g, separators, known);
        MeekRules.Apply(g, known);
        return new PcResult(g, tests, depth);
    }

    private static void OrientByKnowledge(PartiallyDirectedGraph g, BackgroundKnowledge known)
    {
        for (int i = 0; i < g.Count; i++)
        {
            for (int j = 0; j < g.Count; j++)
            {
                if (!g.IsAdjacent(i, j))
                {
                    continue;
                }
                if (known.IsRequired(i, j) || (known.IsForbidden(j, i) && !known.IsForbidden(i, j)))
                {
                    g.Orient(i, j);
                }
            }
        }
    }

    /// <summary>
    /// Unshielded triples x — y — z, x &lt; z, ordered by (y, x, z) as causal-learn enumerates them (the order decides
    /// which of two conflicting colliders wins), oriented as colliders when y is in no separating set of (x, z).
    /// </summary>
    private static void OrientColliders(PartiallyDirectedGraph g, Dictionary<(int, int), HashSet<int>> separators, BackgroundKnowledge known)
    {
        int d = g.Count;
        var triples = new List<(int X, int Y, int Z)>();
        for (int y = 0; y < d; y++)
        {
            var neighbours = g.Neighbours(y);
            foreach (int x in neighbours)
            {
                foreach (int z in neighbours)
                {
                    if (x < z && !g.IsAdjacent(x, z))
                    {
                        triples.Add((x, y, z));
                    }
                }
            }
        }
        foreach (var (x, y, z) in triples)
        {
            if (known.IsForbidden(x, y) || known.IsForbidden(z, y) || known.IsRequired(y, x) || known.IsRequired(y, z))
            {
                continue;
            }
            if (!separators.TryGetValue(Key(x, z), out var separator) || separator.Contains(y))
            {
                continue;
            }
            if (!g.IsDirected(y, x) && !g.IsDirected(y, z))
            {
                g.Orient(x, y);
                g.Orient(z, y);
            }
        }
    }

    private static int MaxDegree(PartiallyDirectedGraph g) => Enumerable.Range(0, g.Count).Select(i => g.Neighbours(i).Length).DefaultIfEmpty(0).Max();

    private static (int, int) Key(int a, int b) => a < b ? (a, b) : (b, a);

    /// <summary>The k-subsets of <paramref name="items"/> in lexicographic order (as itertools.combinations).</summary>
    private static IEnumerable<int[]> Subsets(int[] items, int k)
    {
        if (k > items.Length)
        {
            yield break;
        }
        var index = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return [.. index.Select(t => items[t])];
            int p = k - 1;
            while (p >= 0 && index[p] == items.Length - k + p)
            {
                p--;
            }
            if (p < 0)
            {
                yield break;
            }
            index[p]++;
            for (int q = p + 1; q < k; q++)
            {
                index[q] = index[q - 1] + 1;
            }
        }
    }
}
