using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;

namespace Leibniz.Experiments.LongSteps;

/// <summary>Configuration of <see cref="LongStepsExperiment"/>.</summary>
public sealed record LongStepsConfig
{
    [Description("Gradient descent iterations per schedule; 2^j − 1 ends a block of the silver schedule (its guarantees hold there, not right after its longest step).")]
    [Range(2, 10_000_000)]
    public int Iterations { get; set; } = 4095;

    [Description("Number of variables of each problem.")]
    [Range(2, 10000)]
    public int Dimension { get; set; } = 100;

    [Description("Number of data rows (least squares, logistic regression, log-sum-exp).")]
    [Range(2, 100000)]
    public int Rows { get; set; } = 300;

    [Description("Singular values of the least-squares matrix are log-spaced over this many decades.")]
    [Range(0.0, 12.0)]
    public double Decades { get; set; } = 3;

    [Description("Full-batch steps of the exploration on a small network (0 to skip it).")]
    [Range(0, 1_000_000)]
    public int NetworkSteps { get; set; } = 1023;

    [Description("Lengths of Grimmer's periodic patterns to run (2, 3, 7, 15, 31, 63, 127).")]
    [Range(2, 127)]
    public int[] Patterns { get; set; } = [2, 3, 7, 15, 31, 63, 127];
}

/// <summary>
/// Gradient descent with long steps: Grimmer's certified periodic patterns (2024) and the silver schedule of
/// Altschuler and Parrilo (2023) against the constant step 1/L and the best constant step, on three L-smooth
/// convex problems — ill-conditioned least squares, logistic regression and a smoothed maximum (log-sum-exp) —
/// reporting f(x_k) − f* along the way. Long steps are taken as they are: no clamping, no line search.
/// </summary>
public sealed class LongStepsExperiment : Experiment<LongStepsConfig>
{
    public override string Name => "longsteps";

    public override string Description => "Grimmer's long-step patterns and the silver schedule vs constant steps on smooth convex problems.";

    protected override LongStepsConfig Quick(LongStepsConfig defaults) => defaults with { Iterations = 255, Dimension = 10, Rows = 30, Patterns = [3, 7], NetworkSteps = 31 };

    private sealed record Problem(string Name, Func<double[], double> Value, Func<double[], double[]> Gradient, double L, double Optimum, double[] Start);

    protected override void Run(LongStepsConfig config, RunContext context)
    {
        var generator = context.Random.Split();
        var problems = new[] { LeastSquares(config, generator), Logistic(config, generator), LogSumExp(config, generator) };
        var schedules = new List<(string Name, Func<int, double> Step)> { ("constant 1/L", _ => 1.0) };
        foreach (int t in config.Patterns)
        {
            if (!StepSchedules.GrimmerPatterns.TryGetValue(t, out var pattern))
            {
                throw new ArgumentException($"longsteps: there is no Grimmer pattern of length {t}; the lengths are {string.Join(", ", StepSchedules.GrimmerPatterns.Keys)}.");
            }
            schedules.Add(($"Grimmer t={t}", k => StepSchedules.Periodic(pattern, k)));
        }
        schedules.Add(("silver", StepSchedules.Silver));
        var marks = Enumerable.Range(1, 30).Select(j => (1 << j) - 1).Where(k => k <= config.Iterations).ToArray();
        var observations = new StringBuilder();
        var rows = new List<(string Problem, string Schedule, double Gap)>();
        foreach (var problem in problems)
        {
            context.ThrowIfCancelled();
            double bestH = context.Checkpoints.Once("best-constant", () => [BestConstant(problem, config.Iterations)])[0];
            var all = new List<(string Name, Func<int, double> Step)>(schedules) { ($"best constant h={bestH:0.00}", _ => bestH) };
            var gapPlot = new LinePlot { Title = $"{problem.Name}: f(x_k) − f*", XLabel = "k", YLabel = "f(x_k) − f*", LogX = true, LogY = true };
            var scaledPlot = new LinePlot { Title = $"{problem.Name}: (f(x_k) − f*)·k", XLabel = "k", YLabel = "(f − f*)·k", LogX = true, LogY = true };
            var task = context.Progress.Start(problem.Name, all.Count);
            foreach (var (name, step) in all)
            {
                var gaps = context.Checkpoints.Once("schedule", () => Run(problem, step, config.Iterations));
                var ks = Enumerable.Range(1, gaps.Length).Select(k => (double)k).ToArray();
                gapPlot.Add(name, ks, gaps);
                scaledPlot.Add(name, ks, gaps.Select((g, i) => g * (i + 1)).ToArray());
                string key = $"{problem.Name.Split(' ')[0].ToLowerInvariant()}|{name}";
                context.Results[$"final_gap@{key}"] = gaps[^1];
                foreach (int k in marks)
                {
                    context.Results[$"gap_k{k}@{key}"] = gaps[k - 1];
                }
                context.Track($"{problem.Name}|{name}", gaps.Length, new Dictionary<string, double> { ["final_gap"] = gaps[^1] });
                rows.Add((problem.Name, name, gaps[^1]));
                task.Advance(1, $"{name}: {ReportNumbers.Scientific(gaps[^1])}");
            }
            task.Complete();
            string slug = problem.Name.Split(' ')[0].ToLowerInvariant();
            observations.AppendLine($"![{problem.Name}]({context.SaveFigure($"gap-{slug}", gapPlot)})").AppendLine();
            observations.AppendLine($"![{problem.Name}, scaled]({context.SaveFigure($"gap-times-k-{slug}", scaledPlot)})").AppendLine();
        }
        if (config.NetworkSteps > 0)
        {
            observations.AppendLine(Network(config, context, schedules)).AppendLine();
        }
        var table = new StringBuilder("| problem | schedule | final f − f* |\n| --- | --- | --- |\n");
        foreach (var (problem, schedule, gap) in rows)
        {
            table.AppendLine($"| {problem} | {schedule} | {ReportNumbers.Scientific(gap)} |");
        }
        Verdicts(context, rows, config.Iterations);
        WriteReport(context, config, ("table", table), ("observations", observations));
    }

