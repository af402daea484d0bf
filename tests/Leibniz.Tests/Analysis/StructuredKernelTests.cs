using Leibniz.Analysis;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Tests.Analysis;

/// <summary>The structured NTK (per-layer Gram matrices) against the Jacobian form J·Jᵀ, which it must equal.</summary>
public sealed class StructuredKernelTests
{
    public static TheoryData<Activation, int, bool> Cases => new()
    {
        { Activation.Tanh, 1, true },
        { Activation.Relu, 3, true },
        { Activation.Gelu, 2, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_structured_kernel_equals_the_jacobian_kernel(Activation activation, int outputs, bool bias)
    {
        var generator = new Generator(11);
        var model = new Mlp([5, 7, 6, outputs], activation, generator, bias, DType.Float64);
        var x = Tensor.Randn(generator, [9, 5], DType.Float64);
        var y = Tensor.Randn(generator, [4, 5], DType.Float64);
        Assert.True(StructuredKernel.Applies(model), "an MLP must take the structured path");
        AssertClose(NeuralTangentKernel.KernelFromJacobian(model, x), NeuralTangentKernel.Kernel(model, x));
        var ja = NeuralTangentKernel.Jacobian(model, y);
        var jb = NeuralTangentKernel.Jacobian(model, x);
        AssertClose(ja.Matmul(jb.T), NeuralTangentKernel.CrossKernel(model, y, x));
    }

    [Fact]
    public void In_float32_it_agrees_to_1e_6_relative_and_other_models_use_the_jacobian()
    {
        var generator = new Generator(3);
        var model = new Mlp([20, 64, 64, 1], Activation.Tanh, generator);
        var x = Tensor.Randn(generator, [32, 20]);
        AssertClose(NeuralTangentKernel.KernelFromJacobian(model, x).To(DType.Float64), NeuralTangentKernel.Kernel(model, x).To(DType.Float64), 1e-6);
        // A convolution has no structured rule here: the kernel falls back to the Jacobian and still equals it.
        var conv = new Sequential(new Conv1d(1, 2, 3, generator), new Flatten(), new Linear(2 * 6, 1, generator));
        var signal = Tensor.Randn(generator, [5, 1, 8]);
        Assert.False(StructuredKernel.Applies(conv));
        AssertClose(NeuralTangentKernel.KernelFromJacobian(conv, signal), NeuralTangentKernel.Kernel(conv, signal));
    }

    private static void AssertClose(Tensor expected, Tensor actual, double relative = 1e-10)
    {
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        var e = expected.ToDoubleArray();
        var a = actual.ToDoubleArray();
        double scale = e.Max(Math.Abs);
        for (int i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(e[i] - a[i]) <= relative * scale, $"entry {i}: {a[i]} against {e[i]} (scale {scale})");
        }
    }
}
