using Leibniz.Graphs;
using Leibniz.Graphs.Certification;
using Leibniz.Graphs.Conjectures;

namespace Leibniz.Tests.Graphs;

/// <summary>The invariant catalogue on named graphs whose invariants are known in closed form.</summary>
public class GraphInvariantTests
{
    public static TheoryData<string, string, double> Known => new()
    {
        // Path P5: λ₁ = 2cos(π/6) = √3, W = n(n² − 1)/6 = 20.
        { "P5", "n", 5 }, { "P5", "m", 4 }, { "P5", "diameter", 4 }, { "P5", "radius", 2 }, { "P5", "mu", 2 },
        { "P5", "alpha", 3 }, { "P5", "omega", 2 }, { "P5", "chi", 2 }, { "P5", "gamma", 2 }, { "P5", "wiener", 20 },
        { "P5", "spanning_trees", 1 }, { "P5", "lambda1", Math.Sqrt(3) }, { "P5", "tree", 1 }, { "P5", "bipartite", 1 },
        { "P5", "connectivity", 1 }, { "P5", "triangles", 0 }, { "P5", "min_degree", 1 }, { "P5", "max_degree", 2 },
        // Cycle C6: spectrum 2, 1, 1, −1, −1, −2 (energy 8); Laplacian 0, 1, 1, 3, 3, 4; τ = 6; W = n³/8 = 27.
        { "C6", "lambda1", 2 }, { "C6", "energy", 8 }, { "C6", "algebraic_connectivity", 1 }, { "C6", "girth", 6 },
        { "C6", "diameter", 3 }, { "C6", "mu", 3 }, { "C6", "spanning_trees", 6 }, { "C6", "wiener", 27 }, { "C6", "chi", 2 },
        { "C6", "connectivity", 2 }, { "C6", "gamma", 2 },
        // Cycle C5: odd, so χ = 3; spectrum 2, 2cos 72° (×2), 2cos 144° (×2), energy 2 + 2(0.618…) + 2(1.618…).
        { "C5", "chi", 3 }, { "C5", "alpha", 2 }, { "C5", "girth", 5 }, { "C5", "bipartite", 0 },
        { "C5", "energy", 2 + 4 * Math.Cos(Math.PI * 2 / 5) - 4 * Math.Cos(Math.PI * 4 / 5) },
        // Star K1,6: λ₁ = √6, π = 1, ρ = 11/6, W = 6 + 2·15 = 36, Randić 6/√6 = √6, energy 2√6.
        { "S7", "lambda1", Math.Sqrt(6) }, { "S7", "mu", 1 }, { "S7", "alpha", 6 }, { "S7", "gamma", 1 }, { "S7", "radius", 1 },
        { "S7", "proximity", 1 }, { "S7", "remoteness", 11.0 / 6 }, { "S7", "wiener", 36 }, { "S7", "randic", Math.Sqrt(6) },
        { "S7", "energy", 2 * Math.Sqrt(6) }, { "S7", "girth", double.PositiveInfinity },
        // K5: λ = 4, −1 (×4); τ = 5³; 10 triangles; κ = 4.
        { "K5", "lambda1", 4 }, { "K5", "omega", 5 }, { "K5", "chi", 5 }, { "K5", "alpha", 1 }, { "K5", "spanning_trees", 125 },
        { "K5", "triangles", 10 }, { "K5", "connectivity", 4 }, { "K5", "girth", 3 }, { "K5", "diameter", 1 }, { "K5", "energy", 8 },
        // K3,3: spectrum ±3 and 0 (×4); τ = 3²·3² = 81.
        { "K33", "lambda1", 3 }, { "K33", "mu", 3 }, { "K33", "alpha", 3 }, { "K33", "spanning_trees", 81 }, { "K33", "girth", 4 },
        { "K33", "connectivity", 3 }, { "K33", "energy", 6 },
        // Petersen: spectrum 3, 1 (×5), −2 (×4); girth 5; α 4; χ 3; γ 3; τ = 2000; W = 75; κ = 3.
        { "Petersen", "lambda1", 3 }, { "Petersen", "girth", 5 }, { "Petersen", "diameter", 2 }, { "Petersen", "alpha", 4 },
        { "Petersen", "omega", 2 }, { "Petersen", "chi", 3 }, { "Petersen", "gamma", 3 }, { "Petersen", "mu", 5 },
        { "Petersen", "spanning_trees", 2000 }, { "Petersen", "triangles", 0 }, { "Petersen", "connectivity", 3 },
        { "Petersen", "energy", 16 }, { "Petersen", "wiener", 75 }, { "Petersen", "avg_degree", 3 },
    };

