using System.Text;
using Leibniz.Causal.Effects;
using Leibniz.Causal.Graphs;
using Leibniz.Causal.Models;
using MathNet.Numerics.LinearAlgebra;

namespace Leibniz.Experiments.Interventions;

/// <summary>Configuration of <see cref="InterventionsExperiment"/>.</summary>
public sealed record InterventionsConfig
{
    [Description("Observational samples per data set.")]
    [Range(20, 10_000_000)]
    public int Samples { get; set; } = 2000;

    [Description("Data sets drawn to show each estimator's sampling distribution.")]
    [Range(2, 100_000)]
    public int Replications { get; set; } = 300;

    [Description("Weight of the confounder on the outcome, Z → Y.")]
    [Range(-100, 100)]
    public double Confounding { get; set; } = 1.5;

    [Description("Weight of the confounder on the treatment, Z → X.")]
    [Range(-100, 100)]
    public double Assignment { get; set; } = 1.0;

    [Description("Samples per arm of the simulated experiment do(X = 0) against do(X = 1).")]
    [Range(20, 10_000_000)]
    public int InterventionalSamples { get; set; } = 20_000;

    [Description("Bootstrap resamples for the interval of the adjusted estimate.")]
    [Range(2, 100_000)]
    public int BootstrapReplicates { get; set; } = 500;
}

/// <summary>
/// Cause and effect on a small linear structural causal model (Pearl 2009): a confounder Z → X, Z → Y, the effect
/// X → Y direct and through a mediator X → M → Y, and a collider X → C ← Y. The regression of Y on X alone is
/// confounded; on X and Z (a back-door set) it gives the total effect, the interventional truth; on X, Z and M the
/// direct effect only; on X, Z and C it is biased by conditioning on a collider. A counterfactual of one unit is
/// answered exactly by abduction–action–prediction, and the naive estimate's sensitivity to an unobserved confounder
/// is measured by its E-value and robustness value, against the strength the real confounder has.
/// </summary>
public sealed class InterventionsExperiment : Experiment<InterventionsConfig>
{
    public override string Name => "interventions";

    public override string Description => "A confounded SCM: observational regression against do(X), back-door adjustment, mediator and collider bias, an exact counterfactual, E-value and robustness value.";

    protected override InterventionsConfig Quick(InterventionsConfig defaults) => defaults with { Replications = 60, InterventionalSamples = 5000, BootstrapReplicates = 100 };

    private const int Z = 0, X = 1, M = 2, Y = 3, C = 4;
    private static readonly string[] Names = ["Z", "X", "M", "Y", "C"];

    /// <summary>The adjustment sets compared, with what each estimates.</summary>
    private static readonly (string Name, int[] Set)[] Adjustments = [("none", []), ("{Z}", [Z]), ("{Z, M}", [Z, M]), ("{Z, C}", [Z, C])];

