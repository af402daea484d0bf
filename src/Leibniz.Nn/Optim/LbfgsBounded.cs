using System.Numerics.Tensors;
using Leibniz.Numerics;

namespace Leibniz.Optim;

/// <summary>L-BFGS-B: the bounded half of <see cref="Lbfgs"/>.</summary>
public static partial class Lbfgs
{
    /// <summary>
    /// Minimises f over the box lower ≤ x ≤ upper (use ±∞ for a free side; lower = upper fixes a variable) from x0
    /// (projected onto the box first), by L-BFGS-B. Each iteration, with the model
    /// <c>m(z) = f + gᵀ(z − x) + ½ (z − x)ᵀB(z − x)</c> of the compact BFGS matrix B:
    /// (1) the generalised Cauchy point x^c, the first local minimiser of m along the projected path
    /// <c>P(x − t g)</c>, found by walking its breakpoints in order (Byrd et al. 1995, Algorithm CP);
    /// (2) the minimiser of m over the variables free at x^c, by the direct primal method
    /// (<c>d̂ = −B̂⁻¹ r̂</c>, Sherman–Morrison–Woodbury), projected into the box and, if that is no longer a descent
    /// direction, truncated instead (Morales &amp; Nocedal 2011);
    /// (3) a strong-Wolfe line search along <c>d = x̄ − x</c> whose largest step is the edge of the box (1 on the
    /// first iteration). Pairs with sᵀy ≤ ε·(−gᵀs) are skipped; a failed line search forgets the pairs and tries
    /// again once from steepest descent. Stationarity is the projected gradient ‖P(x − g) − x‖∞.
    /// </summary>
    /// <exception cref="ArgumentException">The bounds do not match x0, a lower bound exceeds its upper bound, or Memory is below 1.</exception>
    public static LbfgsResult Minimize(Objective f, double[] x0, double[] lower, double[] upper, LbfgsOptions? options = null)
    {
        var o = options ?? new LbfgsOptions();
        int n = x0.Length;
        if (lower.Length != n || upper.Length != n)
        {
            throw new ArgumentException($"Lbfgs: {n} variables but {lower.Length} lower and {upper.Length} upper bounds; give one of each per variable.");
        }
        if (o.Memory < 1)
        {
            throw new ArgumentException($"Lbfgs: Memory is {o.Memory}; keep at least one correction pair (10 is usual).");
        }
        for (int i = 0; i < n; i++)
        {
            if (!(lower[i] <= upper[i]))
            {
                throw new ArgumentException($"Lbfgs: variable {i} has lower bound {lower[i]} above its upper bound {upper[i]}.");
            }
        }
        bool constrained = false, boxed = true;
        for (int i = 0; i < n; i++)
        {
            bool hasLower = double.IsFinite(lower[i]), hasUpper = double.IsFinite(upper[i]);
            constrained |= hasLower || hasUpper;
            boxed &= hasLower && hasUpper;
        }
        var x = Project(x0, lower, upper);
        var (fx, g) = Start(f, x, n);
        int evaluations = 1;
        var memory = new CompactBfgsMatrix(o.Memory);
        var freeGram = new FreeSetGram(n, o.Memory);
        var breakpoints = new PriorityQueue<int, double>(n);
        for (int iteration = 0; iteration < o.MaxIterations; iteration++)
        {
            double projected = ProjectedGradientNorm(x, g, lower, upper);
            if (projected <= o.GradientTolerance)
            {
                return new LbfgsResult(x, fx, g, iteration, evaluations, true, "projected gradient below tolerance");
            }
            var (cauchy, mc) = CauchyPoint(x, g, lower, upper, memory, breakpoints);
            var target = SubspaceMinimum(x, g, lower, upper, memory, freeGram, cauchy, mc);
            var d = Subtract(target, x);
            double slope = Dot(g, d);
            if (!(slope < 0))
            {
                if (memory.Count == 0)
                {
                    return new LbfgsResult(x, fx, g, iteration, evaluations, false, $"no descent direction in the box (iteration {iteration}, projected gradient {projected:G3})");
                }
                memory.Clear();
                continue;
            }
            double maxStep = !constrained ? 1e10 : iteration == 0 ? 1 : LargestFeasibleStep(x, d, lower, upper);
            double initial = iteration == 0 && !boxed ? Math.Min(1 / Math.Max(Norm(d), 1e-300), maxStep) : 1;
            var search = StrongWolfe(f, x, fx, d, slope, initial, maxStep, lower, upper, o, ref evaluations);
            if (search is null)
            {
                if (memory.Count == 0)
                {
                    return new LbfgsResult(x, fx, g, iteration, evaluations, false, $"line search found no step satisfying the strong Wolfe conditions (iteration {iteration}, f = {fx:G6}, projected gradient {projected:G3})");
                }
                memory.Clear();
                continue;
            }
            var (xNew, fNew, gNew) = search.Value;
            var s = Subtract(xNew, x);
            var y = Subtract(gNew, g);
            if (Dot(s, y) > MachineEpsilon * -Dot(g, s))
            {
                memory.Add(s, y);
            }
            bool small = (fx - fNew) <= o.ValueTolerance * Math.Max(Math.Max(Math.Abs(fx), Math.Abs(fNew)), 1);
            (x, fx, g) = (xNew, fNew, gNew);
            if (small)
            {
                return new LbfgsResult(x, fx, g, iteration + 1, evaluations, true, "relative decrease below tolerance");
            }
        }
        return new LbfgsResult(x, fx, g, o.MaxIterations, evaluations, false, "iteration limit reached");
    }

