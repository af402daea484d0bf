using Leibniz.Autograd;
using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Tests.Autograd;

/// <summary>
/// Checks an operation's gradient and Hessian-vector product against central finite differences in float64.
/// The function's output is reduced to a scalar with fixed random weights, so every output element counts.
/// </summary>
internal static class GradCheck
{
    private const double Step = 1e-6;

    /// <summary>Checks first and second order for <paramref name="f"/> at <paramref name="inputs"/> (float64).</summary>
    public static void Check(string name, Func<Tensor[], Tensor> f, Tensor[] inputs, ulong seed = 1, double tolerance = 1e-5, bool secondOrder = true)
    {
        var gen = new Generator(seed);
        var shape = Evaluate(f, inputs).Shape.ToArray();
        var weights = Tensor.Randn(gen, shape, DType.Float64);
        Tensor Loss(Tensor[] xs) => (f(xs) * weights).Sum();

        var leaves = Leaves(inputs);
        var analytic = AutoDiff.Grad([Loss(leaves)], leaves);
        for (int i = 0; i < inputs.Length; i++)
        {
            var numeric = NumericGradient(xs => Loss(xs).Item(), inputs, i);
            AssertClose($"{name}: gradient of input {i}", numeric, analytic[i]!.ToDoubleArray(), tolerance);
        }
        if (!secondOrder)
        {
            return;
        }
        var vectors = new Tensor[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            vectors[i] = Tensor.Randn(gen, inputs[i].Shape.ToArray(), DType.Float64);
        }
        var leaves2 = Leaves(inputs);
        var hv = AutoDiff.HessianVectorProduct(Loss(leaves2), leaves2, vectors);
        // (∇L(x + hv) − ∇L(x − hv)) / 2h for each input block.
        var plus = GradientAt(Loss, Shift(inputs, vectors, Step));
        var minus = GradientAt(Loss, Shift(inputs, vectors, -Step));
        for (int i = 0; i < inputs.Length; i++)
        {
            var p = plus[i].ToDoubleArray();
            var m = minus[i].ToDoubleArray();
            var numeric = new double[p.Length];
            for (int k = 0; k < p.Length; k++)
            {
                numeric[k] = (p[k] - m[k]) / (2 * Step);
            }
            AssertClose($"{name}: Hessian-vector product, block {i}", numeric, hv[i].ToDoubleArray(), tolerance * 20);
        }
    }

    /// <summary>
    /// Checks forward mode for <paramref name="f"/>: its JVP against central finite differences and against reverse
    /// mode (<c>⟨u, J v⟩ = ⟨Jᵀu, v⟩</c>), and, with <paramref name="secondOrder"/>, the forward-over-reverse
    /// Hessian-vector product of <c>Σ w·f(x)²</c> against reverse-over-reverse.
    /// </summary>
    public static void CheckForward(string name, Func<Tensor[], Tensor> f, Tensor[] inputs, ulong seed = 1, double tolerance = 1e-5,
        bool secondOrder = true, bool finiteDifferences = true, double identityTolerance = 1e-10)
    {
        var gen = new Generator(seed + 100);
        var vectors = inputs.Select(x => Tensor.Randn(gen, x.Shape.ToArray(), DType.Float64)).ToArray();
        var (outputs, tangents) = ForwardAD.Jvp(xs => [f(xs)], inputs, vectors);
        var jv = tangents[0].ToDoubleArray();
        Assert.Equal(Evaluate(f, inputs).ToDoubleArray(), outputs[0].ToDoubleArray());
        if (finiteDifferences)
        {
            var plus = Evaluate(f, Shift(inputs, vectors, Step)).ToDoubleArray();
            var minus = Evaluate(f, Shift(inputs, vectors, -Step)).ToDoubleArray();
            AssertClose($"{name}: JVP", [.. plus.Select((p, k) => (p - minus[k]) / (2 * Step))], jv, tolerance);
        }

        var u = Tensor.Randn(gen, outputs[0].Shape.ToArray(), DType.Float64);
        var leaves = Leaves(inputs);
        var jtu = AutoDiff.Grad([(f(leaves) * u).Sum()], leaves, allowUnused: true);
        double forward = u.ToDoubleArray().Select((w, k) => w * jv[k]).Sum();
        double reverse = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            if (jtu[i] is { } g)
            {
                var gv = g.ToDoubleArray();
                reverse += vectors[i].ToDoubleArray().Select((v, k) => v * gv[k]).Sum();
            }
        }
        Assert.True(Math.Abs(forward - reverse) <= identityTolerance * (1 + Math.Abs(reverse)),
            $"{name}: ⟨u, Jv⟩ = {forward:R} by forward mode but ⟨Jᵀu, v⟩ = {reverse:R} by reverse mode.");

        if (!secondOrder)
        {
            return;
        }
        var weights = Tensor.Randn(gen, outputs[0].Shape.ToArray(), DType.Float64);
        var leaves2 = Leaves(inputs);
        var byForward = ForwardAD.HessianVectorProduct(() => (f(leaves2).Square() * weights).Sum(), leaves2, vectors);
        var leaves3 = Leaves(inputs);
        var byReverse = AutoDiff.HessianVectorProduct((f(leaves3).Square() * weights).Sum(), leaves3, vectors);
        for (int i = 0; i < inputs.Length; i++)
        {
            AssertClose($"{name}: forward-over-reverse Hessian-vector product, block {i}", byReverse[i].ToDoubleArray(), byForward[i].ToDoubleArray(), 1e-10);
        }
    }

    private static Tensor Evaluate(Func<Tensor[], Tensor> f, Tensor[] inputs)
    {
        using (GradMode.NoGrad())
        {
            return f(inputs);
        }
    }

    private static Tensor[] Leaves(Tensor[] inputs)
    {
        var leaves = new Tensor[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            leaves[i] = inputs[i].Detach().Clone().RequireGrad();
        }
        return leaves;
    }

    private static Tensor[] GradientAt(Func<Tensor[], Tensor> loss, Tensor[] at)
    {
        var leaves = Leaves(at);
        var grads = AutoDiff.Grad([loss(leaves)], leaves, allowUnused: true);
        var result = new Tensor[at.Length];
        for (int i = 0; i < at.Length; i++)
        {
            result[i] = grads[i] ?? Tensor.ZerosLike(at[i]);
        }
        return result;
    }

    private static Tensor[] Shift(Tensor[] inputs, Tensor[] vectors, double h)
    {
        var result = new Tensor[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            result[i] = inputs[i] + vectors[i] * h;
        }
        return result;
    }

    private static double[] NumericGradient(Func<Tensor[], double> loss, Tensor[] inputs, int which)
    {
        var values = inputs[which].ToDoubleArray();
        var shape = inputs[which].Shape.ToArray();
        var grad = new double[values.Length];
        var xs = (Tensor[])inputs.Clone();
        for (int k = 0; k < values.Length; k++)
        {
            double original = values[k];
            values[k] = original + Step;
            xs[which] = Tensor.FromArray(values, shape);
            double up = loss(xs);
            values[k] = original - Step;
            xs[which] = Tensor.FromArray(values, shape);
            double down = loss(xs);
            values[k] = original;
            grad[k] = (up - down) / (2 * Step);
        }
        return grad;
    }

    public static void AssertClose(string what, double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            double diff = Math.Abs(expected[k] - actual[k]);
            if (!(diff <= tolerance * (1 + Math.Abs(expected[k]))))
            {
                Assert.Fail($"{what}: element {k} is {actual[k]:R}, finite differences give {expected[k]:R} (difference {diff:E2}).");
            }
        }
    }
}
