using System.Globalization;
using System.Text;
using Leibniz.Autograd;

namespace Leibniz.Experiments.Glorot;

/// <summary>Configuration of <see cref="GlorotExperiment"/>.</summary>
public sealed record GlorotConfig
{
    public TrainTestSettings Data { get; set; } = new() { Train = 10000, Test = 2000 };

    [Description("Number of hidden layers (the paper: 5).")]
    [Range(1, 100)]
    public int Layers { get; set; } = 5;

    [Description("Width of every hidden layer (the paper's 1000).")]
    [Range(1, 8192)]
    public int Width { get; set; } = 1000;

    [Description("Activations compared: sigmoid, tanh, softsign.")]
    public Activation[] Activations { get; set; } = [Activation.Sigmoid, Activation.Tanh, Activation.Softsign];

    public TrainingSettings Training { get; set; } = new() { Epochs = 5, BatchSize = 10, LearningRate = 0.01 };

    [Description("Record each layer's activation statistics every this many steps.")]
    [Range(1, 1000000)]
    public int MeasureEvery { get; set; } = 250;
}

/// <summary>
/// Understanding the difficulty of training deep feedforward networks (Glorot and Bengio, 2010): deep MLPs with
/// sigmoid, tanh or softsign units, initialised with the "standard" U[−1/√n, 1/√n] or the normalised
/// U[−√6/√(n_in + n_out), +] rule and trained with plain SGD. Recorded: each hidden layer's activation mean, spread
/// and 98th percentile during training (the sigmoid top-layer saturation), activation histograms per layer after
/// training, back-propagated gradient histograms per layer at initialisation, and test error curves.
/// </summary>
public sealed class GlorotExperiment : Experiment<GlorotConfig>
{
    public override string Name => "glorot";

    public override string Description => "Glorot & Bengio: activations and back-propagated gradients per layer for sigmoid/tanh/softsign × standard/normalised initialisation.";

    protected override GlorotConfig Quick(GlorotConfig defaults) => defaults with
    {
        Data = new() { Source = SampleSource.GaussianMixture, Train = 64, Test = 32, Dimension = 8 },
        Layers = 3,
        Width = 16,
        Activations = [Activation.Sigmoid, Activation.Tanh],
        Training = defaults.Training with { Epochs = 1, BatchSize = 8 },
        MeasureEvery = 4,
    };

    protected override void Run(GlorotConfig config, RunContext context)
    {
        foreach (var activation in config.Activations)
        {
            if (activation is not (Activation.Sigmoid or Activation.Tanh or Activation.Softsign))
            {
                throw new ArgumentException($"glorot: activation '{Activations.NameOf(activation)}' is not one of sigmoid, tanh, softsign.");
            }
        }
        var (train, test) = config.Data.Load(context.Random.Split());
        int inputs = train.Inputs.Size(1);
        int classes = config.Data.ClassCount;
        var probe = train.Inputs.Narrow(0, 0, Math.Min(300, train.Count)).Contiguous();
        var probeY = train.Targets.Narrow(0, 0, probe.Size(0)).Contiguous();
        var errorPlot = new LinePlot { Title = "Test error during training", XLabel = "step", YLabel = "test error" };
        var figures = new StringBuilder();
        var table = new StringBuilder("| activation | initialisation | final test error |\n| --- | --- | --- |\n");
        foreach (var activation in config.Activations)
        {
            string name = Activations.NameOf(activation);
            foreach (bool normalised in new[] { false, true })
            {
                context.ThrowIfCancelled();
                string init = normalised ? "normalised" : "standard";
                string tag = $"{name}-{init}";
                var generator = context.Random.Split();
                var model = new Mlp([inputs, .. Enumerable.Repeat(config.Width, config.Layers), classes], activation, generator);
                foreach (var layer in model.LinearLayers)
                {
                    if (normalised)
                    {
                        Init.XavierUniform(layer.Weight, generator);
                    }
                    else
                    {
                        Init.Standard(layer.Weight, generator);
                    }
                    Init.Zeros(layer.Bias!);
                }

                // At initialisation: activation and back-propagated gradient statistics per layer.
                var (activations, gradients) = Probe(model, probe, probeY);
                for (int l = 0; l < activations.Count; l++)
                {
                    context.Results[$"activation_var_init@{tag}_layer{l + 1}"] = Variance(activations[l]);
                    context.Results[$"gradient_var_init@{tag}_layer{l + 1}"] = Variance(gradients[l]);
                }
                var gradientGrid = new HistogramGrid { Title = $"Back-propagated gradients ∂C/∂s at initialisation ({name}, {init})", XLabel = "gradient" };
                for (int l = 0; l < gradients.Count; l++)
                {
                    gradientGrid.Add($"layer {l + 1}", gradients[l]);
                }
                figures.AppendLine($"![Gradients at initialisation, {tag}]({context.SaveFigure($"gradients-init-{tag}", gradientGrid)})").AppendLine();

                var (steps, means, spreads, p98, errors) = TrainAndTrack(model, train, test, config, generator, context, tag);
                errorPlot.Add($"{name}, {init}", steps.Select(s => (double)s).ToArray(), errors);
                table.AppendLine($"| {name} | {init} | {errors[^1]:P2} |");
                context.Results[$"test_error@{tag}"] = errors[^1];

                var statistics = new LinePlot { Title = $"Activations ({name}, {init}): mean, 98th percentile dashed", XLabel = "step", YLabel = "activation" };
                for (int l = 0; l < means.Length; l++)
                {
                    statistics.Add($"layer {l + 1}", steps.Select(s => (double)s).ToArray(), means[l]);
                    statistics.AddReference($"layer {l + 1} p98", steps.Select(s => (double)s).ToArray(), p98[l]);
                }
                figures.AppendLine($"![Activation statistics, {tag}]({context.SaveFigure($"activations-training-{tag}", statistics)})").AppendLine();
                var spreadPlot = new LinePlot { Title = $"Standard deviation of the activations per layer ({name}, {init})", XLabel = "step", YLabel = "standard deviation" };
                for (int l = 0; l < spreads.Length; l++)
                {
                    spreadPlot.Add($"layer {l + 1}", steps.Select(s => (double)s).ToArray(), spreads[l]);
                }
                context.SaveFigure($"activation-spread-{tag}", spreadPlot);

                var (finalActivations, _) = Probe(model, probe, probeY);
                var histogram = new HistogramGrid { Title = $"Activation histograms per layer after training ({name}, {init})", XLabel = "activation" };
                for (int l = 0; l < finalActivations.Count; l++)
                {
                    histogram.Add($"layer {l + 1}", finalActivations[l]);
                }
                figures.AppendLine($"![Activations after training, {tag}]({context.SaveFigure($"activations-final-{tag}", histogram)})").AppendLine();
            }
        }
        string errorFigure = context.SaveFigure("test-error", errorPlot);
        string findings = Findings(context, config, classes);
        WriteReport(context, config, ("train_size", train.Count), ("classes", classes), ("table", table), ("findings", findings), ("error_figure", errorFigure), ("figures", figures));
    }

