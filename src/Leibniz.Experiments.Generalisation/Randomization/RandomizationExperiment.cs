using System.Globalization;
using System.Text;
using Leibniz.Autograd;

namespace Leibniz.Experiments.Randomization;

/// <summary>Configuration of <see cref="RandomizationExperiment"/>.</summary>
public sealed record RandomizationConfig
{
    public TrainTestSettings Data { get; set; } = new() { Train = 1000, Test = 1000 };

    [Description("Hidden layer widths of the MLP.")]
    [Range(1, 8192)]
    public int[] Hidden { get; set; } = [512, 512];

    [Description("Probabilities p of replacing each label by a uniformly random class (0 = true labels, 1 = random labels).")]
    [Range(0.0, 1.0)]
    public double[] Corruption { get; set; } = [0, 0.2, 0.4, 0.6, 0.8, 1.0];

    [Description("Also run shuffled pixels (one fixed permutation), random pixels (a permutation per image) and Gaussian inputs.")]
    public bool InputSettings { get; set; } = true;

    [Description("Also train true and random labels with explicit regularisation (weight decay and dropout).")]
    public bool Regularized { get; set; } = true;

    [Description("Step budget per setting; training stops earlier when the training set is fit (100% accuracy).")]
    [Range(1, 10_000_000)]
    public int MaxSteps { get; set; } = 8000;

    [Description("Mini-batch size.")]
    [Range(1, 1 << 20)]
    public int BatchSize { get; set; } = 128;

    [Description("SGD learning rate (momentum 0.9).")]
    [Range(1e-7, 10.0)]
    public double LearningRate { get; set; } = 0.01;

    [Description("Weight decay of the regularised runs.")]
    [Range(0.0, 1.0)]
    public double WeightDecay { get; set; } = 5e-4;

    [Description("Random shifts of up to this many pixels in the regularised runs on images (data augmentation; 0 for none).")]
    [Range(0, 8)]
    public int Shift { get; set; } = 2;

    [Description("Dropout probability after each hidden layer in the regularised runs.")]
    [Range(0.0, 0.99)]
    public double Dropout { get; set; } = 0.2;
}

/// <summary>
/// The randomisation tests of Zhang, Bengio, Hardt, Recht and Vinyals (2017; CACM 2021): the same network and
/// training recipe fit true labels, partially or wholly random labels, and randomised inputs (shuffled pixels,
/// random pixels, Gaussian noise) — so capacity alone cannot explain why the network generalises on true data.
/// Also their finite-sample expressivity theorem as a construction: a depth-2 ReLU network with 2n + d weights
/// that fits any labels of n points in ℝᵈ.
/// </summary>
public sealed class RandomizationExperiment : Experiment<RandomizationConfig>
{
    public override string Name => "randomization";

    public override string Description => "Zhang et al.: networks fit random labels and random inputs; steps to fit and test error against corruption.";

    protected override RandomizationConfig Quick(RandomizationConfig defaults) => defaults with
    {
        Data = new() { Source = SampleSource.GaussianMixture, Train = 48, Test = 48, Dimension = 8 },
        Hidden = [32],
        Corruption = [0, 1],
        MaxSteps = 150,
        BatchSize = 16,
        LearningRate = 0.05,
    };

