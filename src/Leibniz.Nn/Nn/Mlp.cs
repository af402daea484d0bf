using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>
/// A multilayer perceptron: Linear layers of the given widths with an activation between them (not after the
/// last). Parameter names follow <c>nn.Sequential</c>: <c>0.weight</c>, <c>2.weight</c>, …
/// </summary>
public sealed class Mlp : Sequential
{
    /// <param name="widths">Input size, hidden sizes, output size (at least two numbers).</param>
    /// <param name="activation">The activation between the Linear layers.</param>
    /// <param name="generator">Source of the initial weights.</param>
    /// <param name="bias">Whether the Linear layers have biases.</param>
    /// <param name="dtype">float32 (default) or float64 (for curvature work that needs the precision).</param>
    /// <exception cref="ArgumentException">Fewer than two widths.</exception>
    public Mlp(IReadOnlyList<int> widths, Activation activation, Generator generator, bool bias = true, DType dtype = Tensor.DefaultDType)
    {
        if (widths.Count < 2)
        {
            throw new ArgumentException($"Mlp: needs at least an input and an output width; got [{string.Join(", ", widths)}].", nameof(widths));
        }
        Widths = [.. widths];
        for (int i = 0; i + 1 < widths.Count; i++)
        {
            Add(new Linear(widths[i], widths[i + 1], generator, bias, dtype));
            if (i + 2 < widths.Count)
            {
                Add(Activations.Create(activation));
            }
        }
    }

    /// <summary>The widths it was built with.</summary>
    public int[] Widths { get; }

    /// <summary>The Linear layers in order.</summary>
    public IEnumerable<Linear> LinearLayers => Layers.OfType<Linear>();
}
