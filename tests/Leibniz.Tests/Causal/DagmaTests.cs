using Leibniz.Causal.Discovery;
using Leibniz.Causal.Graphs;
using Leibniz.Causal.Models;
using Leibniz.Numerics;

namespace Leibniz.Tests.Causal;

/// <summary>DAGMA's log-determinant acyclicity, linear DAGMA, and background knowledge in the continuous methods.</summary>
public class DagmaTests
{
    [Fact]
    public void The_log_determinant_is_zero_on_a_DAG_and_minus_log_one_minus_a_to_the_fourth_on_a_two_cycle()
    {
        var dag = new double[] { 0, 1.5, -2, 0, 0, 0.7, 0, 0, 0 };
        Assert.Equal(0, Acyclicity.LogDeterminant(dag, 3, 1)!.Value.Value, 12);
        // sI − W∘W = [[1, −a²], [−a², 1]] for the 2-cycle of weight a: det = 1 − a⁴.
        const double A = 0.8;
        var cycle = new double[] { 0, A, A, 0 };
        var h = Acyclicity.LogDeterminant(cycle, 2, 1)!.Value;
        Assert.Equal(-Math.Log(1 - Math.Pow(A, 4)), h.Value, 12);
        Assert.True(h.InDomain);
        // Beyond a = 1 the determinant changes sign and the inverse has negative entries: outside the domain.
        Assert.False(Acyclicity.LogDeterminant([0, 1.1, 1.1, 0], 2, 1)!.Value.InDomain);
    }

    [Fact]
    public void The_log_determinant_gradient_matches_central_differences()
    {
        var g = new Generator(8);
        const int D = 5;
        var w = new double[D * D];
        for (int k = 0; k < w.Length; k++)
        {
            w[k] = k / D == k % D ? 0 : 0.3 * g.NextNormal();
        }
        var (_, gradient, inDomain) = Acyclicity.LogDeterminant(w, D, 1.0)!.Value;
        Assert.True(inDomain);
        const double Step = 1e-6;
        for (int k = 0; k < w.Length; k++)
        {
            var plus = (double[])w.Clone();
            var minus = (double[])w.Clone();
            plus[k] += Step;
            minus[k] -= Step;
            double numeric = (Acyclicity.LogDeterminant(plus, D, 1.0)!.Value.Value - Acyclicity.LogDeterminant(minus, D, 1.0)!.Value.Value) / (2 * Step);
            Assert.True(Math.Abs(numeric - gradient[k]) <= 1e-7 * Math.Max(1, Math.Abs(numeric)), $"entry {k}: {gradient[k]} against {numeric}");
        }
    }

    [Fact]
    public void DAGMA_recovers_a_three_variable_chain()
    {
        var w = new double[,] { { 0, 1.5, 0 }, { 0, 0, -1.2 }, { 0, 0, 0 } };
        var sem = new LinearSem(w);
        var result = Dagma.Linear(sem.Sample(1000, new Generator(1)));
        Assert.Equal(0, GraphAccuracy.Of(sem.Graph, result.Graph).Shd);
        Assert.InRange(result.Weights[0, 1], 1.3, 1.6);
        Assert.True(result.H < 1e-4, $"h = {result.H}");
    }

