using Leibniz.Causal.Discovery;
using Leibniz.Causal.Graphs;
using Leibniz.Causal.Models;
using Leibniz.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Leibniz.Tests.Causal;

/// <summary>The acyclicity function, the matrix exponential, linear NOTEARS and the linear SEM's interventions and counterfactuals.</summary>
public class DiscoveryTests
{
    [Fact]
    public void The_acyclicity_function_is_two_cosh_one_minus_two_on_a_two_cycle_and_zero_on_a_DAG()
    {
        var cycle = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1 }, { 1, 0 } });
        Assert.Equal(2 * Math.Cosh(1) - 2, Acyclicity.Value(cycle), 14);
        var dag = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1.5, -2 }, { 0, 0, 0.7 }, { 0, 0, 0 } });
        // Zero to rounding: the Padé approximant of e^A is exact only up to the unit roundoff, even for nilpotent A.
        Assert.Equal(0, Acyclicity.Value(dag), 14);
    }

    [Fact]
    public void The_acyclicity_gradient_matches_central_differences()
    {
        var g = new Generator(4);
        var w = Matrix<double>.Build.Dense(5, 5, (i, j) => i == j ? 0 : g.NextNormal() * 0.6);
        var (_, gradient) = Acyclicity.Of(w);
        const double Step = 1e-6;
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                var plus = w.Clone();
                var minus = w.Clone();
                plus[i, j] += Step;
                minus[i, j] -= Step;
                double numeric = (Acyclicity.Value(plus) - Acyclicity.Value(minus)) / (2 * Step);
                Assert.True(Math.Abs(numeric - gradient[i, j]) <= 1e-6 * Math.Max(1, Math.Abs(numeric)), $"({i}, {j}): {gradient[i, j]} against {numeric}");
            }
        }
    }

    [Theory]
    [InlineData(0.0005)] // ‖A‖₁ below θ₃: Padé degree 3
    [InlineData(0.01)] // degree 5
    [InlineData(0.05)] // degree 7
    [InlineData(0.12)] // degree 9
    [InlineData(0.3)] // degree 13, no squaring
    [InlineData(1.5)] // degree 13 with squarings
    public void The_matrix_exponential_of_a_symmetric_matrix_matches_its_eigendecomposition(double scale)
    {
        var g = new Generator(5);
        var m = Matrix<double>.Build.Dense(6, 6, (_, _) => g.NextNormal());
        var a = (m + m.Transpose()) * scale;
        var evd = a.Evd(Symmetricity.Symmetric);
        var expected = evd.EigenVectors * Matrix<double>.Build.DiagonalOfDiagonalVector(evd.EigenValues.Map(v => Math.Exp(v.Real))) * evd.EigenVectors.Transpose();
        var actual = MatrixExponential.Of(a);
        Assert.True((expected - actual).InfinityNorm() <= 1e-12 * expected.InfinityNorm(), $"‖A‖₁ = {a.L1Norm():G3}: difference {(expected - actual).InfinityNorm():E2}");
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(1)]
    [InlineData(30)] // ‖A‖₁ in the hundreds while A⁶ = 0: no squarings are needed
    public void The_matrix_exponential_of_a_nilpotent_matrix_is_its_finite_series(double scale)
    {
        // A strictly upper triangular 6 × 6 has A⁶ = 0, so e^A = Σ_{k<6} A^k / k! exactly.
        var g = new Generator(8);
        var a = Matrix<double>.Build.Dense(6, 6, (i, j) => j > i ? scale * g.NextNormal() : 0);
        var expected = Matrix<double>.Build.DenseIdentity(6);
        var power = Matrix<double>.Build.DenseIdentity(6);
        double factorial = 1;
        for (int k = 1; k < 6; k++)
        {
            power *= a;
            factorial *= k;
            expected += power / factorial;
        }
        var actual = MatrixExponential.Of(a);
        Assert.True((expected - actual).InfinityNorm() <= 1e-13 * expected.InfinityNorm(), $"‖A‖₁ = {a.L1Norm():G3}: difference {(expected - actual).InfinityNorm():E2}");
    }

    [Fact]
    public void Linear_NOTEARS_recovers_a_three_variable_chain()
    {
        var w = new double[,] { { 0, 1.5, 0 }, { 0, 0, -1.2 }, { 0, 0, 0 } };
        var sem = new LinearSem(w);
        var x = sem.Sample(1000, new Generator(1));
        var result = Notears.Linear(x);
        Assert.True(result.Converged, $"h = {result.H}, ρ = {result.Rho}");
        Assert.Equal(0, GraphAccuracy.Of(sem.Graph, result.Graph).Shd);
        // The L1 penalty (λ₁ = 0.1) shrinks the weights a little.
        Assert.InRange(result.Weights[0, 1], 1.3, 1.6);
        Assert.InRange(result.Weights[1, 2], -1.3, -1.0);
    }

    [Fact]
    public void Linear_NOTEARS_recovers_most_of_a_random_ER1_graph()
    {
        var g = new Generator(3);
        var dag = RandomDags.ErdosRenyi(10, 10, g);
        var sem = new LinearSem(LinearSem.RandomWeights(dag, g));
        var result = Notears.Linear(sem.Sample(1000, g));
        var accuracy = GraphAccuracy.Of(dag, result.Graph);
        Assert.True(accuracy.Shd <= 2 && accuracy.Tpr >= 0.8, $"SHD {accuracy.Shd}, TPR {accuracy.Tpr}, FDR {accuracy.Fdr}");
    }

    [Fact]
    public void Interventions_give_the_total_effect_and_counterfactuals_undo_nothing_they_should_not()
    {
        // Z = 0 → X = 1 (0.8), Z → Y = 2 (1.0), X → Y (2.0): the effect of X on Y is 2, the regression slope is not.
        var w = new double[,] { { 0, 0.8, 1.0 }, { 0, 0, 2.0 }, { 0, 0, 0 } };
        var sem = new LinearSem(w);
        Assert.Equal(2.0, sem.TotalEffect(1, 2), 12);
        Assert.Equal(0.8 * 2.0 + 1.0, sem.TotalEffect(0, 2), 12);
        var g = new Generator(6);
        double MeanY(double x) => Enumerable.Range(0, 1).Select(_ =>
        {
            var s = sem.Sample(20_000, g, new Dictionary<int, double> { [1] = x });
            double sum = 0;
            for (int r = 0; r < 20_000; r++)
            {
                sum += s[r, 2];
            }
            return sum / 20_000;
        }).Single();
        Assert.Equal(2.0, MeanY(1) - MeanY(0), 1);
        // Abduction–action–prediction: setting X to its observed value changes nothing; setting it one higher moves
        // Y by exactly the direct effect (the noises are kept).
        var unit = sem.Sample(1, g);
        double[] observed = [unit[0, 0], unit[0, 1], unit[0, 2]];
        Assert.Equal(observed, sem.Counterfactual(observed, new Dictionary<int, double> { [1] = observed[1] }));
        var moved = sem.Counterfactual(observed, new Dictionary<int, double> { [1] = observed[1] + 1 });
        Assert.Equal(observed[2] + 2.0, moved[2], 12);
        Assert.Equal(observed[0], moved[0]);
    }
}
