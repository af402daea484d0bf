using System.Text;
using Leibniz.Analysis;
using Leibniz.Autograd;

namespace Leibniz.Experiments.Curvature;

/// <summary>Configuration of <see cref="CurvatureExperiment"/>.</summary>
public sealed record CurvatureConfig
{
    public ClassificationSettings Data { get; set; } = new() { Samples = 1024 };

    [Description("Hidden width of the MLP (two ReLU hidden layers).")]
    [Range(1, 4096)]
    public int Width { get; set; } = 32;

    [Description("Channels of the CNN's two 3×3 convolutions (each followed by ReLU and 2×2 max pooling).")]
    [Range(1, 256)]
    public int Channels { get; set; } = 4;

    public TrainingSettings Training { get; set; } = new() { Epochs = 15, BatchSize = 64, LearningRate = 2e-3 };

    [Description("Lanczos steps (full reorthogonalisation) for each top eigenvalue.")]
    [Range(2, 1000)]
    public int LanczosSteps { get; set; } = 30;

    [Description("Rademacher probes for each Hutchinson trace and diagonal.")]
    [Range(2, 10_000)]
    public int Probes { get; set; } = 30;

    [Description("Estimator seeds for the table of the estimates' spread (the same trained model, new random vectors).")]
    [Range(2, 100)]
    public int Seeds { get; set; } = 5;

    [Description("Relative standard error asked of a trace, for the number of probes it needs.")]
    [Range(1e-6, 1.0)]
    public double RelativeError { get; set; } = 0.05;
}

/// <summary>
/// The curvature of a loss as its users ask for it (PyHessian, pytorch-hessian-eigenthings): for an MLP and a small
/// CNN on the same images, at initialisation and after training, each layer's block of the Hessian, of the
/// generalised Gauss–Newton matrix JᵀHₗJ and of the Fisher, with top eigenvalues (Lanczos, residual bounds) and
/// traces (Hutchinson, standard errors, the probes a 5 % error needs); the Hessian diagonal per layer; and the spread
/// of the whole model's estimates over estimator seeds. Papyan (2019) and Sagun et al. (2017): after training the top
/// of the Hessian's spectrum comes from the Gauss–Newton term.
/// </summary>
public sealed class CurvatureExperiment : Experiment<CurvatureConfig>
{
    public override string Name => "curvature";

    public override string Description => "Per-layer Hessian, Gauss–Newton and Fisher spectra, traces and diagonals of an MLP and a CNN, with their errors and spread over seeds.";

    protected override CurvatureConfig Quick(CurvatureConfig defaults) => defaults with
    {
        Data = new() { Source = SampleSource.GaussianMixture, Samples = 256, Dimension = 64, Classes = 3 },
        Width = 12,
        Channels = 2,
        Training = defaults.Training with { Epochs = 40 },
        LanczosSteps = 15,
        Probes = 10,
        Seeds = 3,
    };

