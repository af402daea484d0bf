using Leibniz.Analysis;
using Leibniz.Autograd;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Tests.Analysis;

public class LossLandscapeTests
{
    [Fact]
    public void Filter_normalised_directions_have_the_filter_norms_and_zero_biases()
    {
        var model = new Mlp([5, 7, 3], Activation.Relu, new Generator(1), dtype: DType.Float64);
        var parameters = model.Parameters();
        var direction = LossLandscape.RandomDirection(parameters, new Generator(2));
        for (int p = 0; p < parameters.Length; p++)
        {
            if (parameters[p].Rank == 1)
            {
                Assert.All(direction[p].ToDoubleArray(), v => Assert.Equal(0, v));
                continue;
            }
            for (int row = 0; row < parameters[p].Size(0); row++)
            {
                Assert.Equal(parameters[p][row].Norm().Item(), direction[p][row].Norm().Item(), 10);
            }
        }
        var same = LossLandscape.RandomDirection(parameters, new Generator(2), biases: BiasDirection.Weights);
        Assert.Equal(parameters[1].ToDoubleArray(), same[1].ToDoubleArray());
    }

    [Fact]
    public void Rescaling_a_relu_network_by_10_and_a_tenth_leaves_the_filter_normalised_curve_unchanged()
    {
        var g = new Generator(3);
        var x = Tensor.Randn(g, [20, 4], DType.Float64);
        var y = Tensor.RandInt(g, 0, 3, 20);
        var a = new Mlp([4, 6, 3], Activation.Relu, new Generator(4), dtype: DType.Float64);
        var b = new Mlp([4, 6, 3], Activation.Relu, new Generator(4), dtype: DType.Float64);
        using (GradMode.NoGrad())
        {
            // relu(10·(Wx + b)) = 10·relu(Wx + b): the function is unchanged when the next layer is divided by 10.
            b.LinearLayers.First().Weight.MulInPlace(10);
            b.LinearLayers.First().Bias!.MulInPlace(10);
            b.LinearLayers.Last().Weight.MulInPlace(0.1);
        }
        double[] alphas = [-1, -0.5, 0, 0.25, 0.5, 1];
        double Loss(Module m)
        {
            using (GradMode.NoGrad())
            {
                return Leibniz.Nn.Loss.CrossEntropy(m.Forward(x), y).Item();
            }
        }
        var curveA = LossLandscape.Slice1D(a.Parameters(), LossLandscape.RandomDirection(a.Parameters(), new Generator(5)), alphas, () => Loss(a));
        var curveB = LossLandscape.Slice1D(b.Parameters(), LossLandscape.RandomDirection(b.Parameters(), new Generator(5)), alphas, () => Loss(b));
        for (int i = 0; i < alphas.Length; i++)
        {
            Assert.Equal(curveA[i], curveB[i], 9);
        }
        var unnormalised = LossLandscape.Slice1D(b.Parameters(), LossLandscape.RandomDirection(b.Parameters(), new Generator(5), DirectionNormalization.None), alphas, () => Loss(b));
        Assert.NotEqual(Math.Round(curveA[^1], 6), Math.Round(unnormalised[^1], 6));
        Assert.Equal(Loss(a), curveA[2], 12);
    }

    [Fact]
    public void Pca_of_a_straight_trajectory_has_one_direction_explaining_everything()
    {
        var start = Tensor.FromArray(new[] { 1.0, 2.0, 3.0, 4.0 });
        var step = Tensor.FromArray(new[] { 0.5, -1.0, 0.0, 2.0 });
        var trajectory = Enumerable.Range(0, 6).Select(t => start + step * t).ToList();
        var (d1, _, explained, xs, _) = LossLandscape.TrajectoryPca(trajectory);
        Assert.Equal(1, explained[0], 9);
        Assert.Equal(0, explained[1], 9);
        Assert.Equal(1, Math.Abs((d1 * step / step.Norm()).Sum().Item()), 9);
        Assert.Equal(0, xs[^1], 12);
    }
}

/// <summary>The grid for a fixed input set, with the first layer's products computed once, against the plain grid.</summary>
public sealed class PrecomputedSliceTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_precomputed_first_layer_gives_the_plain_grid(bool bias)
    {
        var generator = new Leibniz.Numerics.Generator(5);
        var model = new Leibniz.Nn.Mlp([6, 5, 4, 3], Leibniz.Nn.Activation.Relu, generator, bias, Leibniz.Tensors.DType.Float64);
        var x = Leibniz.Tensors.Tensor.Randn(generator, [10, 6], Leibniz.Tensors.DType.Float64);
        var y = Leibniz.Tensors.Tensor.FromArray(new long[] { 0, 1, 2, 0, 1, 2, 0, 1, 2, 0 });
        var parameters = model.Parameters();
        var d1 = Leibniz.Analysis.LossLandscape.RandomDirection(parameters, generator);
        var d2 = Leibniz.Analysis.LossLandscape.RandomDirection(parameters, generator);
        double[] axis = [-1, -0.4, 0, 0.7, 1];
        var before = Leibniz.Nn.ParameterVector.Get(parameters).ToDoubleArray();
        var plain = Leibniz.Analysis.LossLandscape.Slice2D(parameters, d1, d2, axis, axis, () => Leibniz.Nn.Loss.CrossEntropy(model.Forward(x), y).Item());
        var fast = Leibniz.Analysis.LossLandscape.Slice2D(model, x, output => Leibniz.Nn.Loss.CrossEntropy(output, y).Item(), d1, d2, axis, axis);
        for (int i = 0; i < axis.Length; i++)
        {
            for (int j = 0; j < axis.Length; j++)
            {
                Assert.Equal(plain[i, j], fast[i, j], 10);
            }
        }
        Assert.Equal(before, Leibniz.Nn.ParameterVector.Get(parameters).ToDoubleArray());
    }
}
