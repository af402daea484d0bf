using Leibniz.Tensors;

namespace Leibniz.Autograd;

/// <summary>
/// Forward-mode automatic differentiation with dual numbers: inside a <see cref="DualLevel"/> a tensor x may carry a
/// tangent ẋ, and every primitive op computes, next to its output y = f(x), the directional derivative
/// ẏ = J_f(x)·ẋ (its JVP rule in <see cref="OpCatalog"/>). Tangents flow whatever the <see cref="GradMode"/>, so a
/// reverse pass run inside a level carries them too: with parameter tangents v, the gradient's tangent is the
/// Hessian-vector product Hv (forward-over-reverse, Pearlmutter's R-operator).
/// </summary>
/// <remarks>
/// One level at a time on a thread. Tangents are computed without recording a graph and without tangents of their
/// own, so they are not differentiable again. In-place ops do not update tangents.
/// </remarks>
public static class ForwardAD
{
    [ThreadStatic]
    private static int t_level;

    [ThreadStatic]
    private static bool t_computing;

    [ThreadStatic]
    private static List<Tensor>? t_seeded;

    [ThreadStatic]
    private static List<TangentRule>? t_tape;

    private static int s_levels;

    /// <summary>True when ops must compute tangents: a level is open and no tangent rule is running.</summary>
    public static bool IsActive => t_level != 0 && !t_computing;

    /// <summary>Opens a level; tangents given with <see cref="SetTangent"/> count until it is disposed.</summary>
    /// <exception cref="InvalidOperationException">A level is already open on this thread.</exception>
    public static DualLevel Enter()
    {
        if (t_level != 0)
        {
            throw new InvalidOperationException("ForwardAD.Enter: a dual level is already open on this thread; dispose it before opening another (nested forward mode is not supported).");
        }
        t_level = Interlocked.Increment(ref s_levels);
        t_seeded = [];
        return new DualLevel(t_level);
    }

    /// <summary>Gives <paramref name="tensor"/> the tangent <paramref name="tangent"/> (same shape and dtype) in the open level.</summary>
    /// <exception cref="InvalidOperationException">No level is open.</exception>
    /// <exception cref="ArgumentException">The tangent's shape or dtype differs from the tensor's.</exception>
    public static void SetTangent(Tensor tensor, Tensor tangent)
    {
        if (t_level == 0)
        {
            throw new InvalidOperationException("ForwardAD.SetTangent: no dual level is open; use 'using var level = ForwardAD.Enter();' first.");
        }
        if (!ShapeHelper.SameShape(tensor.Shape, tangent.Shape) || tensor.DType != tangent.DType)
        {
            throw new ArgumentException(
                $"ForwardAD.SetTangent: the tangent is {tangent.DType.Name()} of shape {ShapeHelper.Format(tangent.Shape)}, the tensor {tensor.DType.Name()} of shape {ShapeHelper.Format(tensor.Shape)}; they must agree.",
                nameof(tangent));
        }
        tensor.SetTangent(t_level, tangent.Detach());
        t_seeded!.Add(tensor);
    }

    /// <summary>The tangent of <paramref name="tensor"/> in the open level, or null (a zero tangent).</summary>
    public static Tensor? Tangent(Tensor tensor) => t_level == 0 ? null : tensor.TangentAt(t_level);

    /// <summary>
    /// The outputs of <paramref name="f"/> at <paramref name="primals"/> and their directional derivatives
    /// <c>J_f(primals)·tangents</c>, in one forward pass. The function receives aliases of the primals that carry
    /// the tangents.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length, or a tangent does not match its primal.</exception>
    public static (Tensor[] Outputs, Tensor[] Tangents) Jvp(Func<Tensor[], Tensor[]> f, IReadOnlyList<Tensor> primals, IReadOnlyList<Tensor> tangents)
    {
        if (primals.Count != tangents.Count)
        {
            throw new ArgumentException($"ForwardAD.Jvp: {primals.Count} primals but {tangents.Count} tangents; give one tangent per primal.", nameof(tangents));
        }
        using var level = Enter();
        var duals = new Tensor[primals.Count];
        for (int i = 0; i < duals.Length; i++)
        {
            duals[i] = primals[i].Detach();
            SetTangent(duals[i], tangents[i].To(primals[i].DType));
        }
        var outputs = f(duals);
        var result = new Tensor[outputs.Length];
        for (int i = 0; i < outputs.Length; i++)
        {
            result[i] = Tangent(outputs[i]) ?? Tensor.ZerosLike(outputs[i]);
        }
        return (outputs, result);
    }

    internal static int CurrentLevel => t_level;

    /// <summary>Where tangent rules are recorded for a <see cref="Linearization"/>, or null.</summary>
    internal static List<TangentRule>? Tape => t_tape;

