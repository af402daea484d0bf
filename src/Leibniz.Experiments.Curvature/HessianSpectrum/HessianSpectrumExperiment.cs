using System.Globalization;
using System.Text;
using Leibniz.Analysis;

namespace Leibniz.Experiments.HessianSpectrum;

/// <summary>Configuration of <see cref="HessianSpectrumExperiment"/>.</summary>
public sealed record HessianSpectrumConfig
{
    /// <summary>Data set.</summary>
    [Description("Data: FashionMnist (the first images) or GaussianMixture (synthetic, one Gaussian per class).")]
    public SampleSource Data { get; set; } = SampleSource.FashionMnist;

    /// <summary>Number of samples; the Hessian is that of the mean loss over all of them.</summary>
    [Description("Number of samples; the Hessian is that of the mean loss over all of them.")]
    [Range(16, 60000)]
    public int Samples { get; set; } = 2048;

    /// <summary>Input dimension for synthetic data.</summary>
    [Description("Input dimension of the Gaussian mixture (Fashion-MNIST is always 784).")]
    [Range(1, 100000)]
    public int Dimension { get; set; } = 64;

    /// <summary>Number of classes for synthetic data.</summary>
    [Description("Number of classes of the Gaussian mixture (Fashion-MNIST has 10).")]
    [Range(2, 1000)]
    public int Classes { get; set; } = 10;

    /// <summary>Hidden widths to compare (two hidden layers each).</summary>
    [Description("Hidden widths to compare; each model has two hidden layers of that width.")]
    [Range(1, 4096)]
    public int[] Widths { get; set; } = [32, 64, 128];

    /// <summary>Training epochs between the two spectra.</summary>
    [Description("Training epochs (Adam, batch 128) between the spectrum at initialisation and the one after training.")]
    [Range(0, 10000)]
    public int Epochs { get; set; } = 30;

    /// <summary>Adam learning rate.</summary>
    [Description("Adam learning rate.")]
    [Range(1e-7, 10.0)]
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>Lanczos steps for the top eigenvalues.</summary>
    [Description("Lanczos steps (full reorthogonalisation) for the top eigenvalues.")]
    [Range(2, 1000)]
    public int LanczosSteps { get; set; } = 80;

    /// <summary>Number of leading eigenvalues reported.</summary>
    [Description("Number of leading eigenvalues reported and plotted.")]
    [Range(1, 1000)]
    public int TopK { get; set; } = 20;

    /// <summary>Runs of stochastic Lanczos quadrature for the density.</summary>
    [Description("Random start vectors of stochastic Lanczos quadrature for the density.")]
    [Range(1, 100)]
    public int DensityRuns { get; set; } = 3;

    /// <summary>Compute in float64.</summary>
    [Description("Compute the model, loss and Hessian-vector products in float64 instead of float32.")]
    public bool Float64 { get; set; }

    /// <summary>Lanczos steps per density run.</summary>
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
    /// <inheritdoc/>
    public override string Name => "hessian-spectrum";

    /// <inheritdoc/>
    public override string Description => "Hessian eigenvalue density and outliers of MLPs at initialisation and after training, for several widths (about a minute).";

    /// <inheritdoc/>
    protected override HessianSpectrumConfig Quick(HessianSpectrumConfig defaults) => defaults with
    {
        Data = SampleSource.GaussianMixture,
        Samples = 256,
        Dimension = 10,
        Classes = 3,
        Widths = [12],
        Epochs = 5,
        LanczosSteps = 20,
        TopK = 8,
        DensityRuns = 2,
        DensitySteps = 15,
    };