    /// <summary>
    /// Grimmer's and Altschuler–Parrilo's claims: long-step patterns beat constant steps 1/L, by more as the pattern
    /// grows; the silver schedule beats them all (rate O(1/k^1.2716) against O(1/k)).
    /// </summary>
    private static void Verdicts(RunContext context, List<(string Problem, string Schedule, double Gap)> rows, int iterations)
    {
        var problems = rows.Select(r => r.Problem).Distinct().ToList();
        double Gap(string problem, string schedule) => rows.First(r => r.Problem == problem && r.Schedule == schedule).Gap;
        var silverWins = problems.Where(p => Gap(p, "silver") < Gap(p, "constant 1/L")).ToList();
        string evidence = string.Join("; ", problems.Select(p => $"{p}: silver {ReportNumbers.Scientific(Gap(p, "silver"))} against {ReportNumbers.Scientific(Gap(p, "constant 1/L"))} after {iterations} steps"));
        context.Verdict("The silver step schedule ends closer to the optimum than constant steps 1/L", silverWins.Count == problems.Count ? Reproduction.Yes : silverWins.Count > 0 ? Reproduction.Partly : Reproduction.No, evidence);
        var patterns = rows.Where(r => r.Schedule.StartsWith("Grimmer", StringComparison.Ordinal)).Select(r => r.Schedule).Distinct().ToList();
        if (patterns.Count > 0)
        {
            var beaten = problems.Where(p => patterns.All(s => Gap(p, s) < Gap(p, "constant 1/L"))).ToList();
            context.Verdict("Grimmer's long-step patterns beat constant steps 1/L", beaten.Count == problems.Count ? Reproduction.Yes : beaten.Count > 0 ? Reproduction.Partly : Reproduction.No,
                $"every pattern ({string.Join(", ", patterns)}) ends below constant 1/L on {beaten.Count} of {problems.Count} problems ({string.Join(", ", beaten)})"
                + (beaten.Count < problems.Count ? "; the patterns' guarantees bound the worst case over all L-smooth convex functions, not every instance" : ""));
        }
    }

