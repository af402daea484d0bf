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
        int d = w.RowCount;
        var (value, gradient) = Of([.. w.ToRowMajorArray()], d);
        return (value, Matrix<double>.Build.Dense(d, d, (i, j) => gradient[i * d + j]));
    }

    /// <summary>h(W) alone.</summary>
    public static double Value(Matrix<double> w) => Of([.. w.ToRowMajorArray()], w.RowCount).Value;

    /// <summary>h(W) and its gradient for W as a d × d row-major array.</summary>
    public static (double Value, double[] Gradient) Of(double[] w, int d)
    {
        var square = new double[d * d];
        for (int i = 0; i < square.Length; i++)
        {
            square[i] = w[i] * w[i];
        }
        var e = SquareMatrix.Exponential(square, d);
        double trace = 0;
        var gradient = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            trace += e[i * d + i];
            for (int j = 0; j < d; j++)
            {
                gradient[i * d + j] = 2 * e[j * d + i] * w[i * d + j];
            }
        }
        return (trace - d, gradient);
    }
}
