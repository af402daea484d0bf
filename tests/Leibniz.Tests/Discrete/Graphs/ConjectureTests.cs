using System.Numerics;
using Leibniz.Graphs;
using Leibniz.Graphs.Certification;
using Leibniz.Graphs.Conjectures;

namespace Leibniz.Tests.Graphs;

/// <summary>Parsing conjectures, their rewards, interval arithmetic and certificates.</summary>
public class ConjectureTests
{
    [Fact]
    public void Wagner_conjectures_parse_and_score_the_star_at_zero()
    {
        var conjecture = Conjecture.Resolve("wagner-2.1");
        Assert.Equal(">=", conjecture.Relation);
        Assert.Single(conjecture.Conditions);
        // K1,18: λ₁ = √18, μ = 1, so λ₁ + μ = √18 + 1 exactly: equality, not a counterexample.
        double reward = conjecture.Reward(NamedGraphs.Star(19));
        Assert.Equal(0, reward, 12);
        Assert.False(conjecture.IsCounterexample(reward));
        Assert.Equal(-Conjecture.Penalty, conjecture.Reward(NamedGraphs.Empty(19)));
        // P19: λ₁ = 2cos(π/20), μ = 9.
        Assert.Equal(Math.Sqrt(18) + 1 - 2 * Math.Cos(Math.PI / 20) - 9, conjecture.Reward(NamedGraphs.Path(19)), 12);
    }

    [Fact]
    public void Wagner_2_3_indexes_the_distance_spectrum_from_one()
    {
        var conjecture = Conjecture.Resolve("wagner-2.3");
        // Petersen: D = 2, so ∂_{⌊4/3⌋} = ∂₁ = 15; π = 15/9; reward = −(π + ∂₁).
        Assert.Equal(-(15.0 / 9 + 15), conjecture.Reward(NamedGraphs.Petersen()), 9);
        // K_n has D = 1 and index ⌊2/3⌋ = 0, outside 1 … n: outside the conjecture's scope.
        Assert.Equal(-Conjecture.Penalty, conjecture.Reward(NamedGraphs.Complete(5)));
    }

    [Fact]
    public void Operators_functions_and_precedence()
    {
        var conjecture = ConjectureParser.Parse("2 + 3 * n ^ 2 - -max(m, 1) / 2 >= floor(sqrt(10)) + ceil(0.5) + abs(-1) + log(exp(2))");
        var graph = NamedGraphs.Path(3);
        // Left: 2 + 3·9 + 2/2 = 30; right: 3 + 1 + 1 + 2 = 7; reward = right − left.
        Assert.Equal(7 - 30, conjecture.Reward(graph), 12);
    }

    [Theory]
    [InlineData("lamda1 + mu >= 2", "unknown invariant 'lamda1'", 1)]
    [InlineData("lambda1 + mu", "expected a relation", 13)]
    [InlineData("dist_eig + 1 > 0", "is a spectrum", 1)]
    [InlineData("sqrt(n >= 1", "expected ')'", 8)]
    [InlineData("max(n) >= 1", "takes 2 arguments", 1)]
    [InlineData("n >= 1 >= 2", "a second relation", 8)]
    [InlineData("n # 2 >= 1", "unexpected character '#'", 3)]
    [InlineData("mu[2] >= 1", "cannot be indexed", 3)]
    [InlineData("", "empty", 1)]
    public void Parse_errors_say_what_and_where(string text, string expected, int column)
    {
        var error = Assert.Throws<ConjectureFormatException>(() => ConjectureParser.Parse(text));
        Assert.Contains(expected, error.Message);
        Assert.Equal(column, error.Column);
        Assert.Contains("^", error.Message);
    }

    [Fact]
    public void Unknown_names_get_suggestions_and_the_catalogue()
    {
        var error = Assert.Throws<ConjectureFormatException>(() => ConjectureParser.Parse("lamda1 >= 1"));
        Assert.Contains("Did you mean 'lambda1'", error.Message);
        Assert.Contains("dist_eig[k]", error.Message);
        Assert.Contains("proximity", error.Message);
    }

    [Fact]
    public void Interval_arithmetic_is_exact_on_integers_and_encloses_the_rest()
    {
        var twelve = Interval.Exact(2) * Interval.Exact(6);
        Assert.True(twelve.IsExact);
        Assert.Equal(4, Interval.Floor(twelve / Interval.Exact(3)).Lo);
        Assert.True(Interval.Floor(twelve / Interval.Exact(3)).IsExact);
        var root = Interval.Sqrt(Interval.Exact(2));
        Assert.True(root.Lo < Math.Sqrt(2) || root.Hi > Math.Sqrt(2));
        Assert.True(root.Lo * root.Lo <= 2 && root.Hi * root.Hi >= 2);
        var third = Interval.Exact(1) / Interval.Exact(3);
        Assert.True(third.Lo < third.Hi && third.Lo <= 1.0 / 3 && third.Hi >= 1.0 / 3);
        Assert.True(Interval.Sqrt(Interval.Exact(16)).IsExact);
    }

