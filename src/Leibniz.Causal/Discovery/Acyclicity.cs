using MathNet.Numerics.LinearAlgebra;

namespace Leibniz.Causal.Discovery;

/// <summary>
/// NOTEARS' smooth characterisation of acyclicity (Zheng et al. 2018, Theorem 1): for a weighted adjacency matrix W,
/// <c>h(W) = tr(e^{W ∘ W}) − d</c> is zero exactly when W's graph is a DAG (tr (W∘W)^k sums the weights of closed
/// walks of length k, all non-negative), with gradient <c>∇h(W) = (e^{W ∘ W})ᵀ ∘ 2W</c>.
/// </summary>
public static class Acyclicity
{
    /// <summary>h(W) and its gradient.</summary>
    public static (double Value, Matrix<double> Gradient) Of(Matrix<double> w)
    {
        var e = MatrixExponential.Of(w.PointwiseMultiply(w));
        return (e.Trace() - w.RowCount, e.Transpose().PointwiseMultiply(w) * 2);
    }

    /// <summary>h(W) alone.</summary>
    public static double Value(Matrix<double> w) => MatrixExponential.Of(w.PointwiseMultiply(w)).Trace() - w.RowCount;
}
