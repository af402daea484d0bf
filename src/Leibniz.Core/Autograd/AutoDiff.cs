using Leibniz.Tensors;

namespace Leibniz.Autograd;

/// <summary>
/// Reverse-mode differentiation over the recorded graph. The graph is walked with an explicit stack (no
/// recursion, so deep graphs cannot overflow the stack) in reverse topological order, and gradients of a tensor
/// used several times are summed.
/// </summary>
public static class AutoDiff
{
    /// <summary>
    /// The gradients of <paramref name="outputs"/> with respect to <paramref name="inputs"/>, weighted by
    /// <paramref name="gradOutputs"/>: <c>Σ_k gradOutputs[k] · ∂outputs[k]/∂inputs[i]</c>. Does not touch
    /// <see cref="Tensor.Grad"/>. With <paramref name="createGraph"/> the results are differentiable.
    /// </summary>
    /// <param name="outputs">Tensors to differentiate.</param>
    /// <param name="inputs">Tensors to differentiate with respect to; each must require gradients.</param>
    /// <param name="gradOutputs">One per output, of its shape; may be null for scalar outputs (then 1).</param>
    /// <param name="createGraph">Record the backward pass so that the gradients can be differentiated again.</param>
    /// <param name="retainGraph">Keep the graph for another pass (default: <paramref name="createGraph"/>).</param>
    /// <param name="allowUnused">Return null for an input the outputs do not depend on instead of throwing.</param>
    /// <exception cref="ArgumentException">Shapes disagree, an output needs a gradOutput, or an input is unused.</exception>
    public static Tensor?[] Grad(IReadOnlyList<Tensor> outputs, IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?>? gradOutputs = null,
        bool createGraph = false, bool? retainGraph = null, bool allowUnused = false)
    {
        foreach (var input in inputs)
        {
            if (!input.RequiresGrad)
            {
                throw new ArgumentException(
                    $"Grad: an input of shape {ShapeHelper.Format(input.Shape)} does not require gradients; set RequiresGrad = true before the forward pass.",
                    nameof(inputs));
            }
        }
        var wanted = new HashSet<Tensor>(inputs, ReferenceEqualityComparer.Instance);
        bool retain = retainGraph ?? createGraph;
        var grads = Run(outputs, gradOutputs, createGraph, retain, wanted, accumulateLeaves: false);
        if (!retain)
        {
            AllocationBudget.Checkpoint();
        }
        var result = new Tensor?[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            if (grads.TryGetValue(inputs[i], out var g))
            {
                result[i] = g;
            }
            else if (!allowUnused)
            {
                throw new ArgumentException(
                    $"Grad: input {i} (shape {ShapeHelper.Format(inputs[i].Shape)}) is not used to compute the outputs. Pass allowUnused: true to get null for it.",
                    nameof(inputs));
            }
        }
        return result;
    }

    /// <summary>Single-output, single-input form of <see cref="Grad(IReadOnlyList{Tensor}, IReadOnlyList{Tensor}, IReadOnlyList{Tensor?}?, bool, bool?, bool)"/>.</summary>
    public static Tensor Grad(Tensor output, Tensor input, Tensor? gradOutput = null, bool createGraph = false, bool? retainGraph = null)
        => Grad([output], [input], [gradOutput], createGraph, retainGraph)[0]!;

    /// <summary>
    /// Hessian-vector product by reverse-over-reverse: <c>Hv = ∇θ⟨∇θ f, v⟩</c>, one vector per parameter.
    /// </summary>
    public static Tensor[] HessianVectorProduct(Tensor scalarOutput, IReadOnlyList<Tensor> parameters, IReadOnlyList<Tensor> vectors)
    {
        var g = Grad([scalarOutput], parameters, null, createGraph: true, allowUnused: true);
        // A gradient that does not depend on the parameters (a linear function) contributes a zero Hessian block.
        var outputs = new List<Tensor>();
        var weights = new List<Tensor?>();
        for (int i = 0; i < g.Length; i++)
        {
            if (g[i] is { RequiresGrad: true } gi)
            {
                outputs.Add(gi);
                weights.Add(vectors[i]);
            }
        }
        var hv = outputs.Count == 0
            ? new Tensor?[parameters.Count]
            : Grad(outputs, parameters, weights, createGraph: false, retainGraph: false, allowUnused: true);
        var result = new Tensor[parameters.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = hv[i] ?? Tensor.ZerosLike(parameters[i]);
        }
        return result;
    }

