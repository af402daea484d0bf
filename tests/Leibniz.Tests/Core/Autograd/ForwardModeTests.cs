using Leibniz.Analysis;
using Leibniz.Autograd;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Tests.Autograd;

/// <summary>
/// Forward mode beyond the single ops of <see cref="OpCatalogTests"/>: the level's rules, whole networks (JVPs against
/// finite differences, forward-over-reverse and replayed Hessian-vector products against double backward), custom
/// ops, and the Hessian operator's two methods.
/// </summary>
public class ForwardModeTests
{
    private static Tensor[] Randn(Generator g, IEnumerable<Tensor> like) => [.. like.Select(p => Tensor.Randn(g, p.Shape.ToArray(), p.DType))];

    private static double MaxRelativeDifference(Tensor[] a, Tensor[] b)
    {
        double scale = a.Max(t => t.Abs().Max().Item());
        return a.Zip(b).Max(p => (p.First - p.Second).Abs().Max().Item()) / Math.Max(scale, 1e-300);
    }

    /// <summary>A small LeNet-like network in float64: convolution, max pooling, tanh, ReLU, a dense head.</summary>
    private static (Sequential Model, Tensor X, Tensor Y) ConvolutionalNetwork()
    {
        var g = new Generator(5);
        var model = new Sequential(
            new Conv2d(1, 3, 3, g, padding: 1, dtype: DType.Float64), new Tanh(), new MaxPool2d((2, 2)),
            new Conv2d(3, 4, 3, g, dtype: DType.Float64), new Relu(), new Flatten(), new Linear(4 * 2 * 2, 3, g, dtype: DType.Float64));
        var x = Tensor.Randn(g, [6, 1, 8, 8], DType.Float64);
        var y = Tensor.FromArray(new long[] { 0, 1, 2, 0, 1, 2 }, [6]);
        return (model, x, y);
    }

