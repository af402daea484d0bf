using Leibniz.Numerics;
using Leibniz.Optim;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Leibniz.Tests.Optim;

/// <summary>L-BFGS against known minimisers (Rosenbrock, bounded quadratics) and against MathNet's minimisers.</summary>
public class LbfgsTests
{
    /// <summary>The extended Rosenbrock function Σ 100(x_{2i+1} − x_{2i}²)² + (1 − x_{2i})², minimised at all ones.</summary>
    private static (double, double[]) Rosenbrock(double[] x)
    {
        double f = 0;
        var g = new double[x.Length];
        for (int i = 0; i + 1 < x.Length; i += 2)
        {
            double a = x[i + 1] - x[i] * x[i], b = 1 - x[i];
            f += 100 * a * a + b * b;
            g[i] += -400 * a * x[i] - 2 * b;
            g[i + 1] += 200 * a;
        }
        return (f, g);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    public void Rosenbrock_is_minimised_at_all_ones_with_strong_Wolfe_steps(int n)
    {
        var x0 = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray();
        var result = Lbfgs.Minimize(Rosenbrock, x0, new LbfgsOptions { GradientTolerance = 1e-9, ValueTolerance = 0 });
        Assert.True(result.Converged, result.Reason);
        Assert.All(result.X, v => Assert.Equal(1, v, 6));
        // MathNet's L-BFGS from the same start reaches the same point.
        var mathNet = new LimitedMemoryBfgsMinimizer(1e-9, 1e-15, 1e-15, 10, 10_000).FindMinimum(
            ObjectiveFunction.Gradient(v => { var (f, g) = Rosenbrock([.. v]); return (f, Vector<double>.Build.DenseOfArray(g)); }),
            Vector<double>.Build.DenseOfArray(x0));
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(mathNet.MinimizingPoint[i], result.X[i], 6);
        }
    }