    /// <summary>
    /// The generalised Cauchy point x^c and M c with c = Wᵀ(x^c − x). Along x(t) = P(x − t g) variable i stops at its
    /// bound at tᵢ = (xᵢ − uᵢ)/gᵢ (gᵢ &lt; 0) or (xᵢ − lᵢ)/gᵢ (gᵢ &gt; 0). On each segment the model is
    /// f′ t + ½ f″ t², with f′ = gᵀd, f″ = θ dᵀd − dᵀWMWᵀd at the start; the walk stops inside the first segment whose
    /// minimiser −f′/f″ lies before its end, and f′, f″ are updated at each breakpoint b in O(k²):
    /// f′ += Δt f″ + g_b² + θ g_b z_b − g_b w_bᵀMc,  f″ −= θ g_b² + 2 g_b w_bᵀMp + g_b² w_bᵀMw_b,  p += g_b w_b.
    /// </summary>
    private static (double[] Point, double[] MiddleC) CauchyPoint(double[] x, double[] g, double[] lower, double[] upper, CompactBfgsMatrix memory,
        PriorityQueue<int, double> breakpoints)
    {
        int n = x.Length;
        double theta = memory.Theta;
        var d = new double[n];
        // The breakpoints in a heap (the caller's, emptied here), since the walk usually stops after the first few (as
        // hpsolb in the Fortran code).
        breakpoints.Clear();
        for (int i = 0; i < n; i++)
        {
            double t = g[i] < 0 ? (double.IsFinite(upper[i]) ? (x[i] - upper[i]) / g[i] : double.PositiveInfinity)
                : g[i] > 0 ? (double.IsFinite(lower[i]) ? (x[i] - lower[i]) / g[i] : double.PositiveInfinity)
                : double.PositiveInfinity;
            d[i] = t == 0 ? 0 : -g[i];
            if (t > 0 && double.IsFinite(t))
            {
                breakpoints.Enqueue(i, t);
            }
        }
        var p = memory.TransposeTimes(d);
        var mp = memory.MiddleTimes(p);
        var mc = new double[p.Length];
        double slope = -Dot(d, d);
        double curvature = -theta * slope - Dot(p, mp);
        double curvatureFloor = MachineEpsilon * curvature;
        var point = (double[])x.Clone();
        if (!(slope < 0))
        {
            return (point, mc);
        }
        double stepToMinimum = -slope / curvature;
        double tOld = 0;
        var wb = new double[p.Length];
        var mwb = new double[p.Length];
        while (breakpoints.TryDequeue(out int b, out double tb))
        {
            double dt = tb - tOld;
            if (stepToMinimum < dt)
            {
                break;
            }
            point[b] = d[b] > 0 ? upper[b] : lower[b];
            double zb = point[b] - x[b];
            double gb = g[b];
            for (int j = 0; j < mc.Length; j++)
            {
                mc[j] += dt * mp[j];
            }
            memory.CopyRow(b, wb);
            memory.MiddleTimes(wb, mwb);
            slope += dt * curvature + gb * gb + theta * gb * zb - gb * Dot(wb, mc);
            curvature -= theta * gb * gb + 2 * gb * Dot(wb, mp) + gb * gb * Dot(wb, mwb);
            curvature = Math.Max(curvature, curvatureFloor);
            for (int j = 0; j < mp.Length; j++)
            {
                mp[j] += gb * mwb[j];
            }
            d[b] = 0;
            stepToMinimum = -slope / curvature;
            tOld = tb;
        }
        stepToMinimum = Math.Max(stepToMinimum, 0);
        tOld += stepToMinimum;
        for (int i = 0; i < n; i++)
        {
            if (d[i] != 0)
            {
                point[i] = Math.Clamp(x[i] + tOld * d[i], lower[i], upper[i]);
            }
        }
        for (int j = 0; j < mc.Length; j++)
        {
            mc[j] += stepToMinimum * mp[j];
        }
        return (point, mc);
    }

