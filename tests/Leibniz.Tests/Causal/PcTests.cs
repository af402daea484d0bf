using Leibniz.Causal.Discovery;
using Leibniz.Causal.Graphs;
using Leibniz.Causal.Models;
using Leibniz.Numerics;

namespace Leibniz.Tests.Causal;

/// <summary>CPDAGs, the PC algorithm against the d-separation oracle and against causal-learn, Fisher-z and KCI.</summary>
public class PcTests
{
    [Fact]
    public void The_CPDAG_of_a_chain_is_undirected_and_that_of_a_collider_directed()
    {
        var chain = PartiallyDirectedGraph.Cpdag(Dag.FromEdges(3, (0, 1), (1, 2)));
        Assert.True(chain.IsUndirected(0, 1) && chain.IsUndirected(1, 2) && !chain.IsAdjacent(0, 2));
        var collider = PartiallyDirectedGraph.Cpdag(Dag.FromEdges(4, (0, 2), (1, 2), (2, 3)));
        // 0 → 2 ← 1 is a v-structure; 2 → 3 follows by Meek's first rule.
        Assert.True(collider.IsDirected(0, 2) && collider.IsDirected(1, 2) && collider.IsDirected(2, 3));
        Assert.Equal(0, collider.UndirectedCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void PC_with_the_d_separation_oracle_returns_the_CPDAG_of_the_true_graph(int seed)
    {
        var dag = RandomDags.ErdosRenyi(9, 16, new Generator((ulong)seed));
        var expected = PartiallyDirectedGraph.Cpdag(dag);
        var actual = PcAlgorithm.Run(new DSeparationOracle(dag)).Graph;
        for (int i = 0; i < 9; i++)
        {
            for (int j = 0; j < 9; j++)
            {
                Assert.True(expected.IsAdjacent(i, j) == actual.IsAdjacent(i, j) && expected.IsDirected(i, j) == actual.IsDirected(i, j), $"({i}, {j}): expected adjacent {expected.IsAdjacent(i, j)} directed {expected.IsDirected(i, j)}, got {actual.IsAdjacent(i, j)} {actual.IsDirected(i, j)}");
            }
        }
        Assert.Equal(0, GraphAccuracy.Of(dag, actual).Shd);
    }

    [Fact]
    public void PC_with_Fisher_z_returns_causal_learns_graph_on_its_benchmark_data()
    {
        var (correlation, n, expected) = ReadCausalLearnFixture();
        int d = correlation.GetLength(0);
        var graph = PcAlgorithm.Run(new FisherZTest(correlation, n), 0.05).Graph;
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                // causal-learn: graph[i, j] = −1 and graph[j, i] = 1 is i → j; both −1 is i — j.
                bool directed = expected[i, j] == -1 && expected[j, i] == 1;
                bool undirected = expected[i, j] == -1 && expected[j, i] == -1;
                Assert.True(directed == graph.IsDirected(i, j), $"X{i + 1} → X{j + 1}: causal-learn {directed}, Leibniz {graph.IsDirected(i, j)}");
                Assert.True(undirected == graph.IsUndirected(i, j), $"X{i + 1} — X{j + 1}: causal-learn {undirected}, Leibniz {graph.IsUndirected(i, j)}");
            }
        }
    }

    [Fact]
    public void Fisher_z_gives_the_textbook_p_value_of_a_correlation()
    {
        // r = 0.2 with n = 103: z = atanh(0.2) = 0.202733, √100·z = 2.02733, p = 2(1 − Φ(2.02733)) = 0.042629 (SciPy).
        var test = new FisherZTest(new double[,] { { 1, 0.2 }, { 0.2, 1 } }, 103);
        Assert.Equal(0.0426291, test.PValue(0, 1, []), 6);
    }

    [Fact]
    public void Undirected_CPDAG_edges_count_as_found_and_cost_nothing_in_SHD()
    {
        var truth = Dag.FromEdges(3, (0, 1), (1, 2));
        var accuracy = GraphAccuracy.Of(truth, PartiallyDirectedGraph.Cpdag(truth));
        Assert.Equal((0, 1.0, 2), (accuracy.Shd, accuracy.Tpr, accuracy.Predicted));
    }

    [Fact]
    public void KCI_sees_a_nonlinear_dependence_that_a_partial_correlation_misses()
    {
        var g = new Generator(11);
        const int N = 200;
        var data = new double[N, 3];
        for (int r = 0; r < N; r++)
        {
            double x = g.NextNormal();
            double z = Math.Sin(2 * x) + 0.3 * g.NextNormal();
            data[r, 0] = x;
            data[r, 1] = z;
            // y depends on x only through z, and on z through an even function (no linear trace).
            data[r, 2] = z * z + 0.3 * g.NextNormal();
        }
        var kci = new KernelCiTest(data);
        var fisher = new FisherZTest(data);
        Assert.True(kci.PValue(1, 2, []) < 1e-3, $"KCI p(z, y) = {kci.PValue(1, 2, [])}");
        Assert.True(fisher.PValue(1, 2, []) > 0.01, $"Fisher p(z, y) = {fisher.PValue(1, 2, [])}");
        Assert.True(kci.PValue(0, 2, [1]) > 0.05, $"KCI p(x, y | z) = {kci.PValue(0, 2, [1])}");
    }