    [Fact]
    public void A_bounded_quadratic_stops_at_its_clipped_minimiser()
    {
        // f(x) = ½ Σ aᵢ (xᵢ − cᵢ)², minimiser clamp(c, lower, upper).
        double[] a = [1, 4, 0.5, 2, 3], c = [2, -1, 0.3, 5, -3];
        double[] lower = [0, 0, 0, 0, -1], upper = [1, double.PositiveInfinity, 1, 3, double.PositiveInfinity];
        (double, double[]) F(double[] x) => (0.5 * x.Select((v, i) => a[i] * (v - c[i]) * (v - c[i])).Sum(), [.. x.Select((v, i) => a[i] * (v - c[i]))]);
        var result = Lbfgs.Minimize(F, [0.5, 0.5, 0.5, 0.5, 0.5], lower, upper, new LbfgsOptions { GradientTolerance = 1e-10 });
        Assert.True(result.Converged, result.Reason);
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(Math.Clamp(c[i], lower[i], upper[i]), result.X[i], 8);
        }
    }

    [Fact]
    public void A_coupled_bounded_quadratic_agrees_with_MathNets_bounded_BFGS()
    {
        // ½ xᵀAx − bᵀx on x ≥ 0 with A symmetric positive definite and coupled, so that the active set is not obvious.
        var g = new Generator(3);
        int n = 12;
        var m = Matrix<double>.Build.Dense(n, n, (_, _) => g.NextNormal());
        var a = m.TransposeThisAndMultiply(m) + Matrix<double>.Build.DenseIdentity(n);
        var b = Vector<double>.Build.Dense(n, _ => g.NextNormal() * 3);
        (double, double[]) F(double[] x)
        {
            var v = Vector<double>.Build.DenseOfArray(x);
            var av = a * v;
            return (0.5 * v.DotProduct(av) - b.DotProduct(v), [.. av - b]);
        }
        var lower = Enumerable.Repeat(0.0, n).ToArray();
        var upper = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
        // Near the minimum a step lowers f (about −2.4) by about ½|g|²/λ with λ ≥ 1, an ulp of f once |g| is near 1e-8:
        // below that the line search cannot tell a decrease from rounding, so 1e-7 is the tightest tolerance to ask.
        var result = Lbfgs.Minimize(F, new double[n], lower, upper, new LbfgsOptions { GradientTolerance = 1e-7, ValueTolerance = 0 });
        Assert.True(result.Converged, result.Reason);
        Assert.Contains(result.X, v => v == 0);
        Assert.Contains(result.X, v => v > 0);
        var reference = new BfgsBMinimizer(1e-10, 1e-14, 1e-14, 10_000).FindMinimum(
            ObjectiveFunction.Gradient(v => { var (f, grad) = F([.. v]); return (f, Vector<double>.Build.DenseOfArray(grad)); }),
            Vector<double>.Build.DenseOfArray(lower), Vector<double>.Build.DenseOfArray(Enumerable.Repeat(1e6, n).ToArray()),
            Vector<double>.Build.Dense(n, 0.5));
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(reference.MinimizingPoint[i], result.X[i], 6);
        }
        // Karush–Kuhn–Tucker: zero gradient where free, non-negative where held at zero.
        var (_, gradient) = F(result.X);
        for (int i = 0; i < n; i++)
        {
            if (result.X[i] > 0)
            {
                Assert.Equal(0, gradient[i], 6);
            }
            else
            {
                Assert.True(gradient[i] >= -1e-7, $"held variable {i} has gradient {gradient[i]}");
            }
        }
    }

    [Fact]
    public void A_bounded_Rosenbrock_agrees_with_SciPys_L_BFGS_B()
    {
        // Pairs alternate between y ≤ 0.2 (the bound holds y, x settles inside) and x ≤ 0.9, y ≥ 1.5 (from x = −1.2
        // the valley's left branch). SciPy 1.10 (scipy.optimize.minimize, method L-BFGS-B, gtol 1e-10, ftol 0) from the
        // same start stops at x = 0.45388973478454, y = 0.2 and x = −1.22102624210709, y = 1.5, f = 10.788025185893911.
        int n = 10;
        var x0 = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray();
        var lower = new double[n];
        var upper = new double[n];
        for (int pair = 0; pair < n / 2; pair++)
        {
            bool even = pair % 2 == 0;
            (lower[2 * pair], upper[2 * pair]) = (-2, even ? double.PositiveInfinity : 0.9);
            (lower[2 * pair + 1], upper[2 * pair + 1]) = (even ? double.NegativeInfinity : 1.5, even ? 0.2 : double.PositiveInfinity);
        }
        var result = Lbfgs.Minimize(Rosenbrock, x0, lower, upper, new LbfgsOptions { GradientTolerance = 1e-10, ValueTolerance = 0 });
        Assert.True(result.Converged, result.Reason);
        Assert.Equal(10.788025185893911, result.Value, 9);
        for (int pair = 0; pair < n / 2; pair++)
        {
            bool even = pair % 2 == 0;
            Assert.Equal(even ? 0.45388973478454 : -1.22102624210709, result.X[2 * pair], 8);
            Assert.Equal(even ? 0.2 : 1.5, result.X[2 * pair + 1], 12);
        }
        Assert.True(result.Iterations <= 40, $"{result.Iterations} iterations (SciPy takes 26)");
    }

    [Fact]
    public void Fixed_variables_stay_where_their_bounds_hold_them()
    {
        double[] lower = [0.3, -1, 2], upper = [0.3, 1, 2];
        var result = Lbfgs.Minimize(x => (x.Sum(v => v * v), [.. x.Select(v => 2 * v)]), [5.0, 0.7, -3], lower, upper);
        Assert.True(result.Converged, result.Reason);
        Assert.Equal([0.3, 0, 2], result.X);
    }

    [Fact]
    public void Bad_bounds_are_refused_with_what_was_wrong()
    {
        var e = Assert.Throws<ArgumentException>(() => Lbfgs.Minimize(x => (0, new double[1]), [0.0], [1.0], [0.0]));
        Assert.Contains("variable 0", e.Message);
    }
}
