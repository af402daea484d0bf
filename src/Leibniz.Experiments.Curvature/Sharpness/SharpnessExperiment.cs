using System.Text;
using Leibniz.Analysis;

namespace Leibniz.Experiments.Sharpness;

/// <summary>The loss that full-batch gradient descent minimises.</summary>
public enum SharpnessLoss
{
    /// <summary>Half the mean squared error to one-hot targets (as Cohen et al. mostly use).</summary>
    SquaredError,

    /// <summary>Cross-entropy.</summary>
    CrossEntropy,
}

/// <summary>Configuration of <see cref="SharpnessExperiment"/>.</summary>
public sealed record SharpnessConfig
{
    public ClassificationSettings Data { get; set; } = new() { Samples = 1000, Dimension = 32 };

    public MlpSettings Model { get; set; } = new() { Hidden = [200, 200], Activation = Activation.Tanh };

    [Description("Loss: SquaredError (half the squared error to one-hot targets) or CrossEntropy.")]
    public SharpnessLoss Loss { get; set; } = SharpnessLoss.SquaredError;

    [Description("Step sizes η of full-batch gradient descent, one run each; the stability threshold is 2/η.")]
    [Range(1e-6, 100.0)]
    public double[] LearningRates { get; set; } = [0.02, 0.04, 0.08];

    [Description("Gradient descent steps per run.")]
    [Range(1, 1_000_000)]
    public int Steps { get; set; } = 1500;

    [Description("Measure the sharpness (top Hessian eigenvalue) every this many steps.")]
    [Range(1, 1_000_000)]
    public int MeasureEvery { get; set; } = 25;

    [Description("Lanczos steps per sharpness measurement.")]
    [Range(2, 1000)]
    public int LanczosSteps { get; set; } = 20;
}

/// <summary>
/// Gradient descent at the edge of stability (Cohen, Kaur, Li, Kolter and Talwalkar, 2021): with full-batch
/// gradient descent at step size η, the sharpness (the top eigenvalue of the loss Hessian) first rises
/// (progressive sharpening) until it reaches about 2/η, the largest value at which gradient descent on a
/// quadratic is stable, and then hovers there while the loss keeps falling, non-monotonically.
/// </summary>
public sealed class SharpnessExperiment : Experiment<SharpnessConfig>
{
    public override string Name => "sharpness";

    public override string Description => "Edge of stability: the top Hessian eigenvalue during full-batch gradient descent against 2/η.";

    protected override SharpnessConfig Quick(SharpnessConfig defaults) => defaults with
    {
        Data = new() { Source = SampleSource.GaussianMixture, Samples = 128, Dimension = 8, Classes = 3 },
        Model = defaults.Model with { Hidden = [16] },
        LearningRates = [0.1, 0.4],
        Steps = 60,
        MeasureEvery = 10,
        LanczosSteps = 20,
    };

