using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Leibniz.Tensors;

namespace Leibniz.Optim;

/// <summary>
/// Plain gradient descent <c>θ ← θ − η_t·g</c> with an arbitrary step-size sequence η_t (t = 1, 2, …), as in
/// the long-step schedules of Grimmer and of Altschuler &amp; Parrilo.
/// </summary>
public sealed class GradientDescent(IEnumerable<Tensor> parameters, Func<int, double> stepSize) : Optimizer(parameters, stepSize(1))
{
    /// <summary>Cycles through a fixed list of step sizes.</summary>
    public GradientDescent(IEnumerable<Tensor> parameters, IReadOnlyList<double> steps)
        : this(parameters, t => steps[(t - 1) % steps.Count])
    {
    }

    /// <inheritdoc/>
    protected override void Update<T>(int index, Span<T> p, ReadOnlySpan<T> g)
    {
        LearningRate = stepSize(StepCount);
        TensorPrimitives.MultiplyAdd(g, C<T>(-LearningRate), p, p);
    }
}
