using Leibniz.Autograd;
using Leibniz.Nn;
using Leibniz.Tensors;

namespace Leibniz.Analysis;

/// <summary>
/// The Hessian of a loss with respect to parameters θ ∈ ℝᴾ as an operator on flat vectors, <c>Hv = ∂/∂ε ∇θL(θ + εv)|₀</c>.
/// By default forward-over-reverse (<see cref="HessianProduct.ForwardOverReverse"/>): a full-batch operator (one loss
/// closure) linearises the gradient on its first product and every later product runs only the tangent rules
/// (no forward or reverse pass); an operator over batches, weighted by their sizes (<c>Hv = Σ_b (n_b/N)·H_b v</c>),
/// runs one forward-over-reverse pass per batch. <see cref="HessianProduct.DoubleBackward"/> gives
/// <c>∇θ⟨∇θL, v⟩</c> instead, reusing the full-batch gradient graph. A cached linearisation or graph is dropped by
/// itself when a parameter (or a fixed one) is changed in place; call <see cref="Reset"/> when the loss closure's
/// data change.
/// </summary>
public sealed class HessianOperator
{
    private readonly IReadOnlyList<Tensor> _parameters;
    private readonly Func<Tensor>? _loss;
    private readonly IReadOnlyList<(Tensor X, Tensor Y)>? _batches;
    private readonly Func<Tensor, Tensor, Tensor>? _batchLoss;
    private Tensor[]? _gradientGraph;
    private Linearization? _linearization;
    private VersionStamp? _stamp;
    private HessianProduct _method = HessianProduct.ForwardOverReverse;

    /// <summary>Full batch: <paramref name="loss"/> recomputes the scalar loss from the current parameters.</summary>
    public HessianOperator(IReadOnlyList<Tensor> parameters, Func<Tensor> loss)
    {
        _parameters = parameters;
        _loss = loss;
        Dimension = parameters.Sum(p => p.Numel);
    }

    /// <summary>Averaged over <paramref name="batches"/>: <paramref name="loss"/>(x, y) is the mean loss of one batch.</summary>
    public HessianOperator(IReadOnlyList<Tensor> parameters, IEnumerable<(Tensor X, Tensor Y)> batches, Func<Tensor, Tensor, Tensor> loss)
    {
        _parameters = parameters;
        _batches = batches.ToList();
        _batchLoss = loss;
        Dimension = parameters.Sum(p => p.Numel);
    }

    /// <summary>How <see cref="Apply"/> forms Hv (default: <see cref="HessianProduct.ForwardOverReverse"/>).</summary>
    public HessianProduct Method
    {
        get => _method;
        set
        {
            _method = value;
            Reset();
        }
    }

    /// <summary>
    /// Parameters held fixed while products are formed: the rest of the model when this operator is a block of its
    /// Hessian (<see cref="ForBlock"/>). They are not differentiated, which saves the work of their gradients.
    /// </summary>
    public IReadOnlyList<Tensor> Fixed { get; init; } = [];

    /// <summary>
    /// The block of the Hessian of <paramref name="loss"/> for <paramref name="block"/> (a layer's parameters, say: the
    /// Hessian restricted to them), with the model's other parameters held fixed while products are formed.
    /// </summary>
    public static HessianOperator ForBlock(Module model, IReadOnlyList<Tensor> block, Func<Tensor> loss)
    {
        var inBlock = new HashSet<Tensor>(block, ReferenceEqualityComparer.Instance);
        return new HessianOperator(block, loss) { Fixed = [.. model.Parameters().Where(p => !inBlock.Contains(p))] };
    }

    /// <summary>P, the number of parameters.</summary>
    public int Dimension { get; }

    /// <summary>The loss at the current parameters (averaged over batches, weighted by size).</summary>
    public double Loss()
    {
        using (GradMode.NoGrad())
        {
            if (_loss is not null)
            {
                return _loss().Item();
            }
            double total = 0;
            int count = 0;
            foreach (var (x, y) in _batches!)
            {
                total += _batchLoss!(x, y).Item() * x.Size(0);
                count += x.Size(0);
            }
            return total / Math.Max(count, 1);
        }
    }

    /// <summary>The flat gradient ∇θL.</summary>
    public Tensor Gradient()
    {
        using var recording = GradMode.EnableGrad();
        using var held = new HeldFixed(Fixed);
        return _loss is not null
            ? Flatten(AutoDiff.Grad([_loss()], _parameters, allowUnused: true))
            : OverBatches((x, y) => Flatten(AutoDiff.Grad([_batchLoss!(x, y)], _parameters, allowUnused: true)));
    }

