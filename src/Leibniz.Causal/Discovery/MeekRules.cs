namespace Leibniz.Causal.Discovery;

/// <summary>
/// Meek's orientation rules (Meek 1995), applied until none fires; each orients an undirected edge whose other
/// direction would create a new v-structure or a directed cycle:
/// R1 i → j — k, i and k not adjacent ⇒ j → k; R2 i → j → k and i — k ⇒ i → k; R3 i — j → l, i — k → l, i — l, j and k
/// not adjacent ⇒ i → l. An orientation is skipped when it is forbidden, its reverse is required, or its head
/// already reaches its tail by a directed path (as causal-learn's <c>meek</c> does).
/// </summary>
internal static class MeekRules
{
    /// <summary>Orients <paramref name="g"/> in place.</summary>
    public static void Apply(PartiallyDirectedGraph g, BackgroundKnowledge knowledge)
    {
        int n = g.Count;
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int j = 0; j < n; j++)
            {
                for (int i = 0; i < n; i++)
                {
                    for (int k = 0; k < n; k++)
                    {
                        if (i == k || !g.IsAdjacent(i, j) || !g.IsAdjacent(j, k))
                        {
                            continue;
                        }
                        // R1: i → j — k with i, k not adjacent.
                        if (!g.IsAdjacent(i, k) && g.IsDirected(i, j) && g.IsUndirected(j, k))
                        {
                            changed |= TryOrient(g, j, k, knowledge);
                        }
                        // R2: i → j → k with i — k.
                        if (g.IsAdjacent(i, k) && g.IsDirected(i, j) && g.IsDirected(j, k) && g.IsUndirected(i, k))
                        {
                            changed |= TryOrient(g, i, k, knowledge);
                        }
                    }
                }
            }
            // R3: i — j → l, i — k → l, i — l, j and k not adjacent.
            for (int i = 0; i < n; i++)
            {
                for (int l = 0; l < n; l++)
                {
                    if (!g.IsUndirected(i, l))
                    {
                        continue;
                    }
                    for (int j = 0; j < n; j++)
                    {
                        for (int k = j + 1; k < n; k++)
                        {
                            if (g.IsUndirected(i, j) && g.IsUndirected(i, k) && g.IsDirected(j, l) && g.IsDirected(k, l) && !g.IsAdjacent(j, k) && g.IsUndirected(i, l))
                            {
                                changed |= TryOrient(g, i, l, knowledge);
                            }
                        }
                    }
                }
            }
        }
    }

    private static bool TryOrient(PartiallyDirectedGraph g, int from, int to, BackgroundKnowledge knowledge)
    {
        if (knowledge.IsForbidden(from, to) || knowledge.IsRequired(to, from) || g.HasDirectedPath(to, from))
        {
            return false;
        }
        g.Orient(from, to);
        return true;
    }
}