    protected override void Run(InterventionsConfig config, RunContext context)
    {
        var sem = new LinearSem(Weights(config));
        var dag = sem.Graph;
        double total = sem.TotalEffect(X, Y), direct = sem.Weight(X, Y);
        var generator = new Generator(context.Random.NextUInt64());

        // The interventional truth by a simulated randomised experiment.
        var treated = sem.Sample(config.InterventionalSamples, generator, new Dictionary<int, double> { [X] = 1 });
        var control = sem.Sample(config.InterventionalSamples, generator, new Dictionary<int, double> { [X] = 0 });
        var (experiment, experimentSe) = DifferenceOfMeans(treated, control, Y);
        context.Check("the simulated experiment agrees with the closed form", Math.Abs(experiment - total) <= 4 * experimentSe,
            $"E[Y | do(X = 1)] − E[Y | do(X = 0)] = {experiment:G4} ± {experimentSe:G2} against Σ over paths of the weights' products = {total:G4}");

        // Each adjustment set's coefficient over many observational data sets.
        var estimates = Adjustments.Select(_ => new List<double>()).ToArray();
        var covered = new int[Adjustments.Length];
        foreach (int r in context.Loop("observational data sets", config.Replications))
        {
            var x = sem.Sample(config.Samples, generator);
            for (int a = 0; a < Adjustments.Length; a++)
            {
                var fit = LeastSquares.Fit(Samples.Columns(x, [X, .. Adjustments[a].Set]), Samples.Column(x, Y));
                estimates[a].Add(fit.Weights[0]);
                covered[a] += Math.Abs(fit.Weights[0] - total) <= 1.959964 * fit.Errors[0] ? 1 : 0;
            }
            context.Track("estimates", r, [.. Adjustments.Select((adj, a) => ($"adjust {adj.Name}", estimates[a][^1]))]);
        }

        var table = new StringBuilder("| adjustment set | back-door? | mean estimate ± sd | bias against the total effect | 95 % intervals covering it |\n| --- | --- | --- | --- | --- |\n");
        for (int a = 0; a < Adjustments.Length; a++)
        {
            bool backDoor = DSeparation.SatisfiesBackDoor(dag, X, Y, Adjustments[a].Set);
            table.AppendLine($"| {Adjustments[a].Name} | {(backDoor ? "yes" : "no")} | {Summary.MeanSd(estimates[a])} | {Summary.Mean(estimates[a]) - total:+0.000;-0.000} | {covered[a] / (double)config.Replications:P0} |");
            context.AddResults($"@{Adjustments[a].Name}", ("mean_estimate", Summary.Mean(estimates[a])), ("sd", Summary.Sd(estimates[a])), ("coverage", covered[a] / (double)config.Replications), ("back_door", backDoor ? 1 : 0));
        }
        context.AddResults("", ("total_effect", total), ("direct_effect", direct), ("experiment", experiment));
        Verdicts(config, context, estimates, covered, total, direct);

        // One data set for the unit-level and sensitivity questions.
        var data = sem.Sample(config.Samples, generator);
        double AdjustedOn(int[] rows)
        {
            var resample = Samples.Rows(data, rows);
            return LeastSquares.Fit(Samples.Columns(resample, [X, Z]), Samples.Column(resample, Y)).Weights[0];
        }
        var bootstrap = Bootstrap.Interval(config.Samples, AdjustedOn, generator, config.BootstrapReplicates);
        var adjusted = LeastSquares.Fit(Samples.Columns(data, [X, Z]), Samples.Column(data, Y));
        string counterfactual = Counterfactual(context, sem, data);
        var (sensitivity, curve) = SensitivityAnalysis(context, data, total);

        var histogram = new Histogram { Title = $"Coefficient of X over {config.Replications} data sets of {config.Samples}", XLabel = "estimated effect of X on Y", Bins = 60 };
        for (int a = 0; a < Adjustments.Length; a++)
        {
            histogram.Add($"adjust {Adjustments[a].Name}", estimates[a]);
        }
        histogram.Reference("total effect", total).Reference("direct effect", direct);
        WriteReport(context, config,
            ("total", $"{total:G4}"), ("direct", $"{direct:G4}"), ("experiment", $"{experiment:G4} ± {experimentSe:G2}"),
            ("table", table), ("histogram", context.SaveFigure("estimates", histogram)), ("dag", context.SaveFigure("dag", Drawing(dag))),
            ("bootstrap", $"{bootstrap.Estimate:G4}, bootstrap 95 % interval [{bootstrap.Low:G4}, {bootstrap.High:G4}] (standard error {bootstrap.StandardError:G2}; the least-squares standard error is {adjusted.Errors[0]:G2})"),
            ("counterfactual", counterfactual), ("sensitivity", sensitivity), ("curve", context.SaveFigure("robustness", curve)));
    }

    /// <summary>W[i, j] of the model: Z → X, Z → Y, X → M (0.8), M → Y (0.7), X → Y (0.5), X → C and Y → C (1).</summary>
    private static double[,] Weights(InterventionsConfig config)
    {
        var w = new double[5, 5];
        w[Z, X] = config.Assignment;
        w[Z, Y] = config.Confounding;
        w[X, M] = 0.8;
        w[M, Y] = 0.7;
        w[X, Y] = 0.5;
        w[X, C] = 1.0;
        w[Y, C] = 1.0;
        return w;
    }