    protected override void Run(RandomizationConfig config, RunContext context)
    {
        var (trainSet, testSet) = config.Data.Load(context.Random.Split());
        int classes = 10;
        var (trainX, trainY, testX, testY) = (trainSet.Inputs, trainSet.Targets, testSet.Inputs, testSet.Targets);
        // Each setting maps (train inputs, test inputs) to the inputs the network sees: a fixed pixel permutation
        // applies to test images too; random pixels permute every image, test ones included; Gaussian inputs
        // replace the training images only (the test set stays real, so chance is the expected accuracy).
        Func<Tensor, Tensor, Generator, (Tensor, Tensor)> same = (train, test, _) => (train, test);
        var settings = new List<(string Name, double Corruption, Func<Tensor, Tensor, Generator, (Tensor, Tensor)> Inputs, bool Regularized)>();
        foreach (double p in config.Corruption)
        {
            settings.Add((p == 0 ? "true labels" : p == 1 ? "random labels" : $"corrupt {p:0.##}", p, same, false));
        }
        if (config.InputSettings)
        {
            settings.Add(("shuffled pixels", 0, (train, test, g) =>
            {
                var permutation = Tensor.Randperm(g, train.Size(1));
                return (train.IndexSelect(1, permutation), test.IndexSelect(1, permutation));
            }, false));
            settings.Add(("random pixels", 0, (train, test, g) => (RandomPixels(train, g), RandomPixels(test, g)), false));
            settings.Add(("gaussian", 0, (train, test, g) => (GaussianInputs(train, g), test), false));
        }
        if (config.Regularized)
        {
            settings.Add(("true labels, regularised", 0, same, true));
            settings.Add(("random labels, regularised", 1, same, true));
        }
        var lossPlot = new LinePlot { Title = "Training loss", XLabel = "step", YLabel = "cross-entropy", LogY = true };
        var rows = new List<(string Name, double Corruption, bool Regularized, int Steps, bool Fit, double TrainAcc, double TestAcc)>();
        foreach (var setting in settings)
        {
            context.ThrowIfCancelled();
            var generator = context.Random.Split();
            var (labels, _) = Corrupt(trainY, setting.Corruption, classes, generator);
            var (inputs, testInputs) = setting.Inputs(trainX, testX, generator);
            var result = Train(config, context, setting.Name, inputs, labels, testInputs, testY, setting.Regularized, generator, lossPlot);
            rows.Add((setting.Name, setting.Corruption, setting.Regularized, result.Steps, result.Fit, result.TrainAcc, result.TestAcc));
            string key = setting.Name.Replace(' ', '_').Replace(",", "", StringComparison.Ordinal);
            context.Results[$"steps_to_fit@{key}"] = result.Fit ? result.Steps : double.NaN;
            context.Results[$"train_acc@{key}"] = result.TrainAcc;
            context.Results[$"test_acc@{key}"] = result.TestAcc;
        }
        var corruptionRows = rows.Where(r => !r.Regularized && (r.Name.StartsWith("corrupt", StringComparison.Ordinal) || r.Name is "true labels" or "random labels")).OrderBy(r => r.Corruption).ToList();
        var levels = corruptionRows.Select(r => r.Corruption).ToArray();
        var steps = new LinePlot { Title = "Steps to fit the training set against label corruption", XLabel = "label corruption p", YLabel = "steps to 100% training accuracy" }
            .Add("steps", levels, corruptionRows.Select(r => r.Fit ? (double)r.Steps : double.NaN).ToArray(), markers: true);
        var testError = new LinePlot { Title = "Test error against label corruption", XLabel = "label corruption p", YLabel = "test error" }
            .Add("test error", levels, corruptionRows.Select(r => 1 - r.TestAcc).ToArray(), markers: true)
            .AddReference("chance", [0, 1], [0.9, 0.9]);

        var (residual, weights) = ExpressivityCheck(trainX, context.Random.Split());
        context.Results["expressivity_max_residual"] = residual;
        context.Results["expressivity_weights"] = weights;
        var truth = rows.FirstOrDefault(r => r.Name == "true labels");
        var random = rows.FirstOrDefault(r => r.Name == "random labels");
        if (truth.Name is not null && random.Name is not null)
        {
            context.Verdict("Networks fit random labels perfectly, at a small multiple of the time for true labels, and then test at chance",
                random.Fit && random.Steps <= 5 * truth.Steps && random.TestAcc < 0.15 ? Reproduction.Yes : random.Fit ? Reproduction.Partly : Reproduction.No,
                $"true labels fitted in {(truth.Fit ? truth.Steps : double.NaN)} steps (test {truth.TestAcc:P1}), random labels in {(random.Fit ? $"{random.Steps}" : "not within the budget")} steps (test {random.TestAcc:P1}, chance 10 %)");
        }
        context.Verdict("A two-layer ReLU network with 2n + d weights can fit any n labels of n points in d dimensions (Zhang et al.'s construction)",
            residual < 1e-8 ? Reproduction.Yes : Reproduction.No, $"largest residual {ReportNumbers.Scientific(residual)} with {weights} weights, checked on random real labels");

        string lossFigure = context.SaveFigure("training-loss", lossPlot);
        string stepsFigure = context.SaveFigure("steps-to-fit", steps);
        string errorFigure = context.SaveFigure("test-error", testError);
        var table = new StringBuilder("| setting | steps | fit | train accuracy | test accuracy |\n| --- | --- | --- | --- | --- |\n");
        foreach (var r in rows)
        {
            table.AppendLine($"| {r.Name} | {r.Steps} | {(r.Fit ? "yes" : "no")} | {r.TrainAcc:P1} | {r.TestAcc:P1} |");
        }
        WriteReport(context, config, ("train_size", trainX.Size(0)), ("test_size", testX.Size(0)), ("inputs", trainX.Size(1)), ("hidden_units", string.Join("-", config.Hidden)),
            ("table", table), ("weights", weights), ("residual", residual), ("loss_figure", lossFigure), ("steps_figure", stepsFigure), ("error_figure", errorFigure));
    }

