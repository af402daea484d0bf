using Leibniz.Causal.Graphs;

namespace Leibniz.Causal.Discovery;

/// <summary>Settings of <see cref="Dagma"/> (the reference code's <c>DagmaLinear.fit</c> defaults).</summary>
public sealed record DagmaOptions
{
    /// <summary>λ₁ of the L1 penalty.</summary>
    public double Lambda1 { get; init; } = 0.03;

    /// <summary>Edges with |W[i, j]| below this are dropped from the estimate.</summary>
    public double Threshold { get; init; } = 0.3;

    /// <summary>T, the number of central-path steps (μ decreases after each).</summary>
    public int PathSteps { get; init; } = 5;

    /// <summary>The first μ, the weight of the score against h.</summary>
    public double MuInitial { get; init; } = 1.0;

    /// <summary>μ is multiplied by this after each path step.</summary>
    public double MuFactor { get; init; } = 0.1;

    /// <summary>s of each path step (the domain sI − W∘W of M-matrices); the last is repeated for further steps.</summary>
    public IReadOnlyList<double> S { get; init; } = [1.0, 0.9, 0.8, 0.7, 0.6];

    /// <summary>Adam iterations of the path steps before the last.</summary>
    public int WarmIterations { get; init; } = 30_000;

    /// <summary>Adam iterations of the last path step.</summary>
    public int MaxIterations { get; init; } = 60_000;

    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 3e-4;

    /// <summary>The objective is evaluated every this many iterations to test convergence.</summary>
    public int Checkpoint { get; init; } = 1000;

    /// <summary>A path step ends when the objective changed by at most this (relatively) between checkpoints.</summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>Adam's β₁.</summary>
    public double Beta1 { get; init; } = 0.99;

    /// <summary>Adam's β₂.</summary>
    public double Beta2 { get; init; } = 0.999;
}

/// <summary>The estimate of <see cref="Dagma"/>.</summary>
/// <param name="Weights">The weights after thresholding (a DAG's).</param>
/// <param name="Unthresholded">The weights the central path ended at.</param>
/// <param name="Graph">The estimated DAG.</param>
/// <param name="H">h^{s=1} of the unthresholded weights.</param>
/// <param name="Iterations">Adam iterations over all path steps.</param>
/// <param name="Retries">Path steps restarted with a larger s and a smaller step after leaving the domain.</param>
/// <param name="DroppedForCycles">Edges above the threshold dropped, smallest first, because they closed a cycle.</param>
public sealed record DagmaResult(double[,] Weights, double[,] Unthresholded, Dag Graph, double H, int Iterations, int Retries, int DroppedForCycles);

/// <summary>
/// Linear DAGMA (Bello, Aragam &amp; Ravikumar 2022): acyclicity by the log-determinant
/// <c>h^s(W) = −log det(sI − W∘W) + d log s</c>, which on the domain where sI − W∘W is an M-matrix is zero exactly on
/// DAGs, with gradient <c>∇h^s(W) = 2 W ∘ (sI − W∘W)^{−ᵀ}</c>. Instead of an augmented Lagrangian it follows a
/// central path: for μ = μ₀, μ₀·f, … it minimises <c>μ(½ tr((I − W)ᵀ S (I − W)) + λ₁‖W‖₁) + h^s(W)</c> by Adam from the
/// last solution, S = XᵀX/n of the centred data. An Adam step that leaves the domain (an entry of
/// (sI − W∘W)⁻¹ negative, <see cref="Acyclicity.LogDeterminant"/>) is halved; if the first step of a path step already leaves it, that step restarts with
/// s + 0.1 and half the learning rate, as the reference code does. The diagonal of W is held at zero, forbidden
/// edges too; required edges get the reference code's reward (the L1 sign reversed) and are kept by the thresholding.
/// </summary>
public static class Dagma
{
    /// <summary>Estimates a DAG from samples X [n, d], with what is known beforehand (none by default).</summary>
    /// <exception cref="ArgumentException">X has fewer than two rows or no columns, or the knowledge is about another number of variables.</exception>
    public static DagmaResult Linear(double[,] samples, DagmaOptions? options = null, BackgroundKnowledge? knowledge = null)
    {
        var o = options ?? new DagmaOptions();
        int n = samples.GetLength(0), d = samples.GetLength(1);
        if (n < 2 || d < 1)
        {
            throw new ArgumentException($"Dagma: the data are {n}×{d}; at least two samples of at least one variable are needed.", nameof(samples));
        }
        var known = knowledge ?? BackgroundKnowledge.None(d);
        known.CheckCount(d, "Dagma");
        var covariance = LinearScore.Covariance(samples);
        int dd = d * d;
        // 1 where an entry may move, 0 on the diagonal and forbidden edges; −1 reverses the L1 sign on required edges.
        var free = new double[dd];
        var l1Sign = new double[dd];
        for (int k = 0; k < dd; k++)
        {
            int i = k / d, j = k % d;
            free[k] = i == j || known.IsForbidden(i, j) ? 0 : 1;
            l1Sign[k] = known.IsRequired(i, j) ? -1 : 1;
        }
        var w = new double[dd];
        double mu = o.MuInitial;
        int iterations = 0, retries = 0;
        for (int t = 0; t < o.PathSteps; t++)
        {
            double s = o.S[Math.Min(t, o.S.Count - 1)];
            double rate = o.LearningRate;
            int budget = t == o.PathSteps - 1 ? o.MaxIterations : o.WarmIterations;
            while (true)
            {
                var trial = (double[])w.Clone();
                var (ok, used) = Minimize(trial, covariance, d, mu, s, rate, budget, o, free, l1Sign);
                iterations += used;
                if (ok)
                {
                    w = trial;
                    break;
                }
                retries++;
                rate *= 0.5;
                s += 0.1;
            }
            mu *= o.MuFactor;
        }
        var raw = new double[d, d];
        for (int k = 0; k < dd; k++)
        {
            raw[k / d, k % d] = w[k];
        }
        double h = Acyclicity.LogDeterminant(w, d, 1.0)?.Value ?? double.PositiveInfinity;
        var (thresholded, dropped) = WeightedGraphEstimate.Threshold(raw, o.Threshold, known);
        return new DagmaResult(thresholded, raw, Dag.FromWeights(thresholded), h, iterations, retries, dropped);
    }