    internal static void Backward(Tensor output, Tensor? gradOutput, bool retainGraph, bool createGraph)
    {
        Run([output], [gradOutput], createGraph, retainGraph, wanted: null, accumulateLeaves: true);
        AllocationBudget.Checkpoint();
    }

    private static Dictionary<Tensor, Tensor> Run(IReadOnlyList<Tensor> outputs, IReadOnlyList<Tensor?>? gradOutputs,
        bool createGraph, bool retainGraph, HashSet<Tensor>? wanted, bool accumulateLeaves)
    {
        if (gradOutputs is not null && gradOutputs.Count != outputs.Count)
        {
            throw new ArgumentException($"Grad: {outputs.Count} outputs but {gradOutputs.Count} gradOutputs; give one per output.", nameof(gradOutputs));
        }
        var grads = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance);
        using var mode = createGraph ? GradMode.EnableGrad() : GradMode.NoGrad();
        for (int k = 0; k < outputs.Count; k++)
        {
            var output = outputs[k];
            if (!output.RequiresGrad)
            {
                throw new ArgumentException(
                    $"Backward: output {k} (shape {ShapeHelper.Format(output.Shape)}) does not require gradients: nothing it depends on has RequiresGrad = true.",
                    nameof(outputs));
            }
            var g = gradOutputs?[k];
            if (g is null)
            {
                if (output.Numel != 1)
                {
                    throw new ArgumentException(
                        $"Backward: output {k} has shape {ShapeHelper.Format(output.Shape)}; a non-scalar output needs a gradOutput of the same shape.",
                        nameof(gradOutputs));
                }
                g = Tensor.OnesLike(output);
            }
            else if (!ShapeHelper.SameShape(g.Shape, output.Shape))
            {
                throw new ArgumentException(
                    $"Backward: gradOutput {k} has shape {ShapeHelper.Format(g.Shape)} but the output has shape {ShapeHelper.Format(output.Shape)}.",
                    nameof(gradOutputs));
            }
            Accumulate(grads, output, g);
        }

        var order = TopologicalOrder(outputs);
        var visitedNodes = new List<Node>();
        for (int idx = order.Count - 1; idx >= 0; idx--)
        {
            var t = order[idx];
            if (!grads.TryGetValue(t, out var g))
            {
                continue;
            }
            var node = t.GradFn;
            if (node is null)
            {
                if (accumulateLeaves)
                {
                    t.Grad = t.Grad is null ? (createGraph ? g : g.Detach()) : t.Grad + g;
                }
                continue;
            }
            var inputGrads = node.Apply(g);
            visitedNodes.Add(node);
            if (wanted is null || !wanted.Contains(t))
            {
                grads.Remove(t);
            }
            for (int i = 0; i < node.Inputs.Count; i++)
            {
                var input = node.Inputs[i];
                var ig = i < inputGrads.Length ? inputGrads[i] : null;
                if (ig is null || !input.RequiresGrad)
                {
                    continue;
                }
                if (!ShapeHelper.SameShape(ig.Shape, input.Shape))
                {
                    throw new InvalidOperationException(
                        $"Internal error in the backward rule of '{node.Name}': the gradient of input {i} has shape {ShapeHelper.Format(ig.Shape)}, the input {ShapeHelper.Format(input.Shape)}.");
                }
                if (GradMode.DetectAnomaly && !ig.AllFinite())
                {
                    throw new ArithmeticException($"DetectAnomaly: the backward rule of '{node.Name}' produced NaN or infinity in the gradient of input {i}.");
                }
                Accumulate(grads, input, ig);
            }
        }
        if (!retainGraph)
        {
            foreach (var node in visitedNodes)
            {
                node.Release();
            }
        }
        return grads;
    }

    private static void Accumulate(Dictionary<Tensor, Tensor> grads, Tensor t, Tensor g)
    {
        grads[t] = grads.TryGetValue(t, out var existing) ? existing + g : g;
    }

    /// <summary>Tensors reachable from the outputs through recorded nodes, each after all tensors it depends on.</summary>
    private static List<Tensor> TopologicalOrder(IReadOnlyList<Tensor> outputs)
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor Tensor, int Next)>();
        foreach (var root in outputs)
        {
            if (!visited.Add(root))
            {
                continue;
            }
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (t, next) = stack.Pop();
                var inputs = t.GradFn?.Inputs;
                if (inputs is not null && next < inputs.Count)
                {
                    stack.Push((t, next + 1));
                    var child = inputs[next];
                    if (child.RequiresGrad && visited.Add(child))
                    {
                        stack.Push((child, 0));
                    }
                }
                else
                {
                    order.Add(t);
                }
            }
        }
        return order;
    }
}
