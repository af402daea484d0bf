using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Tests.Nn;

/// <summary>
/// Conv2d (one shared weight GEMM per image, bias written into the output) against the same convolution formed
/// with an explicitly expanded weight and a batched matmul, over enough images that the weight gradient is summed
/// in several chunks.
/// </summary>
[Collection(GlobalStateCollection.Name)]
public class ConvolutionGradientTests
{
    private static Tensor Normal(ulong seed, DType dtype, params int[] shape) => Tensor.Randn(new Generator(seed), shape, dtype);

    private static Tensor[] Gradients(DType dtype, bool expanded)
    {
        var x = Normal(1, dtype, 19, 3, 9, 8).RequireGrad();
        var weight = Normal(2, dtype, 4, 3, 3, 2).RequireGrad();
        var bias = Normal(3, dtype, 4).RequireGrad();
        var target = Normal(4, dtype, 19, 4, 7, 7);
        Tensor y;
        if (expanded)
        {
            var columns = x.Im2Col(3, 2);
            y = (weight.Reshape(4, 18).Expand(19, 4, 18).Matmul(columns) + bias.Reshape(4, 1)).Reshape(19, 4, 7, 7);
        }
        else
        {
            y = Tensor.Conv2d(x, weight, bias);
        }
        ((y - target).Square().Sum() * 0.5).Backward();
        return [x.Grad!, weight.Grad!, bias.Grad!];
    }

    [Fact]
    public void Gradients_over_many_images_equal_those_of_an_expanded_batched_matmul()
    {
        var shared = Gradients(DType.Float64, expanded: false);
        var reference = Gradients(DType.Float64, expanded: true);
        for (int i = 0; i < shared.Length; i++)
        {
            double[] a = shared[i].ToArray<double>(), b = reference[i].ToArray<double>();
            for (int j = 0; j < a.Length; j++)
            {
                Assert.Equal(b[j], a[j], 1e-9);
            }
        }
    }

    [Fact]
    public void The_thread_count_does_not_change_a_bit_of_the_gradients()
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 1;
            var one = Gradients(DType.Float32, expanded: false);
            Parallelism.MaxThreads = 2;
            var two = Gradients(DType.Float32, expanded: false);
            for (int i = 0; i < one.Length; i++)
            {
                Assert.Equal(one[i].ToArray<float>(), two[i].ToArray<float>());
            }
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }
}
