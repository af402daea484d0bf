using System.Text;
using Leibniz.Analysis;

namespace Leibniz.Experiments.HessianSpectrum;

/// <summary>Configuration of <see cref="HessianSpectrumExperiment"/>.</summary>
public sealed record HessianSpectrumConfig
{
    public ClassificationSettings Data { get; set; } = new() { Samples = 2048, Dimension = 64 };

    [Description("Hidden widths to compare; each model has two ReLU hidden layers of that width.")]
    [Range(1, 4096)]
    public int[] Widths { get; set; } = [32, 64, 128];

    public TrainingSettings Training { get; set; } = new() { Epochs = 30, BatchSize = 128, LearningRate = 1e-3 };

    [Description("Lanczos steps (full reorthogonalisation) for the top eigenvalues.")]
    [Range(2, 1000)]
    public int LanczosSteps { get; set; } = 80;

    [Description("Number of leading eigenvalues reported and plotted.")]
    [Range(1, 1000)]
    public int TopK { get; set; } = 20;

    [Description("Random start vectors of stochastic Lanczos quadrature for the density.")]
    [Range(1, 100)]
    public int DensityRuns { get; set; } = 3;

    [Description("Compute the model, loss and Hessian-vector products in float64 instead of float32.")]
    public bool Float64 { get; set; }

    [Description("Lanczos steps per density run.")]
    [Range(2, 1000)]
    public int DensitySteps { get; set; } = 60;
}

/// <summary>
/// The spectrum of the loss Hessian of MLPs at initialisation and after training (Sagun, Bottou and LeCun, 2016;
/// Sagun et al., 2017; Ghorbani et al., 2019): a bulk of eigenvalues near zero and a few outliers, whose number
/// tracks the number of classes. The density comes from stochastic Lanczos quadrature, the top eigenvalues from
/// Lanczos with full reorthogonalisation, all through Hessian-vector products.
/// </summary>
public sealed class HessianSpectrumExperiment : Experiment<HessianSpectrumConfig>
{
    public override string Name => "hessian-spectrum";

    public override string Description => "Hessian eigenvalue density and outliers of MLPs at initialisation and after training, for several widths.";

    protected override HessianSpectrumConfig Quick(HessianSpectrumConfig defaults) => defaults with
    {
        Data = new() { Source = SampleSource.GaussianMixture, Samples = 256, Dimension = 10, Classes = 3 },
        Widths = [12],
        Training = defaults.Training with { Epochs = 60 },
        LanczosSteps = 20,
        TopK = 8,
        DensityRuns = 2,
        DensitySteps = 15,
    };