    [Theory]
    [MemberData(nameof(Known))]
    public void Invariant_matches_its_closed_form_by_both_algorithms(string graphName, string invariantName, double expected)
    {
        var graph = Named(graphName);
        var invariant = GraphInvariants.Find(invariantName)!;
        double fast = invariant.Scalar!(new GraphFacts(graph));
        var exact = new ExactInvariants(graph).Scalar(invariant);
        if (double.IsPositiveInfinity(expected))
        {
            Assert.True(double.IsPositiveInfinity(fast));
            Assert.True(double.IsPositiveInfinity(exact.Lo));
            return;
        }
        Assert.Equal(expected, fast, 9);
        Assert.True(exact.Lo <= expected + 1e-12 && expected - 1e-12 <= exact.Hi, $"{invariantName}: enclosure {exact} misses {expected}");
        Assert.True(exact.Width < 1e-9, $"{invariantName}: enclosure {exact} is too wide");
    }

    [Fact]
    public void Spectra_of_the_Petersen_graph()
    {
        var facts = new GraphFacts(NamedGraphs.Petersen());
        Assert.Equal([3, 1, 1, 1, 1, 1, -2, -2, -2, -2], facts.AdjacencySpectrum.Select(x => Math.Round(x, 9)));
        // The distance matrix is 2J − 2I − A: 15 for the all-ones vector, −2 − λ on the others.
        Assert.Equal([15, 0, 0, 0, 0, -3, -3, -3, -3, -3], facts.DistanceSpectrum.Select(x => Math.Round(x, 9) + 0.0));
        // Laplacian 3 − λ: 5 (×4), 2 (×5), 0; signless 3 + λ: 6, 4 (×5), 1 (×4).
        Assert.Equal([5, 5, 5, 5, 2, 2, 2, 2, 2, 0], facts.LaplacianSpectrum.Select(x => Math.Round(x, 9) + 0.0));
        Assert.Equal([6, 4, 4, 4, 4, 4, 1, 1, 1, 1], facts.SignlessLaplacianSpectrum.Select(x => Math.Round(x, 9)));
    }

