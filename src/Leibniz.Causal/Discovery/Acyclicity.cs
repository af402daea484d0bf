using Leibniz.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Leibniz.Causal.Discovery;

/// <summary>
/// NOTEARS' smooth characterisation of acyclicity (Zheng et al. 2018, Theorem 1): for a weighted adjacency matrix W,
/// <c>h(W) = tr(e^{W ∘ W}) − d</c> is zero exactly when W's graph is a DAG (tr (W∘W)^k sums the weights of closed
/// walks of length k, all non-negative), with gradient <c>∇h(W) = (e^{W ∘ W})ᵀ ∘ 2W</c>; and DAGMA's log-determinant
/// form (<see cref="LogDeterminant"/>).
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
        var (value, outer) = TraceExponential(square, d);
        var gradient = new double[d * d];
        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] = 2 * outer[i] * w[i];
        }
        return (value, gradient);
    }

    /// <summary>
    /// <c>tr(e^A) − d</c> for a non-negative A (NOTEARS-MLP's A of squared weight norms) and its gradient <c>(e^A)ᵀ</c>.
    /// </summary>
    public static (double Value, double[] Gradient) TraceExponential(double[] a, int d)
    {
        var e = SquareMatrix.Exponential(a, d);
        double trace = -d;
        var gradient = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            trace += e[i * d + i];
            for (int j = 0; j < d; j++)
            {
                gradient[i * d + j] = e[j * d + i];
            }
        }
        return (trace, gradient);
    }

    /// <summary>
    /// DAGMA's acyclicity function (Bello, Aragam &amp; Ravikumar 2022, Theorem 1): <c>h^s(W) = −log det(sI − W∘W) + d log s</c>,
    /// zero exactly on DAGs within the domain where sI − W∘W is an M-matrix (equivalently its inverse has no negative
    /// entry), with gradient <c>∇h^s(W) = 2 W ∘ (sI − W∘W)^{−ᵀ}</c>. Null when sI − W∘W is singular; <c>InDomain</c> is
    /// false when its inverse has a negative entry (below −10⁻¹⁶, the reference code's allowance).
    /// </summary>
    public static (double Value, double[] Gradient, bool InDomain)? LogDeterminant(double[] w, int d, double s)
    {
        var m = new double[d * d];
        for (int k = 0; k < m.Length; k++)
        {
            m[k] = (k / d == k % d ? s : 0) - w[k] * w[k];
        }
        if (SquareMatrix.Invert(m, d) is not var (inverse, logAbsDet))
        {
            return null;
        }
        bool inDomain = true;
        var gradient = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                inDomain &= inverse[i * d + j] + 1e-16 >= 0;
                gradient[i * d + j] = 2 * w[i * d + j] * inverse[j * d + i];
            }
        }
        return (-logAbsDet + d * Math.Log(s), gradient, inDomain);
    }
}