    protected override void Run(CurvatureConfig config, RunContext context)
    {
        var data = config.Data.Load(context.Random.Split());
        int dimension = data.Inputs.Size(1), classes = config.Data.ClassCount;
        int side = (int)Math.Round(Math.Sqrt(dimension));
        if (side * side != dimension || side % 4 != 0)
        {
            throw new ConfigException($"curvature: the CNN needs square images whose side is a multiple of 4; the data have {dimension} inputs. Use Fashion-MNIST (784 = 28²) or set dimension=64.");
        }
        var traceChart = new BarChart { Title = "Trace per layer after training, ± one standard error", XLabel = "model, layer", YLabel = "trace (Hutchinson)" };
        var diagonals = new HistogramGrid { Title = "Hessian diagonal per layer after training (exact; zeros left out)", XLabel = "log₁₀ |Hᵢᵢ|", Bins = 30 };
        var categories = new List<string>();
        var (hessianTraces, ggnTraces, fisherTraces) = (new List<double>(), new List<double>(), new List<double>());
        var (hessianErrors, ggnErrors, fisherErrors) = (new List<double>(), new List<double>(), new List<double>());
        var observations = new StringBuilder();
        var spread = new StringBuilder("| model | estimate | mean over seeds | spread (sd) | largest / smallest | reported standard error (mean) |\n| --- | --- | --- | --- | --- | --- |\n");
        var ratios = new List<(string Model, double Ratio)>();
        var prunings = new List<(string Model, double Baseline, List<Pruning> Sweep)>();
        var pruningPlot = new LinePlot { Title = "One-shot pruning: training loss after removal", XLabel = "fraction of parameters removed", YLabel = "training loss", LogY = true };
        foreach (var kind in new[] { "mlp", "cnn" })
        {
            context.ThrowIfCancelled();
            var generator = context.Random.Split();
            var model = kind == "mlp"
                ? (Module)new Mlp([dimension, config.Width, config.Width, classes], Activation.Relu, generator)
                : Cnn(side, config.Channels, classes, generator);
            var inputs = kind == "mlp" ? data.Inputs : data.Inputs.Reshape(-1, 1, side, side);
            var dataset = new TensorDataset(inputs, data.Targets);
            Tensor Logits() => model.Forward(inputs);
            Tensor MeanLoss() => Loss.CrossEntropy(Logits(), data.Targets);
            var init = Blocks(model, Logits, MeanLoss, data.Targets, config, generator, context, $"{kind} init");
            new Trainer(model, new Adam(model.Parameters(), config.Training.LearningRate), (logits, y) => Loss.CrossEntropy(logits, y)) { TrackTrainLoss = true }
                .Fit(new DataLoader(dataset, config.Training.BatchSize, shuffle: true, generator: generator.Split()), config.Training.Epochs, context, kind);
            double loss;
            using (GradMode.NoGrad())
            {
                loss = MeanLoss().Item();
            }
            context.Check($"{kind} trained", loss < 0.5 * Math.Log(classes),
                $"full-batch loss {loss:G4}; below half the chance level ln {classes} = {Math.Log(classes):G4} is required before the trained curvature is read");
            var trained = Blocks(model, Logits, MeanLoss, data.Targets, config, generator, context, $"{kind} trained");
            // The exact diagonal: these networks' logits are affine in each single parameter (linear and convolution
            // layers with ReLU and max pooling between them), so the Hessian's diagonal is the Gauss–Newton one.
            var exactDiagonal = HessianDiagonal.GaussNewtonOfCrossEntropy(model.Parameters(), model.Forward, inputs);
            var diagonalChecks = new List<string>();
            int offset = 0;
            foreach (var block in trained)
            {
                var exact = exactDiagonal.AsSpan(offset, block.Diagonal.Values.Length).ToArray();
                offset += exact.Length;
                var estimate = block.Diagonal;
                double within = exact.Where((d, i) => Math.Abs(estimate.Values[i] - d) <= 2 * estimate.StandardErrors[i]).Count() / (double)exact.Length;
                double rms = Math.Sqrt(exact.Select((d, i) => (estimate.Values[i] - d) * (estimate.Values[i] - d)).Average() / Math.Max(exact.Average(d => d * d), 1e-300));
                double zeros = exact.Count(d => d == 0) / (double)exact.Length;
                diagonalChecks.Add($"{block.Name}: {within:P0} of the entries within two standard errors of the exact ones, relative RMS error {rms:G2}, {zeros:P0} of the exact entries zero");
                context.AddResults($"@{kind}|{block.Name}", ("diagonal_within_2se", within), ("diagonal_relative_rms_error", rms), ("diagonal_zero_fraction", zeros));
                diagonals.Add($"{kind} {block.Name}", exact.Where(d => d != 0).Select(d => Math.Log10(Math.Abs(d))));
                categories.Add($"{kind} {block.Name}");
                hessianTraces.Add(block.Hessian.Trace);
                ggnTraces.Add(block.GaussNewton.Trace);
                fisherTraces.Add(block.Fisher.Trace);
                hessianErrors.Add(block.Hessian.TraceError);
                ggnErrors.Add(block.GaussNewton.TraceError);
                fisherErrors.Add(block.Fisher.TraceError);
                context.AddResults($"@{kind}|{block.Name}", ("hessian_top", block.Hessian.Top), ("ggn_top", block.GaussNewton.Top), ("fisher_top", block.Fisher.Top),
                    ("hessian_trace", block.Hessian.Trace), ("hessian_trace_error", block.Hessian.TraceError), ("ggn_trace", block.GaussNewton.Trace), ("fisher_trace", block.Fisher.Trace),
                    ("hessian_trace_probes_needed", block.Hessian.ProbesNeeded), ("hessian_top_init", init.First(b => b.Name == block.Name).Hessian.Top));
            }
            var whole = Whole(model, Logits, MeanLoss, data.Targets, config, context, kind, spread);
            string kfac = KfacComparison((Sequential)model, inputs, trained, config, context, kind);
            var (baseline, sweep) = Prune(model, MeanLoss, exactDiagonal, context, kind);
            prunings.Add((kind, baseline, sweep));
            pruningPlot.Add($"{kind}, least saliency ½Hᵢᵢθᵢ²", sweep.Select(q => q.Fraction).ToArray(), sweep.Select(q => baseline + q.BySaliency).ToArray(), markers: true);
            pruningPlot.Add($"{kind}, least magnitude", sweep.Select(q => q.Fraction).ToArray(), sweep.Select(q => baseline + q.ByMagnitude).ToArray(), markers: true);
            ratios.Add((kind, whole.GgnTop / whole.HessianTop));
            observations.AppendLine($"- {kind.ToUpperInvariant()} ({model.Parameters().Sum(p => p.Numel):N0} parameters, trained to loss {loss:G3}): whole-model top eigenvalue of the Hessian {whole.HessianTop:G4}, "
                + $"of the Gauss–Newton matrix {whole.GgnTop:G4} (ratio {whole.GgnTop / whole.HessianTop:G3}); per layer, Hessian / Gauss–Newton / Fisher traces "
                + string.Join("; ", trained.Select(b => $"{b.Name}: {b.Hessian.Trace:G3} ± {b.Hessian.TraceError:G2} / {b.GaussNewton.Trace:G3} / {b.Fisher.Trace:G3} (the Hessian's needs {b.Hessian.ProbesNeeded} probes for a {config.RelativeError:P0} error)"))
                + $"; the Hessian's top eigenvalue per layer went from {string.Join(", ", init.Select(b => b.Hessian.Top.ToString("G3")))} at initialisation to {string.Join(", ", trained.Select(b => b.Hessian.Top.ToString("G3")))}. "
                + kfac + $" The Hessian diagonal by {config.Probes} Hutchinson probes against the exact one: {string.Join("; ", diagonalChecks)}.");
        }
        traceChart.Categories([.. categories]).Add("Hessian", hessianTraces, hessianErrors).Add("Gauss–Newton", ggnTraces, ggnErrors).Add("Fisher", fisherTraces, fisherErrors);
        bool allTrained = new[] { "mlp", "cnn" }.All(kind => context.Preconditions[$"{kind} trained"].Holds);
        int close = ratios.Count(r => Math.Abs(Math.Log(r.Ratio)) <= Math.Log(1.25));
        context.Verdict("After training the top of the Hessian's spectrum is the Gauss–Newton term's (Papyan 2019; Sagun et al. 2017): their top eigenvalues agree within 25 %",
            !allTrained ? Reproduction.Undecided : close == ratios.Count ? Reproduction.Yes : close > 0 ? Reproduction.Partly : Reproduction.No,
            string.Join("; ", ratios.Select(r => $"{r.Model}: λ₁(G)/λ₁(H) = {r.Ratio:G3}")) + (allTrained ? "" : "; a model did not train (see the checks), so nothing is concluded"));
        observations.AppendLine("- One-shot pruning by saliency, the actual rise of the loss against the two predictions of the quadratic model with the Hessian's diagonal, "
            + "Σ ½Hᵢᵢθᵢ² over the removed (OBD's, which assumes a minimum) and Σ (½Hᵢᵢθᵢ² − gᵢθᵢ) (with the gradient g, not zero after a finite training): "
            + string.Join("; ", prunings.Select(p => $"{p.Model}: " + string.Join(", ", p.Sweep.Select(q => $"{q.Fraction:P0} removed {Signed(q.BySaliency)} against {Signed(q.Predicted)} and {Signed(q.WithGradient)}"))))
            + ". What the second prediction leaves out, the terms between removed parameters that a diagonal model ignores, is the gap between it and the actual rise (LeCun et al. deleted a few parameters at a time and retrained in between).");
        // Where pruning matters (either order raises the loss by more than 1 % of it), does the saliency order hurt less?
        var decisive = prunings.SelectMany(p => p.Sweep.Where(q => Math.Max(q.BySaliency, q.ByMagnitude) > 0.01 * p.Baseline).Select(q => (p.Model, q))).ToList();
        int wins = decisive.Count(d => d.q.BySaliency < d.q.ByMagnitude);
        context.Verdict("Optimal brain damage (LeCun et al. 1990), one shot: removing the parameters of least saliency ½Hᵢᵢθᵢ² raises the loss less than removing as many of least magnitude, wherever removing them matters",
            !allTrained || decisive.Count == 0 ? Reproduction.Undecided : wins == decisive.Count ? Reproduction.Yes : wins > 0 ? Reproduction.Partly : Reproduction.No,
            $"saliency wins at {wins} of the {decisive.Count} fractions where either order raises the loss by more than 1 %; "
            + string.Join("; ", prunings.Select(p => $"{p.Model} (loss {p.Baseline:G3}): " + string.Join(", ", p.Sweep.Select(q => $"{q.Fraction:P0} removed {Signed(q.BySaliency)} by saliency (predicted {q.Predicted:G3}) against {Signed(q.ByMagnitude)}"))))
            + "; the exact Hessian diagonal" + (allTrained ? "" : "; a model did not train (see the checks), so nothing is concluded"));
        WriteReport(context, config, ("data_set", config.Data.Describe()), ("observations", observations), ("spread_table", spread),
            ("trace_figure", context.SaveFigure("traces", traceChart)), ("diagonal_figure", context.SaveFigure("diagonals", diagonals)),
            ("pruning_figure", context.SaveFigure("pruning", pruningPlot)));
    }