    /// <summary>
    /// Each label replaced, with probability p, by a class drawn uniformly from all classes (so it may stay the
    /// same, as in the paper); returns the new labels and which ones were redrawn.
    /// </summary>
    public static (Tensor Labels, bool[] Redrawn) Corrupt(Tensor labels, double p, int classes, Generator generator)
    {
        var y = labels.ToArray<long>();
        var redrawn = new bool[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            if (generator.NextDouble() < p)
            {
                redrawn[i] = true;
                y[i] = generator.NextInt64(classes);
            }
        }
        return (Tensor.FromArray(y), redrawn);
    }

    /// <summary>One fixed permutation of the features, applied to every sample.</summary>
    public static Tensor ShuffledPixels(Tensor x, Generator generator) => x.IndexSelect(1, Tensor.Randperm(generator, x.Size(1)));

    /// <summary>A fresh permutation of the features for every sample.</summary>
    public static Tensor RandomPixels(Tensor x, Generator generator)
    {
        var rows = new Tensor[x.Size(0)];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = x[i].IndexSelect(0, Tensor.Randperm(generator, x.Size(1)));
        }
        return Tensor.Stack(rows);
    }

    /// <summary>Gaussian noise with the data's per-feature mean and standard deviation.</summary>
    public static Tensor GaussianInputs(Tensor x, Generator generator)
    {
        var mean = x.Mean(0, keepDim: true);
        var std = x.Std(0, correction: 0, keepDim: true);
        return Tensor.Randn(generator, x.Shape.ToArray(), x.DType) * std + mean;
    }

    private static (int Steps, bool Fit, double TrainAcc, double TestAcc) Train(RandomizationConfig config, RunContext context, string name, Tensor x, Tensor y,
        Tensor testX, Tensor testY, bool regularized, Generator generator, LinePlot lossPlot)
    {
        var layers = new List<Module>();
        int width = x.Size(1);
        foreach (int h in config.Hidden)
        {
            layers.Add(new Linear(width, h, generator));
            layers.Add(new Relu());
            if (regularized && config.Dropout > 0)
            {
                layers.Add(new Dropout(config.Dropout, generator.Split()));
            }
            width = h;
        }
        layers.Add(new Linear(width, 10, generator));
        var model = new Sequential([.. layers]);
        var optimizer = new Sgd(model.Parameters(), config.LearningRate, momentum: 0.9, weightDecay: regularized ? config.WeightDecay : 0);
        var loader = new DataLoader(new TensorDataset(x, y), config.BatchSize, shuffle: true, generator: generator.Split());
        bool augment = regularized && config.Shift > 0 && x.Size(1) == 28 * 28;
        var shifts = generator.Split();
        var task = context.Progress.Start(name, config.MaxSteps);
        var stepList = new List<double>();
        var lossList = new List<double>();
        int step = 0;
        bool fit = false;
        double trainAcc = 0;
        // Resumable by epochs: a killed run continues from the last epoch saved (see RunContext.Checkpoints).
        string unit = context.Checkpoints.NextName("fit");
        // The loop's state, listed once: saved after an epoch, restored when a resumed run finds it.
        void Exchange(UnitState state)
        {
            state.Bind("model", model);
            state.Bind("optimizer", optimizer);
            state.Bind("shuffle", loader.Generator);
            state.Bind("shifts", shifts);
            state.Bind("steps", stepList);
            state.Bind("losses", lossList);
            trainAcc = state.Bind("train_acc", trainAcc);
        }
        if (context.Checkpoints.TryRestore(unit) is { } restored)
        {
            Exchange(restored);
            (step, fit) = (restored.Step, restored.Finished);
            task.Advance(step);
        }
        var sinceSave = System.Diagnostics.Stopwatch.StartNew();
        while (step < config.MaxSteps && !fit)
        {
            double epochLoss = 0;
            int batches = 0;
            foreach (var (xb, yb) in loader)
            {
                context.ThrowIfCancelled();
                optimizer.ZeroGrad();
                var loss = Loss.CrossEntropy(model.Forward(augment ? Shift(xb, config.Shift, shifts) : xb), yb);
                loss.Backward();
                optimizer.Step();
                epochLoss += loss.Item();
                batches++;
                step++;
                if (step >= config.MaxSteps)
                {
                    break;
                }
            }
            trainAcc = Evaluation.Accuracy(model, x, y);
            fit = trainAcc >= 1.0;
            stepList.Add(step);
            lossList.Add(epochLoss / Math.Max(batches, 1));
            context.Track(name, step, new Dictionary<string, double> { ["train_loss"] = lossList[^1], ["train_acc"] = trainAcc });
            task.Advance(batches, $"train acc {trainAcc:P1}");
            if (fit || step >= config.MaxSteps || sinceSave.Elapsed >= context.Checkpoints.Interval)
            {
                var state = new UnitState { Step = step, Finished = fit };
                Exchange(state);
                context.Checkpoints.Save(unit, state);
                sinceSave.Restart();
            }
        }
        task.Complete();
        lossPlot.Add(name, stepList, lossList);
        double testAcc = Evaluation.Accuracy(model, testX, testY);
        context.Log($"{name}: {(fit ? "fit" : "not fit")} after {step} steps (train {trainAcc:P1}, test {testAcc:P1})");
        return (step, fit, trainAcc, testAcc);
    }

    /// <summary>Each 28×28 image moved by a random offset in [−s, s]² (zero padding): data augmentation.</summary>
    public static Tensor Shift(Tensor batch, int s, Generator generator)
    {
        int n = batch.Size(0);
        var images = batch.Reshape(n, 1, 28, 28);
        var padded = Tensor.Cat([Tensor.Zeros([n, 1, 28, s], batch.DType), images, Tensor.Zeros([n, 1, 28, s], batch.DType)], 3);
        padded = Tensor.Cat([Tensor.Zeros([n, 1, s, 28 + 2 * s], batch.DType), padded, Tensor.Zeros([n, 1, s, 28 + 2 * s], batch.DType)], 2);
        var moved = new Tensor[n];
        for (int i = 0; i < n; i++)
        {
            int dy = (int)generator.NextInt64(2 * s + 1), dx = (int)generator.NextInt64(2 * s + 1);
            moved[i] = padded[i].Narrow(1, dy, 28).Narrow(2, dx, 28);
        }
        return Tensor.Stack(moved).Reshape(n, 28 * 28);
    }


    /// <summary>
    /// Zhang et al.'s Theorem 1 as a construction: with a random direction a, the projections zᵢ = a·xᵢ are
    /// distinct; sorting them and choosing biases b₁ &lt; z₍₁₎ &lt; b₂ &lt; z₍₂₎ &lt; … makes A[i, j] = max(z₍ᵢ₎ − bⱼ, 0)
    /// lower triangular with a positive diagonal, so c(x) = Σⱼ wⱼ·max(a·x − bⱼ, 0) with w = A⁻¹y fits any labels y.
    /// Returns the maximum residual on random real labels and the number of weights (n + n + d).
    /// </summary>
    public static (double MaxResidual, int Weights) ExpressivityCheck(Tensor x, Generator generator)
    {
        var points = x.To(DType.Float64);
        int n = points.Size(0), d = points.Size(1);
        var a = Tensor.Randn(generator, [d], DType.Float64);
        var z = points.Matmul(a).ToArray<double>();
        var y = Enumerable.Range(0, n).Select(_ => generator.NextNormal()).ToArray();
        var order = Enumerable.Range(0, n).OrderBy(i => z[i]).ToArray();
        var sorted = order.Select(i => z[i]).ToArray();
        for (int i = 1; i < n; i++)
        {
            if (!(sorted[i] > sorted[i - 1]))
            {
                throw new InvalidOperationException("Two inputs have the same projection; the construction needs distinct points.");
            }
        }
        var b = new double[n];
        b[0] = sorted[0] - 1;
        for (int j = 1; j < n; j++)
        {
            b[j] = (sorted[j - 1] + sorted[j]) / 2;
        }
        // Forward substitution on the lower-triangular system Σ_{j ≤ i} (z₍ᵢ₎ − bⱼ)·wⱼ = y₍ᵢ₎.
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = y[order[i]];
            for (int j = 0; j < i; j++)
            {
                s -= (sorted[i] - b[j]) * w[j];
            }
            w[i] = s / (sorted[i] - b[i]);
        }
        double worst = 0;
        for (int i = 0; i < n; i++)
        {
            double c = 0;
            for (int j = 0; j < n; j++)
            {
                c += w[j] * Math.Max(z[i] - b[j], 0);
            }
            worst = Math.Max(worst, Math.Abs(c - y[i]) / Math.Max(1, Math.Abs(y[i])));
        }
        return (worst, 2 * n + d);
    }
}
