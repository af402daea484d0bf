using Leibniz.Autograd;
using Leibniz.Tensors;

namespace Leibniz.Analysis;

/// <summary>
/// A curvature matrix of the form <c>Jᵀ M J</c> as an operator on flat parameter vectors, where J = ∂z/∂θ is the
/// Jacobian of a model's outputs z and M a symmetric matrix on the output space, applied exactly through the engine:
/// <c>u = Jv</c> by forward mode, <c>Mu</c>, then <c>Jᵀ(Mu)</c> by one reverse pass (about one and a half gradients).
/// The generalised Gauss–Newton matrix takes M = ∂²ℓ/∂z², the loss's Hessian in the outputs (any loss, by
/// forward-over-reverse on ℓ alone); the true Fisher of a softmax classifier takes its closed form
/// <c>M = (diag p − ppᵀ)/N</c> per example; the empirical Fisher <c>(1/N) Σᵢ gᵢgᵢᵀ</c> takes z = the per-example
/// losses and M = I/N. All three are positive semi-definite (the GGN when ℓ is convex in z).
/// The first product also linearises the outputs and keeps their graph: later products replay the tangent rules for
/// Jv and reuse the graph for Jᵀ, with no primal pass, until a parameter (or a fixed one) is changed in place; call
/// <see cref="Reset"/> when the outputs closure's data change.
/// </summary>
public sealed class GaussNewtonOperator
{
    private readonly IReadOnlyList<Tensor> _parameters;
    private readonly Func<Tensor> _outputs;
    private readonly Func<Tensor, Tensor, Tensor> _middle;
    private (Tensor Outputs, Linearization Jacobian, VersionStamp Stamp)? _cache;
    private IReadOnlyList<Tensor> _fixed = [];

    /// <summary>
    /// <c>Jᵀ M J</c> for the outputs <paramref name="outputs"/>() (recomputed from the current parameters at every
    /// product) and <paramref name="middle"/>(z, u) = M(z)·u on the output space.
    /// </summary>
    public GaussNewtonOperator(IReadOnlyList<Tensor> parameters, Func<Tensor> outputs, Func<Tensor, Tensor, Tensor> middle)
    {
        _parameters = parameters;
        _outputs = outputs;
        _middle = middle;
        Dimension = parameters.Sum(p => p.Numel);
    }

    /// <summary>Parameters held fixed while products are formed (the rest of the model when this operator is a block).</summary>
    public IReadOnlyList<Tensor> Fixed
    {
        get => _fixed;
        set
        {
            _fixed = value;
            Reset();
        }
    }

    /// <summary>Forgets the kept outputs and their linearisation (changes to the parameters in place are noticed without it).</summary>
    public void Reset() => _cache = null;

    /// <summary>P, the number of parameters.</summary>
    public int Dimension { get; }

    /// <summary>
    /// The generalised Gauss–Newton matrix <c>Jᵀ (∂²ℓ/∂z²) J</c> of the loss <paramref name="lossOfOutputs"/>(z) of the
    /// outputs z = <paramref name="outputs"/>(): the Hessian without the terms of the network's own curvature.
    /// </summary>
    public static GaussNewtonOperator ForLoss(IReadOnlyList<Tensor> parameters, Func<Tensor> outputs, Func<Tensor, Tensor> lossOfOutputs)
        => new(parameters, outputs, (z, u) =>
        {
            var at = z.Detach().RequireGrad();
            return ForwardAD.HessianVectorProduct(() => lossOfOutputs(at), [at], [u])[0];
        });

    /// <summary>
    /// The Fisher information of a softmax classifier with logits z [N, C] = <paramref name="logits"/>(), averaged over
    /// the N examples: <c>F = (1/N) Σᵢ Jᵢᵀ (diag pᵢ − pᵢpᵢᵀ) Jᵢ</c> with pᵢ = softmax(zᵢ), labels drawn from the model
    /// (the "true" Fisher). It equals the Gauss–Newton matrix of the mean cross-entropy.
    /// </summary>
    public static GaussNewtonOperator TrueFisher(IReadOnlyList<Tensor> parameters, Func<Tensor> logits)
        => new(parameters, logits, (z, u) =>
        {
            if (z.Rank != 2)
            {
                throw new ArgumentException($"TrueFisher: the logits must be [N, C]; got {ShapeHelper.Format(z.Shape)}.");
            }
            using (GradMode.NoGrad())
            {
                var p = z.Detach().Softmax(-1);
                return (p * u - p * (p * u).Sum(-1, keepDim: true)) * (1.0 / z.Size(0));
            }
        });

    /// <summary>
    /// The empirical Fisher <c>(1/N) Σᵢ ∇ℓᵢ ∇ℓᵢᵀ</c> of the per-example losses ℓ [N] = <paramref name="perExampleLosses"/>()
    /// (the observed labels, not the model's): per-example gradients are never formed, <c>∇ℓᵢᵀv</c> comes from forward mode.
    /// </summary>
    public static GaussNewtonOperator EmpiricalFisher(IReadOnlyList<Tensor> parameters, Func<Tensor> perExampleLosses)
        => new(parameters, perExampleLosses, (z, u) =>
        {
            if (z.Rank != 1)
            {
                throw new ArgumentException($"EmpiricalFisher: the per-example losses must be a vector [N]; got {ShapeHelper.Format(z.Shape)}. Use Reduction.None.");
            }
            return u * (1.0 / z.Size(0));
        });

    /// <summary><c>Jᵀ M J v</c> for a flat vector v of length P.</summary>
    /// <exception cref="ArgumentException">v has the wrong length.</exception>
    public Tensor Apply(Tensor v)
    {
        if (v.Rank != 1 || v.Numel != Dimension)
        {
            throw new ArgumentException($"GaussNewtonOperator: the vector has shape {ShapeHelper.Format(v.Shape)}, expected [{Dimension}].", nameof(v));
        }
        using var held = new HeldFixed(Fixed);
        var pieces = ParameterBlocks.Unflatten(_parameters, v.To(_parameters[0].DType).Detach());
        Tensor z, jv;
        if (_cache is { } kept && kept.Stamp.IsCurrent)
        {
            z = kept.Outputs;
            jv = kept.Jacobian.Apply(pieces)[0];
        }
        else
        {
            (z, jv, var jacobian) = ForwardAD.Linearize(_outputs, _parameters, pieces);
            _cache = (z, jacobian, new VersionStamp(_parameters.Concat(Fixed)));
        }
        var mjv = _middle(z, jv.Detach()).Detach();
        if (!z.RequiresGrad)
        {
            return Tensor.Zeros([Dimension], _parameters[0].DType);
        }
        var result = ParameterBlocks.Flatten(_parameters, AutoDiff.Grad([z], _parameters, [mjv], retainGraph: true, allowUnused: true));
        AllocationBudget.Checkpoint();
        return result;
    }
}