    /// <summary>One path step: Adam on μ·score + h^s from w (changed in place); false when the first step leaves the domain.</summary>
    private static (bool Ok, int Iterations) Minimize(double[] w, double[] covariance, int d, double mu, double s, double rate, int budget, DagmaOptions o, double[] free, double[] l1Sign)
    {
        int dd = d * d;
        var m1 = new double[dd];
        var m2 = new double[dd];
        var step = new double[dd];
        double previous = 1e16;
        for (int iteration = 1; iteration <= budget; iteration++)
        {
            var h = InDomain(w, d, s);
            while (h is null)
            {
                if (iteration == 1 || s <= 0.9)
                {
                    return (false, iteration);
                }
                // Undo the last step and take half of it.
                for (int k = 0; k < dd; k++)
                {
                    w[k] += rate * step[k];
                }
                rate *= 0.5;
                if (rate <= 1e-16)
                {
                    return (true, iteration);
                }
                for (int k = 0; k < dd; k++)
                {
                    w[k] -= rate * step[k];
                }
                h = InDomain(w, d, s);
            }
            // ∇ = −μ S(I − W) + μλ₁ sign(W) (reversed on required edges) + ∇h^s.
            var (_, sr) = LinearScore.Of(covariance, w, d);
            double c1 = 1 - Math.Pow(o.Beta1, iteration), c2 = 1 - Math.Pow(o.Beta2, iteration);
            for (int k = 0; k < dd; k++)
            {
                double g = -mu * sr[k] + mu * o.Lambda1 * l1Sign[k] * Math.Sign(w[k]) + h[k];
                m1[k] = o.Beta1 * m1[k] + (1 - o.Beta1) * g;
                m2[k] = o.Beta2 * m2[k] + (1 - o.Beta2) * g * g;
                step[k] = free[k] * (m1[k] / c1) / (Math.Sqrt(m2[k] / c2) + 1e-8);
                w[k] -= rate * step[k];
            }
            if (iteration % o.Checkpoint == 0 || iteration == budget)
            {
                double objective = Objective(w, covariance, d, mu, s, o.Lambda1);
                if (Math.Abs((previous - objective) / previous) <= o.Tolerance)
                {
                    return (true, iteration);
                }
                previous = objective;
            }
        }
        return (true, budget);
    }

    /// <summary>∇h^s(W) when W is inside the domain of M-matrices, else null.</summary>
    private static double[]? InDomain(double[] w, int d, double s) => Acyclicity.LogDeterminant(w, d, s) is { InDomain: true } h ? h.Gradient : null;

    /// <summary>μ(½ tr((I − W)ᵀ S (I − W)) + λ₁‖W‖₁) + h^s(W).</summary>
    private static double Objective(double[] w, double[] covariance, int d, double mu, double s, double lambda1)
    {
        double l1 = 0;
        foreach (double v in w)
        {
            l1 += Math.Abs(v);
        }
        double score = LinearScore.Of(covariance, w, d).Value;
        return mu * (score + lambda1 * l1) + (Acyclicity.LogDeterminant(w, d, s)?.Value ?? double.PositiveInfinity);
    }
}
