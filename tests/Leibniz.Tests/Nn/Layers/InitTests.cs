using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Tests.Nn;

/// <summary>Each initialiser's empirical mean and variance against its formula.</summary>
public class InitTests
{
    private const int Out = 300, In = 200;

    private static (double Mean, double Variance) Moments(Tensor t)
    {
        var v = t.ToDoubleArray();
        double mean = v.Average();
        return (mean, v.Select(x => (x - mean) * (x - mean)).Average());
    }

    public static TheoryData<string, double> Cases => new()
    {
        { "standard", 1.0 / (3 * In) },                              // U(±1/√in): b²/3
        { "xavier_uniform", 2.0 / (In + Out) },                      // U(±√(6/(in+out))): 2/(in+out)
        { "xavier_normal", 2.0 / (In + Out) },
        { "kaiming_uniform", 2.0 / In },                             // ReLU gain √2: 2/in
        { "kaiming_normal", 2.0 / In },
        { "kaiming_normal_fan_out_tanh", 25.0 / 9 / Out },
        { "lecun_uniform", 1.0 / In },
        { "lecun_normal", 1.0 / In },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Initialiser_variance_matches_its_formula(string name, double variance)
    {
        var g = new Generator(7);
        var w = Tensor.Zeros(Out, In);
        _ = name switch
        {
            "standard" => Init.Standard(w, g),
            "xavier_uniform" => Init.XavierUniform(w, g),
            "xavier_normal" => Init.XavierNormal(w, g),
            "kaiming_uniform" => Init.KaimingUniform(w, g),
            "kaiming_normal" => Init.KaimingNormal(w, g),
            "kaiming_normal_fan_out_tanh" => Init.KaimingNormal(w, g, Nonlinearity.Tanh, fanOut: true),
            "lecun_uniform" => Init.LeCunUniform(w, g),
            _ => Init.LeCunNormal(w, g),
        };
        var (mean, v) = Moments(w);
        Assert.InRange(mean, -0.02 * Math.Sqrt(variance) - 1e-4, 0.02 * Math.Sqrt(variance) + 1e-4);
        Assert.InRange(v / variance, 0.97, 1.03);
    }

    [Fact]
    public void Uniform_initialisers_stay_inside_their_bounds()
    {
        var w = Init.XavierUniform(Tensor.Zeros(Out, In), new Generator(8));
        double bound = Math.Sqrt(6.0 / (In + Out));
        Assert.All(w.ToDoubleArray(), v => Assert.InRange(Math.Abs(v), 0, bound));
    }

    [Fact]
    public void Orthogonal_gives_orthonormal_rows_or_columns()
    {
        foreach (var shape in new[] { new[] { 6, 4 }, [4, 6], [3, 2, 2, 2] })
        {
            var w = Init.Orthogonal(Tensor.Zeros(shape, DType.Float64), new Generator(9), gain: 2);
            var m = w.Reshape(shape[0], -1);
            var gram = m.Size(0) >= m.Size(1) ? m.T.Matmul(m) : m.Matmul(m.T);
            var expected = Tensor.Eye(gram.Size(0), DType.Float64) * 4;
            Assert.True((gram - expected).Abs().Max().Item() < 1e-10, $"Gram matrix of {string.Join("x", shape)} is not 4·I");
        }
    }

    [Fact]
    public void Gains_are_those_of_the_literature()
    {
        Assert.Equal(5.0 / 3, Init.Gain(Nonlinearity.Tanh));
        Assert.Equal(Math.Sqrt(2), Init.Gain(Nonlinearity.Relu));
        Assert.Equal(Math.Sqrt(2 / (1 + 0.2 * 0.2)), Init.Gain(Nonlinearity.LeakyRelu, 0.2));
        Assert.Equal(1.0, Init.Gain(Nonlinearity.Sigmoid));
        Assert.Equal((5 * 3 * 3, 4 * 3 * 3), Init.Fans(Tensor.Zeros(4, 5, 3, 3)));
    }
}
