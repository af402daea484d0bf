using System.Globalization;
using System.Text;
using Leibniz.Analysis;
using Leibniz.Autograd;

namespace Leibniz.Experiments.WidthSweep;

/// <summary>Configuration of <see cref="WidthSweepExperiment"/>.</summary>
public sealed record WidthSweepConfig
{
    [Description("Data: FashionMnist (two classes, 14x14) or GaussianMixture (two components).")]
    public SampleSource Data { get; set; } = SampleSource.FashionMnist;

    [Description("Input dimension of the Gaussian mixture.")]
    [Range(1, 10000)]
    public int Dimension { get; set; } = 16;

    [Description("Training samples (the loss, Hessian and kernel are measured on them).")]
    [Range(4, 4096)]
    public int Train { get; set; } = 256;

    [Description("Hidden widths of the two-hidden-layer ReLU networks.")]
    [Range(1, 1 << 16)]
    public int[] Widths { get; set; } = [32, 128, 512];

    [Description("Factors multiplying the default (PyTorch) initialisation of every weight matrix.")]
    [Range(1e-4, 1e4)]
    public double[] InitScales { get; set; } = [0.5, 1, 2];

    [Description("SGD learning rates.")]
    [Range(1e-7, 10.0)]
    public double[] LearningRates { get; set; } = [0.005, 0.02, 0.08];

    [Description("Training epochs per grid point (SGD, batch 32, half squared error to ±1 targets).")]
    [Range(1, 100000)]
    public int Epochs { get; set; } = 10;
}

/// <summary>
/// A grid over width × initialisation scale × learning rate on a binary task: for every point the final training
/// loss, the top Hessian eigenvalue and trace at the end of training, and how far the empirical NTK moved
/// (S(Θ₀, Θ_T)); heat maps of each over learning rate and width, one per initialisation scale.
/// </summary>
public sealed class WidthSweepExperiment : Experiment<WidthSweepConfig>
{
    public override string Name => "width-sweep";

    public override string Description => "Grid over width × initialisation scale × learning rate: final loss, sharpness, trace and NTK movement as heat maps.";

    /// <summary>Two widths 16× apart on 64 Fashion-MNIST images: enough training for the kernel to move, and to move less when wide.</summary>
    protected override WidthSweepConfig Quick(WidthSweepConfig defaults) => defaults with
    {
        Train = 64,
        Widths = [16, 256],
        InitScales = [1],
        LearningRates = [0.02, 0.08],
        Epochs = 4,
    };

    private static readonly string[] s_metrics = ["final_loss", "top_eigenvalue", "trace", "ntk_distance"];

