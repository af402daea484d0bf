using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Workloads;

/// <summary>
/// A multilayer perceptron as plain weight tensors, initialised like PyTorch's <c>nn.Linear</c> default
/// (weights and biases uniform on ±1/√fan_in), with an activation between layers.
/// </summary>
internal sealed class FunctionalMlp
{
    private readonly Func<Tensor, Tensor> _activation;

    public FunctionalMlp(int[] sizes, Func<Tensor, Tensor> activation, Generator generator)
    {
        _activation = activation;
        var parameters = new List<Tensor>();
        for (int i = 0; i + 1 < sizes.Length; i++)
        {
            double bound = 1.0 / Math.Sqrt(sizes[i]);
            parameters.Add(Tensor.Rand(generator, -bound, bound, [sizes[i + 1], sizes[i]]).RequireGrad());
            parameters.Add(Tensor.Rand(generator, -bound, bound, [sizes[i + 1]]).RequireGrad());
        }
        Parameters = parameters;
    }

    /// <summary>Weights and biases, layer by layer.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    public int ParameterCount => Parameters.Sum(p => p.Numel);

    public Tensor Forward(Tensor x)
    {
        for (int i = 0; i < Parameters.Count; i += 2)
        {
            x = Tensor.Linear(x, Parameters[i], Parameters[i + 1]);
            if (i + 2 < Parameters.Count)
            {
                x = _activation(x);
            }
        }
        return x;
    }

    /// <summary>Concatenates per-parameter tensors into one flat vector.</summary>
    public static Tensor Flatten(IReadOnlyList<Tensor> tensors)
    {
        var flat = new Tensor[tensors.Count];
        for (int i = 0; i < flat.Length; i++)
        {
            flat[i] = tensors[i].Reshape(-1);
        }
        return Tensor.Cat(flat);
    }

    /// <summary>Splits a flat vector into views shaped like the parameters.</summary>
    public Tensor[] Unflatten(Tensor vector)
    {
        var result = new Tensor[Parameters.Count];
        int offset = 0;
        for (int i = 0; i < result.Length; i++)
        {
            int n = Parameters[i].Numel;
            result[i] = vector.Narrow(0, offset, n).Reshape(Parameters[i].Shape.ToArray());
            offset += n;
        }
        return result;
    }

    /// <summary>Mean cross-entropy of logits [n, classes] against int64 labels [n].</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor labels)
        => -logits.LogSoftmax(1).Gather(1, labels.Reshape(-1, 1)).Mean();
}
