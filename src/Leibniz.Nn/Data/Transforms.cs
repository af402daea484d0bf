using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Data;

/// <summary>Common input transforms.</summary>
public static class Transforms
{
    /// <summary><c>(x − mean) / std</c>.</summary>
    public static Tensor Normalize(Tensor x, double mean, double std) => (x - mean) / std;

    /// <summary>Per-feature standardisation with statistics from <paramref name="reference"/> (e.g. the training set).</summary>
    public static Tensor Standardize(Tensor x, Tensor reference)
    {
        var mean = reference.Mean(0, keepDim: true);
        var std = reference.Std(0, correction: 0, keepDim: true) + 1e-12;
        return (x - mean) / std;
    }

    /// <summary>Flattens every sample: [N, …] → [N, Π…].</summary>
    public static Tensor FlattenSamples(Tensor x) => x.Flatten(1);

    /// <summary>Integer labels → one-hot float rows.</summary>
    public static Tensor OneHot(Tensor labels, int classes) => labels.OneHot(classes);
}
