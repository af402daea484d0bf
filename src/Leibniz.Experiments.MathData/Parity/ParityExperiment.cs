using System.Text;
using Leibniz.Autograd;

namespace Leibniz.Experiments.Parity;

/// <summary>Configuration of <see cref="ParityExperiment"/>.</summary>
public sealed record ParityConfig
{
    [Description("Number of input bits n; the data set is all 2^n bit strings.")]
    [Range(2, 20)]
    public int Bits { get; set; } = 12;

    public MlpSettings Model { get; set; } = new() { Hidden = [256, 256], Activation = Activation.Relu };

    [Description("Fractions of all strings used for training, one model per fraction; the rest is the test set.")]
    [Range(0.01, 0.99)]
    public double[] TrainFractions { get; set; } = [0.1, 0.25, 0.5, 0.75, 0.9];

    public TrainingSettings Training { get; set; } = new() { Epochs = 150, BatchSize = 64, LearningRate = 1e-3 };

    [Description("Evaluate train and test loss and accuracy every this many epochs.")]
    [Range(1, 1_000_000)]
    public int LogEvery { get; set; } = 5;

    [Description("Widths of every hidden layer for the width sweep, run on the middle training fraction (empty skips it).")]
    [Range(1, 8192)]
    public int[] Widths { get; set; } = [8, 32, 128, 512];

    [Description("Sparse parity: total number of bits n (0 skips the sparse-parity study).")]
    [Range(0, 64)]
    public int SparseBits { get; set; } = 20;

    [Description("Sparse parity: number k of relevant bits, chosen at random among the n.")]
    [Range(1, 64)]
    public int SparseRelevant { get; set; } = 3;

    [Description("Sparse parity: number of random training strings.")]
    [Range(10, 10_000_000)]
    public int SparseTrainSize { get; set; } = 4000;
}

/// <summary>
/// Learning the parity of n bits, <c>y = x₁ ⊕ … ⊕ xₙ</c>, with an MLP: the classic function that gradient-trained
/// networks find hard, because no proper subset of the bits carries any information about it. All 2ⁿ strings are
/// split at random into a training set (one model per training fraction) and a held-out test set.
/// </summary>
public sealed class ParityExperiment : Experiment<ParityConfig>
{
    public override string Name => "parity";

    public override string Description => "Learn the parity of n bits with an MLP; test accuracy against training-set size and width, the exact network, sparse parity with attribution.";

    protected override ParityConfig Quick(ParityConfig defaults) => defaults with
    {
        Bits = 8,
        Model = defaults.Model with { Hidden = [64, 64] },
        TrainFractions = [0.25, 0.5, 0.9],
        Training = new() { Epochs = 60, BatchSize = 16, LearningRate = 3e-3 },
        LogEvery = 5,
        Widths = [4, 16],
        SparseBits = 8,
        SparseRelevant = 2,
        SparseTrainSize = 400,
    };

