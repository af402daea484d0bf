using System.Globalization;
using System.Text;
using Leibniz.Autograd;

namespace Leibniz.Experiments.Parity;

/// <summary>Configuration of <see cref="ParityExperiment"/>.</summary>
public sealed record ParityConfig
{
    /// <summary>Number of input bits n; the data set is all 2ⁿ bit strings.</summary>
    [Description("Number of input bits n; the data set is all 2^n bit strings.")]
    [Range(2, 20)]
    public int Bits { get; set; } = 12;

    /// <summary>Hidden layer widths of the MLP.</summary>
    [Description("Hidden layer widths of the MLP, e.g. 128,128.")]
    [Range(1, 8192)]
    public int[] Hidden { get; set; } = [256, 256];

    /// <summary>Activation between layers.</summary>
    [Description("Activation between layers: relu, tanh, gelu, sigmoid, softsign, softplus, leaky_relu.")]
    public Activation Activation { get; set; } = Activation.Relu;

    /// <summary>Fractions of the strings used for training (one model each); the rest is held out.</summary>
    [Description("Fractions of all strings used for training, one model per fraction; the rest is the test set.")]
    [Range(0.01, 0.99)]
    public double[] TrainFractions { get; set; } = [0.1, 0.25, 0.5, 0.75, 0.9];

    /// <summary>Training epochs per model.</summary>
    [Description("Training epochs per model.")]
    [Range(1, 1_000_000)]
    public int Epochs { get; set; } = 150;

    /// <summary>Mini-batch size.</summary>
    [Description("Mini-batch size.")]
    [Range(1, 1 << 20)]
    public int BatchSize { get; set; } = 64;

    /// <summary>Adam's learning rate.</summary>
    [Description("Adam learning rate.")]
    [Range(1e-7, 10.0)]
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>Evaluate and log every this many epochs.</summary>
    [Description("Evaluate train and test loss and accuracy every this many epochs.")]
    [Range(1, 1_000_000)]
    public int LogEvery { get; set; } = 5;

    /// <summary>Widths of the width sweep, on the middle training fraction (empty to skip).</summary>
    [Description("Widths of every hidden layer for the width sweep, run on the middle training fraction (empty skips it).")]
    [Range(1, 8192)]
    public int[] Widths { get; set; } = [8, 32, 128, 512];

    /// <summary>Sparse parity: total bits n (0 to skip the study).</summary>
    [Description("Sparse parity: total number of bits n (0 skips the sparse-parity study).")]
    [Range(0, 64)]
    public int SparseBits { get; set; } = 20;

    /// <summary>Sparse parity: number k of relevant bits, chosen at random.</summary>
    [Description("Sparse parity: number k of relevant bits, chosen at random among the n.")]
    [Range(1, 64)]
    public int SparseRelevant { get; set; } = 3;

    /// <summary>Sparse parity: number of random training strings.</summary>
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
    /// <inheritdoc/>
    public override string Name => "parity";

    /// <inheritdoc/>
    public override string Description => "Learn the parity of n bits with an MLP; test accuracy against training-set size and width, the exact network, sparse parity with attribution (about 40 seconds).";

    /// <inheritdoc/>
    protected override ParityConfig Quick(ParityConfig defaults) => defaults with
    {
        Bits = 8,
        Hidden = [64, 64],
        TrainFractions = [0.25, 0.5, 0.9],
        Epochs = 60,
        BatchSize = 16,
        LearningRate = 3e-3,
        LogEvery = 5,
        Widths = [4, 16],
        SparseBits = 8,
        SparseRelevant = 2,
        SparseTrainSize = 400,
    };

