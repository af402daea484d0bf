using Leibniz.Analysis;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Workloads;

/// <summary>
/// W6: the empirical neural tangent kernel <c>K[i, j] = ⟨∂f(xᵢ)/∂θ, ∂f(xⱼ)/∂θ⟩</c> of an MLP 20-256-256-1
/// (tanh, 71,425 parameters) on 256 standard normal inputs: one gradient per example stacked into the Jacobian
/// J [256, P], then <c>K = J·Jᵀ</c>.
/// </summary>
public static class NtkWorkload
{
    public static BenchRecord Run(int threads, int seed = 0)
    {
        var generator = new Generator((ulong)seed);
        var x = Tensor.Randn(generator, [256, 20]);
        var model = new Mlp([20, 256, 256, 1], Activation.Tanh, generator);
        var kernel = NeuralTangentKernel.Kernel(model, x);
        double seconds = Timing.Seconds(() => kernel = NeuralTangentKernel.Kernel(model, x));
        double trace = 0;
        for (int i = 0; i < 256; i++)
        {
            trace += kernel.At(i, i);
        }
        return new BenchRecord("W6", threads).Add("params", model.ParameterCount).Add("loop_s", seconds).Add("ntk_s", seconds).Add("trace", trace);
    }
}
