using Leibniz.Analysis;
using Leibniz.Autograd;
using Leibniz.Nn;
using Leibniz.Optim;
using Leibniz.Numerics;
using Leibniz.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Leibniz.Tests.Analysis;

/// <summary>
/// Block Hessians, Gauss–Newton and Fisher matrices and Hessian diagonals on a model small enough for exact matrices,
/// each checked against a construction that does not share its code: submatrices of the exact Hessian, JᵀHJ from an
/// exact Jacobian built output by output, per-example gradients, the softmax Fisher's closed form.
/// </summary>
public class CurvatureTests
{
    private sealed record Problem(Mlp Model, Tensor X, Tensor Y, Tensor[] Parameters, int Dimension)
    {
        public Tensor Loss() => Leibniz.Nn.Loss.CrossEntropy(Model.Forward(X), Y);
    }

    private static Problem Small()
    {
        var g = new Generator(11);
        var model = new Mlp([4, 6, 3], Activation.Tanh, g, dtype: DType.Float64);
        var x = Tensor.Randn(g, [9, 4], DType.Float64);
        var y = Tensor.FromArray(Enumerable.Range(0, 9).Select(i => (long)(i % 3)).ToArray(), [9]);
        var parameters = model.Parameters();
        return new Problem(model, x, y, parameters, parameters.Sum(p => p.Numel));
    }

    private static void AssertMatricesClose(Matrix<double> expected, Matrix<double> actual, double tolerance, string what)
    {
        double scale = expected.Enumerate().Max(Math.Abs);
        double worst = (expected - actual).Enumerate().Max(Math.Abs);
        Assert.True(worst <= tolerance * Math.Max(scale, 1e-300), $"{what}: largest difference {worst:E2} against entries up to {scale:E2}.");
    }

    /// <summary>The exact Jacobian ∂z/∂θ [N·C, P] of the logits, one reverse pass per output element.</summary>
    private static Matrix<double> ExactJacobian(Problem p)
    {
        var logits = p.Model.Forward(p.X);
        int outputs = logits.Numel;
        var jacobian = Matrix<double>.Build.Dense(outputs, p.Dimension);
        for (int k = 0; k < outputs; k++)
        {
            var seed = Tensor.Zeros(logits.Shape.ToArray(), DType.Float64);
            seed.Reshape(-1).Narrow(0, k, 1).Fill(1);
            var row = ParameterBlocks.Flatten(p.Parameters, AutoDiff.Grad([logits], p.Parameters, [seed], retainGraph: true, allowUnused: true)).ToDoubleArray();
            jacobian.SetRow(k, row);
        }
        return jacobian;
    }

    /// <summary>The Hessian of the mean cross-entropy in the logits, block diagonal: (diag pᵢ − pᵢpᵢᵀ)/N.</summary>
    private static Matrix<double> LossHessianInLogits(Problem p)
    {
        using var noGrad = GradMode.NoGrad();
        var probabilities = p.Model.Forward(p.X).Softmax(-1);
        int n = probabilities.Size(0), c = probabilities.Size(1);
        var h = Matrix<double>.Build.Dense(n * c, n * c);
        for (int i = 0; i < n; i++)
        {
            for (int a = 0; a < c; a++)
            {
                for (int b = 0; b < c; b++)
                {
                    double pa = probabilities.At(i, a), pb = probabilities.At(i, b);
                    h[i * c + a, i * c + b] = ((a == b ? pa : 0) - pa * pb) / n;
                }
            }
        }
        return h;
    }