    /// <summary>
    /// Beyond the paper: the same schedules as full-batch gradient descent on a small MLP (nonconvex, so no
    /// guarantee), with L taken as the top Hessian eigenvalue at initialisation.
    /// </summary>
    private static string Network(LongStepsConfig config, RunContext context, List<(string Name, Func<int, double> Step)> schedules)
    {
        var generator = context.Random.Split();
        var data = Data.SyntheticData.GaussianMixture(generator, 512, 16, 4, separation: 1.5);
        ulong seed = generator.NextUInt64();
        var plot = new LinePlot { Title = "Beyond the paper: full-batch training of an MLP 16-64-64-4", XLabel = "step", YLabel = "training loss", LogX = true, LogY = true };
        var lines = new StringBuilder();
        double lipschitz = 0;
        var task = context.Progress.Start("small network", schedules.Count);
        foreach (var (name, step) in schedules)
        {
            context.ThrowIfCancelled();
            var model = new Nn.Mlp([16, 64, 64, 4], Nn.Activation.Tanh, new Generator(seed));
            var parameters = model.Parameters();
            Tensors.Tensor Objective() => Nn.Loss.CrossEntropy(model.Forward(data.Inputs), data.Targets);
            if (lipschitz == 0)
            {
                var hessian = new Analysis.HessianOperator(parameters, Objective);
                var estimate = Analysis.Lanczos.TopEigenvalues(hessian.Apply, Tensors.Tensor.Randn(new Generator(seed), [hessian.Dimension]), 1, 20, tolerance: 0);
                lipschitz = estimate.Values[0];
                context.Check("L accurate", estimate.Residuals[0] <= 0.01 * lipschitz,
                    $"the Lanczos residual bound of L = {lipschitz:G4} is {estimate.Residuals[0] / lipschitz:P2} of it; at most 1 % is required");
            }
            double l = lipschitz;
            var losses = context.Checkpoints.Once("network", () =>
            {
                var optimizer = new Optim.GradientDescent(parameters, k => step(k) / l);
                var values = new double[config.NetworkSteps];
                for (int k = 0; k < config.NetworkSteps; k++)
                {
                    optimizer.ZeroGrad();
                    var loss = Objective();
                    values[k] = loss.Item();
                    loss.Backward();
                    optimizer.Step();
                }
                return values;
            });
            plot.Add(name, Enumerable.Range(1, losses.Length).Select(k => (double)k).ToArray(), losses.Select(v => double.IsFinite(v) ? v : double.NaN).ToArray());
            context.Results[$"network_final_loss@{name}"] = losses[^1];
            lines.AppendLine($"- {name}: final training loss {losses[^1]:G4}.");
            task.Advance(1, name);
        }
        task.Complete();
        context.Results["network_L"] = lipschitz;
        return $"Beyond the paper, the same schedules train an MLP 16-64-64-4 (tanh) by full-batch gradient descent on a 4-class Gaussian mixture, with L = {lipschitz:G4} (the top Hessian eigenvalue at initialisation):\n\n"
            + lines + $"\n![Network]({context.SaveFigure("network", plot)})";
    }

    private static double[] Run(Problem problem, Func<int, double> step, int iterations)
    {
        var x = (double[])problem.Start.Clone();
        var gaps = new double[iterations];
        for (int k = 1; k <= iterations; k++)
        {
            var g = problem.Gradient(x);
            double h = step(k) / problem.L;
            for (int i = 0; i < x.Length; i++)
            {
                x[i] -= h * g[i];
            }
            gaps[k - 1] = Math.Max(problem.Value(x) - problem.Optimum, 1e-300);
        }
        return gaps;
    }

    private static double BestConstant(Problem problem, int iterations)
    {
        double best = 1, bestGap = double.PositiveInfinity;
        for (double h = 0.25; h < 2.0; h += 0.05)
        {
            double hh = h;
            double gap = Run(problem, _ => hh, Math.Min(iterations, 2048))[^1];
            if (gap < bestGap)
            {
                bestGap = gap;
                best = h;
            }
        }
        return best;
    }

    private static Problem LeastSquares(LongStepsConfig config, Generator g)
    {
        int n = config.Rows, d = config.Dimension;
        var q1 = Matrix<double>.Build.Dense(n, d, (_, _) => g.NextNormal()).QR().Q.SubMatrix(0, n, 0, d);
        var q2 = Matrix<double>.Build.Dense(d, d, (_, _) => g.NextNormal()).QR().Q;
        var s = Matrix<double>.Build.DenseDiagonal(d, d, i => Math.Pow(10, -config.Decades * i / Math.Max(d - 1, 1)));
        var a = q1 * s * q2.Transpose();
        var xStar = Vector<double>.Build.Dense(d, _ => g.NextNormal());
        var b = a * xStar;
        double lipschitz = 1.0 / n;   // σ_max = 1
        return new Problem("Least squares (ill-conditioned)",
            x => 0.5 * (a * Vector<double>.Build.DenseOfArray(x) - b).DotProduct(a * Vector<double>.Build.DenseOfArray(x) - b) / n,
            x => (a.TransposeThisAndMultiply(a * Vector<double>.Build.DenseOfArray(x) - b) / n).ToArray(),
            lipschitz, 0, new double[d]);
    }

