using Leibniz.Causal.Discovery;
using Leibniz.Causal.Graphs;
using Leibniz.Numerics;

namespace Leibniz.Tests.Causal;

/// <summary>DAGs, random DAGs, d-separation on the textbook cases and against moralisation, the back-door criterion, SHD.</summary>
public class GraphTests
{
    [Fact]
    public void Chains_forks_and_colliders_are_separated_as_the_textbooks_say()
    {
        var chain = Dag.FromEdges(3, (0, 1), (1, 2));
        Assert.False(DSeparation.Separated(chain, 0, 2));
        Assert.True(DSeparation.Separated(chain, 0, 2, 1));
        var fork = Dag.FromEdges(3, (0, 1), (0, 2));
        Assert.False(DSeparation.Separated(fork, 1, 2));
        Assert.True(DSeparation.Separated(fork, 1, 2, 0));
        var collider = Dag.FromEdges(4, (0, 2), (1, 2), (2, 3));
        Assert.True(DSeparation.Separated(collider, 0, 1));
        Assert.False(DSeparation.Separated(collider, 0, 1, 2));
        Assert.False(DSeparation.Separated(collider, 0, 1, 3));
    }

    /// <summary>
    /// The second algorithm (Lauritzen et al. 1990): X ⊥ Y | Z exactly when, in the moral graph of the ancestral set of
    /// X ∪ Y ∪ Z, removing Z leaves no path from X to Y.
    /// </summary>
    private static bool SeparatedByMoralisation(Dag dag, int x, int y, HashSet<int> z)
    {
        var keep = dag.Ancestors(z.Append(x).Append(y));
        var neighbours = keep.ToDictionary(v => v, _ => new HashSet<int>());
        foreach (int v in keep)
        {
            var parents = dag.Parents(v).Where(keep.Contains).ToArray();
            foreach (int p in parents)
            {
                neighbours[v].Add(p);
                neighbours[p].Add(v);
                foreach (int q in parents)
                {
                    if (p != q)
                    {
                        neighbours[p].Add(q);
                    }
                }
            }
        }
        var seen = new HashSet<int> { x };
        var stack = new Stack<int>([x]);
        while (stack.Count > 0)
        {
            foreach (int u in neighbours[stack.Pop()])
            {
                if (!z.Contains(u) && seen.Add(u))
                {
                    stack.Push(u);
                }
            }
        }
        return !seen.Contains(y);
    }

    [Fact]
    public void D_separation_agrees_with_moralisation_on_random_graphs()
    {
        var g = new Generator(8);
        int checkedSeparated = 0, checkedConnected = 0;
        for (int trial = 0; trial < 60; trial++)
        {
            var dag = RandomDags.ErdosRenyi(8, 10, g);
            for (int q = 0; q < 20; q++)
            {
                int x = (int)(g.NextDouble() * 8), y = (int)(g.NextDouble() * 8);
                if (x == y)
                {
                    continue;
                }
                var z = Enumerable.Range(0, 8).Where(v => v != x && v != y && g.NextDouble() < 0.3).ToHashSet();
                bool expected = SeparatedByMoralisation(dag, x, y, z);
                Assert.Equal(expected, DSeparation.Separated(dag, [x], [y], z));
                (checkedSeparated, checkedConnected) = expected ? (checkedSeparated + 1, checkedConnected) : (checkedSeparated, checkedConnected + 1);
            }
        }
        Assert.True(checkedSeparated > 50 && checkedConnected > 50, $"{checkedSeparated} separated and {checkedConnected} connected queries");
    }

    [Fact]
    public void The_back_door_criterion_takes_the_confounder_and_refuses_a_mediator()
    {
        // Z = 0 confounds X = 1 and Y = 2; M = 3 mediates X → M → Y.
        var dag = Dag.FromEdges(4, (0, 1), (0, 2), (1, 2), (1, 3), (3, 2));
        Assert.True(DSeparation.SatisfiesBackDoor(dag, 1, 2, [0]));
        Assert.False(DSeparation.SatisfiesBackDoor(dag, 1, 2, []));
        Assert.False(DSeparation.SatisfiesBackDoor(dag, 1, 2, [0, 3]));
    }

    [Fact]
    public void Random_DAGs_are_acyclic_with_the_edges_asked_for()
    {
        var g = new Generator(2);
        for (int trial = 0; trial < 10; trial++)
        {
            Assert.Equal(40, RandomDags.ErdosRenyi(20, 40, g).EdgeCount);
            var sf = RandomDags.ScaleFree(20, 80, g);
            Assert.InRange(sf.EdgeCount, 60, 80);
            // Scale-free: the largest degree well above the mean (8).
            int most = Enumerable.Range(0, 20).Max(v => sf.Parents(v).Length + sf.Children(v).Length);
            Assert.True(most >= 10, $"largest degree {most}");
        }
    }

    [Fact]
    public void A_cycle_is_refused_with_the_cycle_named()
    {
        var e = Assert.Throws<ArgumentException>(() => Dag.FromEdges(3, (0, 1), (1, 2), (2, 0)));
        Assert.Contains("0 → 1 → 2 → 0", e.Message);
    }

    [Fact]
    public void A_reversed_edge_costs_one_in_the_structural_Hamming_distance()
    {
        var truth = Dag.FromEdges(3, (0, 1), (1, 2));
        var estimate = Dag.FromEdges(3, (1, 0), (1, 2));
        var accuracy = GraphAccuracy.Of(truth, estimate);
        Assert.Equal(1, accuracy.Shd);
        Assert.Equal(0.5, accuracy.Tpr);
        Assert.Equal(0.5, accuracy.Fdr);
        Assert.Equal(1, accuracy.Fpr);
        // 0 → 2 alone: one extra and two missing edges of the skeleton.
        Assert.Equal(3, GraphAccuracy.Of(truth, Dag.FromEdges(3, (0, 2))).Shd);
    }
}