    [Fact]
    public void A_layer_block_of_the_Hessian_has_the_spectrum_of_the_exact_Hessian_s_submatrix()
    {
        var p = Small();
        var full = Spectrum.Exact(new HessianOperator(p.Parameters, p.Loss).Apply, p.Dimension);
        var blocks = ParameterBlocks.ByLayer(p.Model);
        Assert.Equal(2, blocks.Count);
        int offset = 0;
        foreach (var (name, parameters) in blocks)
        {
            int size = parameters.Sum(t => t.Numel);
            var block = new HessianOperator(parameters, p.Loss);
            var exactBlock = full.SubMatrix(offset, size, offset, size);
            AssertMatricesClose(exactBlock, Spectrum.Exact(block.Apply, size), 1e-10, $"block {name}");
            // Holding the other layers fixed changes nothing but the work, and leaves them as they were.
            var held = HessianOperator.ForBlock(p.Model, parameters, p.Loss);
            Assert.Equal(p.Dimension - size, held.Fixed.Sum(t => t.Numel));
            AssertMatricesClose(exactBlock, Spectrum.Exact(held.Apply, size), 1e-10, $"block {name}, others held fixed");
            Assert.All(p.Parameters, t => Assert.True(t.RequiresGrad));
            var expected = Spectrum.ExactEigenvalues(exactBlock);
            // Power iteration finds the eigenvalue of largest magnitude (here negative for one block).
            var top = Spectrum.TopEigenvalues(block.Apply, size, 1, new Generator(3), maxIterations: 5000, tolerance: 1e-12);
            Assert.Equal(expected.MaxBy(Math.Abs), top.Values[0], 6);
            offset += size;
        }
    }

    [Fact]
    public void The_Gauss_Newton_matrix_is_J_transpose_H_J_built_from_the_exact_Jacobian_and_equals_the_true_Fisher()
    {
        var p = Small();
        var jacobian = ExactJacobian(p);
        var expected = jacobian.Transpose() * LossHessianInLogits(p) * jacobian;
        var ggn = GaussNewtonOperator.ForLoss(p.Parameters, () => p.Model.Forward(p.X), z => Loss.CrossEntropy(z, p.Y));
        AssertMatricesClose(expected, Spectrum.Exact(ggn.Apply, p.Dimension), 1e-10, "GGN");
        var fisher = GaussNewtonOperator.TrueFisher(p.Parameters, () => p.Model.Forward(p.X));
        AssertMatricesClose(expected, Spectrum.Exact(fisher.Apply, p.Dimension), 1e-10, "true Fisher");
        // Positive semi-definite, unlike the Hessian of this untrained tanh network.
        Assert.True(Spectrum.ExactEigenvalues(expected).Min() > -1e-12);
    }

    [Fact]
    public void Kfac_is_exact_for_one_example_and_approximates_the_Gauss_Newton_blocks_of_many()
    {
        var p = Small();
        double Error(Tensor x, Tensor y, out double worst)
        {
            var blocks = Kfac.GaussNewton(p.Model, x);
            var layers = ParameterBlocks.ByLayer(p.Model);
            Assert.Equal(layers.Count, blocks.Count);
            worst = 0;
            double total = 0;
            for (int l = 0; l < blocks.Count; l++)
            {
                var ggn = GaussNewtonOperator.ForLoss(layers[l].Parameters, () => p.Model.Forward(x), z => Loss.CrossEntropy(z, y));
                var exact = Spectrum.Exact(ggn.Apply, ggn.Dimension);
                var approximate = Spectrum.Exact(blocks[l].Apply, blocks[l].Dimension);
                double relative = (exact - approximate).FrobeniusNorm() / exact.FrobeniusNorm();
                worst = Math.Max(worst, relative);
                Assert.Equal(approximate.Trace(), blocks[l].Trace, 10);
                total += relative;
            }
            return total / blocks.Count;
        }
        Error(p.X.Slice(0, 0, 1), p.Y.Slice(0, 0, 1), out double single);
        Assert.True(single < 1e-10, $"K-FAC differs from the exact block for one example by {single:E2} (relative Frobenius norm)");
        double mean = Error(p.X, p.Y, out double many);
        Assert.InRange(many, 1e-3, 1.0);
        Assert.True(mean > 0);
    }

