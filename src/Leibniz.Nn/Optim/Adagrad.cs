using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Leibniz.Tensors;

namespace Leibniz.Optim;

/// <summary>Adagrad (Duchi et al., 2011): <c>s ← s + g²</c>, <c>θ ← θ − η·g/(√s + ε)</c>.</summary>
public sealed class Adagrad(IEnumerable<Tensor> parameters, double learningRate = 1e-2, double eps = 1e-10, double weightDecay = 0)
    : Optimizer(parameters, learningRate)
{
    /// <inheritdoc/>
    protected override void Update<T>(int index, Span<T> p, ReadOnlySpan<T> g)
    {
        var s = State<T>(index, "sum", out _);
        T epsilon = C<T>(eps), lr = C<T>(LearningRate), wd = C<T>(weightDecay);
        for (int i = 0; i < p.Length; i++)
        {
            T gi = g[i] + wd * p[i];
            s[i] += gi * gi;
            p[i] -= lr * gi / (T.Sqrt(s[i]) + epsilon);
        }
    }
}
