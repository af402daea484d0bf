namespace Leibniz.Causal.Effects;

/// <summary>An effect estimate: individual effects τ̂(xᵢ), the average effect, and where known its standard error.</summary>
/// <param name="Individual">τ̂(xᵢ) for each unit (empty for estimators of the average alone).</param>
/// <param name="Ate">The estimated average effect.</param>
/// <param name="StandardError">The standard error of <paramref name="Ate"/>, or NaN when the estimator gives none.</param>
public sealed record EffectEstimate(double[] Individual, double Ate, double StandardError)
{
    /// <summary>The 95 % normal interval Ate ± 1.96·SE.</summary>
    public (double Low, double High) Interval95 => (Ate - 1.959964 * StandardError, Ate + 1.959964 * StandardError);
}

/// <summary>
/// The classical estimators of treatment effects under unconfoundedness, with linear outcome models (ridge) and a
/// logistic propensity model: the S-learner (one model of y on (x, t)), the T-learner (one model per arm), the
/// X-learner (Künzel, Sekhon, Bickel &amp; Yu 2019), inverse-propensity weighting and the doubly robust (augmented
/// IPW) estimator with its influence-function standard error.
/// </summary>
public static class BaselineEstimators
{
    /// <summary>
    /// S-learner: f(x, t) fitted on all units; τ̂(x) = f(x, 1) − f(x, 0) (for a linear f, the coefficient of t). The
    /// individual effects are given at <paramref name="at"/> (default: the fitted units), the average over the fitted units.
    /// </summary>
    public static EffectEstimate SLearner(double[,] x, int[] t, double[] y, double[,]? at = null)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var xt = new double[n, d + 1];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                xt[i, j] = x[i, j];
            }
            xt[i, d] = t[i];
        }
        var f = Regression.Ridge(xt, y);
        return new EffectEstimate([.. Enumerable.Repeat(f.Weights[d], (at ?? x).GetLength(0))], f.Weights[d], double.NaN);
    }

    /// <summary>T-learner: μ̂₀ on the controls, μ̂₁ on the treated; τ̂(x) = μ̂₁(x) − μ̂₀(x), at <paramref name="at"/> (default: the fitted units).</summary>
    public static EffectEstimate TLearner(double[,] x, int[] t, double[] y, double[,]? at = null)
    {
        var (mu0, mu1) = ArmModels(x, t, y);
        double[] Tau(double[,] z) => [.. mu1.Predict(z).Zip(mu0.Predict(z), (a, b) => a - b)];
        return new EffectEstimate(Tau(at ?? x), Tau(x).Average(), double.NaN);
    }

    /// <summary>
    /// X-learner: the imputed effects D₁ = y − μ̂₀(x) on the treated and D₀ = μ̂₁(x) − y on the controls are regressed
    /// on x (τ̂₁, τ̂₀), and combined with the propensity as weight: τ̂(x) = e(x) τ̂₀(x) + (1 − e(x)) τ̂₁(x), at
    /// <paramref name="at"/> (default: the fitted units).
    /// </summary>
    public static EffectEstimate XLearner(double[,] x, int[] t, double[] y, double[,]? at = null)
    {
        var (mu0, mu1) = ArmModels(x, t, y);
        var (treated, control) = (Rows(x, t, 1), Rows(x, t, 0));
        var yTreated = y.Where((_, i) => t[i] == 1).ToArray();
        var yControl = y.Where((_, i) => t[i] == 0).ToArray();
        var d1 = yTreated.Zip(mu0.Predict(treated), (a, b) => a - b).ToArray();
        var d0 = mu1.Predict(control).Zip(yControl, (a, b) => a - b).ToArray();
        var model1 = Regression.Ridge(treated, d1);
        var model0 = Regression.Ridge(control, d0);
        var propensity = Regression.Logistic(x, t);
        double[] Tau(double[,] z)
        {
            var (tau1, tau0) = (model1.Predict(z), model0.Predict(z));
            var e = propensity.Predict(z).Select(Regression.Sigmoid).ToArray();
            return [.. Enumerable.Range(0, z.GetLength(0)).Select(i => e[i] * tau0[i] + (1 - e[i]) * tau1[i])];
        }
        return new EffectEstimate(Tau(at ?? x), Tau(x).Average(), double.NaN);
    }

    /// <summary>
    /// Inverse-propensity weighting (normalised, Hájek): the weighted mean of y over the treated with weights 1/e(x)
    /// minus that over the controls with weights 1/(1 − e(x)); propensities clipped to [<paramref name="clip"/>, 1 − clip].
    /// </summary>
    public static EffectEstimate Ipw(double[,] x, int[] t, double[] y, double clip = 0.01)
    {
        var e = Propensity(x, t).Select(p => Math.Clamp(p, clip, 1 - clip)).ToArray();
        double s1 = 0, w1 = 0, s0 = 0, w0 = 0;
        for (int i = 0; i < t.Length; i++)
        {
            if (t[i] == 1)
            {
                s1 += y[i] / e[i];
                w1 += 1 / e[i];
            }
            else
            {
                s0 += y[i] / (1 - e[i]);
                w0 += 1 / (1 - e[i]);
            }
        }
        return new EffectEstimate([], s1 / w1 - s0 / w0, double.NaN);
    }

    /// <summary>
    /// The doubly robust (augmented IPW) estimator: the mean of
    /// <c>ψᵢ = μ̂₁(xᵢ) − μ̂₀(xᵢ) + tᵢ(yᵢ − μ̂₁(xᵢ))/e(xᵢ) − (1 − tᵢ)(yᵢ − μ̂₀(xᵢ))/(1 − e(xᵢ))</c>, consistent when either
    /// the outcome models or the propensity model is right; its standard error from the influence function,
    /// <c>sd(ψ)/√n</c>. The individual effects returned are the outcome models' μ̂₁ − μ̂₀.
    /// </summary>
    public static EffectEstimate DoublyRobust(double[,] x, int[] t, double[] y, double clip = 0.01)
    {
        var (m0, m1) = ArmModels(x, t, y);
        var mu0 = m0.Predict(x);
        var mu1 = m1.Predict(x);
        var e = Propensity(x, t).Select(p => Math.Clamp(p, clip, 1 - clip)).ToArray();
        var psi = Enumerable.Range(0, t.Length).Select(i =>
            mu1[i] - mu0[i] + (t[i] == 1 ? (y[i] - mu1[i]) / e[i] : -(y[i] - mu0[i]) / (1 - e[i]))).ToArray();
        double mean = psi.Average();
        double sd = Math.Sqrt(psi.Sum(v => (v - mean) * (v - mean)) / (psi.Length - 1));
        return new EffectEstimate([.. mu1.Zip(mu0, (a, b) => a - b)], mean, sd / Math.Sqrt(psi.Length));
    }

    /// <summary>The fitted propensity scores e(xᵢ) (logistic regression).</summary>
    public static double[] Propensity(double[,] x, int[] t) => [.. Regression.Logistic(x, t).Predict(x).Select(Regression.Sigmoid)];

    private static (Regression.Linear Mu0, Regression.Linear Mu1) ArmModels(double[,] x, int[] t, double[] y)
    {
        if (!t.Contains(0) || !t.Contains(1))
        {
            throw new ArgumentException("BaselineEstimators: both arms need units; the treatment takes only one value.", nameof(t));
        }
        var mu0 = Regression.Ridge(Rows(x, t, 0), [.. y.Where((_, i) => t[i] == 0)]);
        var mu1 = Regression.Ridge(Rows(x, t, 1), [.. y.Where((_, i) => t[i] == 1)]);
        return (mu0, mu1);
    }

    private static double[,] Rows(double[,] x, int[] t, int arm)
    {
        var rows = Enumerable.Range(0, t.Length).Where(i => t[i] == arm).ToArray();
        var r = new double[rows.Length, x.GetLength(1)];
        for (int k = 0; k < rows.Length; k++)
        {
            for (int j = 0; j < x.GetLength(1); j++)
            {
                r[k, j] = x[rows[k], j];
            }
        }
        return r;
    }
}