    [Fact]
    public void KCI_gives_causal_learns_p_values()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Causal", "Data", "causal-learn-kci.txt")).Where(l => !l.StartsWith('#')).ToList();
        int start = lines.IndexOf("data");
        var rows = lines.Skip(start + 1).Select(l => l.Split(' ').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var data = new double[rows.Length, rows[0].Length];
        for (int r = 0; r < rows.Length; r++)
        {
            for (int c = 0; c < rows[0].Length; c++)
            {
                data[r, c] = rows[r][c];
            }
        }
        var kci = new KernelCiTest(data);
        foreach (var line in lines.Take(start))
        {
            var parts = line.Split(' ');
            int i = int.Parse(parts[1]), j = int.Parse(parts[2]);
            int[] given = parts[3] == "-" ? [] : [.. parts[3..^1].Select(int.Parse)];
            double expected = double.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture);
            double actual = kci.PValue(i, j, given);
            Assert.True(Math.Abs(actual - expected) <= 1e-9 + 1e-6 * expected, $"p({i}, {j} | {string.Join(",", given)}): causal-learn {expected}, Leibniz {actual}");
        }
    }

    [Fact]
    public void KCI_rejects_independent_data_at_about_its_level()
    {
        int rejected = 0, conditionalRejected = 0;
        const int Seeds = 40;
        for (int seed = 0; seed < Seeds; seed++)
        {
            var g = new Generator((ulong)(100 + seed));
            var data = new double[100, 3];
            for (int r = 0; r < 100; r++)
            {
                double z = g.NextNormal();
                data[r, 0] = Math.Tanh(z) + 0.5 * g.NextNormal();
                data[r, 1] = z * z + 0.5 * g.NextNormal();
                data[r, 2] = z;
            }
            var kci = new KernelCiTest(data);
            conditionalRejected += kci.PValue(0, 1, [2]) < 0.05 ? 1 : 0;
            // Columns 0 of this seed's data against a fresh normal column: independent.
            var pair = new double[100, 2];
            for (int r = 0; r < 100; r++)
            {
                pair[r, 0] = data[r, 0];
                pair[r, 1] = g.NextNormal();
            }
            rejected += new KernelCiTest(pair).PValue(0, 1, []) < 0.05 ? 1 : 0;
        }
        // 5 % of 40 is 2; allow sampling noise and the gamma approximation.
        Assert.True(rejected <= 6, $"{rejected} of {Seeds} independent pairs rejected at 5 %");
        Assert.True(conditionalRejected <= 8, $"{conditionalRejected} of {Seeds} conditionally independent pairs rejected at 5 %");
    }

    [Fact]
    public void Tiers_orient_what_the_data_cannot()
    {
        var w = new double[,] { { 0, 1.2, 0 }, { 0, 0, 0.9 }, { 0, 0, 0 } };
        var x = new LinearSem(w).Sample(2000, new Generator(2));
        var plain = PcAlgorithm.Run(new FisherZTest(x)).Graph;
        Assert.True(plain.IsUndirected(0, 1) && plain.IsUndirected(1, 2));
        var knowledge = new BackgroundKnowledge(3, tiers: [0, 1, 2]);
        var informed = PcAlgorithm.Run(new FisherZTest(x), knowledge: knowledge).Graph;
        Assert.True(informed.IsDirected(0, 1) && informed.IsDirected(1, 2), "the tiers put 0 before 1 before 2");
    }

    [Fact]
    public void Contradictory_knowledge_is_refused_with_the_edge_named()
    {
        var e = Assert.Throws<ArgumentException>(() => new BackgroundKnowledge(3, required: [(2, 0)], tiers: [0, 1, 2]));
        Assert.Contains("2 → 0", e.Message);
        Assert.Throws<ArgumentException>(() => new BackgroundKnowledge(3, required: [(0, 1), (1, 2), (2, 0)]));
    }

    /// <summary>The correlation matrix, n and causal-learn's graph from <c>Causal/Data/causal-learn-linear-10.txt</c>.</summary>
    private static (double[,] Correlation, int N, int[,] Graph) ReadCausalLearnFixture()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Causal", "Data", "causal-learn-linear-10.txt")).Where(l => !l.StartsWith('#')).ToList();
        int n = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        int c = lines.IndexOf("correlation"), g = lines.IndexOf("graph");
        var rows = lines.Skip(c + 1).Take(g - c - 1).Select(l => l.Split(' ').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();
        int d = rows.Length;
        var correlation = new double[d, d];
        var graph = new int[d, d];
        var graphRows = lines.Skip(g + 1).Take(d).Select(l => l.Split(' ').Select(int.Parse).ToArray()).ToArray();
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                correlation[i, j] = rows[i][j];
                graph[i, j] = graphRows[i][j];
            }
        }
        return (correlation, n, graph);
    }
}
