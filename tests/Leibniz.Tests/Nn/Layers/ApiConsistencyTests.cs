using Leibniz.Data.Mathematics;
using Leibniz.Graphs;
using Leibniz.Graphs.Conjectures;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Tests.Nn;

/// <summary>What a user trying the library expects: PyTorch's prefixes, a dtype on every layer, both sides of a conjecture, the classic arithmetic sums.</summary>
public class ApiConsistencyTests
{
    [Fact]
    public void A_prefix_is_followed_by_a_dot_as_in_PyTorch()
    {
        var mlp = new Mlp([2, 3, 1], Activation.Relu, new Generator(1));
        Assert.Equal(["model.0.weight", "model.0.bias", "model.2.weight", "model.2.bias"], mlp.NamedParameters("model").Select(p => p.Key));
        Assert.Equal(mlp.NamedParameters("model").Select(p => p.Key), mlp.NamedParameters("model.").Select(p => p.Key));
        Assert.Equal("0.weight", mlp.NamedParameters().First().Key);
        Assert.Equal(["bn.running_mean", "bn.running_var", "bn.num_batches_tracked"], new BatchNorm1d(3).NamedBuffers("bn").Select(p => p.Key));
    }

    [Fact]
    public void Activation_names_parse_in_any_spelling_and_round_trip()
    {
        foreach (var activation in Enum.GetValues<Activation>())
        {
            Assert.Equal(activation, Activations.Parse(Activations.NameOf(activation)));
        }
        Assert.Equal(Activation.LeakyRelu, Activations.Parse("LeakyReLU"));
        Assert.Equal(Activation.Identity, Activations.Parse("linear"));
        Assert.Contains("leaky_relu", Assert.Throws<ArgumentException>(() => Activations.Parse("swish")).Message);
        Assert.Throws<ArgumentException>(() => Activations.Parse("3"));
    }

    [Fact]
    public void Convolution_and_normalisation_layers_take_a_dtype()
    {
        var g = new Generator(2);
        Assert.All(new Conv2d(1, 2, 3, g, dtype: DType.Float64).Parameters(), p => Assert.Equal(DType.Float64, p.DType));
        Assert.All(new BatchNorm1d(4, dtype: DType.Float64).Parameters(), p => Assert.Equal(DType.Float64, p.DType));
        Assert.All(new BatchNorm2d(4, dtype: DType.Float64).Parameters(), p => Assert.Equal(DType.Float64, p.DType));
        Assert.All(new LayerNorm(5, dtype: DType.Float64).Parameters(), p => Assert.Equal(DType.Float64, p.DType));
        var x = Tensor.Randn(g, [2, 4], DType.Float64);
        Assert.Equal(DType.Float64, new BatchNorm1d(4, dtype: DType.Float64).Forward(x).DType);
    }

    [Fact]
    public void A_conjecture_reports_both_sides_on_a_graph()
    {
        var conjecture = Conjecture.Resolve("lambda1 <= max_degree where connected");
        var petersen = NamedGraphs.Petersen();
        var evaluation = conjecture.Evaluate(petersen);
        Assert.Equal(3, evaluation.Left, 9);
        Assert.Equal(3, evaluation.Right, 9);
        Assert.True(evaluation.InScope);
        Assert.False(evaluation.Violated);
        var strict = Conjecture.Resolve("lambda1 < max_degree").Evaluate(petersen);
        Assert.True(strict.Violated);
        Assert.False(Conjecture.Resolve("n >= 0 where tree").Evaluate(petersen).InScope);
    }

    [Fact]
    public void Mertens_and_squarefree_counts_match_their_tables()
    {
        var f = new ArithmeticFunctions(1000);
        // OEIS A002321 (Mertens) and A013928 (squarefree numbers ≤ x).
        int[] mertens = [0, 1, 0, -1, -1, -2, -1, -2, -2, -2, -1, -2, -2, -3, -2, -1, -1, -2, -2, -3, -3];
        for (int x = 0; x <= 20; x++)
        {
            Assert.Equal(mertens[x], f.Mertens(x));
        }
        Assert.Equal(2, f.Mertens(1000));
        Assert.Equal(608, f.SquarefreeCount(1000));
        Assert.Equal(61, f.SquarefreeCount(100));
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Mertens(1001));
    }

    [Fact]
    public void All_permutations_are_enumerated_once_in_lexicographic_order()
    {
        var all = PermutationStatistics.All(5).ToList();
        Assert.Equal(120, all.Count);
        Assert.Equal(120, all.Select(p => string.Join(",", p)).Distinct().Count());
        Assert.Equal([0, 1, 2, 3, 4], all[0]);
        Assert.Equal([4, 3, 2, 1, 0], all[^1]);
        var keys = all.Select(p => string.Concat(p)).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Single(PermutationStatistics.All(0));
        // The Eulerian numbers count permutations by descents: A(5, k) = 1, 26, 66, 26, 1.
        Assert.Equal([1, 26, 66, 26, 1], Enumerable.Range(0, 5).Select(k => all.Count(p => PermutationStatistics.Descents(p).Length == k)));
    }
}
