using System.Numerics.Tensors;

namespace Leibniz.Optim;

/// <summary>A smooth objective: its value and gradient at x.</summary>
public delegate (double Value, double[] Gradient) Objective(double[] x);

/// <summary>Settings of <see cref="Lbfgs"/>.</summary>
public sealed record LbfgsOptions
{
    /// <summary>Correction pairs kept (m; SciPy's default is 10).</summary>
    public int Memory { get; init; } = 10;

    /// <summary>Most iterations.</summary>
    public int MaxIterations { get; init; } = 15_000;

    /// <summary>Stop when the largest entry of the (projected) gradient is at most this (SciPy's <c>pgtol</c>).</summary>
    public double GradientTolerance { get; init; } = 1e-5;

    /// <summary>Stop when the relative decrease (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) is at most this (SciPy's <c>factr</c>·ε).</summary>
    public double ValueTolerance { get; init; } = 1e7 * Lbfgs.MachineEpsilon;

    /// <summary>Sufficient decrease constant c₁ of the Wolfe conditions.</summary>
    public double C1 { get; init; } = 1e-4;

    /// <summary>Curvature constant c₂ of the strong Wolfe conditions (0.9 for quasi-Newton methods).</summary>
    public double C2 { get; init; } = 0.9;
}

/// <summary>The end point of a minimisation and why it stopped.</summary>
/// <param name="X">The last iterate.</param>
/// <param name="Value">f(X).</param>
/// <param name="Gradient">∇f(X).</param>
/// <param name="Iterations">Iterations taken.</param>
/// <param name="Evaluations">Objective evaluations.</param>
/// <param name="Converged">True when a tolerance was met (not the iteration limit or a failed line search).</param>
/// <param name="Reason">What stopped it, in words.</param>
public sealed record LbfgsResult(double[] X, double Value, double[] Gradient, int Iterations, int Evaluations, bool Converged, string Reason);

/// <summary>
/// Limited-memory BFGS (Nocedal 1980; Liu &amp; Nocedal 1989) on vectors of doubles. Without bounds the direction is
/// <c>d = −H g</c> from the two-loop recursion over the last m pairs (sᵢ = x_{i+1} − xᵢ, yᵢ = g_{i+1} − gᵢ), with the
/// initial scaling <c>H₀ = (sᵀy / yᵀy) I</c>, and the step satisfies the strong Wolfe conditions (Nocedal &amp; Wright,
/// Algorithms 3.5 and 3.6, cubic interpolation in the zoom). With bounds
/// (<see cref="Minimize(Objective, double[], double[], double[], LbfgsOptions?)"/>) it is L-BFGS-B (Byrd, Lu, Nocedal
/// &amp; Zhu 1995, with Morales &amp; Nocedal's 2011 refinement of the subspace step): a generalised Cauchy point on the
/// projected-gradient path, a quasi-Newton step in the variables left free there, and a strong-Wolfe line search that
/// stays in the box.
/// </summary>
public static partial class Lbfgs
{
    /// <summary>The unit roundoff of double, 2⁻⁵² (Fortran's <c>epsilon(1d0)</c>, as L-BFGS-B uses it).</summary>
    internal const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Minimises f from x0 without bounds.</summary>
    public static LbfgsResult Minimize(Objective f, double[] x0, LbfgsOptions? options = null)
    {
        var o = options ?? new LbfgsOptions();
        int n = x0.Length;
        var x = (double[])x0.Clone();
        var (fx, g) = Start(f, x, n);
        int evaluations = 1;
        var memory = new Corrections(o.Memory);
        for (int iteration = 0; iteration < o.MaxIterations; iteration++)
        {
            if (MaxAbs(g) <= o.GradientTolerance)
            {
                return new LbfgsResult(x, fx, g, iteration, evaluations, true, "gradient below tolerance");
            }
            var d = memory.Direction(g);
            double slope = Dot(g, d);
            if (!(slope < 0))
            {
                memory.Clear();
                d = Negate(g);
                slope = Dot(g, d);
            }
            double initial = iteration == 0 ? Math.Min(1, 1 / Math.Max(Norm(g), 1e-300)) : 1;
            var search = StrongWolfe(f, x, fx, d, slope, initial, 1e20, null, null, o, ref evaluations);
            if (search is null)
            {
                return new LbfgsResult(x, fx, g, iteration, evaluations, false, $"line search found no step satisfying the strong Wolfe conditions (iteration {iteration}, f = {fx:G6}, largest gradient entry {MaxAbs(g):G3})");
            }
            var (xNew, fNew, gNew) = search.Value;
            memory.Add(Subtract(xNew, x), Subtract(gNew, g));
            bool small = (fx - fNew) <= o.ValueTolerance * Math.Max(Math.Max(Math.Abs(fx), Math.Abs(fNew)), 1);
            (x, fx, g) = (xNew, fNew, gNew);
            if (small)
            {
                return new LbfgsResult(x, fx, g, iteration + 1, evaluations, true, "relative decrease below tolerance");
            }
        }
        return new LbfgsResult(x, fx, g, o.MaxIterations, evaluations, false, "iteration limit reached");
    }