    /// <inheritdoc/>
    protected override void Run(ParityConfig config, RunContext context)
    {
        int n = config.Bits, count = 1 << n;
        var (x, y) = AllStrings(n);
        var permutation = Tensor.Randperm(context.Random.Split(), count);
        var finals = new List<(double Fraction, int TrainSize, double TrainAcc, double TestAcc, double TestLoss)>();
        var testCurves = new LinePlot { Title = "Test accuracy during training", XLabel = "epoch", YLabel = "test accuracy" };
        var lossCurves = new LinePlot { Title = "Loss (largest training set)", XLabel = "epoch", YLabel = "binary cross-entropy", LogY = true };
        var accuracyCurves = new LinePlot { Title = "Accuracy (largest training set)", XLabel = "epoch", YLabel = "accuracy" };
        double largest = config.TrainFractions.Max();
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
            var model = new Mlp([n, .. config.Hidden, 1], config.Activation, generator);
            var optimizer = new Adam(model.Parameters(), config.LearningRate);
            var loader = new DataLoader(train, config.BatchSize, shuffle: true, generator: generator.Split());
            string series = $"train_fraction={fraction.ToString(CultureInfo.InvariantCulture)}";
            var task = context.Progress.Start($"{n}-bit parity, {trainSize} training strings", config.Epochs);
            var epochs = new List<double>();
            var testAcc = new List<double>();
            var trainAcc = new List<double>();
            var trainLoss = new List<double>();
            var testLoss = new List<double>();
            (double Loss, double Acc) trainEval = (0, 0), testEval = (0, 0);
            for (int epoch = 1; epoch <= config.Epochs; epoch++)
            {
                context.ThrowIfCancelled();
                foreach (var (xb, yb) in loader)
                {
                    optimizer.ZeroGrad();
                    Loss.BinaryCrossEntropyWithLogits(model.Forward(xb), yb).Backward();
                    optimizer.Step();
                }
                if (epoch % config.LogEvery == 0 || epoch == config.Epochs || epoch == 1)
                {
                    trainEval = Evaluate(model, train);
                    testEval = Evaluate(model, test);
                    context.LogMetrics(series, epoch, new Dictionary<string, double>
                    {
                        ["train_loss"] = trainEval.Loss,
                        ["train_acc"] = trainEval.Acc,
                        ["test_loss"] = testEval.Loss,
                        ["test_acc"] = testEval.Acc,
                    });
                    epochs.Add(epoch);
                    trainAcc.Add(trainEval.Acc);
                    testAcc.Add(testEval.Acc);
                    trainLoss.Add(trainEval.Loss);
                    testLoss.Add(testEval.Loss);
                }
                task.Advance(1, $"train {trainEval.Acc:P0}  test {testEval.Acc:P0}");
            }
            task.Complete();
            testCurves.Add($"{trainSize} train ({fraction:P0})", epochs, testAcc);
            if (fraction == largest)
            {
                accuracyCurves.Add("train", epochs, trainAcc).Add("test", epochs, testAcc);
                lossCurves.Add("train", epochs, trainLoss).Add("test", epochs, testLoss);
            }
            finals.Add((fraction, trainSize, trainEval.Acc, testEval.Acc, testEval.Loss));
            context.Log($"{trainSize} training strings: train accuracy {trainEval.Acc:P1}, test accuracy {testEval.Acc:P1}");
        }

        var sizes = finals.Select(f => (double)f.TrainSize).ToArray();
        var bySize = new LinePlot { Title = $"{n}-bit parity: accuracy against training-set size", XLabel = "training strings", YLabel = "accuracy" }
            .Add("test", sizes, finals.Select(f => f.TestAcc).ToArray(), markers: true)
            .Add("train", sizes, finals.Select(f => f.TrainAcc).ToArray(), markers: true)
            .Add("chance", [sizes.Min(), sizes.Max()], [0.5, 0.5]);
        string sizeFigure = context.SaveFigure("accuracy-vs-training-size", bySize);
        string testFigure = context.SaveFigure("test-accuracy-curves", testCurves);
        string accuracyFigure = context.SaveFigure("accuracy-largest", accuracyCurves);
        string lossFigure = context.SaveFigure("loss-largest", lossCurves);