    /// <summary>A convolution (2 → 3 channels on 4×4 images, kernel <paramref name="kernel"/>, padding <paramref name="padding"/>), ReLU and a dense read-out to 3 classes, in float64.</summary>
    private static (Sequential Model, Conv2d Conv, Tensor X, Tensor Y) SmallCnn(int kernel, int padding, int examples)
    {
        var g = new Generator(5);
        var conv = new Conv2d(2, 3, kernel, g, padding: padding, dtype: DType.Float64);
        int side = 4 + 2 * padding - kernel + 1;
        var model = new Sequential(conv, new Tanh(), new Flatten(), new Linear(3 * side * side, 3, g, dtype: DType.Float64));
        var x = Tensor.Randn(g, [examples, 2, 4, 4], DType.Float64);
        var y = Tensor.FromArray(Enumerable.Range(0, examples).Select(i => (long)(i % 3)).ToArray(), [examples]);
        return (model, conv, x, y);
    }

    [Fact]
    public void Kfc_is_exact_for_one_example_when_the_kernel_covers_the_image()
    {
        var (model, conv, x, y) = SmallCnn(kernel: 4, padding: 0, examples: 1);
        var block = Kfac.GaussNewton(model, x)[0];
        Assert.Same(conv, block.Layer);
        var ggn = GaussNewtonOperator.ForLoss([conv.Weight, conv.Bias!], () => model.Forward(x), z => Loss.CrossEntropy(z, y));
        AssertMatricesClose(Spectrum.Exact(ggn.Apply, ggn.Dimension), Spectrum.Exact(block.Apply, block.Dimension), 1e-10, "KFC with one location");
    }

    [Fact]
    public void Kfc_factors_are_the_patch_second_moment_and_the_location_mean_of_the_pulled_back_curvature()
    {
        const int n = 3, classes = 3, channels = 2, outputs = 3, k = 3;
        var (model, conv, x, y) = SmallCnn(kernel: k, padding: 1, examples: n);
        var block = Kfac.GaussNewton(model, x)[0];
        // A = (1/N) Σᵢ Σₜ ãᵢₜãᵢₜᵀ with the patches read off the zero-padded image by index.
        int patch = channels * k * k;
        var a = Matrix<double>.Build.Dense(patch + 1, patch + 1);
        for (int i = 0; i < n; i++)
        {
            for (int oy = 0; oy < 4; oy++)
            {
                for (int ox = 0; ox < 4; ox++)
                {
                    var v = new double[patch + 1];
                    for (int c = 0; c < channels; c++)
                    {
                        for (int ky = 0; ky < k; ky++)
                        {
                            for (int kx = 0; kx < k; kx++)
                            {
                                int iy = oy + ky - 1, ix = ox + kx - 1;
                                v[(c * k + ky) * k + kx] = iy is >= 0 and < 4 && ix is >= 0 and < 4 ? x.At(i, c, iy, ix) : 0;
                            }
                        }
                    }
                    v[patch] = 1;
                    var column = Vector<double>.Build.DenseOfArray(v);
                    a += column.OuterProduct(column) / n;
                }
            }
        }
        AssertMatricesClose(a, ToMatrix(block.A), 1e-12, "KFC input factor");
        // G = (1/(N·T)) Σᵢ Σₜ Σ_c sᵢₜc sᵢₜcᵀ, sᵢc = ∂⟨zᵢ, √pᵢc (e_c − pᵢ)⟩/∂(pre-activation of example i), one example at a time.
        var gFactor = Matrix<double>.Build.Dense(outputs, outputs);
        for (int i = 0; i < n; i++)
        {
            var xi = x.Slice(0, i, i + 1);
            var pre = conv.Forward(xi);
            var z = model.Layers.Skip(1).Aggregate(pre, (h, layer) => layer.Forward(h));
            var p = z.Detach().Softmax(-1);
            for (int c = 0; c < classes; c++)
            {
                var r = new double[classes];
                for (int j = 0; j < classes; j++)
                {
                    r[j] = Math.Sqrt(p.At(0, c)) * ((j == c ? 1 : 0) - p.At(0, j));
                }
                var s = AutoDiff.Grad([z], [pre], [Tensor.FromArray(r, [1, classes])], retainGraph: true)[0]!;
                for (int t = 0; t < 16; t++)
                {
                    var st = Vector<double>.Build.Dense(outputs, o => s.At(0, o, t / 4, t % 4));
                    gFactor += st.OuterProduct(st) / (n * 16);
                }
            }
        }
        AssertMatricesClose(gFactor, ToMatrix(block.G), 1e-12, "KFC output factor");
        // The approximation differs from the exact block once there are several locations and examples.
        var ggn = GaussNewtonOperator.ForLoss([conv.Weight, conv.Bias!], () => model.Forward(x), zs => Loss.CrossEntropy(zs, y));
        var exact = Spectrum.Exact(ggn.Apply, ggn.Dimension);
        double relative = (exact - Spectrum.Exact(block.Apply, block.Dimension)).FrobeniusNorm() / exact.FrobeniusNorm();
        Assert.InRange(relative, 1e-3, 2.0);
    }

