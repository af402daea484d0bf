using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Leibniz.Tensors;

namespace Leibniz.Optim;

/// <summary>
/// Adam (Kingma &amp; Ba, 2015): <c>m ← β₁m + (1 − β₁)g</c>, <c>v ← β₂v + (1 − β₂)g²</c>,
/// <c>θ ← θ − η·m̂ / (√v̂ + ε)</c> with <c>m̂ = m/(1 − β₁ᵗ)</c>, <c>v̂ = v/(1 − β₂ᵗ)</c>. Weight decay λ is added to the
/// gradient (L2), or with <paramref name="decoupled"/> applied as <c>θ ← θ(1 − ηλ)</c> (AdamW).
/// </summary>
public class Adam(IEnumerable<Tensor> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
    double eps = 1e-8, double weightDecay = 0, bool decoupled = false) : Optimizer(parameters, learningRate)
{
    /// <inheritdoc/>
    protected override void Update<T>(int index, Span<T> p, ReadOnlySpan<T> g)
    {
        if (weightDecay != 0 && decoupled)
        {
            TensorPrimitives.Multiply(p, C<T>(1 - LearningRate * weightDecay), p);
        }
        else if (weightDecay != 0)
        {
            var decayed = new T[g.Length];
            TensorPrimitives.MultiplyAdd(p, C<T>(weightDecay), g, decayed);
            g = decayed;
        }
        var m = State<T>(index, "exp_avg", out _);
        var v = State<T>(index, "exp_avg_sq", out _);
        int t = StepCount;
        double correction1 = 1 - Math.Pow(beta1, t);
        double correction2 = 1 - Math.Pow(beta2, t);
        AdamStep(p, g, m, v, C<T>(beta1), C<T>(beta2), C<T>(LearningRate / correction1), C<T>(1 / Math.Sqrt(correction2)), C<T>(eps));
    }

    /// <summary>
    /// One pass over the parameter: <c>m ← β₁m + (1−β₁)g</c>, <c>v ← β₂v + (1−β₂)g²</c>,
    /// <c>θ ← θ − s·m / (√v·r + ε)</c> with <c>s = η/(1−β₁ᵗ)</c> and <c>r = 1/√(1−β₂ᵗ)</c>.
    /// </summary>
    private static void AdamStep<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> m, Span<T> v, T beta1, T beta2, T stepSize, T rootCorrection, T eps)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T oneMinusBeta1 = T.One - beta1, oneMinusBeta2 = T.One - beta2;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var b1 = new Vector<T>(beta1);
            var c1 = new Vector<T>(oneMinusBeta1);
            var b2 = new Vector<T>(beta2);
            var c2 = new Vector<T>(oneMinusBeta2);
            var step = new Vector<T>(stepSize);
            var root = new Vector<T>(rootCorrection);
            var epsilon = new Vector<T>(eps);
            for (; i <= p.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var gi = new Vector<T>(g[i..]);
                var mi = b1 * new Vector<T>(m[i..]) + c1 * gi;
                var vi = b2 * new Vector<T>(v[i..]) + c2 * gi * gi;
                mi.CopyTo(m[i..]);
                vi.CopyTo(v[i..]);
                (new Vector<T>(p[i..]) - step * mi / (Vector.SquareRoot(vi) * root + epsilon)).CopyTo(p[i..]);
            }
        }
        for (; i < p.Length; i++)
        {
            T mi = beta1 * m[i] + oneMinusBeta1 * g[i];
            T vi = beta2 * v[i] + oneMinusBeta2 * g[i] * g[i];
            m[i] = mi;
            v[i] = vi;
            p[i] -= stepSize * mi / (T.Sqrt(vi) * rootCorrection + eps);
        }
    }
}