    /// <summary>
    /// Within 2·10⁻⁴ rather than to rounding: the reference lets the diagonal of W move (h pushes it back), Leibniz
    /// holds it at zero, which shifts the weights by about 4·10⁻⁵ here.
    /// </summary>
    [Fact]
    public void DAGMA_returns_the_reference_codes_weights()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Causal", "Data", "dagma-reference.txt")).Where(l => !l.StartsWith('#')).ToList();
        int start = lines.IndexOf("data");
        double[][] Rows(IEnumerable<string> block) => [.. block.Select(l => l.Split(' ').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray())];
        var expected = Rows(lines.Skip(1).Take(start - 1));
        var rows = Rows(lines.Skip(start + 1));
        var x = new double[rows.Length, rows[0].Length];
        for (int r = 0; r < rows.Length; r++)
        {
            for (int c = 0; c < rows[0].Length; c++)
            {
                x[r, c] = rows[r][c];
            }
        }
        var result = Dagma.Linear(x);
        for (int i = 0; i < expected.Length; i++)
        {
            for (int j = 0; j < expected.Length; j++)
            {
                Assert.True(Math.Abs(result.Weights[i, j] - expected[i][j]) <= 2e-4, $"W[{i}, {j}]: reference {expected[i][j]}, Leibniz {result.Weights[i, j]}");
            }
        }
    }

    [Fact]
    public void DAGMA_recovers_most_of_a_random_ER2_graph()
    {
        var g = new Generator(3);
        var dag = RandomDags.ErdosRenyi(10, 20, g);
        var sem = new LinearSem(LinearSem.RandomWeights(dag, g));
        var accuracy = GraphAccuracy.Of(dag, Dagma.Linear(sem.Sample(1000, g)).Graph);
        Assert.True(accuracy.Shd <= 3 && accuracy.Tpr >= 0.85, $"SHD {accuracy.Shd}, TPR {accuracy.Tpr}, FDR {accuracy.Fdr}");
    }

    [Fact]
    public void Forbidden_edges_stay_out_and_required_edges_stay_in_for_NOTEARS_and_DAGMA()
    {
        var w = new double[,] { { 0, 1.5, 0 }, { 0, 0, -1.2 }, { 0, 0, 0 } };
        var x = new LinearSem(w).Sample(1000, new Generator(5));
        // Forbid the true 0 → 1 and require the absent 0 → 2.
        var knowledge = new BackgroundKnowledge(3, required: [(0, 2)], forbidden: [(0, 1)]);
        var notears = Notears.Linear(x, knowledge: knowledge).Graph;
        var dagma = Dagma.Linear(x, knowledge: knowledge).Graph;
        foreach (var (name, graph) in new[] { ("NOTEARS", notears), ("DAGMA", dagma) })
        {
            Assert.False(graph[0, 1], $"{name} returned the forbidden 0 → 1");
            Assert.True(graph[0, 2], $"{name} lost the required 0 → 2");
        }
    }
}

/// <summary>NOTEARS with a network per variable on nonlinear data.</summary>
public class NotearsMlpTests
{
    [Fact]
    public void NOTEARS_MLP_recovers_a_nonlinear_graph_that_linear_NOTEARS_gets_wrong()
    {
        var g = new Generator(41);
        var dag = RandomDags.ErdosRenyi(5, 6, g);
        var sem = NonlinearSem.Random(dag, MechanismKind.Index, g);
        var x = sem.Sample(300, g);
        var mlp = NotearsMlp.Fit(x, new Generator(1));
        var linear = Notears.Linear(x);
        var a = GraphAccuracy.Of(dag, mlp.Graph);
        var b = GraphAccuracy.Of(dag, linear.Graph);
        Assert.True(mlp.Converged, $"h = {mlp.H}, ρ = {mlp.Rho}");
        Assert.True(a.Shd <= 2 && a.Shd < b.Shd, $"MLP: SHD {a.Shd} (TPR {a.Tpr}); linear: SHD {b.Shd} (TPR {b.Tpr})");
    }

    [Fact]
    public void The_NOTEARS_MLP_objective_gradient_matches_central_differences()
    {
        var g = new Generator(42);
        var x = new double[40, 3];
        for (int r = 0; r < 40; r++)
        {
            for (int c = 0; c < 3; c++)
            {
                x[r, c] = g.NextNormal();
            }
        }
        var problem = new NotearsMlp.Problem(x, new NotearsMlpOptions { Hidden = 4 }, BackgroundKnowledge.None(3)) { Rho = 10, Alpha = 0.5 };
        // A point inside the bounds, away from zero so that the L1 term is smooth there.
        var p = problem.Initial(g).Select((v, k) => problem.Upper[k] == 0 ? 0 : problem.Lower[k] == 0 ? 0.2 + 0.5 * g.NextDouble() : v).ToArray();
        var (_, gradient) = problem.Evaluate(p);
        const double Step = 1e-6;
        for (int k = 0; k < p.Length; k++)
        {
            if (problem.Upper[k] == 0)
            {
                continue;
            }
            var plus = (double[])p.Clone();
            var minus = (double[])p.Clone();
            plus[k] += Step;
            minus[k] -= Step;
            double numeric = (problem.Evaluate(plus).Value - problem.Evaluate(minus).Value) / (2 * Step);
            Assert.True(Math.Abs(numeric - gradient[k]) <= 1e-6 * Math.Max(1, Math.Abs(numeric)), $"parameter {k}: {gradient[k]} against {numeric}");
        }
    }
}
