using Leibniz.Autograd;
using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Tests;

/// <summary>The code example of README.md, line for line, with its comments checked.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void The_readme_example_computes_what_its_comments_say()
    {
        var rng = new Generator(seed: 42);
        var a = Tensor.Randn(rng, [3, 3], DType.Float64);
        var x = Tensor.Randn(rng, [3], DType.Float64).RequireGrad();

        var f = x.Matmul(a).Matmul(x) + x.Sin().Sum();        // f(x) = xᵀAx + Σ sin xᵢ
        f.Backward();                                          // x.Grad = (A + Aᵀ)x + cos x

        var v = Tensor.Ones([3], DType.Float64);
        var hv = AutoDiff.HessianVectorProduct(x.Matmul(a).Matmul(x), [x], [v]);

        var expectedGrad = ((a + a.T).Matmul(x.Detach()) + x.Detach().Cos()).ToDoubleArray();
        var expectedHv = (a + a.T).Matmul(v).ToDoubleArray();
        Assert.Equal(expectedGrad.Select(e => Math.Round(e, 10)), x.Grad!.ToDoubleArray().Select(e => Math.Round(e, 10)));
        Assert.Equal(expectedHv.Select(e => Math.Round(e, 10)), hv[0].ToDoubleArray().Select(e => Math.Round(e, 10)));
        Assert.Contains("float64", x.Grad.ToString());
    }
}