    /// <summary>
    /// The minimiser x̄ of the model over the variables free at the Cauchy point (strictly inside their bounds), the
    /// others held: with Z selecting the free variables and r̂ = Zᵀ(g + θ(x^c − x) − WMc),
    /// <c>d̂ = −(1/θ) r̂ − (1/θ²) ZᵀW N⁻¹ M WᵀZ r̂</c>, <c>N = I − (1/θ) M WᵀZZᵀW</c>. The step x^c + d̂ is projected into
    /// the box; if the projection is not a descent direction from x it is truncated to the box instead.
    /// </summary>
    private static double[] SubspaceMinimum(double[] x, double[] g, double[] lower, double[] upper, CompactBfgsMatrix memory, FreeSetGram freeGram, double[] cauchy, double[] mc)
    {
        int n = x.Length;
        int size = 2 * memory.Count;
        var free = new int[n];
        int nf = 0;
        for (int i = 0; i < n; i++)
        {
            if (lower[i] < cauchy[i] && cauchy[i] < upper[i])
            {
                free[nf++] = i;
            }
        }
        if (nf == 0 || size == 0)
        {
            return cauchy;
        }
        double theta = memory.Theta;
        // The pairs restricted to the free variables (y_j as row j, s_j as row k + j: W's column k + j is θ s_j), and
        // r̂ = Zᵀ(g + θ(x^c − x)) − (ZᵀW) Mc.
        int k = memory.Count;
        var wzT = memory.GatherRows(free, nf);
        var r = new double[nf];
        for (int a = 0; a < nf; a++)
        {
            int i = free[a];
            r[a] = g[i] + theta * (cauchy[i] - x[i]);
        }
        for (int j = 0; j < size; j++)
        {
            TensorPrimitives.MultiplyAdd(wzT.AsSpan(j * nf, nf), -mc[j] * (j < k ? 1 : theta), r, r);
        }
        // WᵀZr̂ as inner products of length nf; WᵀZZᵀW kept between iterations.
        var wzr = new double[size];
        for (int j = 0; j < size; j++)
        {
            wzr[j] = (j < k ? 1 : theta) * TensorPrimitives.Dot<double>(wzT.AsSpan(j * nf, nf), r);
        }
        var gram = freeGram.Compute(memory, free, nf, wzT);
        // v = N⁻¹ M WᵀZr̂ with N = I − (1/θ) M WᵀZZᵀW, that is v = (M⁻¹ − (1/θ) WᵀZZᵀW)⁻¹ WᵀZr̂ (N = M(M⁻¹ − ·)), solved
        // with M⁻¹ = [[−D, Lᵀ], [L, θSᵀS]] as it stands, as the Fortran code's formk does; a singular system leaves the
        // Cauchy point.
        var system = memory.MiddleInverse();
        for (int i = 0; i < system.Length; i++)
        {
            system[i] -= gram[i] / theta;
        }
        var v = wzr;
        if (!SquareMatrix.SolveInPlace(system, v, size))
        {
            return cauchy;
        }
        // d̂ = −(1/θ) r̂ − (1/θ²) ZᵀW v.
        var du = new double[nf];
        for (int a = 0; a < nf; a++)
        {
            du[a] = -r[a] / theta;
        }
        for (int j = 0; j < size; j++)
        {
            TensorPrimitives.MultiplyAdd(wzT.AsSpan(j * nf, nf), -v[j] * (j < k ? 1 : theta) / (theta * theta), du, du);
        }
        var projectedPoint = StepFrom(cauchy, free, nf, du, 1, lower, upper);
        double descent = 0;
        for (int i = 0; i < n; i++)
        {
            descent += (projectedPoint[i] - x[i]) * g[i];
        }
        if (descent < 0)
        {
            return projectedPoint;
        }
        double alpha = 1;
        for (int a = 0; a < nf; a++)
        {
            int i = free[a];
            if (du[a] < 0)
            {
                alpha = Math.Min(alpha, (lower[i] - cauchy[i]) / du[a]);
            }
            else if (du[a] > 0)
            {
                alpha = Math.Min(alpha, (upper[i] - cauchy[i]) / du[a]);
            }
        }
        return StepFrom(cauchy, free, nf, du, alpha, lower, upper);
    }

    /// <summary>x^c + α Z d̂ (the first <paramref name="nf"/> entries of <paramref name="free"/>), clamped into the box against rounding.</summary>
    private static double[] StepFrom(double[] cauchy, int[] free, int nf, double[] du, double alpha, double[] lower, double[] upper)
    {
        var point = (double[])cauchy.Clone();
        for (int a = 0; a < nf; a++)
        {
            int i = free[a];
            point[i] = Math.Clamp(cauchy[i] + alpha * du[a], lower[i], upper[i]);
        }
        return point;
    }

    /// <summary>The largest t with lower ≤ x + t d ≤ upper (capped at 1e10).</summary>
    private static double LargestFeasibleStep(double[] x, double[] d, double[] lower, double[] upper)
    {
        double most = 1e10;
        for (int i = 0; i < x.Length; i++)
        {
            if (d[i] < 0 && double.IsFinite(lower[i]))
            {
                most = Math.Min(most, Math.Max((lower[i] - x[i]) / d[i], 0));
            }
            else if (d[i] > 0 && double.IsFinite(upper[i]))
            {
                most = Math.Min(most, Math.Max((upper[i] - x[i]) / d[i], 0));
            }
        }
        return most;
    }
}
