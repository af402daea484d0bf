using Leibniz.Causal.Graphs;
using Leibniz.Causal.Models;
using Leibniz.Numerics;

namespace Leibniz.Tests.Causal;

/// <summary>Nonlinear additive-noise models (interventions, counterfactuals) and bipartite random DAGs.</summary>
public class ModelTests
{
    [Theory]
    [InlineData(MechanismKind.Mlp)]
    [InlineData(MechanismKind.Index)]
    [InlineData(MechanismKind.Additive)]
    public void An_intervention_on_a_root_moves_its_child_to_the_mechanism_value(MechanismKind kind)
    {
        var g = new Generator(21);
        var dag = Dag.FromEdges(3, (0, 1), (1, 2), (0, 2));
        var sem = NonlinearSem.Random(dag, kind, g);
        const double V = 0.7;
        const int N = 4000;
        var x = sem.Sample(N, g, new Dictionary<int, double> { [0] = V });
        double mean = 0;
        for (int r = 0; r < N; r++)
        {
            Assert.Equal(V, x[r, 0]);
            mean += x[r, 1] / N;
        }
        // E[X₁ | do(X₀ = v)] = f₁(v) + E[N₁] = f₁(v); the noise has standard deviation 1, so the mean's is 1/√N.
        double expected = sem.Mechanism(1, [V, 0, 0]);
        Assert.True(Math.Abs(mean - expected) < 4 / Math.Sqrt(N), $"{kind}: mean {mean}, f₁(v) = {expected}");
    }

    [Theory]
    [InlineData(MechanismKind.Mlp)]
    [InlineData(MechanismKind.Index)]
    [InlineData(MechanismKind.Additive)]
    public void Counterfactuals_keep_each_units_noise_and_change_nothing_when_nothing_changes(MechanismKind kind)
    {
        var g = new Generator(22);
        var dag = RandomDags.ErdosRenyi(6, 9, g);
        var sem = NonlinearSem.Random(dag, kind, g, NoiseKind.Gumbel);
        var x = sem.Sample(1, g);
        var observed = Enumerable.Range(0, 6).Select(j => x[0, j]).ToArray();
        int root = dag.TopologicalOrder[0];
        var same = sem.Counterfactual(observed, new Dictionary<int, double> { [root] = observed[root] });
        for (int j = 0; j < 6; j++)
        {
            Assert.Equal(observed[j], same[j], 10);
        }
        var other = sem.Counterfactual(observed, new Dictionary<int, double> { [root] = observed[root] + 1 });
        foreach (int j in dag.TopologicalOrder.Where(j => j != root))
        {
            double noise = observed[j] - sem.Mechanism(j, observed);
            Assert.Equal(noise, other[j] - sem.Mechanism(j, other), 10);
        }
        foreach (int j in Enumerable.Range(0, 6).Where(j => !dag.Descendants(root).Contains(j)))
        {
            Assert.Equal(observed[j], other[j]);
        }
    }

    [Fact]
    public void Bipartite_graphs_send_every_edge_from_a_few_causes_to_effects()
    {
        var g = new Generator(23);
        var dag = RandomDags.Bipartite(20, 30, g);
        Assert.Equal(30, dag.EdgeCount);
        var causes = Enumerable.Range(0, 20).Where(v => dag.Children(v).Length > 0).ToArray();
        Assert.True(causes.Length <= 4, $"{causes.Length} vertices have children; at most ⌊0.2·20⌋ = 4 may");
        Assert.All(causes, v => Assert.Empty(dag.Parents(v)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomDags.Bipartite(20, 65, g));
    }
}