    [Fact]
    public void The_tangent_of_a_network_output_matches_finite_differences()
    {
        var (model, x, _) = ConvolutionalNetwork();
        var parameters = model.Parameters();
        var directions = Randn(new Generator(6), parameters);
        Tensor Output(double h)
        {
            using (GradMode.NoGrad())
            {
                var saved = parameters.Select(p => p.Clone()).ToArray();
                for (int i = 0; i < parameters.Length; i++)
                {
                    parameters[i].CopyFrom(saved[i] + directions[i] * h);
                }
                var output = model.Forward(x);
                for (int i = 0; i < parameters.Length; i++)
                {
                    parameters[i].CopyFrom(saved[i]);
                }
                return output;
            }
        }
        Tensor tangent;
        using (ForwardAD.Enter())
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                ForwardAD.SetTangent(parameters[i], directions[i]);
            }
            tangent = ForwardAD.Tangent(model.Forward(x))!;
        }
        var numeric = (Output(1e-6) - Output(-1e-6)) / 2e-6;
        GradCheck.AssertClose("network JVP", numeric.ToDoubleArray(), tangent.ToDoubleArray(), 1e-6);
    }

    [Fact]
    public void Forward_over_reverse_and_its_replay_agree_with_double_backward_on_a_convolutional_network()
    {
        var (model, x, y) = ConvolutionalNetwork();
        var parameters = model.Parameters();
        Tensor Loss() => Leibniz.Nn.Loss.CrossEntropy(model.Forward(x), y);
        var g = new Generator(7);
        var v = Randn(g, parameters);
        var w = Randn(g, parameters);
        var reverse = AutoDiff.HessianVectorProduct(Loss(), parameters, v);
        var (forward, hessian) = ForwardAD.LinearizeGradient(Loss, parameters, v);
        Assert.True(MaxRelativeDifference(reverse, forward) < 1e-12, $"forward-over-reverse differs by {MaxRelativeDifference(reverse, forward):E2}");
        // The replay gives products for new vectors, without a forward or reverse pass.
        var reverseW = AutoDiff.HessianVectorProduct(Loss(), parameters, w);
        var replayW = hessian.Apply(w);
        Assert.True(MaxRelativeDifference(reverseW, replayW) < 1e-12, $"the replay differs by {MaxRelativeDifference(reverseW, replayW):E2}");
        Assert.True(hessian.Rules > 10);
    }

    [Fact]
    public void Both_methods_of_the_Hessian_operator_give_the_same_products_full_batch_and_over_batches()
    {
        var g = new Generator(8);
        var model = new Mlp([5, 7, 3], Activation.Tanh, g, dtype: DType.Float64);
        var x = Tensor.Randn(g, [12, 5], DType.Float64);
        var y = Tensor.FromArray(Enumerable.Range(0, 12).Select(i => (long)(i % 3)).ToArray(), [12]);
        var full = new HessianOperator(model.Parameters(), () => Loss.CrossEntropy(model.Forward(x), y));
        var batches = HessianOperator.ForModel(model, [(x.Slice(0, 0, 5), y.Slice(0, 0, 5)), (x.Slice(0, 5, 12), y.Slice(0, 5, 12))], (o, t) => Loss.CrossEntropy(o, t));
        Assert.Equal(HessianProduct.ForwardOverReverse, full.Method);
        for (int k = 0; k < 3; k++)
        {
            var v = Tensor.Randn(g, [full.Dimension], DType.Float64);
            var byForward = full.Apply(v);
            var byBatches = batches.Apply(v);
            full.Method = HessianProduct.DoubleBackward;
            batches.Method = HessianProduct.DoubleBackward;
            var byReverse = full.Apply(v);
            var byReverseBatches = batches.Apply(v);
            full.Method = HessianProduct.ForwardOverReverse;
            batches.Method = HessianProduct.ForwardOverReverse;
            Assert.True((byForward - byReverse).Abs().Max().Item() < 1e-12 * (1 + byReverse.Abs().Max().Item()));
            Assert.True((byBatches - byReverseBatches).Abs().Max().Item() < 1e-12 * (1 + byReverse.Abs().Max().Item()));
            Assert.True((byBatches - byForward).Abs().Max().Item() < 1e-10 * (1 + byReverse.Abs().Max().Item()));
        }
    }

    [Fact]
    public void A_replayed_linearisation_is_the_Hessian_at_the_point_it_was_made_until_reset()
    {
        var w = Tensor.FromArray(new[] { 1.0, 2.0 }, [2]).RequireGrad();
        // L = w₀²·w₁ + w₁³: H = [[2w₁, 2w₀], [2w₀, 6w₁]].
        var h = new HessianOperator([w], () => w[0].Square() * w[1] + w[1].Pow(3.0));
        var e0 = Tensor.FromArray(new[] { 1.0, 0.0 }, [2]);
        Assert.Equal([4.0, 2.0], h.Apply(e0).ToDoubleArray());
        using (GradMode.NoGrad())
        {
            w.CopyFrom(Tensor.FromArray(new[] { 3.0, 1.0 }, [2]));
        }
        h.Reset();
        Assert.Equal([2.0, 6.0], h.Apply(e0).ToDoubleArray());
        Assert.Equal([6.0, 6.0], h.Apply(Tensor.FromArray(new[] { 0.0, 1.0 }, [2])).ToDoubleArray());
    }

    [Fact]
    public void Jvp_of_a_function_of_several_inputs_adds_the_directional_derivatives()
    {
        var a = Tensor.FromArray(new[] { 1.0, 2.0, 3.0 }, [3]);
        var b = Tensor.FromArray(new[] { 0.5, -1.0, 2.0 }, [3]);
        var (outputs, tangents) = ForwardAD.Jvp(xs => [(xs[0] * xs[1]).Sum(), xs[0].Exp()], [a, b], [Tensor.OnesLike(a), Tensor.ZerosLike(b)]);
        Assert.Equal(1.0 * 0.5 - 2.0 + 6.0, outputs[0].Item(), 12);
        Assert.Equal(0.5 - 1.0 + 2.0, tangents[0].Item(), 12);
        Assert.Equal(a.Exp().ToDoubleArray(), tangents[1].ToDoubleArray());
        Assert.Null(ForwardAD.Tangent(outputs[0]));
    }

    [Fact]
    public void Tangents_end_with_their_level_and_levels_do_not_nest()
    {
        var x = Tensor.FromArray(new[] { 1.0, 2.0 }, [2]);
        Tensor y;
        using (ForwardAD.Enter())
        {
            ForwardAD.SetTangent(x, Tensor.OnesLike(x));
            Assert.Throws<InvalidOperationException>(() => ForwardAD.Enter());
            y = x * 2.0;
            Assert.NotNull(ForwardAD.Tangent(y));
        }
        Assert.Null(ForwardAD.Tangent(x));
        using (ForwardAD.Enter())
        {
            // A tangent from a closed level does not leak into the next one.
            Assert.Null(ForwardAD.Tangent(y));
            Assert.Null(ForwardAD.Tangent(y * 3.0));
        }
    }

    [Fact]
    public void Setting_a_tangent_of_the_wrong_shape_or_outside_a_level_says_what_is_wrong()
    {
        var x = Tensor.Zeros([2, 3], DType.Float64);
        var outside = Assert.Throws<InvalidOperationException>(() => ForwardAD.SetTangent(x, Tensor.ZerosLike(x)));
        Assert.Contains("ForwardAD.Enter", outside.Message);
        using var level = ForwardAD.Enter();
        var wrong = Assert.Throws<ArgumentException>(() => ForwardAD.SetTangent(x, Tensor.Zeros([3, 2], DType.Float64)));
        Assert.Contains("[3, 2]", wrong.Message);
        Assert.Contains("[2, 3]", wrong.Message);
    }

    [Fact]
    public void A_custom_op_with_a_tangent_rule_carries_tangents_and_one_without_refuses_to_run_in_forward_mode()
    {
        var x = Tensor.FromArray(new[] { 0.5, -1.5 }, [2]);
        Tensor Cube(Tensor t, bool withRule) => CustomOp.Apply("Cube", [t], xs => xs[0] * xs[0] * xs[0],
            (g, _) => [g * t.Square() * 3.0], tangent: withRule ? (ts, _) => ts[0]! * t.Square() * 3.0 : null);
        var (_, tangents) = ForwardAD.Jvp(xs => [Cube(xs[0], withRule: true)], [x], [Tensor.OnesLike(x)]);
        Assert.Equal([0.75, 6.75], tangents[0].ToDoubleArray());
        var error = Assert.Throws<InvalidOperationException>(() => ForwardAD.Jvp(xs => [CustomOp.Record((xs[0].Detach() * 2.0), "Double", [xs[0]], g => [g * 2.0])], [x], [Tensor.OnesLike(x)]));
        Assert.Contains("'Double' has no forward-mode rule", error.Message);
    }

    [Fact]
    public void The_fused_binary_cross_entropy_has_a_tangent()
    {
        var logits = Tensor.FromArray(new[] { 0.3, -1.2, 2.0 }, [3]);
        var target = Tensor.FromArray(new[] { 1.0, 0.0, 1.0 }, [3]);
        var direction = Tensor.FromArray(new[] { 1.0, 2.0, -1.0 }, [3]);
        var (_, tangents) = ForwardAD.Jvp(xs => [Loss.BinaryCrossEntropyWithLogits(xs[0], target)], [logits], [direction]);
        var leaf = logits.Clone().RequireGrad();
        var gradient = AutoDiff.Grad(Loss.BinaryCrossEntropyWithLogits(leaf, target), leaf);
        Assert.Equal((gradient * direction).Sum().Item(), tangents[0].Item(), 12);
    }
}
