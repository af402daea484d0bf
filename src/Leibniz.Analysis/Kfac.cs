using Leibniz.Autograd;
using Leibniz.Nn;
using Leibniz.Tensors;

namespace Leibniz.Analysis;

/// <summary>
/// One layer's Kronecker-factored block of the Gauss–Newton matrix of the mean cross-entropy.
/// <para>Dense layers (K-FAC; Martens &amp; Grosse 2015): with ã = (a, 1) the layer's input (and 1 for the bias) and
/// Mᵢ = Bᵢᵀ(diag pᵢ − pᵢpᵢᵀ)Bᵢ the output curvature pulled back to the layer's pre-activations s (Bᵢ = ∂zᵢ/∂sᵢ),
/// the exact block <c>(1/N) Σᵢ (ãᵢãᵢᵀ) ⊗ Mᵢ</c> is replaced by <c>A ⊗ G</c>, <c>A = (1/N) Σᵢ ãᵢãᵢᵀ</c>,
/// <c>G = (1/N) Σᵢ Mᵢ</c>. It is exact for one example.</para>
/// <para>Convolution layers (KFC; Grosse &amp; Martens 2016): ã_t is the input patch at output location t (with 1 for
/// the bias) and s_t the pre-activation there. Assuming the derivatives at different locations uncorrelated and the
/// statistics the same at every location, <c>A = (1/N) Σᵢ Σₜ ãᵢₜãᵢₜᵀ</c> and <c>G = (1/(N·T)) Σᵢ Σₜ Mᵢₜ</c> over the
/// T output locations. It is exact for one example when T = 1 (the kernel covers the padded input).</para>
/// A product is <c>G·[V | v_b]·A</c> with V the weight as [out, in·kh·kw]; the factors are small (in·kh·kw + 1 and
/// out square), so the approximation can be inverted or decomposed, which the exact block cannot at scale.
/// </summary>
/// <param name="Layer">The dense (<see cref="Linear"/>) or convolution (<see cref="Conv2d"/>) layer.</param>
/// <param name="A">The input factor, (in + 1) × (in + 1) with a bias, in × in without (in·kh·kw for a convolution).</param>
/// <param name="G">The output factor, out × out.</param>
public sealed record KroneckerBlock(Module Layer, Tensor A, Tensor G)
{
    /// <summary>The layer's weight: [out, in] or [out, in, kh, kw].</summary>
    public Tensor Weight => Layer switch
    {
        Linear linear => linear.Weight,
        Conv2d conv => conv.Weight,
        _ => throw new InvalidOperationException($"KroneckerBlock: {Layer.GetType().Name} is neither a dense nor a convolution layer."),
    };

    /// <summary>The layer's bias [out], or null.</summary>
    public Tensor? Bias => Layer switch
    {
        Linear linear => linear.Bias,
        Conv2d conv => conv.Bias,
        _ => null,
    };

    /// <summary>The number of parameters of the block (weight, then bias).</summary>
    public int Dimension => Weight.Numel + (Bias?.Numel ?? 0);

    /// <summary>The trace of the approximation, exactly <c>tr A · tr G</c>.</summary>
    public double Trace => MatrixTrace(A) * MatrixTrace(G);

    private static double MatrixTrace(Tensor m)
    {
        double sum = 0;
        for (int i = 0; i < m.Size(0); i++)
        {
            sum += m.At(i, i);
        }
        return sum;
    }

    /// <summary><c>(A ⊗ G)·v</c> for v flat over the weight (row-major) and then the bias [out].</summary>
    /// <exception cref="ArgumentException">v has the wrong length.</exception>
    public Tensor Apply(Tensor v)
    {
        if (v.Rank != 1 || v.Numel != Dimension)
        {
            throw new ArgumentException($"KroneckerBlock: the vector has shape {ShapeHelper.Format(v.Shape)}, expected [{Dimension}].", nameof(v));
        }
        int outputs = Weight.Size(0), inputs = Weight.Numel / outputs;
        var x = v.To(A.DType);
        var augmented = x.Narrow(0, 0, outputs * inputs).Reshape(outputs, inputs);
        if (Bias is not null)
        {
            augmented = Tensor.Cat([augmented, x.Narrow(0, outputs * inputs, outputs).Reshape(outputs, 1)], 1);
        }
        var product = G.Matmul(augmented).Matmul(A);
        return Bias is null
            ? product.Reshape(-1)
            : Tensor.Cat([product.Narrow(1, 0, inputs).Reshape(-1), product.Narrow(1, inputs, 1).Reshape(-1)]);
    }
}