    /// <summary>Hv for a flat vector v of length P (same dtype as the parameters).</summary>
    /// <exception cref="ArgumentException">v has the wrong length.</exception>
    public Tensor Apply(Tensor v)
    {
        if (v.Rank != 1 || v.Numel != Dimension)
        {
            throw new ArgumentException($"HessianOperator: the vector has shape {ShapeHelper.Format(v.Shape)}, expected [{Dimension}].", nameof(v));
        }
        using var recording = GradMode.EnableGrad();
        using var held = new HeldFixed(Fixed);
        var pieces = Unflatten(v.To(_parameters[0].DType).Detach());
        bool forward = Method == HessianProduct.ForwardOverReverse;
        if (_loss is not null)
        {
            if (_stamp is { IsCurrent: false })
            {
                Reset();
            }
            _stamp ??= new VersionStamp(_parameters.Concat(Fixed));
            return Finish(forward ? LinearizedProduct(pieces) : Product(_gradientGraph ??= Graph(_loss()), pieces, retain: true));
        }
        return OverBatches((x, y) => forward
            ? Flatten(ForwardAD.HessianVectorProduct(() => _batchLoss!(x, y), _parameters, pieces))
            : Product(Graph(_batchLoss!(x, y)), pieces, retain: false));
    }

    /// <summary>The full-batch product by forward-over-reverse: the first one linearises the gradient, later ones replay it.</summary>
    private Tensor LinearizedProduct(Tensor[] pieces)
    {
        Tensor[] product;
        if (_linearization is null)
        {
            (product, _linearization) = ForwardAD.LinearizeGradient(_loss!, _parameters, pieces);
        }
        else
        {
            product = _linearization.Apply(pieces);
        }
        return Flatten(product);
    }

    /// <summary><c>Σ_b (n_b/N)·f(x_b, y_b)</c> over the batches, the young generation collected between batches.</summary>
    private Tensor OverBatches(Func<Tensor, Tensor, Tensor> perBatch)
    {
        Tensor? sum = null;
        int count = 0;
        foreach (var (x, y) in _batches!)
        {
            var value = perBatch(x, y) * x.Size(0);
            sum = sum is null ? value : sum + value;
            count += x.Size(0);
            AllocationBudget.Checkpoint();
        }
        return sum! / Math.Max(count, 1);
    }

    /// <summary>
    /// Forgets the cached linearisation or gradient graph. Changes to the parameters in place are noticed without it;
    /// call it when the loss closure's data change.
    /// </summary>
    public void Reset()
    {
        _gradientGraph = null;
        _linearization = null;
        _stamp = null;
    }

    /// <summary>
    /// Ends a product: the young generation is collected once enough was allocated, so the next product's buffers
    /// reuse cached memory (see <see cref="AllocationBudget"/>).
    /// </summary>
    private static Tensor Finish(Tensor product)
    {
        AllocationBudget.Checkpoint();
        return product;
    }

    private Tensor[] Graph(Tensor loss)
    {
        var grads = AutoDiff.Grad([loss], _parameters, createGraph: true, allowUnused: true);
        var result = new Tensor[grads.Length];
        for (int i = 0; i < grads.Length; i++)
        {
            result[i] = grads[i] ?? Tensor.ZerosLike(_parameters[i]);
        }
        return result;
    }

    private Tensor Product(Tensor[] gradient, Tensor[] v, bool retain)
    {
        var outputs = new List<Tensor>();
        var weights = new List<Tensor?>();
        for (int i = 0; i < gradient.Length; i++)
        {
            if (gradient[i].RequiresGrad)
            {
                outputs.Add(gradient[i]);
                weights.Add(v[i]);
            }
        }
        if (outputs.Count == 0)
        {
            return Tensor.Zeros([Dimension], _parameters[0].DType);
        }
        return Flatten(AutoDiff.Grad(outputs, _parameters, weights, retainGraph: retain, allowUnused: true));
    }

    private Tensor Flatten(Tensor?[] pieces) => ParameterBlocks.Flatten(_parameters, pieces);

    private Tensor[] Unflatten(Tensor v) => ParameterBlocks.Unflatten(_parameters, v);

    /// <summary>An operator for a module: mean <paramref name="loss"/>(model(x), y) over the given batches.</summary>
    public static HessianOperator ForModel(Module model, IEnumerable<(Tensor X, Tensor Y)> batches, Func<Tensor, Tensor, Tensor> loss)
        => new(model.Parameters(), batches, (x, y) => loss(model.Forward(x), y));
}

/// <summary>How a Hessian-vector product is formed.</summary>
public enum HessianProduct
{
    /// <summary>
    /// Forward-over-reverse: the gradient's tangent along v, one forward and one reverse pass that carry tangents
    /// (Pearlmutter's R-operator); no graph of the gradient is recorded or kept.
    /// </summary>
    ForwardOverReverse,

    /// <summary>
    /// Reverse-over-reverse: <c>∇θ⟨∇θL, v⟩</c> by double backward; with a full-batch loss the gradient's graph is built once
    /// and reused for every product (memory for the whole graph, until <see cref="HessianOperator.Reset"/>).
    /// </summary>
    DoubleBackward,
}
