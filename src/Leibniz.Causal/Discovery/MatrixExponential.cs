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
        int d = a.RowCount;
        var e = SquareMatrix.Exponential([.. a.ToRowMajorArray()], d);
        return Matrix<double>.Build.Dense(d, d, (i, j) => e[i * d + j]);
    }
}