    protected override void Run(ParityConfig config, RunContext context)
    {
        if (config.SparseBits > 0 && config.SparseRelevant > config.SparseBits)
        {
            throw new ArgumentException($"sparseRelevant = {config.SparseRelevant} exceeds sparseBits = {config.SparseBits}; choose k ≤ n.", nameof(config));
        }
        int n = config.Bits, count = 1 << n;
        var (x, y) = AllStrings(n);
        var permutation = Tensor.Randperm(context.Random.Split(), count);
        var finals = new List<(double Fraction, int TrainSize, double TrainAcc, double TestAcc)>();
        double middle = config.TrainFractions.Order().ElementAt(config.TrainFractions.Length / 2);
        (TensorDataset Train, TensorDataset Test)? middleSplit = null;
        foreach (double fraction in config.TrainFractions)
        {
            int trainSize = Math.Clamp((int)Math.Round(fraction * count), 1, count - 1);
            var trainIndex = permutation.Narrow(0, 0, trainSize);
            var testIndex = permutation.Narrow(0, trainSize, count - trainSize);
            var train = new TensorDataset(x.IndexSelect(0, trainIndex), y.IndexSelect(0, trainIndex));
            var test = new TensorDataset(x.IndexSelect(0, testIndex), y.IndexSelect(0, testIndex));
            if (fraction == middle)
            {
                middleSplit = (train, test);
            }
            var generator = context.Random.Split();
            var model = config.Model.Build(n, 1, generator);
            var optimizer = new Adam(model.Parameters(), config.Training.LearningRate);
            var loader = new DataLoader(train, config.Training.BatchSize, shuffle: true, generator: generator.Split());
            string series = $"train_fraction={fraction}";
            new Trainer(model, optimizer, (logits, target) => Loss.BinaryCrossEntropyWithLogits(logits, target))
            {
                TrackTrainLoss = false,
                EvaluateEvery = config.LogEvery,
                Evaluate = () => Evaluate(model, train, "train").Concat(Evaluate(model, test, "test")).ToDictionary(),
            }.Fit(loader, config.Training.Epochs, context, series, task: $"{n}-bit parity, {trainSize} training strings");
            finals.Add((fraction, trainSize, context.Metrics.Last(series, "train_acc"), context.Metrics.Last(series, "test_acc")));
            context.Log($"{trainSize} training strings: train accuracy {finals[^1].TrainAcc:P1}, test accuracy {finals[^1].TestAcc:P1}");
        }

        var sizes = finals.Select(f => (double)f.TrainSize).ToArray();
        var bySize = new LinePlot { Title = $"{n}-bit parity: accuracy against training-set size", XLabel = "training strings", YLabel = "accuracy" }
            .Add("test", sizes, [.. finals.Select(f => f.TestAcc)], markers: true)
            .Add("train", sizes, [.. finals.Select(f => f.TrainAcc)], markers: true)
            .Add("chance", [sizes.Min(), sizes.Max()], [0.5, 0.5]);
        var label = finals.ToDictionary(f => $"train_fraction={f.Fraction}", f => $"{f.TrainSize} train ({f.Fraction:P0})");
        var testCurves = context.Metrics.Plot(new LinePlot { Title = "Test accuracy during training", XLabel = "epoch", YLabel = "test accuracy" }, "test_acc", s => label[s]);
        string largest = $"train_fraction={config.TrainFractions.Max()}";
        var accuracyCurves = new LinePlot { Title = "Accuracy (largest training set)", XLabel = "epoch", YLabel = "accuracy" };
        var lossCurves = new LinePlot { Title = "Loss (largest training set)", XLabel = "epoch", YLabel = "binary cross-entropy", LogY = true };
        foreach (string part in new[] { "train", "test" })
        {
            context.Metrics.Plot(accuracyCurves, $"{part}_acc", _ => part, [largest]);
            context.Metrics.Plot(lossCurves, $"{part}_loss", _ => part, [largest]);
        }
        foreach (var f in finals)
        {
            context.Results[$"test_acc@{f.TrainSize}"] = f.TestAcc;
            context.Results[$"train_acc@{f.TrainSize}"] = f.TrainAcc;
        }
        context.Results["best_test_acc"] = finals.Max(f => f.TestAcc);
        context.Results["parameters"] = config.Model.Build(n, 1, new Generator(0)).ParameterCount;
        var width = config.Widths.Length > 0 && middleSplit is { } split ? ParityWidthSweep.Run(config, split.Train, split.Test, Evaluate, context) : default;
        context.Results["exact_network_mistakes"] = SparseParityStudy.ExactNetworkMistakes(n);
        var sparse = config.SparseBits > 0 ? SparseParityStudy.Run(config, context) : default;
        int mistakes = (int)context.Results["exact_network_mistakes"];
        context.Verdict($"A one-hidden-layer ReLU network with {n + 1} units computes {n}-bit parity exactly", mistakes == 0 ? Reproduction.Yes : Reproduction.No,
            $"{mistakes} mistakes on all {count} strings, counted by a second evaluation of the constructed network");
        var smallest = finals.MinBy(f => f.TrainSize);
        var biggest = finals.MaxBy(f => f.TrainSize);
        context.Verdict("A trained MLP generalises to unseen strings once its training set is large enough, not from a small one",
            biggest.TestAcc >= 0.95 && smallest.TestAcc <= biggest.TestAcc - 0.1 ? Reproduction.Yes : biggest.TestAcc >= 0.8 ? Reproduction.Partly : Reproduction.No,
            $"test accuracy {smallest.TestAcc:P1} with {smallest.TrainSize} training strings, {biggest.TestAcc:P1} with {biggest.TrainSize} (chance 50 %)");
        if (context.Results.TryGetValue("sparse_bits_recovered", out var recovered))
        {
            context.Verdict("Gradient saliency of a network trained on sparse parity points at the relevant bits", (bool)recovered ? Reproduction.Yes : Reproduction.No,
                $"relevant bits {Leibniz.Lab.ConfigBinder.Format(context.Results["sparse_relevant_bits"])}, the most salient {Leibniz.Lab.ConfigBinder.Format(context.Results["sparse_top_saliency_bits"])}; test accuracy {(double)context.Results["sparse_test_acc"]:P1}");
        }
        WriteReport(context, config, ("count", count), ("model", config.Model.Describe(n, 1)), ("hidden_units", string.Join("-", config.Model.Hidden)),
            ("observations", Observations(finals, count)),
            ("size_figure", context.SaveFigure("accuracy-vs-training-size", bySize)), ("test_figure", context.SaveFigure("test-accuracy-curves", testCurves)),
            ("accuracy_figure", context.SaveFigure("accuracy-largest", accuracyCurves)), ("loss_figure", context.SaveFigure("loss-largest", lossCurves)),
            ("width_figure", width.Figure), ("width_rows", width.Rows), ("width_train_size", middleSplit?.Train.Count),
            ("sparse_figure", sparse.Figure), ("sparse_verdict", sparse.Verdict));
    }