    [Fact]
    public void Kfac_refuses_a_grouped_convolution_and_names_it()
    {
        var g = new Generator(1);
        var model = new Sequential(new Conv2d(2, 2, 3, g, groups: 2), new Flatten(), new Linear(8, 3, g));
        var e = Assert.Throws<ArgumentException>(() => Kfac.GaussNewton(model, Tensor.Randn(g, [2, 2, 4, 4])));
        Assert.Contains("2 groups", e.Message);
    }

    private static Matrix<double> ToMatrix(Tensor m) => Matrix<double>.Build.Dense(m.Size(0), m.Size(1), (i, j) => m.At(i, j));

    [Fact]
    public void The_empirical_Fisher_is_the_mean_outer_product_of_per_example_gradients()
    {
        var p = Small();
        int n = p.X.Size(0);
        var expected = Matrix<double>.Build.Dense(p.Dimension, p.Dimension);
        for (int i = 0; i < n; i++)
        {
            var loss = Loss.CrossEntropy(p.Model.Forward(p.X.Slice(0, i, i + 1)), p.Y.Slice(0, i, i + 1));
            var g = Vector<double>.Build.DenseOfArray(ParameterBlocks.Flatten(p.Parameters, AutoDiff.Grad([loss], p.Parameters, allowUnused: true)).ToDoubleArray());
            expected += g.OuterProduct(g) / n;
        }
        var fisher = GaussNewtonOperator.EmpiricalFisher(p.Parameters, () => Loss.CrossEntropy(p.Model.Forward(p.X), p.Y, Reduction.None));
        AssertMatricesClose(expected, Spectrum.Exact(fisher.Apply, p.Dimension), 1e-10, "empirical Fisher");
    }

    [Fact]
    public void The_diagonal_estimate_converges_to_the_exact_diagonal_at_the_rate_of_one_over_root_probes()
    {
        var p = Small();
        var hessian = new HessianOperator(p.Parameters, p.Loss);
        var exact = HessianDiagonal.Exact(hessian.Apply, p.Dimension);
        var matrix = Spectrum.Exact(hessian.Apply, p.Dimension);
        for (int i = 0; i < p.Dimension; i++)
        {
            Assert.Equal(matrix[i, i], exact[i], 12);
        }
        double RootMeanSquareError(int probes, ulong seed)
        {
            var estimate = HessianDiagonal.Hutchinson(hessian.Apply, p.Dimension, probes, new Generator(seed));
            return Math.Sqrt(estimate.Values.Select((v, i) => (v - exact[i]) * (v - exact[i])).Average());
        }
        // Sixteen times the probes, a quarter of the error (averaged over five seeds to steady the ratio).
        double few = Enumerable.Range(1, 5).Average(s => RootMeanSquareError(25, (ulong)s));
        double many = Enumerable.Range(1, 5).Average(s => RootMeanSquareError(400, (ulong)s));
        Assert.InRange(few / many, 3.0, 5.3);
        // The standard errors describe the actual errors: about two thirds of the entries lie within one of them.
        var check = HessianDiagonal.Hutchinson(hessian.Apply, p.Dimension, 400, new Generator(99));
        double within = check.Values.Where((v, i) => Math.Abs(v - exact[i]) <= check.StandardErrors[i]).Count() / (double)p.Dimension;
        Assert.InRange(within, 0.5, 0.85);
        Assert.True(check.ProbesFor(0.01, floor: 1e-3) > check.ProbesFor(0.1, floor: 1e-3));
    }

