namespace Leibniz.Causal.Effects;

/// <summary>
/// A continuous treatment (a dose): the S-learner's average dose–response curve. The outcome is modelled as
/// <c>f(x, t) = b + wᵀx + Σ_{p ≤ P} c_p t^p + Σ_j v_j x_j t</c> (ridge), a polynomial in the dose with dose–covariate
/// interactions, and under unconfoundedness <c>E[Y(t)] = mean_i f(xᵢ, t)</c> (the g-formula). Its slope is the average
/// marginal effect of the dose. Adjusting for x removes the confounding that a regression of y on t alone keeps.
/// </summary>
public sealed class ContinuousTreatment
{
    private readonly Regression.Linear _model;
    private readonly double[,] _x;
    private readonly int _degree;

    private ContinuousTreatment(Regression.Linear model, double[,] x, int degree) => (_model, _x, _degree) = (model, x, degree);

    /// <summary>Fits f on covariates x [n, d], doses t and outcomes y, with a dose polynomial of the given degree.</summary>
    /// <exception cref="ArgumentException">The lengths disagree or the degree is below 1.</exception>
    public static ContinuousTreatment Fit(double[,] x, double[] t, double[] y, int degree = 2, double lambda = 1e-6)
    {
        if (t.Length != x.GetLength(0) || y.Length != t.Length || degree < 1)
        {
            throw new ArgumentException($"ContinuousTreatment: {x.GetLength(0)} rows, {t.Length} doses, {y.Length} outcomes and degree {degree}; give one dose and outcome per row and a degree of at least 1.");
        }
        var model = Regression.Ridge(Features(x, t, degree), y, lambda);
        return new ContinuousTreatment(model, x, degree);
    }

    /// <summary>E[Y(t)] = mean over the fitted units of f(xᵢ, t), at each dose of <paramref name="doses"/>.</summary>
    public double[] DoseResponse(IReadOnlyList<double> doses) => [.. doses.Select(dose =>
    {
        var t = Enumerable.Repeat(dose, _x.GetLength(0)).ToArray();
        return _model.Predict(Features(_x, t, _degree)).Average();
    })];

    /// <summary>The average marginal effect d E[Y(t)]/dt at a dose (exact: f is a polynomial in t).</summary>
    public double MarginalEffect(double dose)
    {
        int n = _x.GetLength(0), d = _x.GetLength(1);
        double slope = 0;
        for (int p = 1; p <= _degree; p++)
        {
            slope += p * _model.Weights[d + p - 1] * Math.Pow(dose, p - 1);
        }
        for (int j = 0; j < d; j++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++)
            {
                mean += _x[i, j] / n;
            }
            slope += _model.Weights[d + _degree + j] * mean;
        }
        return slope;
    }

    /// <summary>[x, t, t², …, t^P, x·t] for each row.</summary>
    private static double[,] Features(double[,] x, double[] t, int degree)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var f = new double[n, 2 * d + degree];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                f[i, j] = x[i, j];
                f[i, d + degree + j] = x[i, j] * t[i];
            }
            for (int p = 1; p <= degree; p++)
            {
                f[i, d + p - 1] = Math.Pow(t[i], p);
            }
        }
        return f;
    }
}