    /// <summary>
    /// K-FAC (Martens &amp; Grosse 2015) for the dense layers and KFC (Grosse &amp; Martens 2016) for the convolutions
    /// against their exact Gauss–Newton blocks after training: its trace is exactly tr A · tr G, its top eigenvalue
    /// λ₁(A)·λ₁(G) (found here by Lanczos on its products).
    /// </summary>
    private static string KfacComparison(Sequential model, Tensor inputs, List<Block> trained, CurvatureConfig config, RunContext context, string kind)
    {
        var blocks = Kfac.GaussNewton(model, inputs);
        var byLayer = ParameterBlocks.ByLayer(model);
        var parts = new List<string>();
        var poorConvolutions = new List<string>();
        foreach (var block in blocks)
        {
            int index = byLayer.Select((b, i) => (b, i)).First(t => ReferenceEquals(t.b.Parameters[0], block.Weight)).i;
            var exact = trained[index];
            double trace = block.Trace;
            double top = Lanczos.TopEigenvalues(block.Apply, Tensor.Randn(new Generator(7), [block.Dimension]), 1, Math.Min(config.LanczosSteps, block.Dimension), tolerance: 0).Values[0];
            context.AddResults($"@{kind}|{exact.Name}", ("kfac_trace", trace), ("kfac_top", top));
            parts.Add($"{exact.Name}{(block.Layer is Conv2d ? " (KFC)" : "")}: trace {trace:G3} against {exact.GaussNewton.Trace:G3} ± {exact.GaussNewton.TraceError:G2} "
                + $"(×{trace / exact.GaussNewton.Trace:G2}), top eigenvalue {top:G3} against {exact.GaussNewton.Top:G3} (×{top / exact.GaussNewton.Top:G2})");
            if (block.Layer is Conv2d && Math.Abs(Math.Log(trace / exact.GaussNewton.Trace)) > Math.Log(2))
            {
                poorConvolutions.Add(exact.Name);
            }
        }
        return (kind == "cnn" ? "K-FAC for the dense layers and KFC for the convolutions" : "K-FAC")
            + $" (its blocks against the exact Gauss–Newton blocks): {string.Join("; ", parts)}."
            + (poorConvolutions.Count == 0 ? ""
                : $" KFC is off by more than 2× on {string.Join(" and ", poorConvolutions)}: its factoring assumes the pre-activation derivatives at different image locations "
                + "uncorrelated and independent of the input patches, and an error this large means they are not, for this network on these images.");
    }