    protected override void Run(HessianSpectrumConfig config, RunContext context)
    {
        var dtype = config.Float64 ? DType.Float64 : DType.Float32;
        var loaded = config.Data.Load(context.Random.Split());
        var data = new TensorDataset(loaded.Inputs.To(dtype), loaded.Targets);
        int inputs = data.Inputs.Size(1), classes = config.Data.ClassCount;
        var densityPlot = new LinePlot { Title = $"Hessian eigenvalue density (SLQ, {config.DensityRuns} runs; band: range over runs)", XLabel = "eigenvalue", YLabel = "density", LogY = true };
        var topPlot = new LinePlot { Title = $"Top {config.TopK} Hessian eigenvalues", XLabel = "rank", YLabel = "eigenvalue", LogY = true };
        var observations = new StringBuilder();
        var layerObservations = new StringBuilder();
        var traceChart = new BarChart { Title = "Hessian trace per layer after training (Hutchinson)", XLabel = "layer", YLabel = "trace" };
        LinePlot? layerSpectra = null;
        foreach (int width in config.Widths)
        {
            context.ThrowIfCancelled();
            var generator = context.Random.Split();
            var model = new Mlp([inputs, width, width, classes], Activation.Relu, generator, dtype: dtype);
            var hessian = new HessianOperator(model.Parameters(), () => Loss.CrossEntropy(model.Forward(data.Inputs), data.Targets));
            var before = Measure(hessian, config, generator, context, $"width={width} init");
            var optimizer = new Adam(model.Parameters(), config.Training.LearningRate);
            var loader = new DataLoader(data, config.Training.BatchSize, shuffle: true, generator: generator.Split());
            // The loss tracked after each epoch is the full-batch loss whose Hessian is measured.
            new Trainer(model, optimizer, (logits, y) => Loss.CrossEntropy(logits, y))
            {
                TrackTrainLoss = false,
                Evaluate = () =>
                {
                    hessian.Reset();
                    return new Dictionary<string, double> { ["train_loss"] = hessian.Loss() };
                },
            }.Fit(loader, config.Training.Epochs, context, $"width={width}");
            hessian.Reset();
            double trainedLoss = hessian.Loss();
            context.Check($"width {width} trained", trainedLoss < 0.5 * Math.Log(classes),
                $"full-batch training loss {trainedLoss:G4}; below half the chance level ln {classes} = {Math.Log(classes):G4} is required before the trained spectrum is read");
            var after = Measure(hessian, config, generator, context, $"width={width} trained");
            var layers = PerLayer(model, () => Loss.CrossEntropy(model.Forward(data.Inputs), data.Targets), config, generator, context, width);
            var ggn = GaussNewtonOperator.ForLoss(model.Parameters(), () => model.Forward(data.Inputs), z => Loss.CrossEntropy(z, data.Targets));
            double ggnTop = Lanczos.TopEigenvalues(ggn.Apply, Tensor.Randn(generator, [ggn.Dimension], dtype), 1, Math.Min(config.LanczosSteps, ggn.Dimension), tolerance: 0).Values[0];
            context.AddResults($"@{width}", ("ggn_top_eigenvalue_trained", ggnTop));
            traceChart.Categories([.. layers.Select(l => l.Name)]).Add($"width {width}", [.. layers.Select(l => l.Trace)]);
            if (width == config.Widths[^1])
            {
                layerSpectra = new LinePlot { Title = $"Top eigenvalues of each layer's Hessian block, width {width}, trained", XLabel = "rank", YLabel = "|eigenvalue|", LogY = true };
                foreach (var layer in layers)
                {
                    layerSpectra.Add(layer.Name, [.. Enumerable.Range(1, layer.Top.Length).Select(i => (double)i)], [.. layer.Top.Select(Math.Abs)], markers: true);
                }
            }
            double traceSum = layers.Sum(l => l.Trace);
            double sumError = Math.Sqrt(layers.Sum(l => l.TraceError * l.TraceError));
            double z = Math.Abs(traceSum - after.Trace) / Math.Max(Math.Sqrt(sumError * sumError + after.TraceError * after.TraceError), 1e-300);
            var largest = layers.MaxBy(l => l.Trace);
            layerObservations.AppendLine($"- Width {width}: the layer blocks' traces are {string.Join(", ", layers.Select(l => $"{l.Trace:G3} ± {l.TraceError:G2} ({l.Name})"))}, "
                + $"adding to {traceSum:G4} ± {sumError:G2}; the whole Hessian's trace, estimated with other probes, is {after.Trace:G4} ± {after.TraceError:G2} "
                + (z <= 3 ? $"(they agree within {z:G2} standard errors, as they must: the trace is the sum of the diagonal blocks')" : $"({z:G2} standard errors apart: more probes are needed for these traces to be read)")
                + $"; {largest.Name} holds {largest.Trace / traceSum:P0} of the sum. "
                + $"Top eigenvalues per block {string.Join(", ", layers.Select(l => $"{l.Top[0]:G3}"))}; the Gauss–Newton matrix's top eigenvalue {ggnTop:G4} against the Hessian's {after.Top[0]:G4} "
                + $"(ratio {ggnTop / after.Top[0]:G3}" + (Math.Abs(Math.Log(ggnTop / after.Top[0])) <= Math.Log(1.25)
                    ? ": the top of the spectrum comes from the Gauss–Newton term, as Papyan finds)."
                    : ": here the network's own curvature changes the top of the spectrum by more than a quarter)."));

            var (beforeLow, beforeHigh) = before.Density.Band();
            var (afterLow, afterHigh) = after.Density.Band();
            densityPlot.Add($"width {width}, init", before.Density.Grid, before.Density.Density).AddBand(before.Density.Grid, beforeLow, beforeHigh)
                .Add($"width {width}, trained", after.Density.Grid, after.Density.Density).AddBand(after.Density.Grid, afterLow, afterHigh);
            double[] ranks = [.. Enumerable.Range(1, after.Top.Length).Select(i => (double)i)];
            topPlot.Add($"width {width}, init", ranks, [.. before.Top.Select(Math.Abs)], markers: true).Add($"width {width}, trained", ranks, [.. after.Top.Select(Math.Abs)], markers: true);
            context.AddResults($"@{width}", ("parameters", hessian.Dimension), ("top_eigenvalue_init", before.Top[0]), ("top_eigenvalue_trained", after.Top[0]),
                ("trace_init", before.Trace), ("trace_trained", after.Trace), ("outliers_trained", after.Outliers), ("final_loss", trainedLoss));
            observations.AppendLine($"- Width {width} ({hessian.Dimension:N0} parameters): top eigenvalue {before.Top[0]:G4} at initialisation and {after.Top[0]:G4} after training; "
                + $"trace (Hutchinson, ± one standard error) {before.Trace:G4} ± {before.TraceError:G2} → {after.Trace:G4} ± {after.TraceError:G2}; {after.Outliers} eigenvalues stand clear of the rest after training ({classes} classes).");
        }
        context.Results["classes"] = classes;
        var counts = config.Widths.Select(w => (Width: w, Outliers: (int)context.Results[$"outliers_trained@{w}"])).ToList();
        int close = counts.Count(c => Math.Abs(c.Outliers - (classes - 1)) <= 1);
        bool trained = config.Widths.All(w => context.Preconditions[$"width {w} trained"].Holds);
        context.Verdict($"After training the Hessian is a bulk near zero and about C − 1 = {classes - 1} outliers (Sagun et al.; Papyan)",
            !trained ? Reproduction.Undecided : close == counts.Count ? Reproduction.Yes : close > 0 ? Reproduction.Partly : Reproduction.No,
            string.Join("; ", counts.Select(c => $"width {c.Width}: {c.Outliers} outliers")) + $" (within one of {classes - 1} counts; the break is the largest gap of log|λ| between ranks {Math.Max(1, (classes + 1) / 2)} and {2 * classes - 1})"
            + (trained ? "" : "; a network did not train (see the checks above), so its spectrum is not that of a trained network"));
        WriteReport(context, config, ("data_set", config.Data.Describe()), ("inputs", inputs), ("observations", observations),
            ("density_figure", context.SaveFigure("density", densityPlot)), ("top_figure", context.SaveFigure("top-eigenvalues", topPlot)),
            ("layer_observations", layerObservations), ("layer_trace_figure", context.SaveFigure("layer-traces", traceChart)),
            ("layer_spectra_figure", context.SaveFigure("layer-spectra", layerSpectra!)));
    }