/// <summary>K-FAC factors for the dense and convolution layers of a network.</summary>
public static class Kfac
{
    /// <summary>
    /// The Kronecker-factored Gauss–Newton blocks of every Linear and Conv2d layer of <paramref name="model"/> (a
    /// Sequential whose layers are applied in turn), in order, for the mean cross-entropy of its logits on
    /// <paramref name="inputs"/> (equal to the true Fisher). The output factors come from C backward passes, one per
    /// class: Mᵢ = Σ_c rᵢcrᵢcᵀ pulled back, with rᵢc = √pᵢc (e_c − pᵢ), so that no label is sampled.
    /// </summary>
    /// <exception cref="ArgumentException">The model has neither layer, a grouped convolution, or logits not [N, C].</exception>
    public static IReadOnlyList<KroneckerBlock> GaussNewton(Sequential model, Tensor inputs)
    {
        var layers = new List<(Module Layer, Tensor Input, Tensor PreActivation)>();
        Tensor z;
        using (GradMode.EnableGrad())
        {
            var h = inputs;
            foreach (var layer in model.Layers)
            {
                if (layer is Conv2d { Groups: not 1 } grouped)
                {
                    throw new ArgumentException($"Kfac.GaussNewton: the convolution {grouped} has {grouped.Groups} groups; KFC is implemented for ungrouped convolutions only.", nameof(model));
                }
                if (layer is Linear or Conv2d)
                {
                    var input = h.Detach();
                    h = layer.Forward(h);
                    layers.Add((layer, input, h));
                }
                else
                {
                    h = layer.Forward(h);
                }
            }
            z = h;
        }
        if (layers.Count == 0)
        {
            throw new ArgumentException("Kfac.GaussNewton: the model has no Linear or Conv2d layer.", nameof(model));
        }
        if (z.Rank != 2)
        {
            throw new ArgumentException($"Kfac.GaussNewton: the logits must be [N, C]; got {ShapeHelper.Format(z.Shape)}.", nameof(model));
        }
        int n = z.Size(0), classes = z.Size(1);
        Tensor p;
        using (GradMode.NoGrad())
        {
            p = z.Detach().Softmax(-1);
        }
        var g = layers.Select(l => Tensor.Zeros([l.PreActivation.Size(1), l.PreActivation.Size(1)], z.DType)).ToArray();
        var preActivations = layers.Select(l => l.PreActivation).ToArray();
        for (int c = 0; c < classes; c++)
        {
            Tensor r;
            using (GradMode.NoGrad())
            {
                var indicator = Tensor.Zeros([n, classes], z.DType);
                indicator.Narrow(1, c, 1).Fill(1);
                r = (indicator - p) * p.Narrow(1, c, 1).Sqrt();
            }
            var pulled = AutoDiff.Grad([z], preActivations, [r], retainGraph: true, allowUnused: true);
            using (GradMode.NoGrad())
            {
                for (int l = 0; l < g.Length; l++)
                {
                    if (pulled[l] is { } s)
                    {
                        var rows = Locations(s);
                        g[l] = g[l] + rows.T.Matmul(rows);
                    }
                }
            }
        }
        var result = new List<KroneckerBlock>();
        using (GradMode.NoGrad())
        {
            for (int l = 0; l < layers.Count; l++)
            {
                var (layer, input, preActivation) = layers[l];
                var a = layer is Conv2d conv ? Patches(conv, input) : input;
                bool bias = layer is Linear { Bias: not null } or Conv2d { Bias: not null };
                if (bias)
                {
                    a = Tensor.Cat([a, Tensor.Ones([a.Size(0), 1], a.DType)], 1);
                }
                int locations = preActivation.Numel / (n * preActivation.Size(1));
                result.Add(new KroneckerBlock(layer, a.T.Matmul(a) * (1.0 / n), g[l] * (1.0 / (n * locations))));
            }
        }
        return result;
    }

    /// <summary>A pre-activation's rows, one per example and output location: [N, O] as it is, [N, O, H, W] as [N·H·W, O].</summary>
    private static Tensor Locations(Tensor s) => s.Rank == 2 ? s : s.Permute(0, 2, 3, 1).Reshape(-1, s.Size(1));

    /// <summary>The input patches of a convolution, one row per example and output location: [N·T, C·KH·KW].</summary>
    private static Tensor Patches(Conv2d conv, Tensor input)
    {
        var columns = input.Im2Col(conv.Weight.Size(2), conv.Weight.Size(3), conv.Stride.H, conv.Stride.W, conv.Padding.H, conv.Padding.W, conv.Dilation.H, conv.Dilation.W);
        return columns.Permute(0, 2, 1).Reshape(-1, columns.Size(1));
    }
}
