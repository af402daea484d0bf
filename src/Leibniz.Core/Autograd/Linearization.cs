using Leibniz.Tensors;

namespace Leibniz.Autograd;

/// <summary>
/// The linear map <c>u ↦ J_f(x)·u</c> of a function at a fixed point x, kept after one forward-mode pass: the tangent
/// rules of that pass, in order, with the primal values they read (JAX's <c>linearize</c>). <see cref="Apply"/>
/// runs only the rules, so every further product costs the tangent arithmetic alone, without the primal pass. For
/// the gradient of a loss (<see cref="ForwardAD.LinearizeGradient"/>) it is the Hessian as an operator.
/// </summary>
/// <remarks>
/// Holds the primal values of the pass (like a retained graph). It is the derivative at the inputs' values when it was
/// made: once an input is changed in place (an optimiser step, say), <see cref="IsCurrent"/> turns false.
/// </remarks>
public sealed class Linearization
{
    private readonly List<TangentRule> _rules;
    private readonly Tensor[] _inputs;
    private readonly Tensor[] _outputs;
    private readonly VersionStamp _stamp;

    internal Linearization(List<TangentRule> rules, Tensor[] inputs, Tensor[] outputs)
    {
        _rules = rules;
        _inputs = inputs;
        _outputs = outputs;
        _stamp = new VersionStamp(inputs);
    }

    /// <summary>The number of recorded rules (ops that carried a tangent).</summary>
    public int Rules => _rules.Count;

    /// <summary>False once an input has been changed in place since the pass (its storage version moved).</summary>
    public bool IsCurrent => _stamp.IsCurrent;

    /// <summary>The outputs' tangents for the inputs' tangents <paramref name="tangents"/> (one per input, of its shape).</summary>
    /// <exception cref="ArgumentException">The tangents do not match the inputs.</exception>
    public Tensor[] Apply(IReadOnlyList<Tensor> tangents)
    {
        if (tangents.Count != _inputs.Length)
        {
            throw new ArgumentException($"Linearization.Apply: {tangents.Count} tangents for {_inputs.Length} inputs; give one per input.", nameof(tangents));
        }
        var known = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < _inputs.Length; i++)
        {
            if (!ShapeHelper.SameShape(tangents[i].Shape, _inputs[i].Shape))
            {
                throw new ArgumentException(
                    $"Linearization.Apply: tangent {i} has shape {ShapeHelper.Format(tangents[i].Shape)}, its input {ShapeHelper.Format(_inputs[i].Shape)}.", nameof(tangents));
            }
            known[_inputs[i]] = tangents[i].To(_inputs[i].DType);
        }
        using (ForwardAD.Rule())
        {
            foreach (var rule in _rules)
            {
                var inputTangents = new Tensor?[rule.Inputs.Length];
                bool any = false;
                for (int i = 0; i < inputTangents.Length; i++)
                {
                    any |= known.TryGetValue(rule.Inputs[i], out inputTangents[i]);
                }
                if (any && rule.Rule(inputTangents) is { } tangent)
                {
                    known[rule.Output] = rule.Output.FitTangent(tangent);
                }
            }
        }
        var result = new Tensor[_outputs.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = known.TryGetValue(_outputs[i], out var t) ? t : Tensor.ZerosLike(_outputs[i]);
        }
        return result;
    }
}