    private static string Signed(double value) => value >= 0 ? $"+{value:G3}" : $"{value:G3}";

    /// <summary>The fractions of the parameters the saliency check removes.</summary>
    private static readonly double[] PruneFractions = [0.2, 0.4, 0.6, 0.8];

    /// <summary>The rises of the loss after removing one fraction of the parameters, in either order, and the rise the saliencies predict.</summary>
    private sealed record Pruning(double Fraction, double BySaliency, double ByMagnitude, double Predicted, double WithGradient);

    /// <summary>
    /// For each of the <see cref="PruneFractions"/>: sets that fraction of the parameters with the least saliency
    /// ½Hᵢᵢθᵢ² (the exact Hessian diagonal) to zero, then instead as many of the least magnitude, and records both
    /// rises of the loss and the rise the saliencies predict, Σ ½Hᵢᵢθᵢ² over the removed (the parameters are restored
    /// after each). Returns the loss before pruning and the sweep.
    /// </summary>
    private static (double Baseline, List<Pruning> Sweep) Prune(Module model, Func<Tensor> loss, double[] diagonal, RunContext context, string kind)
    {
        var parameters = model.Parameters();
        var hessian = new HessianOperator(parameters, loss);
        var theta = ParameterVector.Get(parameters);
        var values = theta.ToDoubleArray();
        double baseline = hessian.Loss();
        var gradient = hessian.Gradient().ToDoubleArray();
        double LossWithout(IEnumerable<int> removed)
        {
            var pruned = (double[])values.Clone();
            foreach (int i in removed)
            {
                pruned[i] = 0;
            }
            ParameterVector.Set(parameters, Tensor.FromArray(pruned, [pruned.Length]).To(theta.DType));
            double result = hessian.Loss();
            ParameterVector.Set(parameters, theta);
            return result - baseline;
        }
        double Saliency(int i) => 0.5 * diagonal[i] * values[i] * values[i];
        var bySaliency = Enumerable.Range(0, values.Length).OrderBy(Saliency).ToArray();
        var byMagnitude = Enumerable.Range(0, values.Length).OrderBy(i => Math.Abs(values[i])).ToArray();
        var sweep = new List<Pruning>();
        foreach (double fraction in PruneFractions)
        {
            int removed = (int)(fraction * values.Length);
            var result = new Pruning(fraction, LossWithout(bySaliency.Take(removed)), LossWithout(byMagnitude.Take(removed)), bySaliency.Take(removed).Sum(Saliency),
                bySaliency.Take(removed).Sum(i => Saliency(i) - gradient[i] * values[i]));
            sweep.Add(result);
            string at = $"@{kind}|{fraction:0.0}";
            context.AddResults(at, ("prune_loss_increase_saliency", result.BySaliency), ("prune_loss_increase_magnitude", result.ByMagnitude), ("prune_loss_increase_predicted", result.Predicted), ("prune_loss_increase_predicted_with_gradient", result.WithGradient));
        }
        return (baseline, sweep);
    }