    protected override void Run(WidthSweepConfig config, RunContext context)
    {
        var (train, _) = BinaryTask.Load(config.Data, config.Train, 4, 0, 6, config.Dimension, context.Random.Split());
        int inputs = train.Inputs.Size(1);
        int total = config.Widths.Length * config.InitScales.Length * config.LearningRates.Length;
        var values = new Dictionary<string, double[,,]>();
        foreach (string metric in s_metrics)
        {
            values[metric] = new double[config.InitScales.Length, config.Widths.Length, config.LearningRates.Length];
        }
        var task = context.Progress.Start("grid", total);
        int point = 0;
        var inaccurate = new List<string>();
        var diverged = new Dictionary<(int Scale, int Width, int Rate), int>();
        for (int s = 0; s < config.InitScales.Length; s++)
        {
            for (int w = 0; w < config.Widths.Length; w++)
            {
                for (int l = 0; l < config.LearningRates.Length; l++)
                {
                    context.ThrowIfCancelled();
                    var result = RunPoint(config, context, train, inputs, config.Widths[w], config.InitScales[s], config.LearningRates[l], inaccurate);
                    foreach (string metric in s_metrics)
                    {
                        values[metric][s, w, l] = result[metric];
                    }
                    if (result.TryGetValue("diverged_at_step", out double at))
                    {
                        diverged[(s, w, l)] = (int)at;
                    }
                    context.Track($"width={config.Widths[w]},scale={config.InitScales[s]},lr={config.LearningRates[l]}", point++, result);
                    task.Advance(1, $"width {config.Widths[w]}, scale {config.InitScales[s]}, lr {config.LearningRates[l]}: loss {result["final_loss"]:G3}");
                }
            }
        }
        task.Complete();
        context.Check("top eigenvalues accurate", inaccurate.Count == 0, inaccurate.Count == 0
            ? $"every finite top eigenvalue of the {total} runs has a Lanczos residual bound within 5 % of it"
            : $"{inaccurate.Count} of {total} top eigenvalues have a Lanczos residual bound above 5 % of them ({string.Join("; ", inaccurate)})");

        var figures = new StringBuilder();
        double[] xs = config.LearningRates.Select(Math.Log10).ToArray();
        double[] ys = config.Widths.Select(v => Math.Log2(v)).ToArray();
        foreach (string metric in s_metrics)
        {
            for (int s = 0; s < config.InitScales.Length; s++)
            {
                var z = new double[config.Widths.Length, config.LearningRates.Length];
                for (int w = 0; w < config.Widths.Length; w++)
                {
                    for (int l = 0; l < config.LearningRates.Length; l++)
                    {
                        z[w, l] = values[metric][s, w, l];
                    }
                }
                string scale = config.InitScales[s].ToString(CultureInfo.InvariantCulture);
                if (xs.Length >= 2 && ys.Length >= 2)
                {
                    var map = new HeatMap
                    {
                        Title = $"{metric.Replace('_', ' ')} (init scale {scale})",
                        XLabel = "log10 learning rate",
                        YLabel = "log2 width",
                        MissingLabel = "diverged",
                        ColorLabel = metric.Replace('_', ' '),
                        ContourLevels = Math.Min(xs.Length, ys.Length) >= 4 ? 6 : 0,
                        LogColor = metric is "final_loss" or "ntk_distance" && Enumerable.Range(0, ys.Length).All(w => Enumerable.Range(0, xs.Length).All(l => z[w, l] > 0)),
                    }.Data(xs, ys, z);
                    figures.AppendLine($"![{metric} at init scale {scale}]({context.SaveFigure($"{metric}-scale{scale}", map)})").AppendLine();
                }
            }
            var flat = values[metric].Cast<double>().Where(double.IsFinite).DefaultIfEmpty(double.NaN).ToArray();
            context.Results[$"{metric}_min"] = flat.Min();
            context.Results[$"{metric}_max"] = flat.Max();
            context.Results[$"{metric}_diverged"] = values[metric].Cast<double>().Count(v => !double.IsFinite(v));
        }
        var distance = values["ntk_distance"];
        var observations = new StringBuilder();
        for (int s = 0; s < config.InitScales.Length; s++)
        {
            string At(int w)
            {
                int l = config.LearningRates.Length - 1;
                return diverged.TryGetValue((s, w, l), out int step) ? $"diverged at step {step}" : ReportNumbers.Scientific(distance[s, w, l]);
            }
            observations.AppendLine($"- Init scale {config.InitScales[s]}: NTK movement at the largest learning rate ({config.LearningRates[^1]}) is {At(0)} at width {config.Widths[0]} and {At(config.Widths.Length - 1)} at width {config.Widths[^1]}.");
        }
        if (diverged.Count > 0)
        {
            observations.AppendLine().AppendLine($"{diverged.Count} of {total} runs diverged (grey crosses in the heat maps): "
                + string.Join("; ", diverged.Select(d => $"width {config.Widths[d.Key.Width]}, scale {config.InitScales[d.Key.Scale]}, learning rate {config.LearningRates[d.Key.Rate]} at step {d.Value}")) + ".");
        }
        LazyVerdict(context, config, distance, diverged);
        WriteReport(context, config, ("observations", observations), ("figures", figures));
    }

