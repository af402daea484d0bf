using Leibniz.Autograd;

namespace Leibniz.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Computes the gradient of this tensor with respect to every leaf that requires gradients and adds it to
    /// the leaf's <see cref="Grad"/>.
    /// </summary>
    /// <param name="gradOutput">Weights of the same shape; may be omitted for a one-element tensor (then 1).</param>
    /// <param name="retainGraph">Keep the graph so that it can be walked again.</param>
    /// <param name="createGraph">Record the backward pass, so that the gradients can be differentiated again.</param>
    /// <exception cref="ArgumentException">The tensor does not require gradients, or is not scalar and no gradOutput was given.</exception>
    /// <exception cref="InvalidOperationException">The graph was freed by an earlier pass, or a saved tensor was changed in place.</exception>
    public void Backward(Tensor? gradOutput = null, bool retainGraph = false, bool createGraph = false)
        => AutoDiff.Backward(this, gradOutput, retainGraph || createGraph, createGraph);

    internal static bool NeedsGrad(Tensor a) => a.RequiresGrad && GradMode.IsEnabled;

    internal static bool NeedsGrad(Tensor a, Tensor b) => (a.RequiresGrad || b.RequiresGrad) && GradMode.IsEnabled;

    /// <summary>Attaches a graph node to this freshly computed tensor and returns it.</summary>
    internal Tensor Record(string name, Tensor[] inputs, Func<Tensor, Tensor?[]> backward, params Tensor[] saved)
    {
        OpCatalog.AssertListed(name);
        return RecordUnlisted(name, inputs, backward, saved);
    }

    /// <summary>Records a node for an op defined outside the engine (<see cref="CustomOp"/>), which the catalogue does not list.</summary>
    internal Tensor RecordUnlisted(string name, Tensor[] inputs, Func<Tensor, Tensor?[]> backward, params Tensor[] saved)
    {
        SetGradFn(new Node(name, inputs, backward, saved));
        if (GradMode.DetectAnomaly && !AllFinite())
        {
            throw new ArithmeticException($"DetectAnomaly: '{name}' produced NaN or infinity (output shape {ShapeHelper.Format(_shape)}).");
        }
        return this;
    }

    /// <summary>True when no element is NaN or infinite (always true for integer and bool tensors).</summary>
    public bool AllFinite()
    {
        var c = Contiguous();
        switch (DType)
        {
            case DType.Float32:
                foreach (float v in c.Data<float>().AsSpan(c._offset, c.Numel))
                {
                    if (!float.IsFinite(v))
                    {
                        return false;
                    }
                }
                return true;
            case DType.Float64:
                foreach (double v in c.Data<double>().AsSpan(c._offset, c.Numel))
                {
                    if (!double.IsFinite(v))
                    {
                        return false;
                    }
                }
                return true;
            default:
                return true;
        }
    }

    /// <summary>Throws when the tensor holds NaN or infinity: a check to call where a bad value must stop the work.</summary>
    /// <exception cref="ArithmeticException">Some element is NaN or infinite.</exception>
    public Tensor AssertFinite(string what)
    {
        if (!AllFinite())
        {
            throw new ArithmeticException($"{what}: the tensor of shape {ShapeHelper.Format(_shape)} contains NaN or infinity.");
        }
        return this;
    }
}
