using Leibniz.Autograd;
using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>How a loss combines its per-element values.</summary>
public enum Reduction
{
    /// <summary>The mean over elements (or over the weights, for weighted cross-entropy).</summary>
    Mean,

    /// <summary>The sum.</summary>
    Sum,

    /// <summary>No reduction: one value per element.</summary>
    None,

    /// <summary>The sum divided by the batch size (the mathematically right mean for KL divergence).</summary>
    BatchMean,
}