    /// <summary>Conv(1→c, 3, pad 1) → ReLU → MaxPool 2 → Conv(c→2c, 3, pad 1) → ReLU → MaxPool 2 → Flatten → Linear to the classes.</summary>
    private static Sequential Cnn(int side, int channels, int classes, Generator generator) => new(
        new Conv2d(1, channels, 3, generator, padding: 1), new Relu(), new MaxPool2d((2, 2)),
        new Conv2d(channels, 2 * channels, 3, generator, padding: 1), new Relu(), new MaxPool2d((2, 2)),
        new Flatten(), new Linear(2 * channels * (side / 4) * (side / 4), classes, generator));

    private sealed record Estimate(double Top, double Trace, double TraceError, int ProbesNeeded);

    private sealed record Block(string Name, Estimate Hessian, Estimate GaussNewton, Estimate Fisher, DiagonalEstimate Diagonal);

    /// <summary>Each layer's block (its weight and bias) of the Hessian, the Gauss–Newton matrix and the true Fisher.</summary>
    private static List<Block> Blocks(Module model, Func<Tensor> logits, Func<Tensor> loss, Tensor targets, CurvatureConfig config,
        Generator generator, RunContext context, string label)
    {
        var result = new List<Block>();
        var blocks = ParameterBlocks.ByLayer(model);
        var bounds = new List<(string What, double Bound)>();
        for (int b = 0; b < blocks.Count; b++)
        {
            var parameters = blocks[b].Parameters;
            string name = $"layer {b + 1}";
            var hessian = HessianOperator.ForBlock(model, parameters, loss);
            var ggn = GaussNewtonOperator.ForLoss(parameters, logits, z => Loss.CrossEntropy(z, targets));
            var fisher = GaussNewtonOperator.TrueFisher(parameters, logits);
            ggn.Fixed = fisher.Fixed = hessian.Fixed;
            int n = hessian.Dimension;
            var diagonal = HessianDiagonal.Hutchinson(hessian.Apply, n, config.Probes, generator, DType.Float32);
            // The three matrices get the same start and probe vectors, so that equal matrices give equal estimates.
            ulong seed = generator.NextUInt64();
            Estimate Of(Func<Tensor, Tensor> apply, string matrix)
            {
                var (estimate, bound) = Measure(apply, n, config, new Generator(seed));
                bounds.Add(($"{name} {matrix}", bound));
                return estimate;
            }
            result.Add(new Block(name, Of(hessian.Apply, "Hessian"), Of(ggn.Apply, "Gauss–Newton"), Of(fisher.Apply, "Fisher"), diagonal));
        }
        var worst = bounds.MaxBy(b => b.Bound);
        context.Check($"top eigenvalues accurate ({label})", worst.Bound <= 0.05,
            $"the largest Lanczos residual bound over the {bounds.Count} blocks is {worst.Bound:P2} of λ₁ ({worst.What}); at most 5 % is required (raise lanczosSteps if not)");
        return result;
    }