    private static string Observations(List<(double Fraction, int TrainSize, double TrainAcc, double TestAcc)> finals, int count)
    {
        var sb = new StringBuilder();
        foreach (var f in finals)
        {
            sb.AppendLine($"- With {f.TrainSize} of the {count} strings for training, the network fits {f.TrainAcc:P1} of them and labels {f.TestAcc:P1} of the unseen strings correctly.");
        }
        var smallest = finals.MinBy(f => f.TrainSize);
        var largest = finals.MaxBy(f => f.TrainSize);
        bool memorised = smallest.TrainAcc > 0.95 && smallest.TestAcc < 0.6;
        sb.AppendLine().AppendLine($"From {smallest.TrainSize} to {largest.TrainSize} training strings, test accuracy moves from {smallest.TestAcc:P1} to {largest.TestAcc:P1}. "
            + (memorised ? "On the smallest training set the network memorises the strings it sees and does no better than chance on the rest: parity offers no local structure to generalise from. " : "")
            + (largest.TestAcc > 0.9 ? "With enough of the strings the network does find the rule." : "Even on the largest training set the network does not find the rule within the training budget."));
        return sb.ToString();
    }

    /// <summary>All 2ⁿ strings as rows of 0/1 floats (bit i of the row index in column i) and their parities.</summary>
    internal static (Tensor X, Tensor Y) AllStrings(int n)
    {
        int count = 1 << n;
        var x = new float[count * n];
        var y = new float[count];
        for (int s = 0; s < count; s++)
        {
            for (int i = 0; i < n; i++)
            {
                x[s * n + i] = (s >> i) & 1;
            }
            y[s] = System.Numerics.BitOperations.PopCount((uint)s) & 1;
        }
        return (Tensor.FromArray(x, count, n), Tensor.FromArray(y, count, 1));
    }

    /// <summary>Binary cross-entropy and accuracy (logit &gt; 0 predicts 1) on a data set, as <c>{part}_loss</c> and <c>{part}_acc</c>.</summary>
    private static Dictionary<string, double> Evaluate(Module model, TensorDataset data, string part)
    {
        using (GradMode.NoGrad())
        {
            var logits = model.Forward(data.Inputs);
            return new()
            {
                [$"{part}_loss"] = Loss.BinaryCrossEntropyWithLogits(logits, data.Targets).Item(),
                [$"{part}_acc"] = logits.Gt(0).To(DType.Float32).Eq(data.Targets).To(DType.Float64).Mean().Item(),
            };
        }
    }
}
