using MathNet.Numerics.LinearAlgebra;

namespace Leibniz.Causal.Effects;

/// <summary>
/// An ordinary least-squares fit <c>y = b + Xw + ε</c> with the classical standard errors: with the design
/// D = [1 X] (n × (p + 1)), <c>(b, w) = (DᵀD)⁻¹Dᵀy</c> (by QR), <c>σ̂² = ‖y − D(b, w)‖² / (n − p − 1)</c>,
/// <c>Cov = σ̂²(DᵀD)⁻¹</c>; t-statistics <c>wⱼ / se(wⱼ)</c> with n − p − 1 degrees of freedom.
/// </summary>
/// <param name="Intercept">b.</param>
/// <param name="Weights">w.</param>
/// <param name="InterceptError">The standard error of b.</param>
/// <param name="Errors">The standard errors of w.</param>
/// <param name="ResidualVariance">σ̂².</param>
/// <param name="DegreesOfFreedom">n − p − 1.</param>
public sealed record LeastSquares(double Intercept, double[] Weights, double InterceptError, double[] Errors, double ResidualVariance, int DegreesOfFreedom)
{
    /// <summary>The t-statistic of weight j.</summary>
    public double T(int j) => Weights[j] / Errors[j];

    /// <summary>Fits y on the columns of X (an intercept added).</summary>
    /// <exception cref="ArgumentException">The lengths differ, or there are no more rows than coefficients.</exception>
    public static LeastSquares Fit(double[,] x, IReadOnlyList<double> y)
    {
        int n = x.GetLength(0), p = x.GetLength(1);
        if (y.Count != n)
        {
            throw new ArgumentException($"LeastSquares: {n} rows of regressors and {y.Count} outcomes; give one outcome per row.", nameof(y));
        }
        if (n <= p + 1)
        {
            throw new ArgumentException($"LeastSquares: {n} rows for {p + 1} coefficients; the residual variance needs more rows than coefficients.", nameof(x));
        }
        var design = Matrix<double>.Build.Dense(n, p + 1, (i, j) => j == 0 ? 1 : x[i, j - 1]);
        var target = Vector<double>.Build.Dense(n, i => y[i]);
        var coefficients = design.QR().Solve(target);
        var residual = target - design * coefficients;
        int dof = n - p - 1;
        double sigma2 = residual.DotProduct(residual) / dof;
        var covariance = design.TransposeThisAndMultiply(design).Inverse() * sigma2;
        return new LeastSquares(coefficients[0], [.. coefficients.Skip(1)], Math.Sqrt(covariance[0, 0]),
            [.. Enumerable.Range(1, p).Select(j => Math.Sqrt(covariance[j, j]))], sigma2, dof);
    }
}
