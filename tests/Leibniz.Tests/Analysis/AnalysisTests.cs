using Leibniz.Analysis;
using Leibniz.Data;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Optim;
using Leibniz.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Leibniz.Tests.Analysis;

/// <summary>Curvature and kernel tools checked on cases with known answers.</summary>
public class AnalysisTests
{
    /// <summary>L(w) = ½ wᵀ diag(1..50) w, so H = diag(1..50).</summary>
    private static HessianOperator Quadratic(out Tensor w)
    {
        var diagonal = Tensor.Arange(1, 51, 1, DType.Float64);
        var weights = Tensor.Randn(new Generator(1), [50], DType.Float64).RequireGrad();
        w = weights;
        return new HessianOperator([weights], () => (weights.Square() * diagonal).Sum() * 0.5);
    }

    [Fact]
    public void Power_iteration_says_when_it_stopped_before_converging()
    {
        var h = Quadratic(out _);
        // diag(1..50): the gap 49/50 makes 100 iterations too few for the default tolerance.
        var cut = Spectrum.TopEigenvalues(h.Apply, 50, 1, new Generator(2), dtype: DType.Float64);
        Assert.False(cut.Converged[0]);
        Assert.Equal(100, cut.Iterations[0]);
        Assert.True(cut.Residuals[0] > 1e-3, $"residual {cut.Residuals[0]}");
        var full = Spectrum.TopEigenvalues(h.Apply, 50, 2, new Generator(2), maxIterations: 5000, tolerance: 1e-13, dtype: DType.Float64);
        Assert.True(full.AllConverged);
        Assert.Equal(50, full.Values[0], 6);
        Assert.All(full.Residuals, r => Assert.True(r < 1e-3, $"residual {r}"));
    }

    [Fact]
    public void Top_eigenvalues_of_a_diagonal_quadratic_are_50_49_48()
    {
        var h = Quadratic(out _);
        var (values, _) = Spectrum.TopEigenvalues(h.Apply, 50, 3, new Generator(2), maxIterations: 3000, tolerance: 1e-12, dtype: DType.Float64);
        Assert.Equal(50, values[0], 6);
        Assert.Equal(49, values[1], 5);
        Assert.Equal(48, values[2], 4);
        var ritz = Lanczos.RitzValues(h.Apply, Tensor.Randn(new Generator(3), [50], DType.Float64), 50);
        Assert.Equal([50.0, 49, 48], ritz.Take(3).Select(v => Math.Round(v, 8)));
        var lanczos = Lanczos.TopEigenvalues(h.Apply, Tensor.Randn(new Generator(3), [50], DType.Float64), 3, 50, 1e-10);
        Assert.True(lanczos.Converged);
        Assert.False(Lanczos.TopEigenvalues(h.Apply, Tensor.Randn(new Generator(3), [50], DType.Float64), 3, 6, 1e-12).Converged);
        // The residual bound β_m|s_m| of each Ritz value: an eigenvalue (here an integer 1..50) lies within it.
        var early = Lanczos.TopEigenvalues(h.Apply, Tensor.Randn(new Generator(3), [50], DType.Float64), 3, 6, 1e-12);
        foreach (var (theta, bound) in early.Values.Zip(early.Residuals))
        {
            double distance = Enumerable.Range(1, 50).Min(l => Math.Abs(theta - l));
            Assert.True(distance <= bound * (1 + 1e-9), $"θ = {theta}: nearest eigenvalue {distance} away, bound {bound}");
        }
        Assert.True(early.Residuals[0] > 1e-3);
        Assert.All(lanczos.Residuals, r => Assert.True(r < 1e-3, $"residual {r} after convergence"));
        var (converged, steps) = lanczos;
        Assert.Equal([50.0, 49, 48], converged.Select(v => Math.Round(v, 6)));
        Assert.InRange(steps, 4, 50);
        var smallest = Spectrum.SmallestEigenvalues(h.Apply, 50, 2, new Generator(4), maxIterations: 5000, tolerance: 1e-13, dtype: DType.Float64);
        Assert.True(smallest.AllConverged);
        Assert.Equal(1, smallest.Values[0], 3);
        Assert.Equal(2, smallest.Values[1], 2);
        Assert.False(Spectrum.SmallestEigenvalues(h.Apply, 50, 1, new Generator(4), maxIterations: 20).AllConverged);
    }