    private static void Verdicts(InterventionsConfig config, RunContext context, List<double>[] estimates, int[] covered, double total, double direct)
    {
        // Decide by the standard error of the mean estimate over the replications.
        double Se(int a) => Summary.Sd(estimates[a]) / Math.Sqrt(config.Replications);
        double Off(int a, double target) => Math.Abs(Summary.Mean(estimates[a]) - target) / Se(a);
        double coverage = covered[1] / (double)config.Replications;
        context.Verdict("Adjusting for a back-door set gives the causal effect (Pearl 2009, Theorem 3.3.2): the coefficient of X given Z is unbiased for the total effect and its 95 % intervals cover it about 95 % of the time",
            Off(1, total) <= 3 && coverage >= 0.9 ? Reproduction.Yes : Off(1, total) <= 3 ? Reproduction.Partly : Reproduction.No,
            $"mean {Summary.Mean(estimates[1]):G4} against {total:G4} ({Off(1, total):G2} standard errors off), coverage {coverage:P0}");
        context.Verdict("Regressing Y on X alone is confounded by Z: its estimate is biased",
            Off(0, total) > 3 ? Reproduction.Yes : Reproduction.No,
            $"mean {Summary.Mean(estimates[0]):G4} against {total:G4} ({Off(0, total):G3} standard errors off)");
        context.Verdict("Adjusting for a mediator gives the direct effect, not the total; adjusting for a collider biases the estimate",
            Off(2, direct) <= 3 && Off(2, total) > 3 && Off(3, total) > 3 ? Reproduction.Yes : Off(3, total) > 3 || Off(2, total) > 3 ? Reproduction.Partly : Reproduction.No,
            $"with M: {Summary.Mean(estimates[2]):G4} (direct effect {direct:G4}, total {total:G4}); with C: {Summary.Mean(estimates[3]):G4}");
    }

    /// <summary>
    /// One unit's counterfactual outcome had X been one higher, by abduction–action–prediction and, as a second
    /// computation, in closed form: the noise is n = x(I − W), and under do(X = v) the unit is n′(I − W′)⁻¹ with X's
    /// column of W removed and n′_X = v.
    /// </summary>
    private static string Counterfactual(RunContext context, LinearSem sem, double[,] data)
    {
        var unit = Enumerable.Range(0, 5).Select(j => data[0, j]).ToArray();
        double v = unit[X] + 1;
        var abduction = sem.Counterfactual(unit, new Dictionary<int, double> { [X] = v });
        var w = Matrix<double>.Build.DenseOfArray(sem.Weights);
        var identity = Matrix<double>.Build.DenseIdentity(5);
        var noise = Vector<double>.Build.DenseOfArray(unit) * (identity - w);
        var cut = w.Clone();
        cut.ClearColumn(X);
        noise[X] = v;
        var closed = noise * (identity - cut).Inverse();
        double gap = Enumerable.Range(0, 5).Max(j => Math.Abs(abduction[j] - closed[j]));
        context.Check("the counterfactual agrees with its closed form", gap <= 1e-10, $"largest difference {gap:E1} over the five variables");
        double interventional = sem.TotalEffect(X, Y) * v;
        context.AddResults("", ("counterfactual_y", abduction[Y]), ("observed_y", unit[Y]), ("interventional_mean_y", interventional));
        var s = new StringBuilder("| | Z | X | M | Y | C |\n| --- | --- | --- | --- | --- | --- |\n");
        s.AppendLine($"| observed unit | {string.Join(" | ", unit.Select(u => $"{u:F3}"))} |");
        s.AppendLine($"| had X been {v:F3} | {string.Join(" | ", abduction.Select(u => $"{u:F3}"))} |");
        s.AppendLine($"\nIts outcome would have been {abduction[Y]:F3} instead of {unit[Y]:F3}: a change of {abduction[Y] - unit[Y]:F3}, the total effect, because in a linear model every unit responds alike. "
            + $"Z, upstream of X, keeps its value ({abduction[Z]:F3}); so does every noise term. The population answer is different: E[Y | do(X = {v:F3})] = {interventional:F3}, "
            + $"which averages over units and ignores that this one's noises are known (its Y noise is {unit[Y] - sem.Mechanism(Y, unit):F3}). "
            + (gap == 0 ? "The closed form n′(I − W′)⁻¹ gives the same counterfactual, to the last bit." : $"The closed form n′(I − W′)⁻¹ gives the same counterfactual to {gap:E1}."));
        return s.ToString();
    }

