using Leibniz.Analysis;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Tests.Analysis;

public sealed class AttributionTests
{
    private static readonly double[] Weights = [2.0, 0.0, -1.0];

    private static Tensor Linear(Tensor x) => x.Matmul(Tensor.FromArray(Weights, 3, 1)).Reshape(-1) + 0.5;

    private static Tensor Inputs(int n, ulong seed)
    {
        var g = new Generator(seed);
        return Tensor.FromArray(Enumerable.Range(0, n * 3).Select(_ => g.NextDouble() * 2 - 1).ToArray(), n, 3);
    }

    [Fact]
    public void On_a_linear_model_every_method_matches_its_closed_form()
    {
        var x = Inputs(40, 1);
        var xs = x.ToDoubleArray();
        var gradients = Attribution.InputGradients(Linear, x, batchSize: 16).ToDoubleArray();
        var product = Attribution.GradientTimesInput(Linear, x).ToDoubleArray();
        var integrated = Attribution.IntegratedGradients(Linear, x, steps: 4).ToDoubleArray();
        for (int i = 0; i < xs.Length; i++)
        {
            Assert.Equal(Weights[i % 3], gradients[i], 12);
            Assert.Equal(xs[i] * Weights[i % 3], product[i], 12);
            Assert.Equal(xs[i] * Weights[i % 3], integrated[i], 12);
        }

        // Squared error ℓ = (w·x + b − y)²: |∂ℓ/∂xⱼ| = 2|f(x) − y|·|wⱼ|.
        var y = Tensor.FromArray(Enumerable.Range(0, 40).Select(i => Math.Sin(i)).ToArray());
        var f = Linear(x).ToDoubleArray();
        var ys = y.ToDoubleArray();
        double meanResidual = Enumerable.Range(0, 40).Average(i => 2 * Math.Abs(f[i] - ys[i]));
        var saliency = Attribution.Saliency(Linear, (p, t) => ((p - t) * (p - t)).Mean(), x, y, batchSize: 16);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(meanResidual * Math.Abs(Weights[j]), saliency[j], 10);
        }
        Assert.Equal([0, 2, 1], Attribution.Ranking(saliency));
    }

    [Fact]
    public void Integrated_gradients_are_complete_on_a_nonlinear_network()
    {
        var model = new Mlp([3, 16, 16, 1], Activation.Tanh, new Generator(2), dtype: DType.Float64);
        Tensor Output(Tensor input) => model.Forward(input).Reshape(-1);
        var x = Inputs(10, 3) * 2.0;
        var baseline = Tensor.FromArray(new[] { 0.3, -0.2, 0.1 });
        var attributions = Attribution.IntegratedGradients(Output, x, baseline).Sum(1).ToDoubleArray();
        var fx = Output(x).ToDoubleArray();
        double fBaseline = Output(baseline.Reshape(1, 3)).ToDoubleArray()[0];
        for (int i = 0; i < 10; i++)
        {
            Assert.True(Math.Abs(attributions[i] - (fx[i] - fBaseline)) < 1e-6, $"sample {i}: Σ IG = {attributions[i]}, f(x) − f(x′) = {fx[i] - fBaseline}");
        }
    }

    [Fact]
    public void Permutation_importance_finds_the_features_the_model_uses()
    {
        var x = Inputs(200, 4);
        var y = Linear(x);
        static double Mse(Tensor p, Tensor t) => ((p - t) * (p - t)).Mean().ToDoubleArray()[0];
        var importance = Attribution.PermutationImportance(Linear, Mse, x, y, new Generator(5), repeats: 3);
        Assert.Equal(0.0, importance[1], 12);
        // Shuffling feature j adds E[(wⱼ(xⱼ − x′ⱼ))²] ≈ 2wⱼ²·Var(xⱼ) = 2wⱼ²/3.
        Assert.InRange(importance[0], 0.7 * 8.0 / 3, 1.3 * 8.0 / 3);
        Assert.InRange(importance[2], 0.7 * 2.0 / 3, 1.3 * 2.0 / 3);
        Assert.Equal(importance, Attribution.PermutationImportance(Linear, Mse, x, y, new Generator(5), repeats: 3));
    }

    [Fact]
    public void A_vector_output_is_refused_with_advice()
    {
        var error = Assert.Throws<ArgumentException>(() => Attribution.InputGradients(t => t * 2.0, Inputs(4, 1)));
        Assert.Contains("one scalar per sample", error.Message);
    }
}