    /// <summary>‖P(x − g) − x‖∞, the projected gradient: zero exactly at a Karush–Kuhn–Tucker point of the box.</summary>
    public static double ProjectedGradientNorm(double[] x, double[] g, double[] lower, double[] upper)
    {
        double most = 0;
        for (int i = 0; i < x.Length; i++)
        {
            most = Math.Max(most, Math.Abs(Math.Clamp(x[i] - g[i], lower[i], upper[i]) - x[i]));
        }
        return most;
    }

    /// <summary>
    /// A step t along d with f(x + t d) ≤ f(x) + c₁ t gᵀd and |∇f(x + t d)ᵀd| ≤ c₂ |gᵀd| (Nocedal &amp; Wright,
    /// Algorithm 3.5: grow the step until the interval brackets such a point, then zoom, Algorithm 3.6).
    /// </summary>
    /// <remarks>
    /// The step never exceeds <paramref name="maxStep"/>; when it reaches it with sufficient decrease and the slope still
    /// negative, that step is taken (as in L-BFGS-B, where the largest step is the edge of the box). Trial points are
    /// clamped into the box [<paramref name="lower"/>, <paramref name="upper"/>] when one is given, against rounding.
    /// </remarks>
    private static (double[] X, double F, double[] G)? StrongWolfe(Objective f, double[] x, double f0, double[] d, double slope0,
        double initial, double maxStep, double[]? lower, double[]? upper, LbfgsOptions o, ref int evaluations)
    {
        int n = x.Length;
        double previousStep = 0, previousF = f0, previousSlope = slope0;
        double step = Math.Min(initial, maxStep);
        for (int i = 0; i < 40; i++)
        {
            var (xt, ft, gt) = At(f, x, d, step, lower, upper, n);
            evaluations++;
            double slope = Dot(gt, d);
            if (ft > f0 + o.C1 * step * slope0 || (i > 0 && ft >= previousF))
            {
                return Zoom(f, x, f0, slope0, d, previousStep, previousF, previousSlope, step, ft, slope, lower, upper, o, ref evaluations);
            }
            if (Math.Abs(slope) <= -o.C2 * slope0)
            {
                return (xt, ft, gt);
            }
            if (slope >= 0)
            {
                return Zoom(f, x, f0, slope0, d, step, ft, slope, previousStep, previousF, previousSlope, lower, upper, o, ref evaluations);
            }
            if (step >= maxStep)
            {
                return (xt, ft, gt);
            }
            (previousStep, previousF, previousSlope) = (step, ft, slope);
            step = Math.Min(2 * step, maxStep);
        }
        return null;
    }

    private static (double[] X, double F, double[] G)? Zoom(Objective f, double[] x, double f0, double slope0, double[] d,
        double low, double fLow, double slopeLow, double high, double fHigh, double slopeHigh, double[]? lower, double[]? upper,
        LbfgsOptions o, ref int evaluations)
    {
        int n = x.Length;
        for (int i = 0; i < 60; i++)
        {
            double step = CubicMinimizer(low, fLow, slopeLow, high, fHigh, slopeHigh);
            double lo = Math.Min(low, high), hi = Math.Max(low, high);
            double width = hi - lo;
            if (!(step > lo + 0.1 * width && step < hi - 0.1 * width))
            {
                step = 0.5 * (low + high);
            }
            var (xt, ft, gt) = At(f, x, d, step, lower, upper, n);
            evaluations++;
            double slope = Dot(gt, d);
            if (ft > f0 + o.C1 * step * slope0 || ft >= fLow)
            {
                (high, fHigh, slopeHigh) = (step, ft, slope);
            }
            else
            {
                if (Math.Abs(slope) <= -o.C2 * slope0)
                {
                    return (xt, ft, gt);
                }
                if (slope * (high - low) >= 0)
                {
                    (high, fHigh, slopeHigh) = (low, fLow, slopeLow);
                }
                (low, fLow, slopeLow) = (step, ft, slope);
            }
            if (Math.Abs(high - low) <= 1e-16 * Math.Max(Math.Abs(low), 1))
            {
                // The interval has collapsed: accept the best point if it decreased enough.
                return fLow < f0 ? At(f, x, d, low, lower, upper, n) : null;
            }
        }
        return null;
    }