    /// <summary>Top eigenvalue by Lanczos with its relative residual bound, trace by Hutchinson and the probes a trace needs.</summary>
    private static (Estimate Estimate, double Bound) Measure(Func<Tensor, Tensor> apply, int n, CurvatureConfig config, Generator generator)
    {
        var lanczos = Lanczos.TopEigenvalues(apply, Tensor.Randn(generator, [n]), 1, Math.Min(config.LanczosSteps, n), tolerance: 0);
        double top = lanczos.Values[0];
        double bound = lanczos.Residuals[0] / Math.Max(Math.Abs(top), 1e-30);
        var (trace, error, _) = Spectrum.Trace(apply, n, config.Probes, generator, DType.Float32);
        return (new Estimate(top, trace, error, Spectrum.SamplesFor(trace, error, config.Probes, config.RelativeError)), bound);
    }

    /// <summary>
    /// The whole model's top eigenvalue (Lanczos) and trace (Hutchinson) of the Hessian, the Gauss–Newton matrix and the
    /// true Fisher, each estimated with <see cref="CurvatureConfig.Seeds"/> estimator seeds on the same trained model:
    /// one table row per estimate with its mean, standard deviation over seeds, largest / smallest and the error the
    /// estimate itself reports (Lanczos residual bound, Hutchinson standard error). Returns the mean top eigenvalues.
    /// </summary>
    private static (double HessianTop, double GgnTop) Whole(Module model, Func<Tensor> logits, Func<Tensor> loss, Tensor targets, CurvatureConfig config, RunContext context, string kind, StringBuilder table)
    {
        var parameters = model.Parameters();
        var hessian = new HessianOperator(parameters, loss);
        var ggn = GaussNewtonOperator.ForLoss(parameters, logits, z => Loss.CrossEntropy(z, targets));
        var fisher = GaussNewtonOperator.TrueFisher(parameters, logits);
        int n = hessian.Dimension;
        static double Sd(List<double> v)
        {
            double mean = v.Average();
            return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / Math.Max(v.Count - 1, 1));
        }
        double Spread(Func<Tensor, Tensor> apply, string matrix, string key)
        {
            var (tops, residuals, traces, errors) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
            for (int s = 0; s < config.Seeds; s++)
            {
                context.ThrowIfCancelled();
                // The same seeds for every matrix: equal matrices give equal rows.
                var seed = new Generator((ulong)(1000 + s));
                var estimate = Lanczos.TopEigenvalues(apply, Tensor.Randn(seed, [n]), 1, Math.Min(config.LanczosSteps, n), tolerance: 0);
                tops.Add(estimate.Values[0]);
                residuals.Add(estimate.Residuals[0]);
                var (trace, error, _) = Spectrum.Trace(apply, n, config.Probes, seed, DType.Float32);
                traces.Add(trace);
                errors.Add(error);
            }
            table.AppendLine($"| {kind} | {matrix} top eigenvalue (Lanczos, {config.LanczosSteps} steps) | {ReportNumbers.General(tops.Average(), 4)} | {ReportNumbers.General(Sd(tops), 2)} | {ReportNumbers.General(tops.Max() / tops.Min(), 3)} | residual bound {ReportNumbers.General(residuals.Average(), 2)} |");
            table.AppendLine($"| {kind} | {matrix} trace (Hutchinson, {config.Probes} probes) | {ReportNumbers.General(traces.Average(), 4)} | {ReportNumbers.General(Sd(traces), 2)} | {ReportNumbers.General(traces.Max() / traces.Min(), 3)} | {ReportNumbers.General(errors.Average(), 2)} |");
            context.AddResults($"@{kind}", ($"{key}_top", tops.Average()), ($"{key}_top_spread", Sd(tops) / Math.Abs(tops.Average())), ($"{key}_trace", traces.Average()),
                ($"{key}_trace_spread", Sd(traces) / Math.Abs(traces.Average())), ($"{key}_trace_error_mean", errors.Average()));
            return tops.Average();
        }
        double hessianTop = Spread(hessian.Apply, "Hessian", "hessian");
        double ggnTop = Spread(ggn.Apply, "Gauss–Newton", "ggn");
        Spread(fisher.Apply, "Fisher", "fisher");
        return (hessianTop, ggnTop);
    }
}
