using Leibniz.Optim;
using MathNet.Numerics.LinearAlgebra;

namespace Leibniz.Causal.Effects;

/// <summary>
/// The two regressions the baseline estimators are built from: ridge regression of an outcome on covariates (with an
/// unpenalised intercept), and L2-penalised logistic regression for the propensity score e(x) = P(T = 1 | x).
/// </summary>
public static class Regression
{
    /// <summary>A fitted linear predictor f(x) = b + wᵀx.</summary>
    public sealed record Linear(double Intercept, double[] Weights)
    {
        /// <summary>f(x) for each row of <paramref name="x"/>.</summary>
        public double[] Predict(double[,] x)
        {
            int n = x.GetLength(0);
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                double sum = Intercept;
                for (int j = 0; j < Weights.Length; j++)
                {
                    sum += Weights[j] * x[i, j];
                }
                y[i] = sum;
            }
            return y;
        }
    }

    /// <summary>
    /// Ridge: <c>min ‖y − b − Xw‖² + λ‖w‖²</c>, solved from the normal equations of the centred data,
    /// <c>(XcᵀXc + λI) w = Xcᵀ yc</c>, <c>b = ȳ − x̄ᵀw</c>.
    /// </summary>
    public static Linear Ridge(double[,] x, IReadOnlyList<double> y, double lambda = 1e-3)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        if (y.Count != n || n == 0)
        {
            throw new ArgumentException($"Regression.Ridge: {n} rows of covariates and {y.Count} outcomes; give one outcome per row.");
        }
        var xm = Matrix<double>.Build.DenseOfArray(x);
        var means = Enumerable.Range(0, d).Select(j => xm.Column(j).Average()).ToArray();
        double yMean = y.Average();
        var xc = Matrix<double>.Build.Dense(n, d, (i, j) => xm[i, j] - means[j]);
        var yc = Vector<double>.Build.Dense(n, i => y[i] - yMean);
        var w = (xc.TransposeThisAndMultiply(xc) + Matrix<double>.Build.DenseIdentity(d) * lambda).Solve(xc.TransposeThisAndMultiply(yc));
        return new Linear(yMean - w.DotProduct(Vector<double>.Build.DenseOfArray(means)), [.. w]);
    }

    /// <summary>
    /// Logistic regression <c>P(t = 1 | x) = σ(b + wᵀx)</c> by L-BFGS on the mean negative log-likelihood plus
    /// <c>(λ/2)‖w‖²</c> (the intercept unpenalised).
    /// </summary>
    public static Linear Logistic(double[,] x, IReadOnlyList<int> t, double lambda = 1e-3)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        if (t.Count != n || n == 0)
        {
            throw new ArgumentException($"Regression.Logistic: {n} rows of covariates and {t.Count} labels; give one label per row.");
        }
        (double, double[]) Objective(double[] p)
        {
            double value = 0;
            var g = new double[d + 1];
            for (int i = 0; i < n; i++)
            {
                double z = p[0];
                for (int j = 0; j < d; j++)
                {
                    z += p[j + 1] * x[i, j];
                }
                // −log σ(z) for t = 1, −log(1 − σ(z)) for t = 0, computed stably as softplus.
                value += t[i] == 1 ? Softplus(-z) : Softplus(z);
                double residual = Sigmoid(z) - t[i];
                g[0] += residual;
                for (int j = 0; j < d; j++)
                {
                    g[j + 1] += residual * x[i, j];
                }
            }
            value /= n;
            for (int k = 0; k <= d; k++)
            {
                g[k] /= n;
            }
            for (int j = 0; j < d; j++)
            {
                value += 0.5 * lambda * p[j + 1] * p[j + 1];
                g[j + 1] += lambda * p[j + 1];
            }
            return (value, g);
        }
        var result = Lbfgs.Minimize(Objective, new double[d + 1], new LbfgsOptions { GradientTolerance = 1e-8 });
        return new Linear(result.X[0], result.X[1..]);
    }

    /// <summary>σ(z) = 1 / (1 + e^{−z}).</summary>
    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    private static double Softplus(double z) => z > 30 ? z : Math.Log(1 + Math.Exp(z));
}
