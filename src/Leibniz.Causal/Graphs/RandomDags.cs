using Leibniz.Numerics;

namespace Leibniz.Causal.Graphs;

/// <summary>
/// Random DAGs as NOTEARS' simulator draws them (Zheng et al. 2018, <c>utils.simulate_dag</c>), with the vertex labels
/// permuted at random at the end so that the index order carries no information about the causal order.
/// </summary>
public static class RandomDags
{
    /// <summary>
    /// Erdős–Rényi: an undirected graph with exactly <paramref name="edges"/> edges chosen uniformly (G(n, m)), each
    /// oriented from the later to the earlier vertex of a random order ("ER k" in the papers has k·d edges).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">More edges than d(d − 1)/2.</exception>
    public static Dag ErdosRenyi(int vertices, int edges, Generator generator)
    {
        long most = (long)vertices * (vertices - 1) / 2;
        if (edges < 0 || edges > most)
        {
            throw new ArgumentOutOfRangeException(nameof(edges), edges, $"RandomDags.ErdosRenyi: {vertices} vertices allow 0 … {most} edges.");
        }
        var pairs = new List<(int, int)>();
        for (int i = 0; i < vertices; i++)
        {
            for (int j = 0; j < i; j++)
            {
                pairs.Add((i, j));
            }
        }
        var a = new bool[vertices, vertices];
        foreach (int k in generator.Permutation(pairs.Count).Take(edges))
        {
            var (i, j) = pairs[k];
            a[i, j] = true;
        }
        return Permuted(a, generator);
    }

    /// <summary>
    /// Scale-free (Barabási–Albert): vertices arrive one by one and each sends round(edges / d) edges to distinct
    /// earlier vertices chosen with probability proportional to their degree plus one (igraph's <c>Barabasi</c>
    /// with directed edges, as NOTEARS calls it; "SF k" has about k·d edges). Hubs are the early, much-chosen vertices.
    /// </summary>
    public static Dag ScaleFree(int vertices, int edges, Generator generator)
    {
        int perVertex = Math.Max(1, (int)Math.Round(edges / (double)Math.Max(vertices, 1)));
        var a = new bool[vertices, vertices];
        var degree = new int[vertices];
        for (int v = 1; v < vertices; v++)
        {
            int take = Math.Min(perVertex, v);
            var chosen = new HashSet<int>();
            while (chosen.Count < take)
            {
                double total = 0;
                for (int u = 0; u < v; u++)
                {
                    total += chosen.Contains(u) ? 0 : degree[u] + 1;
                }
                double r = generator.NextDouble() * total;
                for (int u = 0; u < v; u++)
                {
                    if (chosen.Contains(u))
                    {
                        continue;
                    }
                    r -= degree[u] + 1;
                    if (r <= 0 || u == v - 1)
                    {
                        chosen.Add(u);
                        break;
                    }
                }
            }
            foreach (int u in chosen)
            {
                a[v, u] = true;
                degree[u]++;
                degree[v]++;
            }
        }
        return Permuted(a, generator);
    }

    /// <summary>
    /// Bipartite (Gu, Fu &amp; Zhou 2018, §4.1, as NOTEARS' and DAGMA's simulators draw it): the first ⌊0.2d⌋ vertices
    /// are causes, the others effects, and <paramref name="edges"/> distinct cause → effect pairs are chosen uniformly.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">More edges than cause–effect pairs.</exception>
    public static Dag Bipartite(int vertices, int edges, Generator generator)
    {
        int top = (int)(0.2 * vertices);
        int pairs = top * (vertices - top);
        if (edges < 0 || edges > pairs)
        {
            throw new ArgumentOutOfRangeException(nameof(edges), edges, $"RandomDags.Bipartite: {top} causes and {vertices - top} effects allow 0 … {pairs} edges.");
        }
        var a = new bool[vertices, vertices];
        foreach (int k in generator.Permutation(pairs).Take(edges))
        {
            a[k / (vertices - top), top + k % (vertices - top)] = true;
        }
        return Permuted(a, generator);
    }

    /// <summary>The graph with its vertices relabelled by a uniform random permutation.</summary>
    private static Dag Permuted(bool[,] a, Generator generator)
    {
        int n = a.GetLength(0);
        var p = generator.Permutation(n);
        var b = new bool[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                b[p[i], p[j]] = a[i, j];
            }
        }
        return new Dag(b);
    }
}