    [Fact]
    public void Hutchinson_samples_of_a_diagonal_matrix_equal_the_trace_exactly()
    {
        var h = Quadratic(out _);
        var (trace, error, running) = Spectrum.Trace(h.Apply, 50, 5, new Generator(5), DType.Float64);
        Assert.Equal(1275, trace, 9);
        Assert.Equal(0, error, 9);
        Assert.All(running, r => Assert.Equal(1275, r, 9));
    }

    [Fact]
    public void Lanczos_quadrature_weights_sum_to_one_with_nodes_inside_the_spectrum()
    {
        var h = Quadratic(out _);
        var density = Spectrum.Density(h.Apply, 50, runs: 3, steps: 20, new Generator(6), dtype: DType.Float64);
        foreach (var (nodes, weights) in density.Nodes.Zip(density.Weights))
        {
            Assert.Equal(1, weights.Sum(), 9);
            Assert.All(nodes, x => Assert.InRange(x, 1 - 1e-8, 50 + 1e-8));
        }
        double step = density.Grid[1] - density.Grid[0];
        Assert.Equal(1, density.Density.Sum() * step, 6);
        // Each run's density integrates to one too, and the mean lies inside the band of the runs.
        Assert.Equal(3, density.Runs.Length);
        Assert.All(density.Runs, run => Assert.Equal(1, run.Sum() * step, 6));
        var (lower, upper) = density.Band();
        Assert.All(Enumerable.Range(0, density.Grid.Length), g => Assert.InRange(density.Density[g], lower[g] - 1e-12, upper[g] + 1e-12));
        Assert.Equal(20, density.Steps);
    }

    [Fact]
    public void Lanczos_quadrature_has_the_first_moment_of_the_spectrum_trace_over_dimension()
    {
        // Each run's first moment Σ wₖθₖ is the start vector's Rayleigh quotient, whose mean over random starts is tr H / n.
        var h = Quadratic(out _);
        var density = Spectrum.Density(h.Apply, 50, runs: 200, steps: 10, new Generator(7), dtype: DType.Float64);
        var moments = density.Nodes.Zip(density.Weights).Select(p => p.First.Zip(p.Second).Sum(q => q.First * q.Second)).ToArray();
        double mean = moments.Average();
        double error = Math.Sqrt(moments.Sum(m => (m - mean) * (m - mean)) / (moments.Length - 1) / moments.Length);
        Assert.InRange(25.5, mean - 3 * error, mean + 3 * error);
        Assert.True(error < 1, $"the first moments spread too widely ({error:G3})");
    }