        foreach (var f in finals)
        {
            context.Results[$"test_acc@{f.TrainSize}"] = f.TestAcc;
            context.Results[$"train_acc@{f.TrainSize}"] = f.TrainAcc;
        }
        var best = finals.MaxBy(f => f.TestAcc);
        context.Results["best_test_acc"] = best.TestAcc;
        context.Results["parameters"] = new Mlp([n, .. config.Hidden, 1], config.Activation, new Numerics.Generator(0)).ParameterCount;

        context.Report.Add(new ReportSection("Setup", $"All {count} strings of {n} bits, labelled by their parity (the sum of the bits mod 2), split at random into a training set and a held-out test set, "
            + $"for training fractions {string.Join(", ", config.TrainFractions.Select(v => v.ToString("P0", CultureInfo.InvariantCulture)))}. "
            + $"For each split an MLP {n}-{string.Join("-", config.Hidden)}-1 ({Activations.NameOf(config.Activation)}) is trained from scratch for {config.Epochs} epochs "
            + $"with Adam (learning rate {config.LearningRate}), mini-batches of {config.BatchSize}, and binary cross-entropy on the logit. Chance accuracy is 50%."));
        context.Report.Add(new ReportSection("Figures",
            $"![Accuracy against training-set size]({sizeFigure})\n\n![Test accuracy during training]({testFigure})\n\n"
            + $"![Accuracy of the largest training set]({accuracyFigure})\n\n![Loss of the largest training set]({lossFigure})"));
        context.Report.Add(new ReportSection("Observations", Observations(finals, count)));

        if (config.Widths.Length > 0 && middleSplit is { } split)
        {
            ParityWidthSweep.Run(config, split.Train, split.Test, Evaluate, context);
        }

        int mistakes = SparseParityStudy.ExactNetworkMistakes(n);
        context.Results["exact_network_mistakes"] = mistakes;
        string exact = $"With s = Σᵢ xᵢ, the one-hidden-layer ReLU network ReLU(s) + Σ_{{k=1}}^{{n−1}} 2(−1)^k ReLU(s − k) computes {n}-bit parity with {n} hidden units; checked on all {count} strings it makes {mistakes} mistakes.";
        context.Report.Add(new ReportSection("The exact network",
            exact + $" Trained networks ({string.Join("-", config.Hidden)} hidden units) reach the accuracies above: the capacity is there, what training finds depends on the data it sees."));
        if (config.SparseBits > 0)
        {
            if (config.SparseRelevant > config.SparseBits)
            {
                throw new ArgumentException($"sparseRelevant = {config.SparseRelevant} exceeds sparseBits = {config.SparseBits}; choose k ≤ n.", nameof(config));
            }
            SparseParityStudy.Run(config, context);
        }
    }

    private static string Observations(List<(double Fraction, int TrainSize, double TrainAcc, double TestAcc, double TestLoss)> finals, int count)
    {
        var sb = new StringBuilder();
        foreach (var f in finals)
        {
            sb.AppendLine($"- With {f.TrainSize} of the {count} strings for training, the network fits {f.TrainAcc:P1} of them and labels {f.TestAcc:P1} of the unseen strings correctly.");
        }
        var smallest = finals.MinBy(f => f.TrainSize);
        var largest = finals.MaxBy(f => f.TrainSize);
        sb.AppendLine();
        bool memorised = smallest.TrainAcc > 0.95 && smallest.TestAcc < 0.6;
        sb.AppendLine($"From {smallest.TrainSize} to {largest.TrainSize} training strings, test accuracy moves from {smallest.TestAcc:P1} to {largest.TestAcc:P1}. "
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

    private static (double Loss, double Acc) Evaluate(Module model, TensorDataset data)
    {
        using (GradMode.NoGrad())
        {
            var logits = model.Forward(data.Inputs);
            double loss = Loss.BinaryCrossEntropyWithLogits(logits, data.Targets).Item();
            double accuracy = logits.Gt(0).To(DType.Float32).Eq(data.Targets).To(DType.Float64).Mean().Item();
            return (loss, accuracy);
        }
    }
}
