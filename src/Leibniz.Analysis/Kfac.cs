using Leibniz.Autograd;
using Leibniz.Nn;
using Leibniz.Tensors;

namespace Leibniz.Analysis;

/// <summary>
/// One dense layer's Kronecker-factored block (K-FAC; Martens &amp; Grosse 2015) of the Gauss–Newton matrix of the mean
/// cross-entropy: with ã = (a, 1) the layer's input (and 1 for the bias) and Mᵢ = Bᵢᵀ(diag pᵢ − pᵢpᵢᵀ)Bᵢ the
/// output curvature pulled back to the layer's pre-activations s (Bᵢ = ∂zᵢ/∂sᵢ), the exact block
/// <c>(1/N) Σᵢ (ãᵢãᵢᵀ) ⊗ Mᵢ</c> is replaced by <c>A ⊗ G</c>, <c>A = (1/N) Σᵢ ãᵢãᵢᵀ</c>, <c>G = (1/N) Σᵢ Mᵢ</c>.
/// A product is <c>G·[V | v_b]·A</c>, and the factors are small (in + 1 and out square), so the approximation can be
/// inverted or decomposed, which the exact block cannot at scale. It is exact for one example.
/// </summary>
/// <param name="Layer">The dense layer.</param>
/// <param name="A">The input factor, (in + 1) × (in + 1) with a bias, in × in without.</param>
/// <param name="G">The output factor, out × out.</param>
public sealed record KroneckerBlock(Linear Layer, Tensor A, Tensor G)
{
    /// <summary>The number of parameters of the block (weight, then bias).</summary>
    public int Dimension => Layer.Weight.Numel + (Layer.Bias?.Numel ?? 0);

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

    /// <summary><c>(A ⊗ G)·v</c> for v flat over the weight [out, in] (row-major) and then the bias [out].</summary>
    /// <exception cref="ArgumentException">v has the wrong length.</exception>
    public Tensor Apply(Tensor v)
    {
        if (v.Rank != 1 || v.Numel != Dimension)
        {
            throw new ArgumentException($"KroneckerBlock: the vector has shape {ShapeHelper.Format(v.Shape)}, expected [{Dimension}].", nameof(v));
        }
        int outputs = Layer.Weight.Size(0), inputs = Layer.Weight.Size(1);
        var x = v.To(A.DType);
        var augmented = x.Narrow(0, 0, outputs * inputs).Reshape(outputs, inputs);
        if (Layer.Bias is not null)
        {
            augmented = Tensor.Cat([augmented, x.Narrow(0, outputs * inputs, outputs).Reshape(outputs, 1)], 1);
        }
        var product = G.Matmul(augmented).Matmul(A);
        return Layer.Bias is null
            ? product.Reshape(-1)
            : Tensor.Cat([product.Narrow(1, 0, inputs).Reshape(-1), product.Narrow(1, inputs, 1).Reshape(-1)]);
    }
}

/// <summary>K-FAC factors for the dense layers of a network.</summary>
public static class Kfac
{
    /// <summary>
    /// The Kronecker-factored Gauss–Newton blocks of every Linear layer of <paramref name="model"/> (a Sequential whose
    /// layers are applied in turn) for the mean cross-entropy of its logits on <paramref name="inputs"/> (equal to the
    /// true Fisher). The output factors come from C backward passes, one per class: Mᵢ = Σ_c rᵢcrᵢcᵀ pulled back, with
    /// rᵢc = √pᵢc (e_c − pᵢ), so that no label is sampled.
    /// </summary>
    /// <exception cref="ArgumentException">The model has no Linear layer.</exception>
    public static IReadOnlyList<KroneckerBlock> GaussNewton(Sequential model, Tensor inputs)
    {
        var linears = new List<(Linear Layer, Tensor Input, Tensor PreActivation)>();
        Tensor z;
        using (GradMode.EnableGrad())
        {
            var h = inputs;
            foreach (var layer in model.Layers)
            {
                if (layer is Linear linear)
                {
                    var input = h.Detach();
                    h = linear.Forward(h);
                    linears.Add((linear, input, h));
                }
                else
                {
                    h = layer.Forward(h);
                }
            }
            z = h;
        }
        if (linears.Count == 0)
        {
            throw new ArgumentException("Kfac.GaussNewton: the model has no Linear layer.", nameof(model));
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
        var g = linears.Select(l => Tensor.Zeros([l.PreActivation.Size(-1), l.PreActivation.Size(-1)], z.DType)).ToArray();
        var preActivations = linears.Select(l => l.PreActivation).ToArray();
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
                        g[l] = g[l] + s.T.Matmul(s);
                    }
                }
            }
        }
        var result = new List<KroneckerBlock>();
        using (GradMode.NoGrad())
        {
            for (int l = 0; l < linears.Count; l++)
            {
                var a = linears[l].Input;
                if (linears[l].Layer.Bias is not null)
                {
                    a = Tensor.Cat([a, Tensor.Ones([n, 1], a.DType)], 1);
                }
                result.Add(new KroneckerBlock(linears[l].Layer, a.T.Matmul(a) * (1.0 / n), g[l] * (1.0 / n)));
            }
        }
        return result;
    }
}
