using Leibniz.Tensors;

namespace Leibniz.Analysis;

/// <summary>
/// Parameters held fixed for the length of a scope: their <see cref="Tensor.RequiresGrad"/> is cleared and restored
/// on dispose, so that a product with a block of the curvature (one layer's parameters) neither records nor computes
/// the gradients of the rest of the model.
/// </summary>
internal readonly struct HeldFixed : IDisposable
{
    private readonly IReadOnlyList<Tensor> _tensors;
    private readonly bool[] _previous;

    public HeldFixed(IReadOnlyList<Tensor> tensors)
    {
        _tensors = tensors;
        _previous = new bool[tensors.Count];
        for (int i = 0; i < tensors.Count; i++)
        {
            _previous[i] = tensors[i].RequiresGrad;
            if (tensors[i].GradFn is null)
            {
                tensors[i].RequiresGrad = false;
            }
        }
    }

    public void Dispose()
    {
        for (int i = 0; i < _tensors.Count; i++)
        {
            if (_tensors[i].GradFn is null)
            {
                _tensors[i].RequiresGrad = _previous[i];
            }
        }
    }
}
