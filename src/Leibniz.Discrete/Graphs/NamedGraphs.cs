namespace Leibniz.Graphs;

/// <summary>Small named graphs with known invariants, for tests and examples.</summary>
public static class NamedGraphs
{
    /// <summary>The empty graph on n vertices (no edges).</summary>
    public static Graph Empty(int n) => Graph.FromEdges(n, []);

    /// <summary>The path P_n: 0 – 1 – … – (n−1).</summary>
    public static Graph Path(int n) => Graph.FromEdges(n, Enumerable.Range(0, Math.Max(0, n - 1)).Select(i => (i, i + 1)));

    /// <summary>The cycle C_n (n ≥ 3).</summary>
    public static Graph Cycle(int n) => Graph.FromEdges(n, Enumerable.Range(0, n).Select(i => (i, (i + 1) % n)));

    /// <summary>The star K_{1,n−1}: vertex 0 joined to all others.</summary>
    public static Graph Star(int n) => Graph.FromEdges(n, Enumerable.Range(1, n - 1).Select(i => (0, i)));

    /// <summary>The complete graph K_n.</summary>
    public static Graph Complete(int n) =>
        Graph.FromEdges(n, from i in Enumerable.Range(0, n) from j in Enumerable.Range(i + 1, Math.Max(0, n - i - 1)) select (i, j));

    /// <summary>The complete bipartite graph K_{a,b} with parts {0 … a−1} and {a … a+b−1}.</summary>
    public static Graph CompleteBipartite(int a, int b) =>
        Graph.FromEdges(a + b, from i in Enumerable.Range(0, a) from j in Enumerable.Range(a, b) select (i, j));

    /// <summary>The Petersen graph: outer 5-cycle 0…4, spokes i – i+5, inner pentagram 5…9 (i+5 – (i+2 mod 5)+5).</summary>
    public static Graph Petersen() => Graph.FromEdges(10,
        Enumerable.Range(0, 5).SelectMany(i => new[] { (i, (i + 1) % 5), (i, i + 5), (i + 5, (i + 2) % 5 + 5) }));
}
