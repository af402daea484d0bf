using Leibniz.Autograd;
using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Tests.Autograd;

/// <summary>
/// The catalogue of primitive ops drives these tests: every entry must have a case here, and every case checks its
/// forward pass against an independent reference (System.Math, MathNet or a naive loop), that it records a node of
/// its name, its gradient against central finite differences and, when the catalogue says the backward is
/// differentiable, its Hessian-vector product. An entry without a case fails.
/// </summary>
public class OpCatalogTests
{
    /// <summary>A case: the op on float64 inputs, how to draw them, and the reference values of its output in row-major order.</summary>
    /// <remarks>
    /// <paramref name="ExactGradient"/> replaces finite differences where they cannot work: an op whose output is
    /// rounded to float32 has a finite-difference error of order 10⁻⁷/h. It gives the exact gradient of
    /// <c>Σ w·op(x)</c> for weights w (for a float32 round trip: w rounded to float32, as the gradient passes through float32 too).
    /// </remarks>
    private sealed record OpCase(Func<Tensor[], Tensor> Op, Func<Generator, Tensor[]> Inputs, Func<Tensor[], double[]> Reference, double Tolerance = 1e-12,
        Func<Tensor, Tensor[], Tensor[]>? ExactGradient = null);

    private static Tensor Normal(Generator g, params int[] shape) => Tensor.Randn(g, shape, DType.Float64);

    private static Tensor Positive(Generator g, params int[] shape) => Tensor.Rand(g, 0.5, 2.5, shape, DType.Float64);

    /// <summary>|x| in [0.3, 1.3] with either sign: away from the kinks of abs, relu and clamp at ±0.25.</summary>
    private static Tensor AwayFromZero(Generator g, params int[] shape) =>
        Tensor.Rand(g, 0.3, 1.3, shape, DType.Float64) * (Tensor.Bernoulli(g, 0.5, shape, DType.Float64) * 2.0 - 1.0);

    private static double[] Map(Tensor x, Func<double, double> f) => [.. x.ToDoubleArray().Select(f)];

    private static double[] Zip(Tensor a, Tensor b, Func<double, double, double> f)
    {
        var (x, y) = (a.ToDoubleArray(), b.ToDoubleArray());
        return [.. x.Select((v, i) => f(v, y[i]))];
    }

    private static Tensor Indices(long[] values, params int[] shape) => Tensor.FromArray(values, shape);

    /// <summary>The gradient of <paramref name="forward"/> at a fixed point <paramref name="at"/> as a function of the upstream gradient g, built as a graph (it records the op's backward node).</summary>
    private static Tensor BackwardOf(Func<Tensor, Tensor> forward, Tensor at, Tensor g)
    {
        using var recording = GradMode.EnableGrad();
        var x = at.Clone().RequireGrad();
        return AutoDiff.Grad([forward(x)], [x], [g], createGraph: true)[0]!;
    }

    private static readonly Tensor s_fixedX = AwayFromZero(new Generator(99), 3, 4);
    private static readonly Tensor s_image = Normal(new Generator(98), 1, 2, 4, 4);

