using Leibniz.Autograd;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Optim;
using Leibniz.Tensors;

namespace Leibniz.Tests.Optim;

/// <summary>
/// Optimiser steps against hand-computed updates on f(p) = ½‖p‖² (so the gradient is p), and a scalar
/// reference written from each method's published update rule.
/// </summary>
public class OptimizerTests
{
    private static double[] Run(Func<Tensor, Optimizer> create, int steps, double start = 1.0)
    {
        var p = Tensor.FromArray(new[] { start }).RequireGrad();
        var optimizer = create(p);
        var trace = new double[steps];
        for (int t = 0; t < steps; t++)
        {
            optimizer.ZeroGrad();
            (p.Square().Sum() * 0.5).Backward();
            optimizer.Step();
            trace[t] = p.Item();
        }
        return trace;
    }

    [Fact]
    public void Sgd_with_momentum_follows_the_hand_computed_sequence()
    {
        // b₁ = g₁ = 1, p = 0.9; b₂ = 0.9·1 + 0.9 = 1.8, p = 0.72; b₃ = 0.9·1.8 + 0.72 = 2.34, p = 0.486.
        var trace = Run(p => new Sgd([p], 0.1, momentum: 0.9), 3);
        Assert.Equal(0.9, trace[0], 12);
        Assert.Equal(0.72, trace[1], 12);
        Assert.Equal(0.486, trace[2], 12);
    }

    [Fact]
    public void Sgd_with_nesterov_and_weight_decay_follow_their_rules()
    {
        // Nesterov: g₁ = 1, b₁ = 1, step 1 + 0.9 = 1.9 → 0.81; g₂ = 0.81, b₂ = 1.71, step 0.81 + 1.539 = 2.349 → 0.5751.
        var nesterov = Run(p => new Sgd([p], 0.1, momentum: 0.9, nesterov: true), 2);
        Assert.Equal(0.81, nesterov[0], 12);
        Assert.Equal(0.5751, nesterov[1], 12);
        // Weight decay 0.5: g = p + 0.5p = 1.5 → 1 − 0.15 = 0.85.
        Assert.Equal(0.85, Run(p => new Sgd([p], 0.1, weightDecay: 0.5), 1)[0], 12);
    }

    [Fact]
    public void Adam_matches_its_update_rule()
    {
        var trace = Run(p => new Adam([p], 0.1), 5);
        double p = 1, m = 0, v = 0;
        for (int t = 1; t <= 5; t++)
        {
            double g = p;
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            p -= 0.1 * (m / (1 - Math.Pow(0.9, t))) / (Math.Sqrt(v / (1 - Math.Pow(0.999, t))) + 1e-8);
            Assert.Equal(p, trace[t - 1], 10);
        }
        Assert.Equal(0.9, trace[0], 6);   // the first Adam step has length lr
    }

