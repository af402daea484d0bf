using Leibniz.Autograd;
using Leibniz.Nn;
using Leibniz.Tensors;

namespace Leibniz.Analysis;

/// <summary>
/// The empirical NTK of a stack of dense layers without the Jacobian (Novak, Sohl-Dickstein and Schoenholz 2022,
/// "Fast finite width neural tangent kernel"). For a Linear layer z = a·Wᵀ + b, the gradient of output o of example i
/// with respect to W is the outer product δᵢ aᵢᵀ, with δᵢ = ∂f_o(xᵢ)/∂zᵢ; so the layer's share of the kernel is
/// <c>Θ_l[(i, o), (j, o′)] = (δᵢ^o · δⱼ^o′)(aᵢ · aⱼ + 1)</c> (the 1 for the bias): a Hadamard product of two
/// batch × batch Gram matrices, Θ = Σ_l (Δ_l^o Δ_l^o′ᵀ) ∘ (A_l A_lᵀ + 1). One forward pass and one backward pass per
/// output replace one backward pass per example and output and the batch × parameters Jacobian.
/// </summary>
internal static class StructuredKernel
{
    /// <summary>Whether <paramref name="model"/> is a <see cref="Sequential"/> of Linear layers and elementwise activations, where the rule holds.</summary>
    public static bool Applies(Module model) =>
        model is Sequential sequential && sequential.Layers.Count > 0
        && sequential.Layers.All(l => l is Linear or Relu or Tanh or Sigmoid or Softsign or Softplus or Gelu or LeakyRelu or Identity)
        && sequential.Layers.OfType<Linear>().All(l => l.Weight.RequiresGrad && (l.Bias is null || l.Bias.RequiresGrad))
        && sequential.Parameters().Length == sequential.Layers.OfType<Linear>().Sum(l => l.Bias is null ? 1 : 2);

    /// <summary>Θ(a, b) [n_a·k, n_b·k], row i·k + o, for a model where <see cref="Applies"/> holds.</summary>
    public static Tensor Cross(Sequential model, Tensor a, Tensor b)
    {
        var left = Pass(model, a);
        var right = ReferenceEquals(a, b) ? left : Pass(model, b);
        int k = left.Deltas.Count, na = a.Size(0), nb = b.Size(0);
        var result = new double[na * k * nb * k];
        using (GradMode.NoGrad())
        {
            // Per layer, the Gram matrix of its inputs (+1 when it has a bias) is shared by every pair of outputs.
            var grams = new Tensor[left.Inputs.Count];
            for (int l = 0; l < grams.Length; l++)
            {
                var gram = left.Inputs[l].Matmul(right.Inputs[l].T);
                grams[l] = left.HasBias[l] ? gram + 1.0 : gram;
            }
            for (int o = 0; o < k; o++)
            {
                for (int p = 0; p < k; p++)
                {
                    Tensor? block = null;
                    for (int l = 0; l < grams.Length; l++)
                    {
                        var term = left.Deltas[o][l].Matmul(right.Deltas[p][l].T) * grams[l];
                        block = block is null ? term : block + term;
                    }
                    var values = block!.ToDoubleArray();
                    for (int i = 0; i < na; i++)
                    {
                        for (int j = 0; j < nb; j++)
                        {
                            result[(i * k + o) * nb * k + j * k + p] = values[i * nb + j];
                        }
                    }
                }
            }
        }
        return Tensor.FromArray(result, na * k, nb * k).To(model.Parameters()[0].DType);
    }

    /// <summary>The inputs A_l of each Linear layer and, for each output o, the gradients Δ_l^o of Σᵢ f_o(xᵢ) with respect to its outputs.</summary>
    private static (List<Tensor> Inputs, List<bool> HasBias, List<List<Tensor>> Deltas) Pass(Sequential model, Tensor x)
    {
        using var recording = GradMode.EnableGrad();
        var inputs = new List<Tensor>();
        var hasBias = new List<bool>();
        var outputs = new List<Tensor>();
        var h = x.Detach();
        foreach (var layer in model.Layers)
        {
            if (layer is Linear linear)
            {
                inputs.Add(h.Detach());
                hasBias.Add(linear.Bias is not null);
                h = linear.Forward(h);
                outputs.Add(h);
            }
            else
            {
                h = layer.Forward(h);
            }
        }
        var f = h.Reshape(h.Size(0), -1);
        int k = f.Size(1);
        var deltas = new List<List<Tensor>>();
        for (int o = 0; o < k; o++)
        {
            // Examples are independent, so the gradient of the sum over the batch is each example's own gradient.
            var grads = AutoDiff.Grad([f.Narrow(1, o, 1).Sum()], outputs, retainGraph: o + 1 < k, allowUnused: true);
            deltas.Add([.. grads.Select((g, l) => g ?? Tensor.ZerosLike(outputs[l]))]);
        }
        return (inputs, hasBias, deltas);
    }
}
