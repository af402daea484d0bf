using Leibniz.Tensors;

namespace Leibniz.Autograd;

/// <summary>
/// One recorded operation in the graph: its inputs and a backward rule that maps the gradient of the output to
/// the gradients of the inputs. Backward rules are written in differentiable tensor operations, so that with
/// <c>createGraph</c> the gradients are themselves differentiable (Hessian-vector products, gradient penalties).
/// </summary>
public sealed class Node
{
    private Func<Tensor, Tensor?[]>? _backward;
    private readonly Tensor[] _saved;
    private readonly int[] _savedVersions;

    internal Node(string name, Tensor[] inputs, Func<Tensor, Tensor?[]> backward, Tensor[] saved)
    {
        Name = name;
        Inputs = inputs;
        _backward = backward;
        _saved = saved;
        _savedVersions = new int[saved.Length];
        for (int i = 0; i < saved.Length; i++)
        {
            _savedVersions[i] = saved[i].StorageVersion;
        }
    }

    /// <summary>The operation's name, e.g. <c>Mul</c>.</summary>
    public string Name { get; }

    /// <summary>The operation's tensor inputs, in order; empty once a backward pass has freed the graph.</summary>
    public IReadOnlyList<Tensor> Inputs { get; private set; }

    internal Tensor?[] Apply(Tensor gradOutput)
    {
        if (_backward is null)
        {
            throw new InvalidOperationException(
                $"Backward through '{Name}' a second time: its graph was freed by an earlier backward pass. "
                + "Pass retainGraph: true to the first Backward/Grad call if you need to go through the graph again.");
        }
        for (int i = 0; i < _saved.Length; i++)
        {
            if (_saved[i].StorageVersion != _savedVersions[i])
            {
                throw new InvalidOperationException(
                    $"A tensor of shape {ShapeHelper.Format(_saved[i].Shape)} that '{Name}' saved for its backward pass was changed in place "
                    + $"(version {_savedVersions[i]} when saved, now {_saved[i].StorageVersion}). Clone it before changing it, or change it under GradMode.NoGrad() before the forward pass.");
            }
        }
        return _backward(gradOutput);
    }

    /// <summary>
    /// Frees the graph after a backward pass without <c>retainGraph</c>: the rule, what it saved and the links to
    /// the inputs, so that the activations of a training step are garbage as soon as its backward pass is done.
    /// </summary>
    internal void Release()
    {
        _backward = null;
        Inputs = [];
        Array.Clear(_saved);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