    [Fact]
    public void Characteristic_polynomials_and_determinants_are_exact()
    {
        // K3: x³ − 3x − 2 = (x − 2)(x + 1)².
        Assert.Equal(new BigInteger[] { -2, -3, 0, 1 }, IntegerPolynomial.CharacteristicPolynomial(Adjacency(NamedGraphs.Complete(3))));
        // P3: x³ − 2x.
        Assert.Equal(new BigInteger[] { 0, -2, 0, 1 }, IntegerPolynomial.CharacteristicPolynomial(Adjacency(NamedGraphs.Path(3))));
        Assert.Equal(new BigInteger(-2), IntegerPolynomial.Determinant(new long[,] { { 1, 2 }, { 3, 4 } }));
        Assert.Equal(BigInteger.Zero, IntegerPolynomial.Determinant(new long[,] { { 0, 0 }, { 3, 4 } }));
    }

    [Fact]
    public void Certified_eigenvalues_enclose_MathNet_values_with_multiplicity()
    {
        var random = new Leibniz.Numerics.Generator(11);
        var graphs = new List<Graph> { NamedGraphs.Petersen(), NamedGraphs.Star(19), NamedGraphs.CompleteBipartite(3, 4) };
        for (int i = 0; i < 20; i++)
        {
            graphs.Add(GraphInvariantTests.RandomGraph(random, 3 + (int)random.NextInt64(12)));
        }
        foreach (var graph in graphs)
        {
            int n = graph.Order;
            var spectrum = new CertifiedSpectrum(Adjacency(graph));
            var expected = new GraphFacts(graph).AdjacencySpectrum;
            for (int k = 1; k <= n; k++)
            {
                var enclosure = spectrum.Largest(k, expected[k - 1]);
                Assert.True(enclosure.Lo <= expected[k - 1] + 1e-9 && expected[k - 1] - 1e-9 <= enclosure.Hi, $"λ_{k} = {expected[k - 1]} not in {enclosure}");
                Assert.True(enclosure.Width < 1e-10);
                // Without an estimate the bisection starts from the Gershgorin bound and must find the same root.
                var blind = spectrum.Largest(k);
                Assert.True(blind.Lo <= enclosure.Hi && enclosure.Lo <= blind.Hi);
            }
        }
    }

    [Fact]
    public void The_certificate_rejects_the_star_which_only_meets_the_bound()
    {
        var certificate = Certificate.Check(NamedGraphs.Star(19), Conjecture.Resolve("wagner-2.1"));
        Assert.False(certificate.Certified);
        Assert.Contains("too close to call", certificate.Verdict);
    }

    [Fact]
    public void The_certificate_rejects_a_graph_that_satisfies_the_conjecture()
    {
        var certificate = Certificate.Check(NamedGraphs.Path(19), Conjecture.Resolve("wagner-2.1"));
        Assert.False(certificate.Certified);
        Assert.NotNull(certificate.Left);
        Assert.True(certificate.Left!.Value.Lo > certificate.Right!.Value.Hi);
    }

    [Fact]
    public void The_certificate_rejects_a_graph_outside_the_side_conditions()
    {
        // Two disjoint stars: α = 14 > 2μ = 4, but the graph is not connected.
        var graph = Graph.FromEdges(16, Enumerable.Range(1, 7).Select(i => (0, i)).Concat(Enumerable.Range(9, 7).Select(i => (8, i))));
        var certificate = Certificate.Check(graph, Conjecture.Resolve("alpha-mu"));
        Assert.False(certificate.Certified);
        Assert.Contains("side condition", certificate.Verdict);
    }

    [Fact]
    public void The_certificate_proves_a_real_counterexample_and_shows_its_evidence()
    {
        var certificate = Certificate.Check(NamedGraphs.Star(8), Conjecture.Resolve("alpha-mu"));
        Assert.True(certificate.Certified, certificate.Verdict);
        Assert.Equal(7, certificate.Values["alpha"].Lo);
        Assert.Equal(1, certificate.Values["mu"].Lo);
        string markdown = certificate.ToMarkdown();
        Assert.Contains("Certified counterexample", markdown);
        Assert.Contains(Graph6.Encode(NamedGraphs.Star(8)), markdown);
        Assert.Contains("0-1 0-2", markdown);
    }

    [Fact]
    public void Strict_conjectures_are_refuted_by_equality()
    {
        // "n > 5" on 5 vertices: equality refutes a strict inequality, and the certificate can prove it.
        var conjecture = ConjectureParser.Parse("n > 5");
        Assert.True(conjecture.IsCounterexample(conjecture.Reward(NamedGraphs.Path(5))));
        Assert.True(Certificate.Check(NamedGraphs.Path(5), conjecture).Certified);
        Assert.False(Certificate.Check(NamedGraphs.Path(6), conjecture).Certified);
    }

    private static long[,] Adjacency(Graph graph) => graph.AdjacencyMatrix();
}