    protected override void Run(SharpnessConfig config, RunContext context)
    {
        var data = config.Data.Load(context.Random.Split());
        int classes = config.Data.ClassCount;
        var oneHot = data.Targets.OneHot(classes);
        var initial = context.Random.Split();
        var lossPlot = new LinePlot { Title = "Training loss", XLabel = "step", YLabel = "loss", LogY = true };
        var observations = new StringBuilder();
        foreach (double eta in config.LearningRates)
        {
            // The same initial network for every step size.
            var model = config.Model.Build(data.Inputs.Size(1), classes, new Generator(initial.Seed + 1));
            Tensor Objective() => config.Loss == SharpnessLoss.SquaredError
                ? Loss.Mse(model.Forward(data.Inputs), oneHot, Reduction.Sum) * (0.5 / data.Count)
                : Loss.CrossEntropy(model.Forward(data.Inputs), data.Targets);
            var hessian = new HessianOperator(model.Parameters(), Objective);
            var optimizer = new Sgd(model.Parameters(), eta);
            var generator = context.Random.Split();
            var losses = new List<double>();
            var bounds = new List<double>();
            double sharpness = double.NaN;
            var resumable = new Resumable("descent", state =>
            {
                state.Bind("model", model);
                state.Bind("optimizer", optimizer);
                state.Bind("lanczos", generator);
                state.Bind("losses", losses);
                state.Bind("bounds", bounds);
                sharpness = state.Bind("sharpness", sharpness);
            });
            foreach (int step in context.Loop($"gradient descent, η = {eta}", config.Steps + 1, () => $"loss {losses[^1]:G4}  sharpness {sharpness:G4}  2/η {2 / eta:G4}", resumable: resumable))
            {
                bool measure = step % config.MeasureEvery == 0 || step == config.Steps;
                if (measure)
                {
                    hessian.Reset();
                    var start = Tensor.Randn(generator, [hessian.Dimension]);
                    // Every step of Lanczos is taken (tolerance 0); the residual bound says how accurate the top value is.
                    var estimate = Lanczos.TopEigenvalues(hessian.Apply, start, 1, Math.Min(config.LanczosSteps, hessian.Dimension), tolerance: 0);
                    sharpness = estimate.Values[0];
                    bounds.Add(estimate.Residuals[0] / Math.Abs(sharpness));
                }
                optimizer.ZeroGrad();
                var loss = Objective();
                losses.Add(loss.Item());
                if (measure)
                {
                    context.Track($"eta={eta}", step, ("loss", losses[^1]), ("sharpness", sharpness), ("two_over_eta", 2 / eta));
                }
                if (step == config.Steps || !double.IsFinite(losses[^1]))
                {
                    break;
                }
                loss.Backward();
                optimizer.Step();
            }
            lossPlot.Add($"η = {eta}", [.. Enumerable.Range(0, losses.Count).Select(i => (double)i)], losses);
            var measured = context.Metrics.Values($"eta={eta}", "sharpness");
            double worst = bounds.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max();
            context.Check($"sharpness accurate at η = {eta}", worst <= 0.05,
                $"the largest Lanczos residual bound of the {bounds.Count} sharpness estimates is {worst:P1} of the estimate; at most 5 % is required (raise lanczosSteps if not)");
            double late = measured.Skip(measured.Count * 3 / 4).Average();
            context.AddResults($"@{eta}", ("two_over_eta", 2 / eta), ("max_sharpness", measured.Max()), ("late_sharpness", late), ("final_loss", losses[^1]));
            observations.AppendLine($"- η = {eta}: sharpness {measured[0]:G4} at the start, at most {measured.Max():G4}, {late:G4} on average over the last quarter "
                + $"(2/η = {2 / eta:G4}, ratio {late * eta / 2:F2}); final loss {losses[^1]:G4}.");
        }
        var sharpnessPlot = new LinePlot { Title = "Sharpness during gradient descent (dashed levels: 2/η)", XLabel = "step", YLabel = "top Hessian eigenvalue" };
        foreach (double eta in config.LearningRates)
        {
            context.Metrics.Plot(sharpnessPlot, "sharpness", _ => $"η = {eta}", [$"eta={eta}"]).AddReference($"2/η (η = {eta})", [0, config.Steps], [2 / eta, 2 / eta]);
        }
        // Cohen et al.: gradient descent at step η drives the sharpness up to 2/η and holds it there (edge of stability).
        var rates = config.LearningRates.Where(eta => context.Results.ContainsKey($"late_sharpness@{eta}")).ToList();
        var ratios = rates.Select(eta => (Eta: eta, Ratio: (double)context.Results[$"late_sharpness@{eta}"] * eta / 2, Max: (double)context.Results[$"max_sharpness@{eta}"] * eta / 2)).ToList();
        var reached = ratios.Where(r => r.Max >= 0.9).ToList();
        int held = reached.Count(r => Math.Abs(r.Ratio - 1) <= 0.2);
        context.Verdict("Full-batch gradient descent drives the sharpness up to 2/η and holds it there (edge of stability)",
            reached.Count == 0 ? Reproduction.Undecided : held == reached.Count ? Reproduction.Yes : held > 0 ? Reproduction.Partly : Reproduction.No,
            string.Join("; ", ratios.Select(r => $"η = {r.Eta}: late sharpness {r.Ratio:F2}×(2/η), at most {r.Max:F2}×(2/η)"))
            + (reached.Count == 0 ? "; the sharpness never came within 10 % of 2/η, so this run (too short, or too small a step) cannot test the claim" : $"; within 20 % of 2/η counts as held, for the {reached.Count} step sizes that reached it"));
        WriteReport(context, config, ("data_set", config.Data.Describe()), ("model", config.Model.Describe(data.Inputs.Size(1), classes)), ("observations", observations),
            ("sharpness_figure", context.SaveFigure("sharpness", sharpnessPlot)), ("loss_figure", context.SaveFigure("loss", lossPlot)));
    }
}
