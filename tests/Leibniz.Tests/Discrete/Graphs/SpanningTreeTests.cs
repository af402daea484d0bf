using System.Numerics;
using Leibniz.Graphs;
using Leibniz.Graphs.Certification;
using Leibniz.Numerics;

namespace Leibniz.Tests.Graphs;

/// <summary>The spanning-tree count is exact: closed forms (Cayley, complete bipartite) and the certifier's Bareiss determinant as an oracle.</summary>
public class SpanningTreeTests
{
    [Fact]
    public void Complete_graphs_have_n_to_the_n_minus_2_spanning_trees_exactly()
    {
        for (int n = 1; n <= 40; n++)
        {
            Assert.Equal(BigInteger.Pow(n, Math.Max(n - 2, 0)), KirchhoffCount.SpanningTrees(NamedGraphs.Complete(n)));
        }
        // K₁₅: the eigenvalue product rounded gave 1946195068359385; 15¹³ = 1946195068359375.
        Assert.Equal(1946195068359375.0, new GraphFacts(NamedGraphs.Complete(15)).SpanningTrees);
    }

    [Fact]
    public void Complete_bipartite_graphs_have_a_to_the_b_minus_1_times_b_to_the_a_minus_1()
    {
        for (int a = 1; a <= 12; a++)
        {
            for (int b = 1; b <= 12; b++)
            {
                Assert.Equal(BigInteger.Pow(a, b - 1) * BigInteger.Pow(b, a - 1), KirchhoffCount.SpanningTrees(NamedGraphs.CompleteBipartite(a, b)));
            }
        }
    }

    [Fact]
    public void Disconnected_graphs_have_none()
    {
        Assert.Equal(BigInteger.Zero, KirchhoffCount.SpanningTrees(NamedGraphs.Empty(4)));
        Assert.Equal(BigInteger.Zero, KirchhoffCount.SpanningTrees(Graph.FromEdges(5, [(0, 1), (2, 3), (3, 4)])));
        Assert.Equal(BigInteger.Zero, KirchhoffCount.SpanningTrees(NamedGraphs.Empty(0)));
    }

    [Fact]
    public void The_count_agrees_with_the_certifiers_Bareiss_determinant_on_random_graphs()
    {
        var generator = new Generator(12);
        for (int trial = 0; trial < 300; trial++)
        {
            var graph = Fuzz.RandomGraph(generator, 2, 41);
            int n = graph.Order;
            var minor = new long[n - 1, n - 1];
            for (int i = 1; i < n; i++)
            {
                for (int j = 1; j < n; j++)
                {
                    minor[i - 1, j - 1] = i == j ? graph.Degree(i) : (graph.Neighbours(i) >> j & 1) == 1 ? -1 : 0;
                }
            }
            Assert.Equal(IntegerPolynomial.Determinant(minor), KirchhoffCount.SpanningTrees(graph));
        }
    }
}