    /// <summary>
    /// The number of outliers: the rank k with the largest gap log|λ_k| − log|λ_{k+1}| for k from ⌈C/2⌉ to 2C − 1 (C
    /// classes). Theory puts the break near C (C − 1 outliers for cross-entropy, Papyan 2019); searching only there keeps
    /// a large gap among the first few outliers (as between λ₂ and λ₃) from passing for the edge of the bulk.
    /// </summary>
    internal static int Outliers(double[] top, int classes)
    {
        int first = Math.Max(1, (classes + 1) / 2), last = Math.Min(2 * classes - 1, top.Length - 1);
        int outliers = first;
        double bestGap = double.NegativeInfinity;
        for (int k = first; k <= last; k++)
        {
            double gap = Math.Log(Math.Abs(top[k - 1]) / Math.Max(Math.Abs(top[k]), 1e-12));
            if (gap > bestGap)
            {
                bestGap = gap;
                outliers = k;
            }
        }
        return outliers;
    }

    /// <summary>
    /// For each layer's block of the Hessian (its weights and bias: the Hessian restricted to them), the top eigenvalues by
    /// Lanczos and the trace by Hutchinson (30 probes), with its standard error.
    /// </summary>
    private static List<(string Name, double[] Top, double Trace, double TraceError)> PerLayer(Module model, Func<Tensor> loss, HessianSpectrumConfig config,
        Generator generator, RunContext context, int width)
    {
        var dtype = config.Float64 ? DType.Float64 : DType.Float32;
        var result = new List<(string, double[], double, double)>();
        var blocks = ParameterBlocks.ByLayer(model);
        for (int b = 0; b < blocks.Count; b++)
        {
            var block = HessianOperator.ForBlock(model, blocks[b].Parameters, loss);
            var top = Lanczos.TopEigenvalues(block.Apply, Tensor.Randn(generator, [block.Dimension], dtype), config.TopK, Math.Min(config.LanczosSteps, block.Dimension), tolerance: 0).Values;
            var (trace, error, _) = Spectrum.Trace(block.Apply, block.Dimension, 30, generator, dtype);
            string name = $"layer {b + 1}";
            context.AddResults($"@{width}|{name}", ("block_parameters", block.Dimension), ("block_top_eigenvalue", top[0]), ("block_trace", trace), ("block_trace_error", error));
            result.Add((name, top, trace, error));
        }
        return result;
    }

    /// <summary>
    /// The top eigenvalues (Lanczos), the density (stochastic Lanczos quadrature), the trace (Hutchinson, 30 Rademacher
    /// vectors) and the number of outliers: the eigenvalues before the largest relative gap among the top ones.
    /// </summary>
    private static (double[] Top, SpectralDensity Density, double Trace, double TraceError, int Outliers) Measure(HessianOperator hessian, HessianSpectrumConfig config,
        Generator generator, RunContext context, string label)
    {
        var dtype = config.Float64 ? DType.Float64 : DType.Float32;
        var start = Tensor.Randn(generator, [hessian.Dimension], dtype);
        var estimate = Lanczos.TopEigenvalues(hessian.Apply, start, config.TopK, Math.Min(config.LanczosSteps, hessian.Dimension), tolerance: 0);
        var top = estimate.Values;
        double bound = estimate.Residuals[0] / Math.Abs(top[0]);
        context.Check($"top eigenvalue accurate ({label})", bound <= 0.01,
            $"Lanczos residual bound {bound:P2} of λ₁ = {top[0]:G4} after {estimate.Steps} steps; at most 1 % is required (raise lanczosSteps if not)");
        var density = Spectrum.Density(hessian.Apply, hessian.Dimension, config.DensityRuns, Math.Min(config.DensitySteps, hessian.Dimension), generator, dtype: dtype);
        var (trace, traceError, _) = Spectrum.Trace(hessian.Apply, hessian.Dimension, 30, generator, dtype);
        int outliers = Outliers(top, config.Data.ClassCount);
        context.Log($"{label}: top eigenvalues {string.Join(", ", top.Take(5).Select(v => v.ToString("G4")))}, trace ≈ {trace:G4}");
        return (top, density, trace, traceError, outliers);
    }
}