    /// <inheritdoc/>
    protected override void Run(HessianSpectrumConfig config, RunContext context)
    {
        var data = config.Data == SampleSource.FashionMnist
            ? ExperimentData.Load(config.Data, config.Samples, 0, config.Dimension, context.Random.Split()).Train
            : SyntheticData.GaussianMixture(context.Random.Split(), config.Samples, config.Dimension, config.Classes);
        int classes = config.Data == SampleSource.FashionMnist ? 10 : config.Classes;
        var dtype = config.Float64 ? DType.Float64 : DType.Float32;
        data = new TensorDataset(data.Inputs.To(dtype), data.Targets);
        int inputs = data.Inputs.Size(1);
        var densityPlot = new LinePlot { Title = "Hessian eigenvalue density (stochastic Lanczos quadrature)", XLabel = "eigenvalue", YLabel = "density", LogY = true };
        var topPlot = new LinePlot { Title = $"Top {config.TopK} Hessian eigenvalues", XLabel = "rank", YLabel = "eigenvalue", LogY = true };
        var observations = new StringBuilder();
        foreach (int width in config.Widths)
        {
            context.ThrowIfCancelled();
            var generator = context.Random.Split();
            var model = new Mlp([inputs, width, width, classes], Activation.Relu, generator, dtype: dtype);
            var hessian = new HessianOperator(model.Parameters(), () => Loss.CrossEntropy(model.Forward(data.Inputs), data.Targets));
            var task = context.Progress.Start($"width {width}: spectra and training", 2 + config.Epochs);
            var before = Measure(hessian, config, generator, context, $"width={width} init");
            task.Advance(1, $"λ₁ = {before.Top[0]:G4} at initialisation");
            var optimizer = new Adam(model.Parameters(), config.LearningRate);
            var loader = new DataLoader(data, 128, shuffle: true, generator: generator.Split());
            for (int epoch = 1; epoch <= config.Epochs; epoch++)
            {
                context.ThrowIfCancelled();
                foreach (var (xb, yb) in loader)
                {
                    optimizer.ZeroGrad();
                    Loss.CrossEntropy(model.Forward(xb), yb).Backward();
                    optimizer.Step();
                }
                hessian.Reset();
                double loss = hessian.Loss();
                context.LogMetrics($"width={width}", epoch, new Dictionary<string, double> { ["train_loss"] = loss });
                task.Advance(1, $"loss {loss:F4}");
            }
            hessian.Reset();
            var after = Measure(hessian, config, generator, context, $"width={width} trained");
            task.Advance(1, $"λ₁ = {after.Top[0]:G4} after training");
            task.Complete();

            densityPlot.Add($"width {width}, init", before.Density.Grid, before.Density.Density);
            densityPlot.Add($"width {width}, trained", after.Density.Grid, after.Density.Density);
            double[] ranks = Enumerable.Range(1, after.Top.Length).Select(i => (double)i).ToArray();
            topPlot.Add($"width {width}, init", ranks, before.Top.Select(Math.Abs).ToArray(), markers: true);
            topPlot.Add($"width {width}, trained", ranks, after.Top.Select(Math.Abs).ToArray(), markers: true);

            string key = width.ToString(CultureInfo.InvariantCulture);
            context.Results[$"parameters@{key}"] = hessian.Dimension;
            context.Results[$"top_eigenvalue_init@{key}"] = before.Top[0];
            context.Results[$"top_eigenvalue_trained@{key}"] = after.Top[0];
            context.Results[$"trace_init@{key}"] = before.Trace;
            context.Results[$"trace_trained@{key}"] = after.Trace;
            context.Results[$"outliers_trained@{key}"] = after.Outliers;
            context.Results[$"final_loss@{key}"] = hessian.Loss();
            observations.AppendLine($"- Width {width} ({hessian.Dimension:N0} parameters): top eigenvalue {before.Top[0]:G4} at initialisation and {after.Top[0]:G4} after training; trace (Hutchinson) {before.Trace:G4} → {after.Trace:G4}; {after.Outliers} eigenvalues stand clear of the rest after training ({classes} classes).");
        }
        context.Results["classes"] = classes;
        string density = context.SaveFigure("density", densityPlot);
        string top = context.SaveFigure("top-eigenvalues", topPlot);
        context.Report.Add(new ReportSection("Setup", $"Mean cross-entropy over {data.Count} samples ({config.Data}, {classes} classes) of MLPs {inputs}-w-w-{classes} (ReLU) for w in {string.Join(", ", config.Widths)}. "
            + $"Spectra at initialisation and after {config.Epochs} epochs of Adam (learning rate {config.LearningRate}, batch 128): the density by stochastic Lanczos quadrature "
            + $"({config.DensityRuns} runs × {config.DensitySteps} steps, Gaussian smoothing), the top {config.TopK} eigenvalues by {config.LanczosSteps} Lanczos steps with full reorthogonalisation, "
            + $"the trace by Hutchinson's estimator (30 Rademacher vectors). Outliers are counted as the eigenvalues before the largest relative gap among the top ones."));
        context.Report.Add(new ReportSection("What the papers report",
            "Sagun et al. (2016, 2017) find the Hessian of over-parametrised networks to be a bulk concentrated at zero plus a small number of large outliers, "
            + "about as many as there are classes, and the bulk to grow with the number of parameters while the outliers depend on the data."));
        context.Report.Add(new ReportSection("What this run shows", observations + $"\n![Eigenvalue density]({density})\n\n![Top eigenvalues]({top})"));
    }

    private static (double[] Top, SpectralDensity Density, double Trace, int Outliers) Measure(HessianOperator hessian, HessianSpectrumConfig config,
        Numerics.Generator generator, RunContext context, string label)
    {
        var dtype = config.Float64 ? DType.Float64 : DType.Float32;
        var start = Tensor.Randn(generator, [hessian.Dimension], dtype);
        var ritz = Lanczos.RitzValues(hessian.Apply, start, Math.Min(config.LanczosSteps, hessian.Dimension));
        var top = ritz.Take(config.TopK).ToArray();
        var density = Spectrum.Density(hessian.Apply, hessian.Dimension, config.DensityRuns, Math.Min(config.DensitySteps, hessian.Dimension), generator, dtype: dtype);
        var (trace, _, _) = Spectrum.Trace(hessian.Apply, hessian.Dimension, 30, generator, dtype);
        int outliers = 1;
        double bestGap = 0;
        for (int i = 0; i + 1 < top.Length; i++)
        {
            double gap = Math.Abs(top[i]) / Math.Max(Math.Abs(top[i + 1]), 1e-12);
            if (gap > bestGap)
            {
                bestGap = gap;
                outliers = i + 1;
            }
        }
        context.Log($"{label}: top eigenvalues {string.Join(", ", top.Take(5).Select(v => v.ToString("G4", CultureInfo.InvariantCulture)))}, trace ≈ {trace:G4}");
        return (top, density, trace, outliers);
    }
}
