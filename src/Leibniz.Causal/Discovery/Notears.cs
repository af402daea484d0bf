using Leibniz.Causal.Graphs;
using Leibniz.Numerics;
using Leibniz.Optim;

namespace Leibniz.Causal.Discovery;

/// <summary>Settings of <see cref="Notears"/> (the reference code's defaults).</summary>
public sealed record NotearsOptions
{
    /// <summary>λ₁ of the L1 penalty (0.1 in NOTEARS' experiments).</summary>
    public double Lambda1 { get; init; } = 0.1;

    /// <summary>Most dual-ascent steps.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Stop once h(W) ≤ this.</summary>
    public double HTolerance { get; init; } = 1e-8;

    /// <summary>Stop once the penalty ρ reaches this.</summary>
    public double RhoMax { get; init; } = 1e16;

    /// <summary>Edges with |W[i, j]| below this are dropped from the estimate.</summary>
    public double Threshold { get; init; } = 0.3;
}

/// <summary>The estimate of <see cref="Notears"/>.</summary>
/// <param name="Weights">The weights after thresholding (a DAG's).</param>
/// <param name="Unthresholded">The weights the optimisation ended at.</param>
/// <param name="Graph">The estimated DAG.</param>
/// <param name="H">h of the unthresholded weights at the end.</param>
/// <param name="Rho">The final penalty ρ.</param>
/// <param name="DualSteps">Dual-ascent steps taken.</param>
/// <param name="Solves">Inner L-BFGS solves.</param>
/// <param name="Iterations">L-BFGS iterations over all solves.</param>
/// <param name="Converged">True when h ≤ <see cref="NotearsOptions.HTolerance"/> (not stopped by ρ or the iteration limit).</param>
/// <param name="DroppedForCycles">Edges above the threshold dropped, smallest first, because they closed a cycle.</param>
public sealed record NotearsResult(double[,] Weights, double[,] Unthresholded, Dag Graph, double H, double Rho, int DualSteps, int Solves, int Iterations, bool Converged, int DroppedForCycles);

/// <summary>
/// Linear NOTEARS (Zheng, Aragam, Ravikumar &amp; Xing 2018): <c>min_W ½n⁻¹‖X − XW‖²_F + λ₁‖W‖₁</c> subject to
/// <c>h(W) = 0</c> (<see cref="Acyclicity"/>), by the augmented Lagrangian <c>+ ½ρh² + αh</c> with the reference code's
/// schedule — each subproblem solved from the last solution, ρ multiplied by 10 until h falls below a quarter of
/// its previous value, then α += ρh — and W split as W₊ − W₋ with W₊, W₋ ≥ 0 (diagonals fixed at 0) so that the L1
/// term is smooth and the subproblems are bound-constrained (<see cref="Lbfgs"/>). The data are centred first. The
/// squared loss is computed from the d × d covariance S = XᵀX/n: <c>½ tr((I − W)ᵀ S (I − W))</c> with gradient
/// <c>−S(I − W)</c>, the same function as the n × d form at d² instead of n·d² work per evaluation. Background
/// knowledge: forbidden edges are held at zero by the bounds, required edges are not penalised by the L1 term and
/// are kept by the thresholding.
/// </summary>
public static class Notears
{
    /// <summary>Estimates a DAG from samples X [n, d], with what is known beforehand (none by default).</summary>
    /// <exception cref="ArgumentException">X has fewer than two rows or no columns, or the knowledge is about another number of variables.</exception>
    public static NotearsResult Linear(double[,] samples, NotearsOptions? options = null, BackgroundKnowledge? knowledge = null)
    {
        var o = options ?? new NotearsOptions();
        int n = samples.GetLength(0), d = samples.GetLength(1);
        if (n < 2 || d < 1)
        {
            throw new ArgumentException($"Notears: the data are {n}×{d}; at least two samples of at least one variable are needed.", nameof(samples));
        }
        var known = knowledge ?? BackgroundKnowledge.None(d);
        known.CheckCount(d, "Notears");
        var s = LinearScore.Covariance(samples);
        double rho = 1, alpha = 0, h = double.PositiveInfinity;
        int dd = d * d;
        // The L1 weight of each entry: none on required edges.
        var lambda = new double[dd];
        for (int k = 0; k < dd; k++)
        {
            lambda[k] = known.IsRequired(k / d, k % d) ? 0 : o.Lambda1;
        }
        double[] Adjacency(double[] w)
        {
            var a = new double[dd];
            for (int k = 0; k < dd; k++)
            {
                a[k] = w[k] - w[dd + k];
            }
            return a;
        }
        (double, double[]) Objective(double[] w)
        {
            var wm = Adjacency(w);
            if (SquareMatrix.InfinityNorm(wm, d) > 1e100)
            {
                // Far outside any sensible region (a line search's trial step): e^{W∘W} would overflow.
                return (double.PositiveInfinity, new double[2 * dd]);
            }
            var (loss, sr) = LinearScore.Of(s, wm, d);
            var (hv, gh) = Acyclicity.Of(wm, d);
            double l1 = 0;
            for (int k = 0; k < dd; k++)
            {
                l1 += lambda[k] * (w[k] + w[dd + k]);
            }
            double value = loss + 0.5 * rho * hv * hv + alpha * hv + l1;
            var g = new double[2 * dd];
            double weight = rho * hv + alpha;
            for (int k = 0; k < dd; k++)
            {
                double smooth = -sr[k] + weight * gh[k];
                g[k] = smooth + lambda[k];
                g[dd + k] = -smooth + lambda[k];
            }
            return (value, g);
        }
        var lower = new double[2 * dd];
        var upper = new double[2 * dd];
        for (int k = 0; k < 2 * dd; k++)
        {
            int i = (k % dd) / d, j = k % d;
            upper[k] = i == j || known.IsForbidden(i, j) ? 0 : double.PositiveInfinity;
        }
        var estimate = new double[2 * dd];
        int steps = 0, solves = 0, iterations = 0;
        for (; steps < o.MaxIterations; steps++)
        {
            double[]? next = null;
            double hNext = 0;
            while (rho < o.RhoMax)
            {
                var solve = Lbfgs.Minimize(Objective, estimate, lower, upper);
                next = solve.X;
                solves++;
                iterations += solve.Iterations;
                hNext = Acyclicity.Of(Adjacency(next), d).Value;
                if (hNext > 0.25 * h)
                {
                    rho *= 10;
                }
                else
                {
                    break;
                }
            }
            if (next is null)
            {
                break;
            }
            (estimate, h) = (next, hNext);
            alpha += rho * h;
            if (h <= o.HTolerance || rho >= o.RhoMax)
            {
                steps++;
                break;
            }
        }
        var flat = Adjacency(estimate);
        var raw = new double[d, d];
        for (int k = 0; k < dd; k++)
        {
            raw[k / d, k % d] = flat[k];
        }
        var (thresholded, dropped) = WeightedGraphEstimate.Threshold(raw, o.Threshold, known);
        return new NotearsResult(thresholded, raw, Dag.FromWeights(thresholded), h, rho, steps, solves, iterations, h <= o.HTolerance, dropped);
    }
}
