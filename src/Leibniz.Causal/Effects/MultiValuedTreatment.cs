using Leibniz.Causal.Models;
using Leibniz.Optim;

namespace Leibniz.Causal.Effects;

/// <summary>The effects of arms 1 … K − 1 against arm 0, each with its standard error (NaN when the estimator gives none).</summary>
/// <param name="Effects">τ̂_k = E[Y(k)] − E[Y(0)] for k = 1 … K − 1 (index k − 1).</param>
/// <param name="StandardErrors">Their standard errors.</param>
/// <param name="Means">The estimated E[Y(k)] for k = 0 … K − 1.</param>
public sealed record ArmEffects(double[] Effects, double[] StandardErrors, double[] Means);

/// <summary>
/// Treatments with K ≥ 2 unordered values t ∈ {0, …, K − 1}: the T-learner (a ridge model μ̂_k per arm,
/// <c>E[Y(k)] = mean μ̂_k(xᵢ)</c>) and the doubly robust (augmented IPW) estimator with a multinomial logistic
/// propensity <c>e_k(x) = softmax(b + Wx)_k</c>: <c>ψᵢ(k) = μ̂_k(xᵢ) + 1{tᵢ = k}(yᵢ − μ̂_k(xᵢ))/e_k(xᵢ)</c>,
/// <c>τ̂_k = mean(ψ(k) − ψ(0))</c> with the influence-function standard error sd(ψ(k) − ψ(0))/√n (Cattaneo 2010).
/// </summary>
public static class MultiValuedTreatment
{
    /// <summary>The T-learner's arm means and contrasts.</summary>
    /// <exception cref="ArgumentException">An arm of 0 … K − 1 has no units, or the lengths disagree.</exception>
    public static ArmEffects TLearner(double[,] x, int[] t, double[] y)
    {
        int arms = Arms(x, t, y);
        var mu = OutcomeModels(x, t, y, arms);
        var means = mu.Select(m => m.Average()).ToArray();
        return new ArmEffects([.. means.Skip(1).Select(v => v - means[0])], [.. Enumerable.Repeat(double.NaN, arms - 1)], means);
    }

    /// <summary>The doubly robust arm means and contrasts, propensities clipped below at <paramref name="clip"/>.</summary>
    /// <exception cref="ArgumentException">An arm of 0 … K − 1 has no units, or the lengths disagree.</exception>
    public static ArmEffects DoublyRobust(double[,] x, int[] t, double[] y, double clip = 0.01)
    {
        int arms = Arms(x, t, y), n = t.Length;
        var mu = OutcomeModels(x, t, y, arms);
        var e = Propensities(x, t, arms);
        var psi = new double[arms][];
        for (int k = 0; k < arms; k++)
        {
            psi[k] = [.. Enumerable.Range(0, n).Select(i => mu[k][i] + (t[i] == k ? (y[i] - mu[k][i]) / Math.Max(e[i][k], clip) : 0))];
        }
        var effects = new double[arms - 1];
        var errors = new double[arms - 1];
        for (int k = 1; k < arms; k++)
        {
            var contrast = Enumerable.Range(0, n).Select(i => psi[k][i] - psi[0][i]).ToArray();
            double mean = contrast.Average();
            effects[k - 1] = mean;
            errors[k - 1] = Math.Sqrt(contrast.Sum(v => (v - mean) * (v - mean)) / (n - 1) / n);
        }
        return new ArmEffects(effects, errors, [.. psi.Select(p => p.Average())]);
    }

    /// <summary>
    /// Multinomial logistic regression by L-BFGS on the mean negative log-likelihood plus (λ/2)‖W‖² (intercepts
    /// unpenalised), arm 0's parameters fixed at zero: the fitted e_k(xᵢ), each row summing to 1.
    /// </summary>
    public static double[][] Propensities(double[,] x, int[] t, int arms, double lambda = 1e-3)
    {
        int n = x.GetLength(0), d = x.GetLength(1), width = d + 1;
        double[][] Probabilities(double[] p)
        {
            var result = new double[n][];
            for (int i = 0; i < n; i++)
            {
                var z = new double[arms];
                for (int k = 1; k < arms; k++)
                {
                    int offset = (k - 1) * width;
                    double s = p[offset];
                    for (int j = 0; j < d; j++)
                    {
                        s += p[offset + 1 + j] * x[i, j];
                    }
                    z[k] = s;
                }
                double top = z.Max();
                var exp = z.Select(v => Math.Exp(v - top)).ToArray();
                double sum = exp.Sum();
                result[i] = [.. exp.Select(v => v / sum)];
            }
            return result;
        }
        (double, double[]) Objective(double[] p)
        {
            var prob = Probabilities(p);
            double value = 0;
            var g = new double[p.Length];
            for (int i = 0; i < n; i++)
            {
                value -= Math.Log(Math.Max(prob[i][t[i]], 1e-300));
                for (int k = 1; k < arms; k++)
                {
                    double r = prob[i][k] - (t[i] == k ? 1 : 0);
                    int offset = (k - 1) * width;
                    g[offset] += r;
                    for (int j = 0; j < d; j++)
                    {
                        g[offset + 1 + j] += r * x[i, j];
                    }
                }
            }
            value /= n;
            for (int k = 0; k < p.Length; k++)
            {
                g[k] /= n;
                if (k % width != 0)
                {
                    value += 0.5 * lambda * p[k] * p[k];
                    g[k] += lambda * p[k];
                }
            }
            return (value, g);
        }
        var fit = Lbfgs.Minimize(Objective, new double[(arms - 1) * width], new LbfgsOptions { GradientTolerance = 1e-8 });
        return Probabilities(fit.X);
    }

    private static double[][] OutcomeModels(double[,] x, int[] t, double[] y, int arms)
    {
        var mu = new double[arms][];
        for (int k = 0; k < arms; k++)
        {
            var rows = Enumerable.Range(0, t.Length).Where(i => t[i] == k).ToArray();
            var model = Regression.Ridge(Samples.Rows(x, rows), [.. rows.Select(i => y[i])]);
            mu[k] = model.Predict(x);
        }
        return mu;
    }

    private static int Arms(double[,] x, int[] t, double[] y)
    {
        if (t.Length != x.GetLength(0) || y.Length != t.Length)
        {
            throw new ArgumentException($"MultiValuedTreatment: {x.GetLength(0)} rows, {t.Length} treatments and {y.Length} outcomes; give one of each per unit.");
        }
        int arms = t.Max() + 1;
        var missing = Enumerable.Range(0, arms).Where(k => !t.Contains(k)).ToArray();
        if (arms < 2 || missing.Length > 0 || t.Min() < 0)
        {
            throw new ArgumentException($"MultiValuedTreatment: the treatments must take every value 0 … K − 1 (K ≥ 2); {(missing.Length > 0 ? $"no unit has {string.Join(", ", missing)}" : $"the values run {t.Min()} … {t.Max()}")}.", nameof(t));
        }
        return arms;
    }
}
