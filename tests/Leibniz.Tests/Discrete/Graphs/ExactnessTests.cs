using Leibniz.Graphs;
using Leibniz.Graphs.Certification;
using Leibniz.Graphs.Conjectures;
using Leibniz.Numerics;

namespace Leibniz.Tests.Graphs;

/// <summary>The certifier's second, exact algorithms are the oracle for every invariant the catalogue calls exact.</summary>
public class ExactnessTests
{
    [Fact]
    public void Every_exact_invariant_equals_the_certifiers_value_on_random_graphs()
    {
        var generator = new Generator(17);
        var exact = GraphInvariants.All.Where(i => i.IsExact).ToList();
        Assert.Contains(exact, i => i.Name == "spanning_trees");
        Assert.DoesNotContain(exact, i => i.Name == "lambda1");
        int compared = 0;
        for (int trial = 0; trial < 150; trial++)
        {
            var graph = Fuzz.RandomGraph(generator, 1, 11);
            var facts = new GraphFacts(graph);
            var oracle = new ExactInvariants(graph);
            foreach (var invariant in exact)
            {
                double value = invariant.Scalar!(facts);
                Interval certified;
                try
                {
                    certified = oracle.Scalar(invariant);
                }
                catch (NotCertifiableException)
                {
                    continue;
                }
                Assert.True(certified.IsExact, $"{invariant.Name} on {Graph6.Encode(graph)}: the certifier gives an interval [{certified.Lo}, {certified.Hi}]");
                Assert.True(value == certified.Lo || (double.IsInfinity(value) && value == certified.Lo),
                    $"{invariant.Name} on {Graph6.Encode(graph)}: {value}, the certifier says {certified.Lo}");
                compared++;
            }
        }
        Assert.True(compared >= 150 * (exact.Count - 2), $"only {compared} values were compared with the certifier");
    }
}