    /// <summary>
    /// The Hessian-vector product of <see cref="HessianVectorProduct"/> for <paramref name="vectors"/>, and the
    /// <see cref="Linearization"/> of the gradient at the current parameters: its <c>Apply</c> gives further products Hw
    /// from the tangent rules alone, without the forward and reverse passes.
    /// </summary>
    public static (Tensor[] Product, Linearization Hessian) LinearizeGradient(Func<Tensor> loss, IReadOnlyList<Tensor> parameters, IReadOnlyList<Tensor> vectors)
    {
        var tape = new List<TangentRule>();
        t_tape = tape;
        try
        {
            var product = ForwardOverReverse(loss, parameters, vectors, out var gradients);
            return (product, new Linearization(tape, [.. parameters], gradients));
        }
        finally
        {
            t_tape = null;
        }
    }

    /// <summary>
    /// The output of <paramref name="f"/> (recorded for reverse mode, so a backward pass through it can follow), its
    /// directional derivative <c>J·v</c> along <paramref name="vectors"/> (one per input, of its shape), and the
    /// <see cref="Linearization"/> of f at the inputs' current values: its <c>Apply</c> gives further products Jw
    /// from the tangent rules alone, without the primal pass.
    /// </summary>
    /// <exception cref="ArgumentException">The vectors do not match the inputs.</exception>
    public static (Tensor Output, Tensor Tangent, Linearization Jacobian) Linearize(Func<Tensor> f, IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> vectors)
    {
        var tape = new List<TangentRule>();
        t_tape = tape;
        try
        {
            using var level = Enter();
            Seed("ForwardAD.Linearize", inputs, vectors);
            Tensor output;
            using (GradMode.EnableGrad())
            {
                output = f();
            }
            var tangent = Tangent(output) ?? Tensor.ZerosLike(output);
            return (output, tangent, new Linearization(tape, [.. inputs], [output]));
        }
        finally
        {
            t_tape = null;
        }
    }

    /// <summary>
    /// The Hessian-vector product <c>Hv = ∂/∂ε ∇L(θ + εv)|₀</c> by forward-over-reverse: one forward and one reverse
    /// pass in which every op also carries a tangent (Pearlmutter's R-operator), about the cost of two gradients and
    /// with no graph of the reverse pass recorded. <paramref name="loss"/> recomputes the scalar loss from the
    /// current <paramref name="parameters"/>; one vector per parameter, of its shape.
    /// </summary>
    /// <exception cref="ArgumentException">The vectors do not match the parameters, or a parameter does not require gradients.</exception>
    public static Tensor[] HessianVectorProduct(Func<Tensor> loss, IReadOnlyList<Tensor> parameters, IReadOnlyList<Tensor> vectors)
        => ForwardOverReverse(loss, parameters, vectors, out _);

    private static Tensor[] ForwardOverReverse(Func<Tensor> loss, IReadOnlyList<Tensor> parameters, IReadOnlyList<Tensor> vectors, out Tensor[] gradients)
    {
        using var level = Enter();
        Seed("HessianVectorProduct", parameters, vectors);
        Tensor value;
        using (GradMode.EnableGrad())
        {
            value = loss();
        }
        var result = new Tensor[parameters.Count];
        gradients = new Tensor[parameters.Count];
        var grads = value.RequiresGrad ? AutoDiff.Grad([value], parameters, allowUnused: true) : new Tensor?[parameters.Count];
        for (int i = 0; i < result.Length; i++)
        {
            gradients[i] = grads[i] ?? Tensor.ZerosLike(parameters[i]);
            result[i] = (grads[i] is { } g ? Tangent(g) : null) ?? Tensor.ZerosLike(parameters[i]);
        }
        return result;
    }

    /// <summary>Seeds each input's tangent at the open level with its vector (converted to the input's dtype).</summary>
    /// <exception cref="ArgumentException">There is not one vector per input.</exception>
    private static void Seed(string caller, IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> vectors)
    {
        if (inputs.Count != vectors.Count)
        {
            throw new ArgumentException($"{caller}: {inputs.Count} inputs but {vectors.Count} vectors; give one vector per input.", nameof(vectors));
        }
        for (int i = 0; i < inputs.Count; i++)
        {
            SetTangent(inputs[i], vectors[i].To(inputs[i].DType));
        }
    }

    /// <summary>A scope in which a tangent rule runs: no recording and no tangents of tangents.</summary>
    internal static RuleScope Rule() => new(GradMode.NoGrad());

    /// <summary>Closes a level and forgets the tangents seeded in it.</summary>
    public readonly struct DualLevel : IDisposable
    {
        private readonly int _level;

        internal DualLevel(int level) => _level = level;

        /// <summary>Closes the level.</summary>
        public void Dispose()
        {
            if (t_level != _level)
            {
                return;
            }
            foreach (var t in t_seeded!)
            {
                t.SetTangent(0, null);
            }
            t_seeded = null;
            t_level = 0;
        }
    }

    /// <summary>Restores grad mode and tangent computation when disposed.</summary>
    internal readonly struct RuleScope : IDisposable
    {
        private readonly GradMode.Scope _grad;
        private readonly bool _previous;

        internal RuleScope(GradMode.Scope grad)
        {
            _grad = grad;
            _previous = t_computing;
            t_computing = true;
        }

        public void Dispose()
        {
            t_computing = _previous;
            _grad.Dispose();
        }
    }
}