    /// <summary>The minimiser of the cubic through (a, fa, f′a) and (b, fb, f′b) (Nocedal &amp; Wright (3.59)); NaN when it has none.</summary>
    private static double CubicMinimizer(double a, double fa, double da, double b, double fb, double db)
    {
        double d1 = da + db - 3 * (fa - fb) / (a - b);
        double radicand = d1 * d1 - da * db;
        if (radicand < 0)
        {
            return double.NaN;
        }
        double d2 = Math.Sign(b - a) * Math.Sqrt(radicand);
        return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
    }

    private static (double[] X, double F, double[] G) At(Objective f, double[] x, double[] d, double step, double[]? lower, double[]? upper, int n)
    {
        var xt = new double[n];
        for (int i = 0; i < n; i++)
        {
            xt[i] = x[i] + step * d[i];
            if (lower is not null && upper is not null)
            {
                xt[i] = Math.Clamp(xt[i], lower[i], upper[i]);
            }
        }
        var (ft, gt) = Evaluate(f, xt, n);
        return (xt, ft, gt);
    }

    /// <summary>The objective at the starting point, which must be finite.</summary>
    private static (double Value, double[] Gradient) Start(Objective f, double[] x, int n)
    {
        var (value, gradient) = Evaluate(f, x, n);
        if (!double.IsFinite(value) || gradient.Any(v => !double.IsFinite(v)))
        {
            throw new ArithmeticException($"Lbfgs: the objective or its gradient is not finite at the starting point (f = {value}); check the objective there and its scaling.");
        }
        return (value, gradient);
    }

    private static (double Value, double[] Gradient) Evaluate(Objective f, double[] x, int n)
    {
        var (value, gradient) = f(x);
        if (gradient.Length != n)
        {
            throw new ArgumentException($"Lbfgs: the objective returned a gradient of length {gradient.Length} for {n} variables.");
        }
        // A trial point where the objective overflows is too far: it counts as +∞, and the line search shortens the step.
        return (double.IsNaN(value) ? double.PositiveInfinity : value, gradient);
    }

    private static double[] Project(double[] x, double[] lower, double[] upper)
    {
        var p = new double[x.Length];
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = Math.Clamp(x[i], lower[i], upper[i]);
        }
        return p;
    }

    private static double Dot(double[] a, double[] b) => TensorPrimitives.Dot<double>(a, b);

    private static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

    private static double MaxAbs(double[] a) => a.Length == 0 ? 0 : a.Max(Math.Abs);

    private static double[] Subtract(double[] a, double[] b)
    {
        var r = new double[a.Length];
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = a[i] - b[i];
        }
        return r;
    }

    private static double[] Negate(double[] a) => [.. a.Select(v => -v)];

    /// <summary>The last m correction pairs and the two-loop recursion.</summary>
    private sealed class Corrections(int capacity)
    {
        private readonly LinkedList<(double[] S, double[] Y, double Rho)> _pairs = new();

        public int Count => _pairs.Count;

        public void Clear() => _pairs.Clear();

        public void Add(double[] s, double[] y)
        {
            double sy = Dot(s, y);
            if (!(sy > 0))
            {
                return;
            }
            _pairs.AddLast((s, y, 1 / sy));
            if (_pairs.Count > capacity)
            {
                _pairs.RemoveFirst();
            }
        }

        /// <summary>−H g by the two-loop recursion (Nocedal &amp; Wright, Algorithm 7.4), H₀ = (sᵀy / yᵀy) I from the newest pair.</summary>
        public double[] Direction(double[] g)
        {
            int n = g.Length;
            var q = (double[])g.Clone();
            var pairs = _pairs.ToArray();
            var alphas = new double[pairs.Length];
            for (int i = pairs.Length - 1; i >= 0; i--)
            {
                var (s, y, rho) = pairs[i];
                alphas[i] = rho * Dot(s, q);
                for (int j = 0; j < n; j++)
                {
                    q[j] -= alphas[i] * y[j];
                }
            }
            double gamma = pairs.Length == 0 ? 1 : 1 / (pairs[^1].Rho * Dot(pairs[^1].Y, pairs[^1].Y));
            for (int j = 0; j < n; j++)
            {
                q[j] *= gamma;
            }
            for (int i = 0; i < pairs.Length; i++)
            {
                var (s, y, rho) = pairs[i];
                double beta = rho * Dot(y, q);
                for (int j = 0; j < n; j++)
                {
                    q[j] += (alphas[i] - beta) * s[j];
                }
            }
            for (int j = 0; j < n; j++)
            {
                q[j] = -q[j];
            }
            return q;
        }
    }
}