    [Fact]
    public void Least_squares_hvp_is_x_transpose_x_v_over_n_exactly()
    {
        var g = new Generator(7);
        var x = Tensor.Randn(g, [20, 4], DType.Float64);
        var y = Tensor.Randn(g, [20], DType.Float64);
        var w = Tensor.Zeros([4], DType.Float64).RequireGrad();
        var h = new HessianOperator([w], () => (x.Matmul(w) - y).Square().Mean() * 0.5);
        var v = Tensor.Randn(g, [4], DType.Float64);
        var expected = (x.T.Matmul(x.Matmul(v)) / 20.0).ToDoubleArray();
        var actual = h.Apply(v).ToDoubleArray();
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i], actual[i], 12);
        }
    }

    [Fact]
    public void Lanczos_with_n_steps_recovers_the_spectrum_of_random_symmetric_matrices()
    {
        for (int trial = 0; trial < 3; trial++)
        {
            var g = new Generator((ulong)(10 + trial));
            var m = Tensor.Randn(g, [12, 12], DType.Float64);
            var a = (m + m.T) * 0.5;
            var ritz = Lanczos.RitzValues(v => a.Matmul(v), Tensor.Randn(g, [12], DType.Float64), 12);
            var exact = Spectrum.ExactEigenvalues(Matrix<double>.Build.DenseOfRowMajor(12, 12, a.ToDoubleArray()));
            for (int i = 0; i < 12; i++)
            {
                Assert.Equal(exact[i], ritz[i], 7);
            }
        }
    }

    [Fact]
    public void Batched_hvp_of_an_mlp_matches_finite_differences_and_the_exact_hessian()
    {
        var g = new Generator(8);
        var model = new Sequential(new Linear(3, 4, g, dtype: DType.Float64), new Tanh(), new Linear(4, 2, g, dtype: DType.Float64));
        var x = Tensor.Randn(g, [10, 3], DType.Float64);
        var y = Tensor.RandInt(g, 0, 2, 10);
        var data = new TensorDataset(x, y);
        var batches = new DataLoader(data, 4).ToList();
        var h = HessianOperator.ForModel(model, batches, (output, target) => Loss.CrossEntropy(output, target));
        var parameters = model.Parameters();
        var theta = ParameterVector.Get(parameters);
        var v = Tensor.Randn(g, [theta.Numel], DType.Float64);
        var hv = h.Apply(v).ToDoubleArray();
        const double step = 1e-5;
        ParameterVector.SetAlong(parameters, theta, v, step);
        var plus = h.Gradient().ToDoubleArray();
        ParameterVector.SetAlong(parameters, theta, v, -step);
        var minus = h.Gradient().ToDoubleArray();
        ParameterVector.Set(parameters, theta);
        for (int i = 0; i < hv.Length; i++)
        {
            Assert.Equal((plus[i] - minus[i]) / (2 * step), hv[i], 6);
        }
        var exact = Spectrum.Exact(h.Apply, theta.Numel);
        Assert.True((exact - exact.Transpose()).FrobeniusNorm() < 1e-10, "the Hessian is symmetric");
        var eigen = Spectrum.ExactEigenvalues(exact);
        var ritz = Lanczos.RitzValues(h.Apply, Tensor.Randn(g, [theta.Numel], DType.Float64), theta.Numel);
        Assert.Equal(eigen[0], ritz[0], 6);
        Assert.Equal(eigen[^1], ritz[Math.Min(ritz.Length, eigen.Length) - 1], 4);
    }

    [Fact]
    public void The_ntk_of_a_linear_model_is_x_x_transpose_and_does_not_move_in_training()
    {
        var g = new Generator(9);
        var model = new Linear(5, 1, g, bias: false, dtype: DType.Float64);
        var x = Tensor.Randn(g, [6, 5], DType.Float64);
        var before = NeuralTangentKernel.Kernel(model, x);
        Assert.Equal(x.Matmul(x.T).ToDoubleArray().Select(v => Math.Round(v, 10)), before.ToDoubleArray().Select(v => Math.Round(v, 10)));
        var optimizer = new Sgd(model.Parameters(), 0.1);
        for (int step = 0; step < 5; step++)
        {
            optimizer.ZeroGrad();
            Loss.Mse(model.Forward(x).Reshape(-1), Tensor.Randn(g, [6], DType.Float64)).Backward();
            optimizer.Step();
        }
        Assert.Equal(0, NeuralTangentKernel.Distance(before, NeuralTangentKernel.Kernel(model, x)), 12);
        Assert.Equal(0, NeuralTangentKernel.Distance(before, before * 3.5), 12);
        var other = Tensor.Eye(6, DType.Float64);
        Assert.Equal(NeuralTangentKernel.Distance(before, other) / 4, NeuralTangentKernel.Velocity(before, other, 4), 12);
        Assert.True(NeuralTangentKernel.Distance(before, Tensor.Eye(6, DType.Float64)) > 0.01);
    }

    [Fact]
    public void Ntk_regression_interpolates_its_training_targets_and_vector_outputs_give_blocks()
    {
        var g = new Generator(10);
        var model = new Mlp([2, 16, 1], Activation.Tanh, g);
        var train = Tensor.Randn(g, [5, 2]);
        double[] targets = [1, -1, 0.5, 2, 0];
        var k = NeuralTangentKernel.Kernel(model, train);
        var fit = NeuralTangentKernel.Regression(k, k, targets, ridge: 1e-9);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(targets[i], fit[i], 3);
        }
        var wide = new Mlp([2, 8, 3], Activation.Relu, g);
        var kv = NeuralTangentKernel.Kernel(wide, train);
        Assert.Equal([15, 15], kv.Shape.ToArray());
        Assert.Equal(kv.ToDoubleArray().Select(v => Math.Round(v, 3)), kv.T.ToDoubleArray().Select(v => Math.Round(v, 3)));
    }
}
