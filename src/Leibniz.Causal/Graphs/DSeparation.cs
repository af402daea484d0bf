namespace Leibniz.Causal.Graphs;

/// <summary>
/// d-separation (Pearl 1988): X and Y are d-separated by Z in a DAG when every path between them is blocked — by a
/// chain or fork whose middle vertex is in Z, or by a collider that is not in Z and has no descendant in Z. Decided
/// by the reachability ("Bayes ball") algorithm of Koller &amp; Friedman (2009, Algorithm 3.1): the vertices reachable
/// from X by an active trail given Z.
/// </summary>
public static class DSeparation
{
    /// <summary>Whether every x ∈ X and y ∈ Y are d-separated given Z (X, Y and Z disjoint).</summary>
    /// <exception cref="ArgumentException">The sets overlap.</exception>
    public static bool Separated(Dag dag, IEnumerable<int> x, IEnumerable<int> y, IEnumerable<int> z)
    {
        var xs = x.ToHashSet();
        var ys = y.ToHashSet();
        var zs = z.ToHashSet();
        if (xs.Overlaps(ys) || xs.Overlaps(zs) || ys.Overlaps(zs))
        {
            throw new ArgumentException($"DSeparation: X = {{{string.Join(", ", xs)}}}, Y = {{{string.Join(", ", ys)}}} and Z = {{{string.Join(", ", zs)}}} must be disjoint.");
        }
        return !Reachable(dag, xs, zs).Overlaps(ys);
    }

    /// <summary>Whether x and y are d-separated given Z.</summary>
    public static bool Separated(Dag dag, int x, int y, params int[] z) => Separated(dag, [x], [y], z);

    /// <summary>The vertices connected to a vertex of <paramref name="sources"/> by a trail that is active given <paramref name="given"/>.</summary>
    public static HashSet<int> Reachable(Dag dag, IReadOnlySet<int> sources, IReadOnlySet<int> given)
    {
        // Colliders are open when they or a descendant are observed: the ancestors of Z (Z included).
        var ancestorsOfGiven = dag.Ancestors(given);
        // Visit (vertex, direction): "up" when arriving from a child, "down" when arriving from a parent.
        var visited = new HashSet<(int, bool)>();
        var reachable = new HashSet<int>();
        var queue = new Queue<(int Vertex, bool Up)>(sources.Select(s => (s, true)));
        while (queue.Count > 0)
        {
            var (v, up) = queue.Dequeue();
            if (!visited.Add((v, up)))
            {
                continue;
            }
            if (!given.Contains(v))
            {
                reachable.Add(v);
            }
            if (up && !given.Contains(v))
            {
                // Arrived from a child (or started here): continue to parents (chain backwards) and children (fork).
                foreach (int p in dag.Parents(v))
                {
                    queue.Enqueue((p, true));
                }
                foreach (int c in dag.Children(v))
                {
                    queue.Enqueue((c, false));
                }
            }
            else if (!up)
            {
                // Arrived from a parent: a chain continues to the children unless v is observed; a collider at v
                // opens to its other parents when v or a descendant is observed.
                if (!given.Contains(v))
                {
                    foreach (int c in dag.Children(v))
                    {
                        queue.Enqueue((c, false));
                    }
                }
                if (ancestorsOfGiven.Contains(v))
                {
                    foreach (int p in dag.Parents(v))
                    {
                        queue.Enqueue((p, true));
                    }
                }
            }
        }
        foreach (int s in sources)
        {
            reachable.Remove(s);
        }
        return reachable;
    }

    /// <summary>
    /// The back-door criterion (Pearl 2009, Definition 3.3.1): Z adjusts for the effect of x on y when no vertex of Z
    /// is a descendant of x and Z blocks every path between x and y that starts with an edge into x — that is, Z
    /// d-separates x and y in the graph with x's outgoing edges removed. Then
    /// <c>P(y | do(x)) = Σ_z P(y | x, z) P(z)</c>, and in a linear model the coefficient of x in the regression of y on
    /// x and Z is the causal effect.
    /// </summary>
    public static bool SatisfiesBackDoor(Dag dag, int x, int y, IEnumerable<int> z)
    {
        var zs = z.ToHashSet();
        var descendants = dag.Descendants(x);
        if (zs.Overlaps(descendants))
        {
            return false;
        }
        var cut = dag.Adjacency;
        for (int j = 0; j < dag.Count; j++)
        {
            cut[x, j] = false;
        }
        return Separated(new Dag(cut), [x], [y], zs);
    }
}
