using FsCheck;
using FsCheck.Fluent;
using Leibniz.Autograd;
using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Tests.Autograd;

/// <summary>
/// Every differentiable operation: gradient and Hessian-vector product against finite differences, over random
/// shapes (FsCheck), broadcasting and non-contiguous (transposed) views.
/// </summary>
public class OpGradientTests
{
    private static readonly Gen<int[]> Shapes =
        from rank in Gen.Choose(0, 3)
        from dims in Gen.ArrayOf(Gen.Choose(1, 4), rank)
        select dims;

    private static Tensor Normal(Generator g, int[] shape) => Tensor.Randn(g, shape, DType.Float64);

    private static Tensor Positive(Generator g, int[] shape) => Tensor.Rand(g, 0.5, 2.5, shape, DType.Float64);

    /// <summary>Values with |x| in [0.3, 1.3]: far from the kinks of relu, abs and friends.</summary>
    private static Tensor AwayFromZero(Generator g, int[] shape)
    {
        var magnitude = Tensor.Rand(g, 0.3, 1.3, shape, DType.Float64);
        var sign = Tensor.Bernoulli(g, 0.5, shape, DType.Float64) * 2.0 - 1.0;
        return magnitude * sign;
    }

    public static TheoryData<string> UnaryNames => [.. UnaryCases.Keys];