    /// <summary>
    /// The paper's two findings in numbers: the ratio of the gradient variance of the top hidden layer to the first's at
    /// initialisation (how much back-propagated gradients shrink on the way down) for each rule, and the final test
    /// errors; with the verdicts.
    /// </summary>
    private static string Findings(RunContext context, GlorotConfig config, int classes)
    {
        double Shrink(string tag) => (double)context.Results[$"gradient_var_init@{tag}_layer{config.Layers}"] / (double)context.Results[$"gradient_var_init@{tag}_layer1"];
        double Error(string tag) => (double)context.Results[$"test_error@{tag}"];
        double chance = 1 - 1.0 / classes;
        var text = new StringBuilder();
        var centred = new List<string>();
        foreach (var activation in config.Activations)
        {
            string name = Activations.NameOf(activation);
            double standard = Shrink($"{name}-standard"), normalised = Shrink($"{name}-normalised");
            text.AppendLine($"- {name}: from layer {config.Layers} down to layer 1 the variance of ∂C/∂s falls {ReportNumbers.Scientific(standard, 2)}× with the standard rule and {ReportNumbers.Scientific(normalised, 2)}× with the normalised one; "
                + $"final test error {Error($"{name}-standard"):P1} (standard) against {Error($"{name}-normalised"):P1} (normalised)"
                + (Error($"{name}-standard") > chance - 0.02 && Error($"{name}-normalised") > chance - 0.02 ? $", both at chance ({chance:P0}): neither network trained in {config.Training.Epochs} epochs, so its errors say nothing about the rules." : "."));
            if (activation != Activation.Sigmoid)
            {
                centred.Add(name);
            }
        }
        if (centred.Count > 0)
        {
            bool shrinks = centred.All(n => Shrink($"{n}-standard") >= 10);
            bool kept = centred.All(n => Shrink($"{n}-normalised") <= 10);
            context.Verdict("With the standard rule the back-propagated gradients' variance shrinks from the top layer down; the normalised rule keeps it comparable across layers (tanh, softsign)",
                shrinks && kept ? Reproduction.Yes : shrinks || kept ? Reproduction.Partly : Reproduction.No,
                string.Join("; ", centred.Select(n => $"{n}: falls {ReportNumbers.Scientific(Shrink($"{n}-standard"), 2)}× (standard) against {ReportNumbers.Scientific(Shrink($"{n}-normalised"), 2)}× (normalised)")) + "; at most 10× counts as comparable");
            var lower = centred.Where(n => Error($"{n}-normalised") < Error($"{n}-standard")).ToList();
            context.Verdict("The normalised initialisation lowers the test error (tanh, softsign)",
                lower.Count == centred.Count ? Reproduction.Yes : lower.Count > 0 ? Reproduction.Partly : Reproduction.No,
                string.Join("; ", centred.Select(n => $"{n}: {Error($"{n}-standard"):P1} → {Error($"{n}-normalised"):P1}")));
        }
        return text.ToString();
    }