    private static readonly Dictionary<string, OpCase> s_cases = new()
    {
        ["Neg"] = new(x => x[0].Neg(), g => [Normal(g, 3, 4)], x => Map(x[0], v => -v)),
        ["Abs"] = new(x => x[0].Abs(), g => [AwayFromZero(g, 3, 4)], x => Map(x[0], Math.Abs)),
        ["Exp"] = new(x => x[0].Exp(), g => [Normal(g, 3, 4)], x => Map(x[0], Math.Exp)),
        ["Log"] = new(x => x[0].Log(), g => [Positive(g, 3, 4)], x => Map(x[0], Math.Log)),
        ["Log1p"] = new(x => x[0].Log1p(), g => [Positive(g, 3, 4)], x => Map(x[0], v => Math.Log(1 + v))),
        ["Sqrt"] = new(x => x[0].Sqrt(), g => [Positive(g, 3, 4)], x => Map(x[0], Math.Sqrt)),
        ["Square"] = new(x => x[0].Square(), g => [Normal(g, 3, 4)], x => Map(x[0], v => v * v)),
        ["Sin"] = new(x => x[0].Sin(), g => [Normal(g, 3, 4)], x => Map(x[0], Math.Sin)),
        ["Cos"] = new(x => x[0].Cos(), g => [Normal(g, 3, 4)], x => Map(x[0], Math.Cos)),
        ["Tanh"] = new(x => x[0].Tanh(), g => [Normal(g, 3, 4)], x => Map(x[0], Math.Tanh), 1e-15),
        ["Sigmoid"] = new(x => x[0].Sigmoid(), g => [Normal(g, 3, 4)], x => Map(x[0], v => 1 / (1 + Math.Exp(-v)))),
        ["Elu"] = new(x => x[0].Elu(), g => [AwayFromZero(g, 3, 4)], x => Map(x[0], v => v > 0 ? v : Math.Exp(v) - 1)),
        ["Relu"] = new(x => x[0].Relu(), g => [AwayFromZero(g, 3, 4)], x => Map(x[0], v => Math.Max(v, 0))),
        ["ReluBackward"] = new(x => BackwardOf(t => t.Relu(), s_fixedX, x[0]), g => [Normal(g, 3, 4)],
            x => Zip(x[0], s_fixedX, (gv, xv) => xv > 0 ? gv : 0)),
        ["LeakyRelu"] = new(x => x[0].LeakyRelu(0.1), g => [AwayFromZero(g, 3, 4)], x => Map(x[0], v => v > 0 ? v : 0.1 * v)),
        ["Softplus"] = new(x => x[0].Softplus(), g => [Normal(g, 3, 4)], x => Map(x[0], v => Math.Log(1 + Math.Exp(v)))),
        ["NormalCdf"] = new(x => x[0].NormalCdf(), g => [Normal(g, 3, 4)], x => Map(x[0], v => MathNet.Numerics.Distributions.Normal.CDF(0, 1, v)), 1e-7),
        ["Clamp"] = new(x => x[0].Clamp(-0.25, 0.25), g => [AwayFromZero(g, 3, 4) * 0.3], x => Map(x[0], v => Math.Clamp(v, -0.25, 0.25))),
        ["To"] = new(x => x[0].To(DType.Float32).To(DType.Float64), g => [Normal(g, 3, 4)], x => Map(x[0], v => (float)v), ExactGradient: (w, _) => [w.To(DType.Float32).To(DType.Float64)]),
        ["Add"] = new(x => x[0] + x[1], g => [Normal(g, 3, 4), Normal(g, 3, 4)], x => Zip(x[0], x[1], (a, b) => a + b)),
        ["Sub"] = new(x => x[0] - x[1], g => [Normal(g, 3, 4), Normal(g, 3, 4)], x => Zip(x[0], x[1], (a, b) => a - b)),
        ["Mul"] = new(x => x[0] * x[1], g => [Normal(g, 3, 4), Normal(g, 3, 4)], x => Zip(x[0], x[1], (a, b) => a * b)),
        ["Div"] = new(x => x[0] / x[1], g => [Normal(g, 3, 4), Positive(g, 3, 4)], x => Zip(x[0], x[1], (a, b) => a / b)),
        ["Pow"] = new(x => x[0].Pow(x[1]), g => [Positive(g, 3, 4), Normal(g, 3, 4)], x => Zip(x[0], x[1], Math.Pow), 1e-13),
        ["Maximum"] = new(x => x[0].Maximum(x[1]), g => [Normal(g, 3, 4), Normal(g, 3, 4)], x => Zip(x[0], x[1], Math.Max)),
        ["Minimum"] = new(x => x[0].Minimum(x[1]), g => [Normal(g, 3, 4), Normal(g, 3, 4)], x => Zip(x[0], x[1], Math.Min)),
        ["Where"] = new(x => Tensor.Where(s_fixedX.Gt(0), x[0], x[1]), g => [Normal(g, 3, 4), Normal(g, 3, 4)],
            x => [.. s_fixedX.ToDoubleArray().Select((c, i) => c > 0 ? x[0].ToDoubleArray()[i] : x[1].ToDoubleArray()[i])]),
        ["Sum"] = new(x => x[0].Sum(1), g => [Normal(g, 3, 4)], x => ReduceRows(x[0], row => row.Sum())),
        ["Max"] = new(x => x[0].Max(1).Values, g => [Normal(g, 3, 4)], x => ReduceRows(x[0], row => row.Max())),
        ["Min"] = new(x => x[0].Min(1).Values, g => [Normal(g, 3, 4)], x => ReduceRows(x[0], row => row.Min())),
        ["Amax"] = new(x => x[0].Max(), g => [Normal(g, 3, 4)], x => [x[0].ToDoubleArray().Max()]),
        ["Amin"] = new(x => x[0].Min(), g => [Normal(g, 3, 4)], x => [x[0].ToDoubleArray().Min()]),
        ["Softmax"] = new(x => x[0].Softmax(-1), g => [Normal(g, 3, 4)], x => MapRows(x[0], Softmax)),
        ["LogSoftmax"] = new(x => x[0].LogSoftmax(-1), g => [Normal(g, 3, 4)], x => MapRows(x[0], row => [.. Softmax(row).Select(v => Math.Log(v))])),
        ["Cumsum"] = new(x => x[0].Cumsum(1), g => [Normal(g, 3, 4)], x => MapRows(x[0], row => [.. row.Select((_, i) => row.Take(i + 1).Sum())])),
        ["Reshape"] = new(x => x[0].T.Reshape(2, 6), g => [Normal(g, 3, 4)], x => Transpose(x[0])),
        ["Squeeze"] = new(x => x[0].Squeeze(), g => [Normal(g, 3, 1, 4)], x => x[0].ToDoubleArray()),
        ["Unsqueeze"] = new(x => x[0].Unsqueeze(1), g => [Normal(g, 3, 4)], x => x[0].ToDoubleArray()),
        ["Permute"] = new(x => x[0].Permute(1, 0), g => [Normal(g, 3, 4)], x => Transpose(x[0])),
        ["Slice"] = new(x => x[0].Slice(1, 1, 4, 2), g => [Normal(g, 3, 4)], x => MapRows(x[0], row => [row[1], row[3]])),
        ["SliceBackward"] = new(x => BackwardOf(t => t.Slice(1, 1, 4, 2), s_fixedX, x[0]), g => [Normal(g, 3, 2)],
            x => MapRows(x[0], row => [0, row[0], 0, row[1]])),
        ["Expand"] = new(x => x[0].Expand(3, 4), g => [Normal(g, 3, 1)], x => MapRows(x[0], row => [row[0], row[0], row[0], row[0]])),
        ["Clone"] = new(x => x[0].Clone(), g => [Normal(g, 3, 4)], x => x[0].ToDoubleArray()),
        ["Cat"] = new(x => Tensor.Cat([x[0], x[1]], 1), g => [Normal(g, 3, 2), Normal(g, 3, 1)],
            x => [.. Enumerable.Range(0, 3).SelectMany(r => new[] { x[0].At(r, 0), x[0].At(r, 1), x[1].At(r, 0) })]),
        ["Gather"] = new(x => x[0].Gather(1, Indices([2, 0, 1, 1, 3, 3], 3, 2)), g => [Normal(g, 3, 4)],
            x => [x[0].At(0, 2), x[0].At(0, 0), x[0].At(1, 1), x[0].At(1, 1), x[0].At(2, 3), x[0].At(2, 3)]),
        ["ScatterAdd"] = new(x => x[0].ScatterAdd(0, Indices([1, 0, 1, 1], 2, 2), x[1]), g => [Normal(g, 2, 2), Normal(g, 2, 2)],
            x => [x[0].At(0, 0), x[0].At(0, 1) + x[1].At(0, 1), x[0].At(1, 0) + x[1].At(0, 0) + x[1].At(1, 0), x[0].At(1, 1) + x[1].At(1, 1)]),
        ["IndexSelect"] = new(x => x[0].IndexSelect(0, Indices([2, 0, 2], 3)), g => [Normal(g, 3, 2)],
            x => [x[0].At(2, 0), x[0].At(2, 1), x[0].At(0, 0), x[0].At(0, 1), x[0].At(2, 0), x[0].At(2, 1)]),
        ["IndexAdd"] = new(x => x[0].IndexAdd(1, Indices([2, 2], 2), x[1]), g => [Normal(g, 2, 3), Normal(g, 2, 2)],
            x => [x[0].At(0, 0), x[0].At(0, 1), x[0].At(0, 2) + x[1].At(0, 0) + x[1].At(0, 1), x[0].At(1, 0), x[0].At(1, 1), x[0].At(1, 2) + x[1].At(1, 0) + x[1].At(1, 1)]),
        ["Matmul"] = new(x => x[0].Matmul(x[1]), g => [Normal(g, 3, 4), Normal(g, 4, 5)], x => NaiveMatmul(x[0], x[1])),
        ["Linear"] = new(x => Tensor.Linear(x[0], x[1], x[2]), g => [Normal(g, 5, 3), Normal(g, 4, 3), Normal(g, 4)],
            x => [.. NaiveMatmul(x[0], x[1].T).Select((v, i) => v + x[2].At(i % 4))]),
        ["Im2Col"] = new(x => x[0].Im2Col(2, 3, 1, 2, 1, 0), g => [Normal(g, 1, 2, 4, 4)], x => NaiveIm2Col(x[0], 2, 3, 1, 2, 1, 0)),
        ["Col2Im"] = new(x => BackwardOf(t => t.Im2Col(2, 3, 1, 2, 1, 0), s_image, x[0]), g => [Normal(g, 1, 12, 5)], x => NaiveCol2Im(x[0], [1, 2, 4, 4], 2, 3, 1, 2, 1, 0)),
        ["MaxPool2d"] = new(x => x[0].MaxPool2d((2, 2)), g => [Normal(g, 1, 2, 4, 4)], x => NaivePool(x[0], 2, w => w.Max())),
        ["MaxPoolBackward"] = new(x => BackwardOf(t => t.MaxPool2d((2, 2)), s_image, x[0]), g => [Normal(g, 1, 2, 2, 2)],
            x => ScatterToWindowMaxima(x[0], s_image)),
        ["MaxPoolGather"] = new(x =>
            {
                var upstream = Tensor.Ones([1, 2, 2, 2], DType.Float64).RequireGrad();
                var backward = BackwardOf(t => t.MaxPool2d((2, 2)), s_image, upstream);
                return AutoDiff.Grad([backward], [upstream], [x[0]], createGraph: true)[0]!;
            }, g => [Normal(g, 1, 2, 4, 4)], x => GatherAtWindowMaxima(x[0], s_image)),
    };