    private static readonly Dictionary<string, (Func<Tensor, Tensor> Op, Func<Generator, int[], Tensor> Input)> UnaryCases = new()
    {
        ["Neg"] = (x => x.Neg(), Normal),
        ["Abs"] = (x => x.Abs(), AwayFromZero),
        ["Exp"] = (x => x.Exp(), Normal),
        ["Log"] = (x => x.Log(), Positive),
        ["Log1p"] = (x => x.Log1p(), Positive),
        ["Sqrt"] = (x => x.Sqrt(), Positive),
        ["Square"] = (x => x.Square(), Normal),
        ["PowScalar"] = (x => x.Pow(2.5), Positive),
        ["Sin"] = (x => x.Sin(), Normal),
        ["Cos"] = (x => x.Cos(), Normal),
        ["Tanh"] = (x => x.Tanh(), Normal),
        ["Sigmoid"] = (x => x.Sigmoid(), Normal),
        ["Elu"] = (x => x.Elu(), AwayFromZero),
        ["Relu"] = (x => x.Relu(), AwayFromZero),
        ["LeakyRelu"] = (x => x.LeakyRelu(0.1), AwayFromZero),
        ["Softsign"] = (x => x.Softsign(), AwayFromZero),
        ["Softplus"] = (x => x.Softplus(), Normal),
        ["Gelu"] = (x => x.Gelu(), Normal),
        ["NormalCdf"] = (x => x.NormalCdf(), Normal),
        ["Clamp"] = (x => x.Clamp(-0.25, 0.25), AwayFromZero),
        ["Sign"] = (x => x.Sign() * x, AwayFromZero),
        ["Sum"] = (x => x.Sum(), Normal),
        ["Mean"] = (x => x.Mean(), Normal),
        ["Var"] = (x => x.Rank == 0 || x.Size(0) == 1 ? x : x.Var(0), Normal),
        ["Std"] = (x => x.Rank == 0 || x.Size(-1) == 1 ? x : x.Std(-1, correction: 0), Normal),
        ["MaxAxis"] = (x => x.Rank == 0 ? x : x.Max(-1).Values, Normal),
        ["MinAxis"] = (x => x.Rank == 0 ? x : x.Min(0, keepDim: true).Values, Normal),
        ["Amax"] = (x => x.Max(), Normal),
        ["LogSumExp"] = (x => x.Rank == 0 ? x : x.LogSumExp(-1), Normal),
        ["Norm2"] = (x => x.Norm(), AwayFromZero),
        ["Norm3"] = (x => x.Norm(3), AwayFromZero),
        ["Softmax"] = (x => x.Rank == 0 ? x : x.Softmax(0), Normal),
        ["LogSoftmax"] = (x => x.Rank == 0 ? x : x.LogSoftmax(-1), Normal),
        ["Cumsum"] = (x => x.Rank == 0 ? x : x.Cumsum(0), Normal),
        ["CumsumReverse"] = (x => x.Rank == 0 ? x : x.Cumsum(-1, reverse: true).Square(), Normal),
        ["Flatten"] = (x => x.Flatten().Square(), Normal),
        ["Unsqueeze"] = (x => x.Unsqueeze(0).Square(), Normal),
        ["Slice"] = (x => x.Rank == 0 ? x : x.Slice(-1, 0, 4, 2).Square(), Normal),
        ["Clone"] = (x => x.Clone().Exp(), Normal),
    };

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void Unary_op_gradients_match_finite_differences(string name)
    {
        var (op, input) = UnaryCases[name];
        Prop.ForAll(Shapes.ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (shape, seed) =>
        {
            var g = new Generator((ulong)seed);
            var x = input(g, shape);
            GradCheck.Check(name, xs => op(xs[0]), [x], (ulong)seed);
            if (shape.Length >= 2)
            {
                // The same op on a transposed (non-contiguous) view.
                GradCheck.Check(name + " (transposed)", xs => op(xs[0].T), [x.T.Contiguous()], (ulong)seed);
            }
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>Pairs of shapes that broadcast: some sizes set to 1, maybe fewer leading dimensions, in either order.</summary>
    private static Gen<(int[] A, int[] B)> BroadcastPairs =>
        from shape in Shapes
        from ones in Gen.ArrayOf(Gen.Elements(true, false), shape.Length)
        from drop in Gen.Choose(0, shape.Length)
        from swap in Gen.Elements(true, false)
        let b = shape.Select((d, i) => ones[i] ? 1 : d).Skip(drop).ToArray()
        select swap ? (b, shape) : (shape, b);

    public static TheoryData<string> BinaryNames => [.. BinaryCases.Keys];

    private static readonly Dictionary<string, Func<Tensor, Tensor, Tensor>> BinaryCases = new()
    {
        ["Add"] = (a, b) => a + b,
        ["Sub"] = (a, b) => a - b,
        ["Mul"] = (a, b) => a * b,
        ["Div"] = (a, b) => a / b,
        ["Pow"] = (a, b) => a.Pow(b),
        ["Maximum"] = (a, b) => a.Maximum(b),
        ["Minimum"] = (a, b) => a.Minimum(b),
        ["Where"] = (a, b) => Tensor.Where(a.Gt(b), a * b, a - b),
    };

    [Theory]
    [MemberData(nameof(BinaryNames))]
    public void Binary_op_gradients_with_broadcasting_match_finite_differences(string name)
    {
        var op = BinaryCases[name];
        Prop.ForAll(BroadcastPairs.ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (shapes, seed) =>
        {
            var g = new Generator((ulong)seed);
            // Positive, separated operands: division, powers and max/min stay away from their singular points.
            var a = Tensor.Rand(g, 0.5, 1.5, shapes.A, DType.Float64);
            var b = Tensor.Rand(g, 2.0, 3.0, shapes.B, DType.Float64);
            GradCheck.Check(name, xs => op(xs[0], xs[1]), [a, b], (ulong)seed);
        }).QuickCheckThrowOnFailure();
    }

    public static TheoryData<string> StructuredNames => [.. StructuredCases.Keys];

    private static readonly Dictionary<string, (Func<Tensor[], Tensor> Op, int[][] Shapes)> StructuredCases = new()
    {
        ["MatmulVectorVector"] = (x => x[0].Matmul(x[1]), [[4], [4]]),
        ["MatmulMatrixVector"] = (x => x[0].Matmul(x[1]), [[3, 4], [4]]),
        ["MatmulVectorMatrix"] = (x => x[0].Matmul(x[1]), [[3], [3, 5]]),
        ["MatmulMatrix"] = (x => x[0].Matmul(x[1]).Tanh(), [[3, 4], [4, 5]]),
        ["MatmulTransposed"] = (x => x[0].T.Matmul(x[1].T), [[4, 3], [5, 4]]),
        ["MatmulBatched"] = (x => x[0].Matmul(x[1]), [[2, 3, 4], [2, 4, 2]]),
        ["MatmulBroadcastBatch"] = (x => x[0].Matmul(x[1]), [[2, 1, 3, 4], [3, 4, 2]]),
        ["MatmulBatchedByMatrix"] = (x => x[0].Matmul(x[1]).Square(), [[2, 3, 4], [4, 2]]),
        ["MatmulMatrixByBatch"] = (x => x[0].Matmul(x[1]).Tanh(), [[3, 4], [2, 4, 5]]),
        ["Linear"] = (x => Tensor.Linear(x[0], x[1], x[2]).Sigmoid(), [[5, 3], [4, 3], [4]]),
        ["QuadraticForm"] = (x => x[0].Matmul(x[1]).Matmul(x[0]), [[3], [3, 3]]),
        ["Cat"] = (x => Tensor.Cat([x[0], x[1]], 1).Square(), [[2, 3], [2, 2]]),
        ["Stack"] = (x => Tensor.Stack([x[0], x[1]], 1).Exp(), [[2, 3], [2, 3]]),
        ["Split"] = (x => x[0].Split(2, 1)[1] * x[0].Chunk(2, 1)[0], [[3, 4]]),
        ["Gather"] = (x => x[0].Gather(1, Tensor.FromArray(new long[] { 2, 0, 1, 1, 0, 2 }, 3, 2)).Square(), [[3, 3]]),
        ["ScatterAdd"] = (x => x[0].ScatterAdd(0, Tensor.FromArray(new long[] { 1, 0, 1, 1 }, 2, 2), x[1]).Square(), [[2, 2], [2, 2]]),
        ["IndexSelect"] = (x => x[0].IndexSelect(0, Tensor.FromArray(new long[] { 2, 0, 2 })).Square(), [[3, 2]]),
        ["IndexAdd"] = (x => x[0].IndexAdd(1, Tensor.FromArray(new long[] { 1, 1 }), x[1]).Square(), [[2, 3], [2, 2]]),
        ["Expand"] = (x => x[0].Expand(3, 2, 4).Square(), [[2, 1]]),
        ["Permute"] = (x => x[0].Permute(2, 0, 1).Reshape(4, 6).Square(), [[2, 3, 4]]),
        ["IndexRange"] = (x => x[0][1..3, ..].Square(), [[4, 3]]),
        ["Select"] = (x => x[0][1].Square() + x[0].Select(1, -1).Sum(), [[3, 3]]),
        ["Conv2d"] = (x => Tensor.Conv2d(x[0], x[1], x[2]).Tanh(), [[2, 2, 5, 5], [3, 2, 3, 3], [3]]),
        ["Conv2dStridePadDilation"] = (x => Tensor.Conv2d(x[0], x[1], null, (2, 1), (1, 2), (2, 1)).Square(), [[1, 2, 6, 5], [2, 2, 2, 3]]),
        ["Conv2dGroups"] = (x => Tensor.Conv2d(x[0], x[1], x[2], groups: 2).Square(), [[1, 4, 4, 4], [2, 2, 3, 3], [2]]),
        ["Conv1d"] = (x => Tensor.Conv1d(x[0], x[1], x[2], stride: 2, padding: 1).Square(), [[2, 2, 7], [3, 2, 3], [3]]),
        ["MaxPool2d"] = (x => x[0].MaxPool2d((2, 2)).Square(), [[1, 2, 4, 4]]),
        ["MaxPool2dPadded"] = (x => x[0].MaxPool2d((3, 3), (2, 2), (1, 1)).Square(), [[1, 1, 5, 5]]),
        ["AvgPool2d"] = (x => x[0].AvgPool2d((2, 2), (1, 1)).Square(), [[2, 1, 3, 3]]),
        ["Dropout"] = (x => x[0].Dropout(0.5, new Generator(7)).Square(), [[4, 4]]),
        ["CrossEntropyShape"] = (x => -(x[0].LogSoftmax(1) * Tensor.FromArray(new long[] { 1, 0, 2 }).OneHot(3, DType.Float64)).Sum(1).Mean(), [[3, 3]]),
    };

    [Theory]
    [MemberData(nameof(StructuredNames))]
    public void Structured_op_gradients_match_finite_differences(string name)
    {
        var (op, shapes) = StructuredCases[name];
        for (ulong seed = 1; seed <= 3; seed++)
        {
            var g = new Generator(seed);
            var inputs = shapes.Select(s => Tensor.Randn(g, s, DType.Float64)).ToArray();
            GradCheck.Check(name, op, inputs, seed);
        }
    }

    [Fact]
    public void Gradient_through_a_float32_round_trip_is_the_upstream_gradient()
    {
        var x = Tensor.FromArray(new double[] { 0.1, -2.0, 3.5 }).RequireGrad();
        var w = Tensor.FromArray(new double[] { 1.5, -0.5, 2.0 });
        var g = AutoDiff.Grad((x.To(DType.Float32).To(DType.Float64) * w).Sum(), x);
        Assert.Equal(DType.Float64, g.DType);
        Assert.Equal(w.ToDoubleArray(), g.ToDoubleArray());
    }
}
