using Leibniz.Tensors;

namespace Leibniz.Autograd;

/// <summary>
/// Differentiable operations defined outside the engine, in the spirit of PyTorch's <c>autograd.Function</c>: a forward
/// pass on spans (<see cref="Tensor.AsReadOnlySpan{T}"/>, <see cref="Tensor.AsSpan{T}"/>) and a backward rule that maps
/// the gradient of the output to the gradients of the inputs. The library's own fused operations outside the core
/// (the fused binary cross-entropy, for one) are recorded through this same path.
/// </summary>
/// <remarks>
/// A backward rule written in Leibniz's tensor operations on the <em>original</em> inputs (the ones passed to
/// <see cref="Apply"/>, which carry the graph) is itself differentiable, so Hessian-vector products and gradient
/// penalties go through the op. A backward rule that computes on spans is differentiable once only: declare it with
/// <see cref="Differentiability.Once"/>, and a second derivative through it stops with an error that names the op
/// instead of silently returning zero.
/// </remarks>
public static class CustomOp
{
    /// <summary>True when an operation on <paramref name="inputs"/> must be recorded: grad mode is on and some input requires gradients.</summary>
    public static bool NeedsGrad(params ReadOnlySpan<Tensor> inputs)
    {
        if (!GradMode.IsEnabled)
        {
            return false;
        }
        foreach (var input in inputs)
        {
            if (input.RequiresGrad)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Runs <paramref name="forward"/> on contiguous, detached copies of <paramref name="inputs"/> without recording,
    /// then, when an input requires gradients, records one node named <paramref name="name"/> whose backward is
    /// <paramref name="backward"/>(gradient of the output, output). The inputs and the output are saved: changing
    /// one of them in place before the backward pass makes it fail with a clear message.
    /// </summary>
    /// <param name="name">The node's name, shown in errors and in <see cref="Node.Name"/>.</param>
    /// <param name="inputs">The op's tensor inputs.</param>
    /// <param name="forward">Computes the output; may read and write spans freely.</param>
    /// <param name="backward">One gradient per input (null where an input needs none), each of that input's shape.</param>
    /// <param name="differentiability">Whether the backward rule is itself differentiable.</param>
    /// <param name="tangent">
    /// The forward-mode rule: the output's tangent from the inputs' tangents (null entries are zero) and the output;
    /// needed only when the op is used inside a <see cref="ForwardAD"/> level.
    /// </param>
    /// <exception cref="InvalidOperationException">The forward pass returned one of its inputs (return a new tensor).</exception>
    public static Tensor Apply(string name, Tensor[] inputs, Func<IReadOnlyList<Tensor>, Tensor> forward,
        Func<Tensor, Tensor, Tensor?[]> backward, Differentiability differentiability = Differentiability.Twice,
        Func<Tensor?[], Tensor, Tensor?>? tangent = null)
    {
        var detached = new Tensor[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            detached[i] = inputs[i].Detach().Contiguous();
        }
        Tensor output;
        using (GradMode.NoGrad())
        {
            output = forward(detached);
        }
        foreach (var input in detached)
        {
            if (ReferenceEquals(output, input))
            {
                throw new InvalidOperationException($"CustomOp '{name}': the forward pass returned its input; return a new tensor (Clone it if the op is the identity).");
            }
        }
        if (tangent is not null)
        {
            Jvp(output, inputs, t => tangent(t, output));
        }
        if (!NeedsGrad(inputs))
        {
            return output;
        }
        Tensor[] saved = [.. inputs, output];
        return differentiability == Differentiability.Twice
            ? Record(output, name, inputs, g => backward(g, output), saved)
            : RecordOnceDifferentiable(output, name, inputs, g => backward(g, output), saved);
    }

    /// <summary>
    /// Attaches a graph node named <paramref name="name"/> to <paramref name="output"/>, a tensor freshly computed from
    /// <paramref name="inputs"/> (with no graph of its own), when an input requires gradients; returns
    /// <paramref name="output"/>. <paramref name="backward"/> must be written in differentiable tensor operations; the
    /// <paramref name="saved"/> tensors are checked for in-place changes before it runs.
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="output"/> already belongs to a graph.</exception>
    public static Tensor Record(Tensor output, string name, Tensor[] inputs, Func<Tensor, Tensor?[]> backward, params Tensor[] saved)
    {
        if (ForwardAD.IsActive && ForwardAD.Tangent(output) is null && inputs.Any(i => ForwardAD.Tangent(i) is not null))
        {
            throw new InvalidOperationException(
                $"CustomOp '{name}' has no forward-mode rule, and an input carries a tangent (a ForwardAD level is open: a JVP or a forward-over-reverse "
                + "Hessian-vector product). Give the op its rule: pass tangent: to CustomOp.Apply, or call CustomOp.Jvp on the output before recording it.");
        }
        if (!NeedsGrad(inputs))
        {
            return output;
        }
        if (output.GradFn is not null)
        {
            throw new InvalidOperationException(
                $"CustomOp '{name}': the output already belongs to the graph (made by '{output.GradFn.Name}'); compute it under GradMode.NoGrad() or pass .Detach().");
        }
        return output.RecordUnlisted(name, inputs, backward, saved);
    }

    /// <summary>
    /// Sets <paramref name="output"/>'s forward-mode tangent to <paramref name="rule"/>(the tangents of
    /// <paramref name="inputs"/>, null for zero) when a <see cref="ForwardAD"/> level is open and an input carries one;
    /// returns <paramref name="output"/>. The rule runs without recording.
    /// </summary>
    public static Tensor Jvp(Tensor output, Tensor[] inputs, Func<Tensor?[], Tensor?> rule) => output.Jvp(inputs, rule);

    /// <summary>
    /// Like <see cref="Record"/>, for a backward rule that is not itself differentiable (it computes on spans): the rule
    /// runs without recording, and when a backward pass is asked to build a graph (<c>createGraph</c>, a Hessian-vector
    /// product), each gradient it returns carries a node that refuses to be differentiated, naming the op.
    /// </summary>
    public static Tensor RecordOnceDifferentiable(Tensor output, string name, Tensor[] inputs, Func<Tensor, Tensor?[]> backward, params Tensor[] saved)
    {
        return Record(output, name, inputs, g =>
        {
            bool building = GradMode.IsEnabled;
            Tensor?[] grads;
            using (GradMode.NoGrad())
            {
                grads = backward(g);
            }
            if (!building || !NeedsGrad([g, .. inputs]))
            {
                return grads;
            }
            for (int i = 0; i < grads.Length; i++)
            {
                if (grads[i] is { } grad)
                {
                    grads[i] = grad.RecordUnlisted($"{name}Backward", [g, .. inputs], _ => throw new InvalidOperationException(
                        $"'{name}' is differentiable once only: its backward rule is not written in differentiable operations, so a second derivative "
                        + "(a Hessian-vector product, a gradient of a gradient) cannot go through it. Write its backward in tensor operations and "
                        + "declare it Differentiability.Twice, or leave this op out of the second-order computation."));
                }
            }
            return grads;
        }, saved);
    }
}

/// <summary>Whether a custom op's backward rule can itself be differentiated.</summary>
public enum Differentiability
{
    /// <summary>The backward is written in differentiable tensor operations: second derivatives work.</summary>
    Twice,

    /// <summary>The backward computes on spans: first derivatives only; a second derivative is refused with an error.</summary>
    Once,
}