    /// <summary>
    /// Pretend Z is unobserved: the naive estimate's E-value and robustness value, and where the real Z lies on the
    /// robustness curve (its partial R² with X and with Y given X); the omitted-variable-bias formula with Z's
    /// strengths reproduces the naive estimate's bias exactly (an identity of least squares).
    /// </summary>
    private static (string Text, LinePlot Curve) SensitivityAnalysis(RunContext context, double[,] data, double total)
    {
        var naive = LeastSquares.Fit(Samples.Columns(data, [X]), Samples.Column(data, Y));
        var full = LeastSquares.Fit(Samples.Columns(data, [X, Z]), Samples.Column(data, Y));
        var assignment = LeastSquares.Fit(Samples.Columns(data, [Z]), Samples.Column(data, X));
        double r2dz = Sensitivity.PartialR2(assignment.T(0), assignment.DegreesOfFreedom);
        double r2yz = Sensitivity.PartialR2(full.T(1), full.DegreesOfFreedom);
        double bias = Sensitivity.Bias(naive.Errors[0], naive.DegreesOfFreedom, r2dz, r2yz);
        double identity = Math.Abs(Math.Abs(naive.Weights[0] - full.Weights[0]) - bias);
        context.Check("the omitted-variable-bias formula with Z's strengths gives the naive estimate's bias", identity <= 1e-8 * Math.Max(1, bias),
            $"|naive − adjusted| = {Math.Abs(naive.Weights[0] - full.Weights[0]):G6}, formula {bias:G6}");
        double rv = Sensitivity.RobustnessValue(naive.T(0), naive.DegreesOfFreedom);
        double rvAlpha = Sensitivity.RobustnessValue(naive.T(0), naive.DegreesOfFreedom, alpha: 0.05);
        double sdY = Math.Sqrt(Samples.Variances(data)[Y]);
        var (evalue, evalueInterval) = Sensitivity.EValueOfDifference(naive.Weights[0], naive.Errors[0], sdY);
        context.AddResults("", ("naive_estimate", naive.Weights[0]), ("robustness_value", rv), ("robustness_value_05", rvAlpha), ("e_value", evalue),
            ("z_r2_treatment", r2dz), ("z_r2_outcome", r2yz));
        var r2d = Enumerable.Range(1, 99).Select(k => k / 100.0).ToArray();
        var needed = r2d.Select(r => Math.Min(1, Sensitivity.OutcomeStrengthToExplainAway(naive.Weights[0], naive.Errors[0], naive.DegreesOfFreedom, r))).ToArray();
        var curve = new LinePlot { Title = "How strong a hidden confounder must be to explain the naive estimate away", XLabel = "R²(X ~ confounder)", YLabel = "R²(Y ~ confounder | X)" }
            .Add("explains the estimate away (on and above)", r2d, needed)
            .Add("equal strengths (the robustness value where it crosses)", [0, 1], [0, 1])
            .Add("the real Z", [r2dz], [r2yz], markers: true);
        string text = $"Suppose Z were not measured. The naive estimate is {naive.Weights[0]:G4} (standard error {naive.Errors[0]:G2}; the truth is {total:G4}). "
            + $"Its robustness value is {rv:P1}: a confounder explaining {rv:P1} of the residual variance of both X and Y would bring it to zero "
            + $"({rvAlpha:P1} would make it insignificant at 5 %). Its E-value is {evalue:G3} ({evalueInterval:G3} for the confidence limit): on the risk-ratio scale, "
            + $"a confounder associated with both by a factor {evalue:G3} could explain it away. The real Z explains {r2dz:P1} of X and {r2yz:P1} of Y given X: "
            + (r2yz >= Math.Min(1, Sensitivity.OutcomeStrengthToExplainAway(naive.Weights[0], naive.Errors[0], naive.DegreesOfFreedom, r2dz))
                ? "on or above the curve — strong enough to explain more than the whole estimate away, as it does here (the naive estimate has the wrong size because of Z)."
                : "below the curve — it moves the estimate but cannot explain it away.")
            + $" The bias formula with these strengths gives {bias:G4}, the observed gap between the naive and the adjusted estimates.";
        return (text, curve);
    }

    private static GraphDrawing Drawing(Dag dag)
    {
        var drawing = new GraphDrawing { Title = "The causal graph; the back-door set {Z} in green", Width = 420, Height = 440 }.Graph(5, []).Labels(Names);
        for (int i = 0; i < 5; i++)
        {
            foreach (int j in dag.Children(i))
            {
                drawing.Edge(i, j, true, i == Z ? "#009E73" : "#555");
            }
        }
        return drawing.Highlight([Z], "#009E73").Highlight([X], "#0072B2").Highlight([Y], "#D55E00").Highlight([M, C], "#777777")
            .Legend("back-door path through Z", "#009E73").Legend("causal paths and the collider", "#555");
    }

    private static (double Difference, double Se) DifferenceOfMeans(double[,] a, double[,] b, int column)
    {
        var ya = Samples.Column(a, column);
        var yb = Samples.Column(b, column);
        return (ya.Average() - yb.Average(), Math.Sqrt(Summary.Sd(ya) * Summary.Sd(ya) / ya.Length + Summary.Sd(yb) * Summary.Sd(yb) / yb.Length));
    }
}