    /// <summary>The hidden activations h_l and the gradients ∂C/∂s_l of the pre-activations on a batch.</summary>
    private static (List<double[]> Activations, List<double[]> Gradients) Probe(Mlp model, Tensor x, Tensor y)
    {
        var preActivations = new List<Tensor>();
        var activations = new List<Tensor>();
        var h = x;
        var layers = model.Layers;
        for (int i = 0; i < layers.Count; i++)
        {
            h = layers[i].Forward(h);
            if (layers[i] is Linear && i + 1 < layers.Count)
            {
                preActivations.Add(h);
            }
            else if (layers[i] is not Linear)
            {
                activations.Add(h);
            }
        }
        var loss = Loss.CrossEntropy(h, y);
        var grads = AutoDiff.Grad([loss], preActivations, allowUnused: true);
        return (activations.Select(a => a.Detach().ToDoubleArray()).ToList(),
                grads.Select(g => g?.ToDoubleArray() ?? []).ToList());
    }

    private static (List<int> Steps, double[][] Means, double[][] Spreads, double[][] P98, double[] Errors) TrainAndTrack(Mlp model, TensorDataset train, TensorDataset test,
        GlorotConfig config, Generator generator, RunContext context, string tag)
    {
        var optimizer = new Sgd(model.Parameters(), config.Training.LearningRate);
        var loader = new DataLoader(train, config.Training.BatchSize, shuffle: true, generator: generator.Split());
        var probe = train.Inputs.Narrow(0, 0, Math.Min(300, train.Count)).Contiguous();
        var probeY = train.Targets.Narrow(0, 0, probe.Size(0)).Contiguous();
        var steps = new List<int>();
        var means = Enumerable.Range(0, config.Layers).Select(_ => new List<double>()).ToArray();
        var spreads = Enumerable.Range(0, config.Layers).Select(_ => new List<double>()).ToArray();
        var p98 = Enumerable.Range(0, config.Layers).Select(_ => new List<double>()).ToArray();
        var errors = new List<double>();
        int step = 0;
        void Measure()
        {
            var (activations, _) = Probe(model, probe, probeY);
            steps.Add(step);
            var record = new Dictionary<string, double>();
            for (int l = 0; l < activations.Count; l++)
            {
                var values = activations[l];
                double mean = values.Average();
                double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
                var sorted = values.Order().ToArray();
                double percentile = sorted[(int)Math.Min(sorted.Length - 1, Math.Round(0.98 * (sorted.Length - 1)))];
                means[l].Add(mean);
                spreads[l].Add(std);
                p98[l].Add(percentile);
                record[$"mean_layer{l + 1}"] = mean;
                record[$"std_layer{l + 1}"] = std;
            }
            double error = 1 - Evaluation.Accuracy(model, test);
            errors.Add(error);
            record["test_error"] = error;
            context.Track(tag, step, record);
        }
        Measure();
        var task = context.Progress.Start($"training {tag}", config.Training.Epochs * loader.BatchCount);
        // Resumable by epochs: the model, optimiser, shuffling and every statistic measured so far.
        var stepValues = new List<double>();
        void Exchange(UnitState state)
        {
            stepValues.Clear();
            stepValues.AddRange(steps.Select(v => (double)v));
            state.Bind("model", model);
            state.Bind("optimizer", optimizer);
            state.Bind("shuffle", loader.Generator);
            state.Bind("steps", stepValues);
            state.Bind("errors", errors);
            foreach (var (name, perLayer) in new[] { ("means", means), ("spreads", spreads), ("p98", p98) })
            {
                for (int l = 0; l < perLayer.Length; l++)
                {
                    state.Bind($"{name}{l}", perLayer[l]);
                }
            }
            steps.Clear();
            steps.AddRange(stepValues.Select(v => (int)v));
        }
        string unit = context.Checkpoints.NextName("fit");
        int firstEpoch = 0;
        if (context.Checkpoints.TryRestore(unit) is { } restored)
        {
            Exchange(restored);
            firstEpoch = restored.Step;
            step = restored.Step * loader.BatchCount;
            task.Advance(step);
        }
        var sinceSave = System.Diagnostics.Stopwatch.StartNew();
        for (int epoch = firstEpoch; epoch < config.Training.Epochs; epoch++)
        {
            foreach (var (xb, yb) in loader)
            {
                context.ThrowIfCancelled();
                optimizer.ZeroGrad();
                Loss.CrossEntropy(model.Forward(xb), yb).Backward();
                optimizer.Step();
                step++;
                if (step % config.MeasureEvery == 0)
                {
                    Measure();
                    task.Advance(config.MeasureEvery, $"test error {errors[^1]:P1}");
                }
            }
            if (epoch + 1 == config.Training.Epochs || sinceSave.Elapsed >= context.Checkpoints.Interval)
            {
                var state = new UnitState { Step = epoch + 1 };
                Exchange(state);
                context.Checkpoints.Save(unit, state);
                sinceSave.Restart();
            }
        }
        if (steps[^1] != step)
        {
            Measure();
        }
        task.Complete();
        return (steps, means.Select(m => m.ToArray()).ToArray(), spreads.Select(m => m.ToArray()).ToArray(), p98.Select(m => m.ToArray()).ToArray(), [.. errors]);
    }

    private static double Variance(double[] values)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }
        double mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / values.Length;
    }
}