    [Fact]
    public void Spectra_agree_with_MathNet_on_random_graphs()
    {
        var random = new Leibniz.Numerics.Generator(5);
        for (int trial = 0; trial < 200; trial++)
        {
            var graph = RandomGraph(random, 2 + (int)random.NextInt64(20));
            int n = graph.Order;
            var a = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n, (i, j) => graph.HasEdge(i, j) ? 1 : 0);
            var expected = a.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Select(c => c.Real).OrderDescending().ToArray();
            var facts = new GraphFacts(graph);
            for (int k = 0; k < n; k++)
            {
                Assert.Equal(expected[k], facts.AdjacencySpectrum[k], 9);
            }
            Assert.Equal(expected[0], facts.Lambda1, 11);
        }
    }

    [Fact]
    public void Fast_and_brute_force_algorithms_agree_on_random_graphs()
    {
        var random = new Leibniz.Numerics.Generator(6);
        for (int trial = 0; trial < 150; trial++)
        {
            var graph = RandomGraph(random, 1 + (int)random.NextInt64(12));
            Assert.Equal(Matching.NumberByExhaustion(graph), Matching.Number(graph));
            Assert.Equal(new Distances(graph).Connected, Distances.IsConnected(graph));
            Assert.Equal(HardInvariants.IndependenceNumberByBruteForce(graph), HardInvariants.IndependenceNumber(graph));
            Assert.Equal(HardInvariants.CliqueNumberByBruteForce(graph), HardInvariants.CliqueNumber(graph));
            Assert.Equal(HardInvariants.DominationNumberByBruteForce(graph), HardInvariants.DominationNumber(graph));
            Assert.Equal(HardInvariants.ChromaticNumberByBruteForce(graph), HardInvariants.ChromaticNumber(graph));
            Assert.Equal(HardInvariants.VertexConnectivityByBruteForce(graph), HardInvariants.VertexConnectivity(graph));
        }
    }

    [Fact]
    public void Blossom_matching_is_a_valid_matching_of_the_exhaustive_size_on_larger_graphs()
    {
        var random = new Leibniz.Numerics.Generator(7);
        for (int trial = 0; trial < 40; trial++)
        {
            var graph = RandomGraph(random, 14 + (int)random.NextInt64(9), sparse: true);
            var mate = Matching.Maximum(graph);
            for (int v = 0; v < graph.Order; v++)
            {
                if (mate[v] >= 0)
                {
                    Assert.Equal(v, mate[mate[v]]);
                    Assert.True(graph.HasEdge(v, mate[v]));
                }
            }
            Assert.Equal(Matching.NumberByExhaustion(graph), mate.Count(m => m >= 0) / 2);
        }
    }

    [Theory]
    [InlineData("K4", "C~")]
    [InlineData("P5", "DhC")]
    [InlineData("Petersen", "IheA@GUAo")]
    [InlineData("K33", "EFz_")]
    [InlineData("C6", "EhEG")]
    [InlineData("S7", "FsaC?")]
    public void Graph6_strings_match_nauty_and_round_trip(string graphName, string expected)
    {
        var graph = Named(graphName);
        Assert.Equal(expected, Graph6.Encode(graph));
        Assert.Equal(graph, Graph6.Decode(expected));
        Assert.Equal(graph, Graph6.Decode(">>graph6<<" + expected));
    }

    [Fact]
    public void Graph6_round_trips_random_graphs_up_to_64_vertices()
    {
        var random = new Leibniz.Numerics.Generator(8);
        foreach (int n in new[] { 0, 1, 2, 5, 19, 30, 62, 63, 64 })
        {
            var graph = RandomGraph(random, n);
            Assert.Equal(graph, Graph6.Decode(Graph6.Encode(graph)));
        }
    }

    [Theory]
    [InlineData("C!", "character")]
    [InlineData("C~~", "needs 1 edge characters")]
    [InlineData("", "empty")]
    public void Graph6_rejects_malformed_strings(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Graph6.Decode(text));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Words_follow_the_pair_order_of_the_construction()
    {
        var graph = Graph.FromEdges(4, [(0, 1), (2, 3)]);
        Assert.Equal(new byte[] { 1, 0, 0, 0, 0, 1 }, graph.ToWord());
        Assert.Equal(graph, Graph.FromWord(4, graph.ToWord()));
        Assert.Equal(5, Graph.PairIndex(4, 2, 3));
        Assert.Equal(3, Graph.PairIndex(4, 1, 2));
    }

    internal static Graph Named(string name) => name switch
    {
        "P5" => NamedGraphs.Path(5),
        "C5" => NamedGraphs.Cycle(5),
        "C6" => NamedGraphs.Cycle(6),
        "S7" => NamedGraphs.Star(7),
        "K4" => NamedGraphs.Complete(4),
        "K5" => NamedGraphs.Complete(5),
        "K33" => NamedGraphs.CompleteBipartite(3, 3),
        _ => NamedGraphs.Petersen(),
    };

    internal static Graph RandomGraph(Leibniz.Numerics.Generator random, int n, bool sparse = false)
    {
        double p = sparse ? 1.5 / Math.Max(1, n) + random.NextDouble() * 0.2 : random.NextDouble();
        var edges = new List<(int, int)>();
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                if (random.NextDouble() < p)
                {
                    edges.Add((i, j));
                }
            }
        }
        return Graph.FromEdges(n, edges);
    }
}
