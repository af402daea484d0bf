using Leibniz.Analysis;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Workloads;

/// <summary>
/// W6: the empirical neural tangent kernel <c>K[i, j] = ⟨∂f(xᵢ)/∂θ, ∂f(xⱼ)/∂θ⟩</c> of an MLP 20-256-256-1
/// (tanh, 71,425 parameters) on 256 standard normal inputs. <c>loop_s</c>: one gradient per example stacked into the
/// Jacobian J [256, P], then <c>K = J·Jᵀ</c> (the peer's loop); <c>ntk_s</c>: <see cref="NeuralTangentKernel.Kernel"/>,
/// which for an MLP sums per-layer Hadamard products of Gram matrices without forming J; <c>max_abs_diff</c> between the two.
/// </summary>
public static class NtkWorkload
{
    public static BenchRecord Run(int threads, int seed = 0)
    {
        var generator = new Generator((ulong)seed);
        var x = Tensor.Randn(generator, [256, 20]);
        var model = new Mlp([20, 256, 256, 1], Activation.Tanh, generator);
        var reference = NeuralTangentKernel.KernelFromJacobian(model, x);
        double loop = Timing.Seconds(() => reference = NeuralTangentKernel.KernelFromJacobian(model, x));
        var kernel = NeuralTangentKernel.Kernel(model, x);
        double seconds = Timing.Seconds(() => kernel = NeuralTangentKernel.Kernel(model, x));
        double trace = 0, difference = 0;
        var k = kernel.ToDoubleArray();
        var r = reference.ToDoubleArray();
        for (int i = 0; i < k.Length; i++)
        {
            difference = Math.Max(difference, Math.Abs(k[i] - r[i]));
        }
        for (int i = 0; i < 256; i++)
        {
            trace += k[i * 256 + i];
        }
        return new BenchRecord("W6", threads).Add("params", model.ParameterCount).Add("loop_s", loop).Add("ntk_s", seconds).Add("trace", trace).Add("max_abs_diff", difference);
    }
}
