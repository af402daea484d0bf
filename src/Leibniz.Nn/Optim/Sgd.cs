using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Leibniz.Tensors;

namespace Leibniz.Optim;

/// <summary>
/// Stochastic gradient descent as in PyTorch: <c>g ← g + λθ</c> (weight decay); with momentum μ,
/// <c>b ← μb + (1 − dampening)g</c> (b = g on the first step) and <c>g ← g + μb</c> (Nesterov) or <c>g ← b</c>;
/// then <c>θ ← θ − η·g</c>.
/// </summary>
public sealed class Sgd(IEnumerable<Tensor> parameters, double learningRate, double momentum = 0, double weightDecay = 0, bool nesterov = false, double dampening = 0)
    : Optimizer(parameters, learningRate)
{
    /// <inheritdoc/>
    protected override void Update<T>(int index, Span<T> p, ReadOnlySpan<T> g)
    {
        T[]? scratch = null;
        if (weightDecay != 0)
        {
            scratch = new T[g.Length];
            TensorPrimitives.MultiplyAdd(p, C<T>(weightDecay), g, scratch);
            g = scratch;
        }
        if (momentum != 0)
        {
            var buffer = State<T>(index, "momentum", out bool created);
            if (created)
            {
                g.CopyTo(buffer);
            }
            else if (dampening == 0)
            {
                TensorPrimitives.MultiplyAdd(buffer, C<T>(momentum), g, buffer);
            }
            else
            {
                TensorPrimitives.Multiply(buffer, C<T>(momentum), buffer);
                TensorPrimitives.MultiplyAdd(g, C<T>(1 - dampening), buffer, buffer);
            }
            if (nesterov)
            {
                scratch ??= new T[g.Length];
                TensorPrimitives.MultiplyAdd(buffer, C<T>(momentum), g, scratch);
                g = scratch;
            }
            else
            {
                g = buffer;
            }
        }
        TensorPrimitives.MultiplyAdd(g, C<T>(-LearningRate), p, p);
    }
}