    private static Problem Logistic(LongStepsConfig config, Generator g)
    {
        int n = config.Rows, d = config.Dimension;
        var a = Matrix<double>.Build.Dense(n, d, (_, _) => g.NextNormal());
        var w = Vector<double>.Build.Dense(d, _ => g.NextNormal());
        // Labels from a noisy linear rule, so the data are not separable and a minimiser exists.
        var y = Vector<double>.Build.Dense(n, i => (a.Row(i) * w + 2 * g.NextNormal()) > 0 ? 1.0 : -1.0);
        double Value(Vector<double> x) => Enumerable.Range(0, n).Sum(i => Softplus(-y[i] * (a.Row(i) * x))) / n;
        Vector<double> Gradient(Vector<double> x)
        {
            var margins = a * x;
            var coefficients = Vector<double>.Build.Dense(n, i => -y[i] * Sigmoid(-y[i] * margins[i]) / n);
            return a.TransposeThisAndMultiply(coefficients);
        }
        Matrix<double> Hessian(Vector<double> x)
        {
            var margins = a * x;
            var weights = Vector<double>.Build.Dense(n, i => Sigmoid(margins[i]) * (1 - Sigmoid(margins[i])) / n);
            return a.TransposeThisAndMultiply(Matrix<double>.Build.DenseOfDiagonalVector(weights) * a);
        }
        double lipschitz = Math.Pow(a.L2Norm(), 2) / (4.0 * n);
        double optimum = Value(Newton(Vector<double>.Build.Dense(d), Value, Gradient, Hessian));
        return new Problem("Logistic regression", x => Value(Vector<double>.Build.DenseOfArray(x)), x => Gradient(Vector<double>.Build.DenseOfArray(x)).ToArray(), lipschitz, optimum, new double[d]);
    }

    private static Problem LogSumExp(LongStepsConfig config, Generator g)
    {
        int n = config.Rows, d = config.Dimension;
        const double mu = 0.5;
        var a = Matrix<double>.Build.Dense(n, d, (_, _) => g.NextNormal() / Math.Sqrt(d));
        var b = Vector<double>.Build.Dense(n, _ => g.NextNormal());
        Vector<double> Softmax(Vector<double> x)
        {
            var z = (a * x - b) / mu;
            double m = z.Maximum();
            var e = z.Map(v => Math.Exp(v - m));
            return e / e.Sum();
        }
        double Value(Vector<double> x)
        {
            var z = (a * x - b) / mu;
            double m = z.Maximum();
            return mu * (m + Math.Log(z.Map(v => Math.Exp(v - m)).Sum()));
        }
        Vector<double> Gradient(Vector<double> x) => a.TransposeThisAndMultiply(Softmax(x));
        Matrix<double> Hessian(Vector<double> x)
        {
            var p = Softmax(x);
            var inner = Matrix<double>.Build.DenseOfDiagonalVector(p) - p.OuterProduct(p);
            return a.TransposeThisAndMultiply(inner * a) / mu;
        }
        double lipschitz = Math.Pow(a.L2Norm(), 2) / mu;
        double optimum = Value(Newton(Vector<double>.Build.Dense(d), Value, Gradient, Hessian));
        return new Problem("Log-sum-exp (smoothed maximum)", x => Value(Vector<double>.Build.DenseOfArray(x)), x => Gradient(Vector<double>.Build.DenseOfArray(x)).ToArray(), lipschitz, optimum, new double[d]);
    }

    /// <summary>Damped Newton's method (backtracking on f) to machine precision, for f*.</summary>
    private static Vector<double> Newton(Vector<double> x, Func<Vector<double>, double> f, Func<Vector<double>, Vector<double>> gradient, Func<Vector<double>, Matrix<double>> hessian)
    {
        for (int iteration = 0; iteration < 200; iteration++)
        {
            var g = gradient(x);
            if (g.L2Norm() < 1e-14)
            {
                break;
            }
            var h = hessian(x) + Matrix<double>.Build.DenseIdentity(x.Count) * 1e-12;
            var direction = h.Solve(g);
            double t = 1, fx = f(x);
            while (t > 1e-12 && f(x - t * direction) > fx - 0.25 * t * g.DotProduct(direction))
            {
                t /= 2;
            }
            x -= t * direction;
        }
        return x;
    }

    private static double Sigmoid(double v) => v >= 0 ? 1 / (1 + Math.Exp(-v)) : Math.Exp(v) / (1 + Math.Exp(v));

    private static double Softplus(double v) => Math.Max(v, 0) + Math.Log(1 + Math.Exp(-Math.Abs(v)));
}
