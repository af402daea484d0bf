using Leibniz.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Leibniz.Causal.Discovery;

/// <summary>
/// The matrix exponential <c>e^A = Σ_k A^k / k!</c> by scaling and squaring with diagonal Padé approximants
/// (Al-Mohy &amp; Higham 2009; see <c>SquareMatrix.Exponential</c>).
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