    [Theory]
    [InlineData(DType.Float32, 3e-6)]
    [InlineData(DType.Float64, 1e-12)]
    public void Adam_on_a_vector_matches_its_update_rule_in_every_element(DType dtype, double tolerance)
    {
        // 37 elements: whole SIMD vectors and a tail. f(p) = ½ Σ cᵢ pᵢ², so gᵢ = cᵢ pᵢ.
        const int n = 37;
        double[] c = Enumerable.Range(0, n).Select(i => 0.1 + 0.3 * i).ToArray();
        double[] expected = Enumerable.Range(0, n).Select(i => 1.5 - 0.08 * i).ToArray();
        var p = Tensor.FromArray(expected).To(dtype).RequireGrad();
        var weights = Tensor.FromArray(c).To(dtype);
        var adam = new Adam([p], 0.05);
        double[] m = new double[n], v = new double[n];
        for (int t = 1; t <= 4; t++)
        {
            adam.ZeroGrad();
            ((p.Square() * weights).Sum() * 0.5).Backward();
            adam.Step();
            for (int i = 0; i < n; i++)
            {
                double g = c[i] * expected[i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                expected[i] -= 0.05 * (m[i] / (1 - Math.Pow(0.9, t))) / (Math.Sqrt(v[i] / (1 - Math.Pow(0.999, t))) + 1e-8);
            }
        }
        double[] actual = p.To(DType.Float64).ToArray<double>();
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expected[i], actual[i], tolerance);
        }
    }

    [Fact]
    public void AdamW_decays_the_weights_before_the_adam_step()
    {
        var trace = Run(p => new AdamW([p], 0.1, weightDecay: 0.5), 1);
        Assert.Equal(1 * (1 - 0.1 * 0.5) - 0.1, trace[0], 6);
    }

    [Fact]
    public void RmsProp_and_Adagrad_match_their_update_rules()
    {
        var rms = Run(p => new RmsProp([p], 0.01), 3);
        var ada = Run(p => new Adagrad([p], 0.1), 3);
        double pr = 1, v = 0, pa = 1, s = 0;
        for (int t = 0; t < 3; t++)
        {
            v = 0.99 * v + 0.01 * pr * pr;
            pr -= 0.01 * pr / (Math.Sqrt(v) + 1e-8);
            s += pa * pa;
            pa -= 0.1 * pa / (Math.Sqrt(s) + 1e-10);
            Assert.Equal(pr, rms[t], 10);
            Assert.Equal(pa, ada[t], 10);
        }
    }

    [Fact]
    public void Gradient_descent_uses_the_given_step_sequence()
    {
        // p ← p − ηₜ p with η = (0.5, 1.5): 1 → 0.5 → −0.25 → −0.125.
        var trace = Run(p => new GradientDescent([p], [0.5, 1.5]), 3);
        Assert.Equal([0.5, -0.25, -0.125], trace);
    }

    [Fact]
    public void Restored_optimiser_state_continues_exactly_like_an_uninterrupted_run()
    {
        var straight = Run(p => new Adam([p], 0.05, weightDecay: 0.1), 6);
        var p = Tensor.FromArray(new[] { 1.0 }).RequireGrad();
        var first = new Adam([p], 0.05, weightDecay: 0.1);
        for (int t = 0; t < 3; t++)
        {
            first.ZeroGrad();
            (p.Square().Sum() * 0.5).Backward();
            first.Step();
        }
        var saved = first.StateDict();
        var q = Tensor.FromArray(new[] { p.Item() }).RequireGrad();
        var second = new Adam([q], 0.05, weightDecay: 0.1);
        second.LoadStateDict(saved);
        for (int t = 3; t < 6; t++)
        {
            second.ZeroGrad();
            (q.Square().Sum() * 0.5).Backward();
            second.Step();
            Assert.Equal(straight[t], q.Item(), 14);
        }
    }

    [Fact]
    public void Schedules_give_their_formulas()
    {
        Assert.Equal(0.01, LearningRateSchedule.Step(10, 0.1).At(15, 0.1), 12);
        Assert.Equal(0.05, LearningRateSchedule.Cosine(100).At(50, 0.1), 12);
        Assert.Equal(0.0, LearningRateSchedule.Cosine(100).At(100, 0.1), 12);
        Assert.Equal(0.025, LearningRateSchedule.Warmup(4).At(0, 0.1), 12);
        Assert.Equal(0.1, LearningRateSchedule.Warmup(4).At(7, 0.1), 12);
        var oneCycle = LearningRateSchedule.OneCycle(100);
        Assert.Equal(0.1 / 25, oneCycle.At(0, 0.1), 12);
        Assert.Equal(0.1, oneCycle.At(30, 0.1), 12);
        Assert.Equal(0.1 / 25 / 1e4, oneCycle.At(100, 0.1), 12);
        Assert.Equal(0.3, LearningRateSchedule.Function((t, lr) => lr * t).At(3, 0.1), 12);
    }

    [Fact]
    public void Clipping_by_norm_and_by_value()
    {
        var a = Tensor.FromArray(new[] { 3.0 }).RequireGrad();
        var b = Tensor.FromArray(new[] { 4.0 }).RequireGrad();
        (a * 3.0 + b * 4.0).Sum().Backward();
        double norm = GradientClipping.ByNorm([a, b], 1.0);
        Assert.Equal(5.0, norm, 12);
        Assert.Equal(0.6, a.Grad!.Item(), 5);
        Assert.Equal(0.8, b.Grad!.Item(), 5);
        GradientClipping.ByValue([a, b], 0.7);
        Assert.Equal(0.7, b.Grad!.Item(), 12);
    }

    [Fact]
    public void A_small_mlp_separates_two_classes_above_97_percent()
    {
        var g = new Generator(31);
        var x = Tensor.Randn(g, [512, 2]);
        var xv = x.ToArray<float>();
        var labels = Enumerable.Range(0, 512).Select(i => xv[2 * i] * xv[2 * i] + xv[2 * i + 1] > 0.5 ? 1L : 0L).ToArray();
        var y = Tensor.FromArray(labels);
        var model = new Mlp([2, 32, 32, 2], Activation.Tanh, g);
        var optimizer = new Adam(model.Parameters(), 0.01);
        for (int step = 0; step < 400; step++)
        {
            optimizer.ZeroGrad();
            Loss.CrossEntropy(model.Forward(x), y).Backward();
            optimizer.Step();
        }
        double accuracy;
        using (GradMode.NoGrad())
        {
            accuracy = model.Forward(x).Argmax(1).Eq(y).To(DType.Float64).Mean().Item();
        }
        Assert.True(accuracy > 0.97, $"accuracy {accuracy:P1}");
    }

    [Fact]
    public void Non_contiguous_parameters_are_refused_with_a_reason()
    {
        var e = Assert.Throws<ArgumentException>(() => new Sgd([Tensor.Zeros(2, 3).T], 0.1));
        Assert.Contains("contiguous", e.Message);
    }
}
