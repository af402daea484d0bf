using Leibniz.Autograd;
using Leibniz.Numerics;
using Leibniz.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Leibniz.Nn;

/// <summary>
/// Weight initialisations, each written in place (without recording gradients) from an explicit generator.
/// For a weight of shape [out, in, k...], <c>fan_in = in·Πk</c> and <c>fan_out = out·Πk</c>.
/// </summary>
public static class Init
{
    /// <summary>
    /// The gain that keeps activations' variance through the non-linearity (PyTorch's values): 1 for linear and
    /// sigmoid, 5/3 for tanh, √2 for ReLU, √(2/(1+a²)) for leaky ReLU with slope a, 3/4 for SELU.
    /// </summary>
    public static double Gain(Nonlinearity nonlinearity, double negativeSlope = 0.01) => nonlinearity switch
    {
        Nonlinearity.Tanh => 5.0 / 3.0,
        Nonlinearity.Relu => Math.Sqrt(2.0),
        Nonlinearity.LeakyRelu => Math.Sqrt(2.0 / (1 + negativeSlope * negativeSlope)),
        Nonlinearity.Selu => 0.75,
        _ => 1.0,
    };

    /// <summary>(fan_in, fan_out) of a weight: its second and first sizes times the receptive field.</summary>
    /// <exception cref="ArgumentException">The tensor has fewer than two dimensions.</exception>
    public static (int FanIn, int FanOut) Fans(Tensor weight)
    {
        if (weight.Rank < 2)
        {
            throw new ArgumentException($"Fan in and fan out need a weight with at least two dimensions; got shape {ShapeHelper.Format(weight.Shape)}.", nameof(weight));
        }
        int receptive = 1;
        for (int i = 2; i < weight.Rank; i++)
        {
            receptive *= weight.Size(i);
        }
        return (weight.Size(1) * receptive, weight.Size(0) * receptive);
    }

    /// <summary>Uniform on [a, b).</summary>
    public static Tensor Uniform(Tensor t, double a, double b, Generator generator) => Write(t, Tensor.Rand(generator, a, b, t.Shape.ToArray(), t.DType));

    /// <summary>Normal N(mean, std²).</summary>
    public static Tensor Normal(Tensor t, double mean, double std, Generator generator) => Write(t, Tensor.Randn(generator, t.Shape.ToArray(), t.DType, mean, std));

    /// <summary>
    /// The "standard" heuristic that Glorot &amp; Bengio (2010) use as their baseline:
    /// <c>U[−1/√fan_in, 1/√fan_in]</c> (also PyTorch's default for Linear and Conv weights and biases).
    /// </summary>
    public static Tensor Standard(Tensor t, Generator generator, int? fanIn = null)
    {
        double bound = 1.0 / Math.Sqrt(fanIn ?? Fans(t).FanIn);
        return Uniform(t, -bound, bound, generator);
    }

    /// <summary>Glorot &amp; Bengio's normalised initialisation: <c>U[−g·√(6/(fan_in+fan_out)), +g·√(6/(fan_in+fan_out))]</c>.</summary>
    public static Tensor XavierUniform(Tensor t, Generator generator, double gain = 1.0)
    {
        var (fanIn, fanOut) = Fans(t);
        double bound = gain * Math.Sqrt(6.0 / (fanIn + fanOut));
        return Uniform(t, -bound, bound, generator);
    }

    /// <summary>Glorot normal: <c>N(0, g²·2/(fan_in+fan_out))</c>.</summary>
    public static Tensor XavierNormal(Tensor t, Generator generator, double gain = 1.0)
    {
        var (fanIn, fanOut) = Fans(t);
        return Normal(t, 0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)), generator);
    }

    /// <summary>He / Kaiming uniform: <c>U[−g·√(3/fan), +g·√(3/fan)]</c>, fan = fan_in (or fan_out), g = <see cref="Gain"/>.</summary>
    public static Tensor KaimingUniform(Tensor t, Generator generator, Nonlinearity nonlinearity = Nonlinearity.Relu, double negativeSlope = 0, bool fanOut = false)
    {
        var fans = Fans(t);
        double bound = Gain(nonlinearity, negativeSlope) * Math.Sqrt(3.0 / (fanOut ? fans.FanOut : fans.FanIn));
        return Uniform(t, -bound, bound, generator);
    }

    /// <summary>He / Kaiming normal: <c>N(0, g²/fan)</c>, fan = fan_in (or fan_out).</summary>
    public static Tensor KaimingNormal(Tensor t, Generator generator, Nonlinearity nonlinearity = Nonlinearity.Relu, double negativeSlope = 0, bool fanOut = false)
    {
        var fans = Fans(t);
        return Normal(t, 0, Gain(nonlinearity, negativeSlope) / Math.Sqrt(fanOut ? fans.FanOut : fans.FanIn), generator);
    }

    /// <summary>LeCun uniform: <c>U[−√(3/fan_in), +√(3/fan_in)]</c> (variance 1/fan_in).</summary>
    public static Tensor LeCunUniform(Tensor t, Generator generator)
    {
        double bound = Math.Sqrt(3.0 / Fans(t).FanIn);
        return Uniform(t, -bound, bound, generator);
    }

    /// <summary>LeCun normal: <c>N(0, 1/fan_in)</c>.</summary>
    public static Tensor LeCunNormal(Tensor t, Generator generator) => Normal(t, 0, 1.0 / Math.Sqrt(Fans(t).FanIn), generator);

    /// <summary>
    /// A (semi-)orthogonal matrix times <paramref name="gain"/> (Saxe et al., 2014): Q from the QR decomposition of
    /// a standard normal matrix, with signs fixed by R's diagonal so that Q is Haar distributed. Weights of rank &gt; 2
    /// are flattened to [out, in·Πk].
    /// </summary>
    public static Tensor Orthogonal(Tensor t, Generator generator, double gain = 1.0)
    {
        if (t.Rank < 2)
        {
            throw new ArgumentException($"Orthogonal initialisation needs at least two dimensions; got shape {ShapeHelper.Format(t.Shape)}.", nameof(t));
        }
        int rows = t.Size(0);
        int cols = t.Numel / Math.Max(rows, 1);
        bool transpose = rows < cols;
        int r = transpose ? cols : rows, c = transpose ? rows : cols;
        var normal = Matrix<double>.Build.Dense(r, c, (_, _) => generator.NextNormal());
        var qr = normal.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        var q = qr.Q;
        for (int j = 0; j < c; j++)
        {
            if (qr.R[j, j] < 0)
            {
                q.SetColumn(j, q.Column(j).Negate());
            }
        }
        if (transpose)
        {
            q = q.Transpose();
        }
        var values = new double[rows * cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                values[i * cols + j] = gain * q[i, j];
            }
        }
        return Write(t, Tensor.FromArray(values, t.Shape.ToArray()));
    }

    /// <summary>All zeros.</summary>
    public static Tensor Zeros(Tensor t) => Constant(t, 0);

    /// <summary>All equal to <paramref name="value"/>.</summary>
    public static Tensor Constant(Tensor t, double value) => Write(t, Tensor.Scalar(value, t.DType));

    private static Tensor Write(Tensor t, Tensor values)
    {
        using (GradMode.NoGrad())
        {
            t.CopyFrom(values);
        }
        return t;
    }
}
