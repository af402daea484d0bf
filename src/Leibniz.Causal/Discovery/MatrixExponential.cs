using MathNet.Numerics.LinearAlgebra;

namespace Leibniz.Causal.Discovery;

/// <summary>
/// The matrix exponential <c>e^A = Σ_k A^k / k!</c> by scaling and squaring (Moler &amp; Van Loan 2003, method 3):
/// A is divided by 2^s until its norm is at most 1/2, the Taylor series is summed until its terms stop changing
/// the sum, and the result is squared s times. For the non-negative matrices of the acyclicity function (W ∘ W)
/// every term is non-negative, so the series has no cancellation.
/// </summary>
public static class MatrixExponential
{
    /// <summary>e^A for a square matrix A.</summary>
    /// <exception cref="ArgumentException">A is not square or has a non-finite entry.</exception>
    public static Matrix<double> Of(Matrix<double> a)
    {
        if (a.RowCount != a.ColumnCount)
        {
            throw new ArgumentException($"MatrixExponential: the matrix is {a.RowCount}×{a.ColumnCount}; it must be square.", nameof(a));
        }
        double norm = a.InfinityNorm();
        if (!double.IsFinite(norm))
        {
            throw new ArgumentException("MatrixExponential: the matrix has a non-finite entry.", nameof(a));
        }
        int squarings = norm > 0.5 ? (int)Math.Ceiling(Math.Log2(norm / 0.5)) : 0;
        var scaled = a / Math.Pow(2, squarings);
        var sum = Matrix<double>.Build.DenseIdentity(a.RowCount);
        var term = Matrix<double>.Build.DenseIdentity(a.RowCount);
        for (int k = 1; k <= 40; k++)
        {
            term = term * scaled / k;
            sum += term;
            if (term.InfinityNorm() <= 1e-17 * sum.InfinityNorm())
            {
                break;
            }
        }
        for (int i = 0; i < squarings; i++)
        {
            sum *= sum;
        }
        return sum;
    }
}
