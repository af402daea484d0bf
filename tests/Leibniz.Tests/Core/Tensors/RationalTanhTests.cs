using Leibniz.Tensors;
using Leibniz.Tensors.Kernels;

namespace Leibniz.Tests.Tensors;

public class RationalTanhTests
{
    /// <summary>Distance from the float64 value in units of the float32 spacing at the true value.</summary>
    private static double UlpError(float x, float y)
    {
        double exact = Math.Tanh(x);
        float rounded = MathF.Abs((float)exact);
        double ulp = MathF.BitIncrement(rounded) - rounded;
        return Math.Abs(y - exact) / ulp;
    }

    [Fact]
    public void Float32_tanh_is_within_five_ulp_of_the_float64_value()
    {
        var xs = new List<float>();
        for (float v = 1e-30f; v < 12f; v *= 1.0001f)
        {
            xs.Add(v);
            xs.Add(-v);
        }
        float[] x = xs.ToArray();
        var y = new float[x.Length];
        RationalTanh.Apply(x, y);
        double worst = 0;
        float worstAt = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double e = UlpError(x[i], y[i]);
            if (e > worst)
            {
                worst = e;
                worstAt = x[i];
            }
        }
        Assert.True(worst <= 5, $"tanh({worstAt}) is {worst:F2} ulp off");
    }

    [Fact]
    public void Every_vector_lane_and_the_overlapping_tail_equal_the_scalar_formula()
    {
        var random = new Random(7);
        for (int n = 1; n <= 70; n++)
        {
            float[] x = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
            var y = new float[n];
            RationalTanh.Apply(x, y);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(RationalTanh.Evaluate(x[i]), y[i]);
            }
        }
    }

    [Fact]
    public void In_place_evaluation_gives_the_same_values()
    {
        var random = new Random(3);
        float[] x = Enumerable.Range(0, 37).Select(_ => (float)(random.NextDouble() * 6 - 3)).ToArray();
        var expected = new float[x.Length];
        RationalTanh.Apply(x, expected);
        RationalTanh.Apply(x, x);
        Assert.Equal(expected, x);
    }

    [Fact]
    public void Special_values_keep_their_meaning()
    {
        float[] x = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, 1e-40f, 50f, -50f, 1e-3f,
            float.NaN, 2f, -2f, 0.5f, 3f, 4f, 5f, 6f];
        var y = new float[x.Length];
        RationalTanh.Apply(x, y);
        Assert.True(float.IsNaN(y[0]) && float.IsNaN(y[9]));
        Assert.Equal(1f, y[1]);
        Assert.Equal(-1f, y[2]);
        Assert.True(y[3] == 0f && !float.IsNegative(y[3]));
        Assert.True(y[4] == 0f && float.IsNegative(y[4]));
        Assert.Equal(1e-40f, y[5]);
        Assert.Equal(1f, y[6]);
        Assert.Equal(-1f, y[7]);
    }

    [Fact]
    public void Tensor_tanh_in_float32_agrees_with_float64()
    {
        var x = Tensor.Linspace(-9, 9, 1001, DType.Float64);
        double[] exact = x.Tanh().ToArray<double>();
        float[] single = x.To(DType.Float32).Tanh().ToArray<float>();
        for (int i = 0; i < exact.Length; i++)
        {
            Assert.Equal(exact[i], single[i], 6e-7);
        }
    }
}
