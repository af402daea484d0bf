using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Leibniz.Tensors;

namespace Leibniz.Optim;

/// <summary>
/// RMSProp (Hinton): <c>v ← αv + (1 − α)g²</c>, <c>θ ← θ − η·g/(√v + ε)</c>; with momentum μ the step goes
/// through a buffer <c>b ← μb + g/(√v + ε)</c>.
/// </summary>
public sealed class RmsProp(IEnumerable<Tensor> parameters, double learningRate = 1e-2, double alpha = 0.99, double eps = 1e-8,
    double momentum = 0, double weightDecay = 0) : Optimizer(parameters, learningRate)
{
    /// <inheritdoc/>
    protected override void Update<T>(int index, Span<T> p, ReadOnlySpan<T> g)
    {
        var v = State<T>(index, "square_avg", out _);
        var buffer = momentum != 0 ? State<T>(index, "momentum_buffer", out _) : default;
        T a = C<T>(alpha), oneMinusA = C<T>(1 - alpha), epsilon = C<T>(eps), lr = C<T>(LearningRate), mu = C<T>(momentum), wd = C<T>(weightDecay);
        for (int i = 0; i < p.Length; i++)
        {
            T gi = g[i] + wd * p[i];
            T vi = a * v[i] + oneMinusA * gi * gi;
            v[i] = vi;
            T step = gi / (T.Sqrt(vi) + epsilon);
            if (momentum != 0)
            {
                buffer[i] = mu * buffer[i] + step;
                step = buffer[i];
            }
            p[i] -= lr * step;
        }
    }
}