    [Fact]
    public void The_exact_Gauss_Newton_diagonal_matches_the_operator_and_for_piecewise_linear_networks_the_Hessian()
    {
        // A tanh network: the diagonal of JᵀHJ, not of the Hessian.
        var p = Small();
        var ggn = GaussNewtonOperator.ForLoss(p.Parameters, () => p.Model.Forward(p.X), z => Loss.CrossEntropy(z, p.Y));
        var fromOperator = HessianDiagonal.Exact(ggn.Apply, p.Dimension);
        var fast = HessianDiagonal.GaussNewtonOfCrossEntropy(p.Parameters, p.Model.Forward, p.X);
        for (int i = 0; i < p.Dimension; i++)
        {
            Assert.Equal(fromOperator[i], fast[i], 12);
        }
        var hessian = HessianDiagonal.Exact(new HessianOperator(p.Parameters, p.Loss).Apply, p.Dimension);
        Assert.True(hessian.Zip(fast).Max(t => Math.Abs(t.First - t.Second)) > 1e-4, "a tanh network's Hessian diagonal has a residual term");

        // ReLU layers with max pooling between two convolutions and a dense layer: the Hessian's own diagonal.
        var g = new Generator(5);
        var cnn = new Sequential(
            new Conv2d(1, 2, 3, g, padding: 1, dtype: DType.Float64), new Relu(), new MaxPool2d((2, 2)),
            new Conv2d(2, 3, 3, g, dtype: DType.Float64), new Relu(), new Flatten(), new Linear(3 * 2 * 2, 3, g, dtype: DType.Float64));
        var x = Tensor.Randn(g, [5, 1, 8, 8], DType.Float64);
        var y = Tensor.FromArray(new long[] { 0, 1, 2, 1, 0 }, [5]);
        var parameters = cnn.Parameters();
        int size = parameters.Sum(t => t.Numel);
        var exact = HessianDiagonal.Exact(new HessianOperator(parameters, () => Loss.CrossEntropy(cnn.Forward(x), y)).Apply, size);
        var diagonal = HessianDiagonal.GaussNewtonOfCrossEntropy(parameters, cnn.Forward, x);
        double scale = exact.Max(Math.Abs);
        for (int i = 0; i < size; i++)
        {
            Assert.True(Math.Abs(exact[i] - diagonal[i]) <= 1e-10 * scale, $"entry {i}: {diagonal[i]} against the Hessian's {exact[i]}");
        }
    }

    [Fact]
    public void The_diagonal_of_a_diagonal_matrix_is_estimated_exactly_with_zero_error()
    {
        var d = Tensor.Arange(1, 21, 1, DType.Float64);
        var estimate = HessianDiagonal.Hutchinson(v => v * d, 20, 3, new Generator(1));
        Assert.Equal(d.ToDoubleArray(), estimate.Values);
        Assert.All(estimate.StandardErrors, e => Assert.Equal(0, e, 12));
    }

    [Fact]
    public void The_samples_a_trace_needs_grow_with_the_square_of_the_precision_asked()
    {
        Assert.Equal(400, Spectrum.SamplesFor(trace: 10, standardError: 1, samples: 100, relativeError: 0.05));
        Assert.Equal(100, Spectrum.SamplesFor(trace: -10, standardError: 1, samples: 100, relativeError: 0.1));
    }

