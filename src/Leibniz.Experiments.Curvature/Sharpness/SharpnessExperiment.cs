using System.Globalization;
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
    /// <summary>Data set.</summary>
    [Description("Data: FashionMnist (the first images) or GaussianMixture (synthetic).")]
    public SampleSource Data { get; set; } = SampleSource.FashionMnist;

    /// <summary>Number of training samples (full batch).</summary>
    [Description("Number of training samples; every step uses all of them (full-batch gradient descent).")]
    [Range(8, 60000)]
    public int Samples { get; set; } = 1000;

    /// <summary>Input dimension for synthetic data.</summary>
    [Description("Input dimension of the Gaussian mixture.")]
    [Range(1, 100000)]
    public int Dimension { get; set; } = 32;

    /// <summary>Classes for synthetic data.</summary>
    [Description("Classes of the Gaussian mixture (Fashion-MNIST has 10).")]
    [Range(2, 1000)]
    public int Classes { get; set; } = 10;

    /// <summary>Hidden widths.</summary>
    [Description("Hidden layer widths of the MLP.")]
    [Range(1, 8192)]
    public int[] Hidden { get; set; } = [200, 200];

    /// <summary>Activation.</summary>
    [Description("Activation between layers (tanh as in Cohen et al.; relu, gelu, …).")]
    public Activation Activation { get; set; } = Activation.Tanh;

    /// <summary>Loss.</summary>
    [Description("Loss: SquaredError (to one-hot targets) or CrossEntropy.")]
    public SharpnessLoss Loss { get; set; } = SharpnessLoss.SquaredError;

    /// <summary>Step sizes η, one run each.</summary>
    [Description("Step sizes η of gradient descent, one run each; the stability threshold is 2/η.")]
    [Range(1e-6, 100.0)]
    public double[] LearningRates { get; set; } = [0.02, 0.04, 0.08];

    /// <summary>Gradient descent steps per run.</summary>
    [Description("Gradient descent steps per run.")]
    [Range(1, 1_000_000)]
    public int Steps { get; set; } = 1500;

    /// <summary>Measure the sharpness every this many steps.</summary>
    [Description("Measure the sharpness (top Hessian eigenvalue) every this many steps.")]
    [Range(1, 1_000_000)]
    public int MeasureEvery { get; set; } = 25;

    /// <summary>Lanczos steps per measurement.</summary>
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
    /// <inheritdoc/>
    public override string Name => "sharpness";

    /// <inheritdoc/>
    public override string Description => "Edge of stability: the top Hessian eigenvalue during full-batch gradient descent against 2/η (about a minute and a half).";

    /// <inheritdoc/>
    protected override SharpnessConfig Quick(SharpnessConfig defaults) => defaults with
    {
        Data = SampleSource.GaussianMixture,
        Samples = 128,
        Dimension = 8,
        Classes = 3,
        Hidden = [16],
        LearningRates = [0.1, 0.4],
        Steps = 60,
        MeasureEvery = 10,
        LanczosSteps = 10,
    };

    /// <inheritdoc/>
    protected override void Run(SharpnessConfig config, RunContext context)
    {
        var data = config.Data == SampleSource.FashionMnist
            ? ExperimentData.Load(config.Data, config.Samples, 0, config.Dimension, context.Random.Split()).Train
            : SyntheticData.GaussianMixture(context.Random.Split(), config.Samples, config.Dimension, config.Classes);
        int classes = config.Data == SampleSource.FashionMnist ? 10 : config.Classes;
        var oneHot = data.Targets.OneHot(classes);
        var sharpnessPlot = new LinePlot { Title = "Sharpness during gradient descent (dashed levels: 2/η)", XLabel = "step", YLabel = "top Hessian eigenvalue" };
        var lossPlot = new LinePlot { Title = "Training loss", XLabel = "step", YLabel = "loss", LogY = true };
        var observations = new StringBuilder();
        var initial = context.Random.Split();
        foreach (double eta in config.LearningRates)
        {
            // The same initial network for every step size.
            var model = new Mlp([data.Inputs.Size(1), .. config.Hidden, classes], config.Activation, new Numerics.Generator(initial.Seed + 1));
            Tensor Objective() => config.Loss == SharpnessLoss.SquaredError
                ? Loss.Mse(model.Forward(data.Inputs), oneHot, Reduction.Sum) * (0.5 / data.Count)
                : Loss.CrossEntropy(model.Forward(data.Inputs), data.Targets);
            var hessian = new HessianOperator(model.Parameters(), Objective);
            var optimizer = new Sgd(model.Parameters(), eta);
            string series = $"eta={eta}";
            var task = context.Progress.Start($"gradient descent, η = {eta.ToString(CultureInfo.InvariantCulture)}", config.Steps);
            var steps = new List<double>();
            var sharpness = new List<double>();
            var lossSteps = new List<double>();
            var losses = new List<double>();
            var generator = context.Random.Split();
            double lastSharpness = double.NaN;
            for (int step = 0; step <= config.Steps; step++)
            {
                context.ThrowIfCancelled();
                if (step % config.MeasureEvery == 0 || step == config.Steps)
                {
                    hessian.Reset();
                    var start = Tensor.Randn(generator, [hessian.Dimension]);
                    lastSharpness = Lanczos.RitzValues(hessian.Apply, start, Math.Min(config.LanczosSteps, hessian.Dimension))[0];
                    steps.Add(step);
                    sharpness.Add(lastSharpness);
                }
                optimizer.ZeroGrad();
                var loss = Objective();
                double value = loss.Item();
                lossSteps.Add(step);
                losses.Add(value);
                if (step % config.MeasureEvery == 0 || step == config.Steps)
                {
                    context.LogMetrics(series, step, new Dictionary<string, double> { ["loss"] = value, ["sharpness"] = lastSharpness, ["two_over_eta"] = 2 / eta });
                }
                if (step == config.Steps || !double.IsFinite(value))
                {
                    break;
                }
                loss.Backward();
                optimizer.Step();
                task.Advance(1, $"loss {value:G4}  sharpness {lastSharpness:G4}  2/η {2 / eta:G4}");
            }
            task.Complete();
            string label = $"η = {eta}";
            sharpnessPlot.Add(label, steps, sharpness);
            sharpnessPlot.AddReference($"2/η ({label})", [0, config.Steps], [2 / eta, 2 / eta]);
            lossPlot.Add(label, lossSteps, losses);
            var late = sharpness.Skip(sharpness.Count * 3 / 4).ToList();
            string key = eta.ToString(CultureInfo.InvariantCulture);
            context.Results[$"two_over_eta@{key}"] = 2 / eta;
            context.Results[$"max_sharpness@{key}"] = sharpness.Max();
            context.Results[$"late_sharpness@{key}"] = late.Average();
            context.Results[$"final_loss@{key}"] = losses[^1];
            observations.AppendLine($"- η = {eta}: sharpness {sharpness[0]:G4} at the start, at most {sharpness.Max():G4}, {late.Average():G4} on average over the last quarter (2/η = {2 / eta:G4}, ratio {late.Average() * eta / 2:F2}); final loss {losses[^1]:G4}.");
        }
        string sharpnessFigure = context.SaveFigure("sharpness", sharpnessPlot);
        string lossFigure = context.SaveFigure("loss", lossPlot);
        context.Report.Add(new ReportSection("Setup", $"Full-batch gradient descent on {data.Count} samples ({config.Data}, {classes} classes), MLP {data.Inputs.Size(1)}-{string.Join("-", config.Hidden)}-{classes} ({Activations.NameOf(config.Activation)}), "
            + $"loss {config.Loss}, step sizes {string.Join(", ", config.LearningRates.Select(e => e.ToString(CultureInfo.InvariantCulture)))}, {config.Steps} steps from the same initialisation. "
            + $"Every {config.MeasureEvery} steps the sharpness is measured as the top Ritz value of {config.LanczosSteps} Lanczos steps on Hessian-vector products."));
        context.Report.Add(new ReportSection("What the paper reports",
            "Cohen et al. (2021) observe that under full-batch gradient descent the sharpness rises until it reaches 2/η and then hovers just above it, "
            + "while the loss continues to decrease over long horizons, though not monotonically: training operates at the edge of stability rather than in the stable regime classical analysis assumes."));
        context.Report.Add(new ReportSection("What this run shows", observations + $"\n![Sharpness]({sharpnessFigure})\n\n![Loss]({lossFigure})"));
    }
}