    public static TheoryData<string> CatalogueNames => [.. OpCatalog.All.Select(op => op.Name)];

    [Fact]
    public void Catalogue_names_are_unique()
    {
        var repeated = OpCatalog.All.GroupBy(op => op.Name).Where(group => group.Count() > 1).Select(group => group.Key).ToArray();
        Assert.True(repeated.Length == 0, $"Names listed twice: {string.Join(", ", repeated)}");
    }

    [Fact]
    public void Every_case_belongs_to_a_catalogue_entry()
    {
        var unknown = s_cases.Keys.Where(name => !OpCatalog.Contains(name)).ToArray();
        Assert.True(unknown.Length == 0, $"Cases for ops the catalogue does not list: {string.Join(", ", unknown)}");
    }

#if DEBUG
    [Fact]
    public void Recording_an_op_the_catalogue_does_not_list_throws_in_debug_builds()
    {
        var x = Tensor.Ones([2], DType.Float64).RequireGrad();
        var error = Assert.Throws<InvalidOperationException>(() => (x * 1.0).Detach().Record("Unlisted", [x], g => [g]));
        Assert.Contains("'Unlisted' that OpCatalog does not list", error.Message);
    }
#endif

    [Theory]
    [MemberData(nameof(CatalogueNames))]
    public void Every_catalogued_op_matches_its_reference_and_finite_differences(string name)
    {
        Assert.True(s_cases.TryGetValue(name, out var testCase), $"OpCatalog lists '{name}' but OpCatalogTests has no case for it: add its forward reference and gradient case.");
        var info = OpCatalog.All.Single(op => op.Name == name);
        for (ulong seed = 1; seed <= 2; seed++)
        {
            var inputs = testCase.Inputs(new Generator(seed));
            var output = testCase.Op(inputs);
            var expected = testCase.Reference(inputs);
            var actual = output.ToDoubleArray();
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < actual.Length; i++)
            {
                Assert.True(Math.Abs(actual[i] - expected[i]) <= testCase.Tolerance * Math.Max(1, Math.Abs(expected[i])),
                    $"{name}: forward element {i} is {actual[i]:R}, the reference says {expected[i]:R}");
            }
            var leaves = inputs.Select(t => t.Clone().RequireGrad()).ToArray();
            Assert.True(Records(testCase.Op(leaves), name), $"The case for '{name}' does not record a node of that name.");
            if (testCase.ExactGradient is { } exact)
            {
                var weights = Tensor.Randn(new Generator(seed), output.Shape.ToArray(), DType.Float64);
                var gradients = AutoDiff.Grad([(testCase.Op(leaves) * weights).Sum()], leaves);
                var expectedGradients = exact(weights, inputs);
                for (int i = 0; i < leaves.Length; i++)
                {
                    Assert.Equal(expectedGradients[i].ToDoubleArray(), gradients[i]!.ToDoubleArray());
                }
                continue;
            }
            GradCheck.Check(name, testCase.Op, inputs, seed, secondOrder: info.BackwardIsDifferentiable);
            GradCheck.Check($"{name}, squared", xs => testCase.Op(xs).Square(), inputs, seed, secondOrder: info.BackwardIsDifferentiable);
        }
    }

    [Theory]
    [MemberData(nameof(CatalogueNames))]
    public void Every_catalogued_op_has_a_forward_mode_rule_that_matches_finite_differences_and_reverse_mode(string name)
    {
        Assert.True(s_cases.TryGetValue(name, out var testCase), $"OpCatalog lists '{name}' but OpCatalogTests has no case for it.");
        var info = OpCatalog.All.Single(op => op.Name == name);
        for (ulong seed = 1; seed <= 2; seed++)
        {
            var inputs = testCase.Inputs(new Generator(seed));
            // An op rounded through float32 has finite differences of error 10⁻⁷/h, and ⟨u, round(v)⟩ differs from
            // ⟨round(u), v⟩ by rounding: there the tangent must be exactly the rounded direction.
            bool rounded = testCase.ExactGradient is not null;
            GradCheck.CheckForward(name, testCase.Op, inputs, seed, secondOrder: info.BackwardIsDifferentiable, finiteDifferences: !rounded,
                identityTolerance: rounded ? 1e-6 : 1e-10);
            if (rounded)
            {
                var direction = Tensor.Randn(new Generator(seed), inputs[0].Shape.ToArray(), DType.Float64);
                var tangent = ForwardAD.Jvp(xs => [testCase.Op(xs)], inputs, [direction, .. inputs.Skip(1).Select(Tensor.ZerosLike)]).Tangents[0];
                Assert.Equal(testCase.ExactGradient!(direction, inputs)[0].ToDoubleArray(), tangent.ToDoubleArray());
            }
        }
    }

    /// <summary>True when the graph behind <paramref name="output"/> has a node named <paramref name="name"/>.</summary>
    private static bool Records(Tensor output, string name)
    {
        var stack = new Stack<Tensor>([output]);
        var seen = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        while (stack.TryPop(out var t))
        {
            if (t.GradFn is not { } node || !seen.Add(node))
            {
                continue;
            }
            if (node.Name == name)
            {
                return true;
            }
            foreach (var input in node.Inputs)
            {
                stack.Push(input);
            }
        }
        return false;
    }

    private static double[][] Rows(Tensor x)
    {
        int rows = x.Size(0), columns = x.Size(1);
        var values = x.ToDoubleArray();
        return [.. Enumerable.Range(0, rows).Select(r => values.AsSpan(r * columns, columns).ToArray())];
    }

    private static double[] ReduceRows(Tensor x, Func<double[], double> f) => [.. Rows(x).Select(f)];

    private static double[] MapRows(Tensor x, Func<double[], double[]> f) => [.. Rows(x).SelectMany(f)];

    private static double[] Softmax(double[] row)
    {
        var e = row.Select(Math.Exp).ToArray();
        double sum = e.Sum();
        return [.. e.Select(v => v / sum)];
    }

    private static double[] Transpose(Tensor x)
    {
        int rows = x.Size(0), columns = x.Size(1);
        var result = new double[rows * columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                result[c * rows + r] = x.At(r, c);
            }
        }
        return result;
    }

    private static double[] NaiveMatmul(Tensor a, Tensor b)
    {
        int m = a.Size(0), k = a.Size(1), n = b.Size(1);
        var result = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    sum += a.At(i, p) * b.At(p, j);
                }
                result[i * n + j] = sum;
            }
        }
        return result;
    }

    /// <summary>
    /// Every entry of the im2col matrix of an image [1, C, H, W] by its definition: row <c>(c·KH + i)·KW + j</c>,
    /// column <c>oh·OW + ow</c> reads pixel (c, oh·s + i − p, ow·s + j − p), or nothing (−1) when that lies in the padding.
    /// </summary>
    private static IEnumerable<(int Row, int Column, int Pixel)> Im2ColEntries(int channels, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw)
    {
        int oh = (h + 2 * ph - kh) / sh + 1, ow = (w + 2 * pw - kw) / sw + 1;
        for (int c = 0; c < channels; c++)
        {
            for (int i = 0; i < kh; i++)
            {
                for (int j = 0; j < kw; j++)
                {
                    for (int r = 0; r < oh; r++)
                    {
                        for (int s = 0; s < ow; s++)
                        {
                            int y = r * sh + i - ph, z = s * sw + j - pw;
                            yield return ((c * kh + i) * kw + j, r * ow + s, y >= 0 && y < h && z >= 0 && z < w ? (c * h + y) * w + z : -1);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Im2col: each entry copies its pixel (0 in the padding).</summary>
    private static double[] NaiveIm2Col(Tensor x, int kh, int kw, int sh, int sw, int ph, int pw)
    {
        var pixels = x.ToDoubleArray();
        var entries = Im2ColEntries(x.Size(1), x.Size(2), x.Size(3), kh, kw, sh, sw, ph, pw).ToList();
        int columns = entries.Max(e => e.Column) + 1;
        var result = new double[entries.Count];
        foreach (var (row, column, pixel) in entries)
        {
            result[row * columns + column] = pixel >= 0 ? pixels[pixel] : 0;
        }
        return result;
    }

    /// <summary>Col2im as the adjoint of <see cref="NaiveIm2Col"/>: each column entry added back to the pixel it was read from.</summary>
    private static double[] NaiveCol2Im(Tensor columns, int[] imageShape, int kh, int kw, int sh, int sw, int ph, int pw)
    {
        var result = new double[imageShape[1] * imageShape[2] * imageShape[3]];
        foreach (var (row, column, pixel) in Im2ColEntries(imageShape[1], imageShape[2], imageShape[3], kh, kw, sh, sw, ph, pw))
        {
            if (pixel >= 0)
            {
                result[pixel] += columns.At(0, row, column);
            }
        }
        return result;
    }

    /// <summary>Non-overlapping k×k pooling of x [1, C, H, W] by <paramref name="reduce"/>.</summary>
    private static double[] NaivePool(Tensor x, int k, Func<double[], double> reduce)
    {
        int channels = x.Size(1), oh = x.Size(2) / k, ow = x.Size(3) / k;
        var result = new List<double>();
        for (int c = 0; c < channels; c++)
        {
            for (int r = 0; r < oh; r++)
            {
                for (int s = 0; s < ow; s++)
                {
                    result.Add(reduce([.. Window(x, c, r, s, k).Select(p => x.At(0, c, p.Y, p.Z))]));
                }
            }
        }
        return [.. result];
    }

    private static IEnumerable<(int Y, int Z)> Window(Tensor x, int c, int r, int s, int k)
    {
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                yield return (r * k + i, s * k + j);
            }
        }
    }

    private static (int Y, int Z) WindowMaximum(Tensor image, int c, int r, int s) =>
        Window(image, c, r, s, 2).MaxBy(p => image.At(0, c, p.Y, p.Z));

    private static double[] ScatterToWindowMaxima(Tensor g, Tensor image)
    {
        var result = new double[image.Numel];
        for (int c = 0; c < 2; c++)
        {
            for (int r = 0; r < 2; r++)
            {
                for (int s = 0; s < 2; s++)
                {
                    var (y, z) = WindowMaximum(image, c, r, s);
                    result[(c * 4 + y) * 4 + z] += g.At(0, c, r, s);
                }
            }
        }
        return result;
    }

    private static double[] GatherAtWindowMaxima(Tensor x, Tensor image)
    {
        var result = new double[8];
        for (int c = 0; c < 2; c++)
        {
            for (int r = 0; r < 2; r++)
            {
                for (int s = 0; s < 2; s++)
                {
                    var (y, z) = WindowMaximum(image, c, r, s);
                    result[(c * 2 + r) * 2 + s] = x.At(0, c, y, z);
                }
            }
        }
        return result;
    }
}