    [Fact]
    public void Products_with_a_Hessian_or_Gauss_Newton_operator_keep_no_memory_between_calls()
    {
        var p = Small();
        // Every forward pass the operators run leaves a weak reference to its logits: a graph or tape kept between
        // calls would keep them reachable (through its nodes' inputs or its rules).
        var logits = new List<WeakReference>();
        Tensor Tracked(Tensor x)
        {
            var z = p.Model.Forward(x);
            logits.Add(new WeakReference(z));
            return z;
        }
        var batches = new HessianOperator(p.Parameters, [(p.X, p.Y)], (x, y) => Loss.CrossEntropy(Tracked(x), y));
        var ggn = GaussNewtonOperator.ForLoss(p.Parameters, () => Tracked(p.X), z => Loss.CrossEntropy(z, p.Y));
        var v = Tensor.Randn(new Generator(4), [p.Dimension], DType.Float64);
        var first = batches.Apply(v).ToDoubleArray();
        var firstGgn = ggn.Apply(v).ToDoubleArray();
        for (int k = 0; k < 50; k++)
        {
            Assert.Equal(first, batches.Apply(v).ToDoubleArray());
            Assert.Equal(firstGgn, ggn.Apply(v).ToDoubleArray());
        }
        // The batch operator runs a forward pass per product; the Gauss–Newton operator one, whose outputs it keeps.
        Assert.Equal(51 + 1, logits.Count);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.True(logits.Count(w => w.IsAlive) <= 2, $"{logits.Count(w => w.IsAlive)} of {logits.Count} forward passes are still reachable.");
    }

    [Fact]
    public void Operators_that_keep_a_linearisation_follow_the_parameters_when_an_optimiser_changes_them()
    {
        var p = Small();
        var v = Tensor.Randn(new Generator(8), [p.Dimension], DType.Float64);
        var forward = new HessianOperator(p.Parameters, p.Loss);
        var backward = new HessianOperator(p.Parameters, p.Loss) { Method = HessianProduct.DoubleBackward };
        var ggn = GaussNewtonOperator.ForLoss(p.Parameters, () => p.Model.Forward(p.X), z => Loss.CrossEntropy(z, p.Y));
        var fisher = GaussNewtonOperator.EmpiricalFisher(p.Parameters, () => Loss.CrossEntropy(p.Model.Forward(p.X), p.Y, Reduction.None));
        var before = new[] { forward.Apply(v), backward.Apply(v), ggn.Apply(v), fisher.Apply(v) }.Select(t => t.ToDoubleArray()).ToArray();
        // The cached products repeat exactly while nothing changes.
        Assert.Equal(before[0], forward.Apply(v).ToDoubleArray());
        Assert.Equal(before[2], ggn.Apply(v).ToDoubleArray());
        var optimizer = new Sgd(p.Parameters, 0.5);
        optimizer.ZeroGrad();
        p.Loss().Backward();
        optimizer.Step();
        var fresh = new[]
        {
            new HessianOperator(p.Parameters, p.Loss).Apply(v),
            new HessianOperator(p.Parameters, p.Loss) { Method = HessianProduct.DoubleBackward }.Apply(v),
            GaussNewtonOperator.ForLoss(p.Parameters, () => p.Model.Forward(p.X), z => Loss.CrossEntropy(z, p.Y)).Apply(v),
            GaussNewtonOperator.EmpiricalFisher(p.Parameters, () => Loss.CrossEntropy(p.Model.Forward(p.X), p.Y, Reduction.None)).Apply(v),
        }.Select(t => t.ToDoubleArray()).ToArray();
        var after = new[] { forward.Apply(v), backward.Apply(v), ggn.Apply(v), fisher.Apply(v) }.Select(t => t.ToDoubleArray()).ToArray();
        for (int k = 0; k < 4; k++)
        {
            Assert.NotEqual(before[k], fresh[k]);
            Assert.Equal(fresh[k], after[k]);
        }
    }
}