    /// <summary>
    /// Lazy training (Jacot et al.; Chizat et al.): at a fixed initialisation scale and learning rate the NTK moves less as
    /// the width grows. Decided on every (scale, rate) pair whose smallest- and largest-width runs did not diverge.
    /// </summary>
    private static void LazyVerdict(RunContext context, WidthSweepConfig config, double[,,] distance, Dictionary<(int Scale, int Width, int Rate), int> diverged)
    {
        int last = config.Widths.Length - 1;
        var pairs = new List<(int S, int L, double Narrow, double Wide)>();
        for (int s = 0; s < config.InitScales.Length; s++)
        {
            for (int l = 0; l < config.LearningRates.Length; l++)
            {
                if (last > 0 && !diverged.ContainsKey((s, 0, l)) && !diverged.ContainsKey((s, last, l)))
                {
                    pairs.Add((s, l, distance[s, 0, l], distance[s, last, l]));
                }
            }
        }
        int less = pairs.Count(p => p.Wide < p.Narrow);
        context.Verdict($"The NTK moves less in training as the width grows (lazy training), from width {config.Widths[0]} to {config.Widths[^1]}",
            pairs.Count == 0 ? Reproduction.Undecided : less == pairs.Count ? Reproduction.Yes : less > pairs.Count / 2 ? Reproduction.Partly : Reproduction.No,
            pairs.Count == 0 ? "no setting has finite runs at both widths"
            : $"smaller at the wider network in {less} of {pairs.Count} (scale, learning rate) settings; e.g. scale {config.InitScales[pairs[^1].S]}, learning rate {config.LearningRates[pairs[^1].L]}: {ReportNumbers.Scientific(pairs[^1].Narrow)} → {ReportNumbers.Scientific(pairs[^1].Wide)}");
    }

    private static Dictionary<string, double> RunPoint(WidthSweepConfig config, RunContext context, TensorDataset train, int inputs, int width, double scale, double lr, List<string> inaccurate)
    {
        var generator = context.Random.Split();
        var model = new Mlp([inputs, width, width, 1], Activation.Relu, generator);
        using (GradMode.NoGrad())
        {
            foreach (var layer in model.LinearLayers)
            {
                layer.Weight.MulInPlace(scale);
            }
        }
        var initialKernel = NeuralTangentKernel.Kernel(model, train.Inputs);
        var optimizer = new Sgd(model.Parameters(), lr);
        var loader = new DataLoader(train, 32, shuffle: true, generator: generator.Split());
        Tensor Objective(Tensor x, Tensor y) => Loss.Mse(model.Forward(x), y) * 0.5;
        // Divergence is a result: the step at which the mini-batch loss stops being finite ends the run.
        int step = 0;
        double divergedAt = double.NaN;
        for (int epoch = 0; epoch < config.Epochs && double.IsNaN(divergedAt); epoch++)
        {
            foreach (var (x, y) in loader)
            {
                step++;
                optimizer.ZeroGrad();
                var batchLoss = Objective(x, y);
                if (!double.IsFinite(batchLoss.Item()))
                {
                    divergedAt = step;
                    break;
                }
                batchLoss.Backward();
                optimizer.Step();
            }
        }
        var hessian = new HessianOperator(model.Parameters(), () => Objective(train.Inputs, train.Targets));
        double loss = double.IsNaN(divergedAt) ? hessian.Loss() : double.NaN;
        if (double.IsNaN(divergedAt) && !double.IsFinite(loss))
        {
            divergedAt = step;
        }
        var estimate = double.IsFinite(loss) ? Lanczos.TopEigenvalues(hessian.Apply, Tensor.Randn(generator, [hessian.Dimension]), 1, Math.Min(15, hessian.Dimension), tolerance: 0) : null;
        double top = estimate?.Values[0] ?? double.NaN;
        if (estimate is not null && estimate.Residuals[0] > 0.05 * Math.Abs(top))
        {
            context.Log($"width {width}, scale {scale}, lr {lr}: the top eigenvalue {top:G4} has a Lanczos residual bound of {estimate.Residuals[0] / Math.Abs(top):P1}");
            inaccurate.Add($"width {width}, scale {scale}, lr {lr}");
        }
        double trace = double.IsFinite(loss) ? Spectrum.Trace(hessian.Apply, hessian.Dimension, 10, generator).Trace : double.NaN;
        double distance = double.IsFinite(loss) ? NeuralTangentKernel.Distance(initialKernel, NeuralTangentKernel.Kernel(model, train.Inputs)) : double.NaN;
        var result = new Dictionary<string, double> { ["final_loss"] = loss, ["top_eigenvalue"] = top, ["trace"] = trace, ["ntk_distance"] = distance };
        if (!double.IsNaN(divergedAt))
        {
            result["diverged_at_step"] = divergedAt;
        }
        return result;
    }
}
