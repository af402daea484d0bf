using System.Globalization;
using System.Text;
using Leibniz.Autograd;
using Leibniz.Data.Mathematics;

namespace Leibniz.Experiments.Grokking;

/// <summary>Configuration of <see cref="GrokkingExperiment"/>.</summary>
public sealed record GrokkingConfig
{
    [Description("The prime modulus p; the table has p² (p(p−1) for division) entries.")]
    [Range(3, 1000)]
    public int P { get; set; } = 97;

    [Description("The operation a ∘ b mod p: add, subtract, multiply, divide.")]
    public string Operation { get; set; } = "add";

    [Description("Fraction of the table used for training; the rest is the test set.")]
    [Range(0.05, 0.95)]
    public double TrainFraction { get; set; } = 0.4;

    [Description("Hidden layer widths of the MLP on the concatenated one-hot pair (a, b).")]
    [Range(1, 8192)]
    public int[] Hidden { get; set; } = [256];

    [Description("AdamW decoupled weight decays λ to compare, one model each.")]
    [Range(0.0, 100.0)]
    public double[] WeightDecays { get; set; } = [0.0, 1.0, 3.0];

    [Description("Full-batch AdamW steps per model.")]
    [Range(1, 10_000_000)]
    public int Steps { get; set; } = 8000;

    [Description("AdamW learning rate.")]
    [Range(1e-7, 10.0)]
    public double LearningRate { get; set; } = 1e-2;

    [Description("Evaluate training and test accuracy every this many steps.")]
    [Range(1, 1_000_000)]
    public int LogEvery { get; set; } = 50;
}

/// <summary>
/// Grokking (Power et al., 2022): on a modular arithmetic table a small network first memorises its training part and
/// only much later, driven by weight decay, generalises to the held-out part. Here an MLP on the one-hot pair (a, b)
/// is trained full-batch with AdamW for several weight decays; the figures show training and test accuracy against
/// steps on a logarithmic axis, and the summary the step at which each first reaches 99%.
/// </summary>
public sealed class GrokkingExperiment : Experiment<GrokkingConfig>
{
    public override string Name => "grokking";

    public override string Description => "Delayed generalisation on a ÷/+/−/× mod p table with AdamW weight decay (Power et al., 2022; about 5 minutes).";

    /// <summary>
    /// A table small enough to grok in seconds: with 80 % of the 23² pairs and a large learning rate, λ = 2 fits the
    /// training set within 50 steps (at the default learning rate 10⁻²) and the held-out pairs about 1,000–2,000 steps later; λ = 0 never generalises.
    /// </summary>
    protected override GrokkingConfig Quick(GrokkingConfig defaults) => defaults with
    {
        P = 23,
        TrainFraction = 0.8,
        Hidden = [128],
        WeightDecays = [0.0, 2.0],
        Steps = 3000,
    };

    protected override void Run(GrokkingConfig config, RunContext context)
    {
        var operation = Enum.TryParse<ModularOperation>(config.Operation, ignoreCase: true, out var parsed)
            ? parsed
            : throw new ArgumentException($"Unknown operation '{config.Operation}'; choose from add, subtract, multiply, divide.", nameof(config));
        var table = MathDatasets.Modular(config.P, operation);
        var permutation = Tensor.Randperm(context.Random.Split(), table.Count);
        int trainSize = Math.Clamp((int)Math.Round(config.TrainFraction * table.Count), 1, table.Count - 1);
        var trainIndex = permutation.Narrow(0, 0, trainSize);
        var testIndex = permutation.Narrow(0, trainSize, table.Count - trainSize);
        var train = new TensorDataset(table.Inputs.IndexSelect(0, trainIndex), table.Targets.IndexSelect(0, trainIndex));
        var test = new TensorDataset(table.Inputs.IndexSelect(0, testIndex), table.Targets.IndexSelect(0, testIndex));

        var accuracy = new LinePlot { Title = $"a {Symbol(operation)} b mod {config.P}: accuracy over training", XLabel = "step", YLabel = "accuracy", LogX = true };
        var norms = new LinePlot { Title = "Weight norm ‖θ‖ over training", XLabel = "step", YLabel = "‖θ‖₂", LogX = true };
        var rows = new List<Row>();
        foreach (double decay in config.WeightDecays)
        {
            string series = $"weight_decay={decay}";
            var model = new Mlp([2 * config.P, .. config.Hidden, config.P], Activation.Relu, context.Random.Split());
            var optimizer = new AdamW(model.Parameters(), config.LearningRate, weightDecay: decay);
            var steps = new List<double>();
            var trainAcc = new List<double>();
            var testAcc = new List<double>();
            var norm = new List<double>();
            int memorised = -1, generalised = -1;
            double lastTrain = 0, lastTest = 0;
            var resumable = new Resumable("steps", state =>
            {
                state.Bind("model", model);
                state.Bind("optimizer", optimizer);
                state.Bind("steps", steps);
                state.Bind("train_acc", trainAcc);
                state.Bind("test_acc", testAcc);
                state.Bind("norm", norm);
                memorised = (int)state.Bind("memorised", memorised);
                generalised = (int)state.Bind("generalised", generalised);
                lastTrain = state.Bind("last_train", lastTrain);
                lastTest = state.Bind("last_test", lastTest);
            });
            foreach (int step in context.Loop($"λ = {decay}", config.Steps, () => $"train {lastTrain:P0}  test {lastTest:P0}", first: 1, resumable))
            {
                optimizer.ZeroGrad();
                Loss.CrossEntropy(model.Forward(train.Inputs), train.Targets).Backward();
                optimizer.Step();
                if (step % config.LogEvery == 0 || step == 1 || step == config.Steps)
                {
                    lastTrain = Evaluation.Accuracy(model, train);
                    lastTest = Evaluation.Accuracy(model, test);
                    double weightNorm = Math.Sqrt(model.Parameters().Sum(p => (p * p).Sum().Item()));
                    memorised = memorised < 0 && lastTrain >= 0.99 ? step : memorised;
                    generalised = generalised < 0 && lastTest >= 0.99 ? step : generalised;
                    steps.Add(step);
                    trainAcc.Add(lastTrain);
                    testAcc.Add(lastTest);
                    norm.Add(weightNorm);
                    context.Track(series, step, ("train_acc", lastTrain), ("test_acc", lastTest), ("weight_norm", weightNorm));
                }
            }
            string label = $"λ={decay}";
            accuracy.Add($"train {label}", steps, trainAcc).Add($"test {label}", steps, testAcc);
            norms.Add(label, steps, norm);
            rows.Add(new Row(decay, memorised, generalised, lastTrain, lastTest, norm[^1], CopiedFraction(model, train, test)));
            context.Results[$"{series}/train_acc"] = lastTrain;
            context.Results[$"{series}/test_acc"] = lastTest;
            context.Results[$"{series}/step_train_99"] = memorised;
            context.Results[$"{series}/step_test_99"] = generalised;
        }
        Verdict(context, rows, 1.0 / config.P);
        string accuracyFigure = context.SaveFigure("accuracy", accuracy);
        string normFigure = context.SaveFigure("weight-norm", norms);

        WriteReport(context, config, ("symbol", Symbol(operation)), ("entries", table.Count), ("train_size", trainSize), ("inputs", 2 * config.P),
            ("hidden_units", string.Join("-", config.Hidden)), ("chance", 1.0 / config.P),
            ("rows", string.Join("\n", rows.Select(r => $"| {r.Decay} | {(r.Memorised < 0 ? "never" : r.Memorised)} | {(r.Generalised < 0 ? "never" : r.Generalised)} | {r.Train:P1} | {r.Test:P1} | {r.Norm:F1} |"))),
            ("accuracy_figure", accuracyFigure), ("norm_figure", normFigure), ("observations", Observations(rows, 1.0 / config.P)));
    }

    /// <summary>One model's outcome; <c>Copied</c> is the fraction of held-out pairs answered wrongly with the answer of a training pair in the same row or column.</summary>
    private sealed record Row(double Decay, int Memorised, int Generalised, double Train, double Test, double Norm, double Copied);

    /// <summary>
    /// The fraction of held-out pairs (a, b) answered wrongly with the answer of a training pair (a, b′) or (a′, b). In a
    /// group's table every row and column holds each answer once, so such a recalled answer is always wrong: a network
    /// that answers this way scores below chance.
    /// </summary>
    private static double CopiedFraction(Mlp model, TensorDataset train, TensorDataset test)
    {
        int p = train.Inputs.Size(1) / 2;
        var rowAnswers = new HashSet<(int, long)>();
        var columnAnswers = new HashSet<(int, long)>();
        var x = train.Inputs.ToDoubleArray();
        var y = train.Targets.ToArray<long>();
        for (int i = 0; i < y.Length; i++)
        {
            var (a, b) = Pair(x, i, p);
            rowAnswers.Add((a, y[i]));
            columnAnswers.Add((b, y[i]));
        }
        long[] predicted;
        using (GradMode.NoGrad())
        {
            predicted = model.Forward(test.Inputs).Argmax(1).ToArray<long>();
        }
        var tx = test.Inputs.ToDoubleArray();
        var ty = test.Targets.ToArray<long>();
        int copied = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            var (a, b) = Pair(tx, i, p);
            bool recalled = rowAnswers.Contains((a, predicted[i])) || columnAnswers.Contains((b, predicted[i]));
            copied += recalled && predicted[i] != ty[i] ? 1 : 0;
        }
        return copied / (double)Math.Max(predicted.Length, 1);
    }

    /// <summary>The pair (a, b) of row <paramref name="i"/> of one-hot inputs of width 2p.</summary>
    private static (int A, int B) Pair(double[] x, int i, int p)
    {
        int a = -1, b = -1;
        for (int j = 0; j < p; j++)
        {
            a = x[i * 2 * p + j] > 0.5 ? j : a;
            b = x[i * 2 * p + p + j] > 0.5 ? j : b;
        }
        return (a, b);
    }

    /// <summary>What each model did, in words that follow the numbers: grokked, generalised with the fit, generalised partly, fitted without generalising, or not fitted.</summary>
    private static string Observations(List<Row> rows, double chance)
    {
        var sb = new StringBuilder();
        foreach (var r in rows)
        {
            string decay = r.Decay.ToString(CultureInfo.InvariantCulture);
            if (r.Memorised > 0 && r.Generalised > 0)
            {
                double delay = r.Generalised / (double)r.Memorised;
                sb.AppendLine(delay >= 2
                    ? $"- λ = {decay}: grokked. The training set is fitted at step {r.Memorised} and the held-out pairs reach 99 % at step {r.Generalised}, {delay:F1}× later."
                    : $"- λ = {decay}: generalises together with the fit (training set at step {r.Memorised}, held-out pairs at 99 % at step {r.Generalised}, only {delay:F1}× later): no delay to speak of.");
            }
            else if (r.Memorised > 0 && r.Test > 5 * chance)
            {
                sb.AppendLine($"- λ = {decay}: fitted at step {r.Memorised} and generalising, but not fully within the budget: {r.Test:P1} of the held-out pairs are right at the end (chance {chance:P1}; the table's threshold is 99 %).");
            }
            else if (r.Memorised > 0)
            {
                sb.AppendLine($"- λ = {decay}: fitted at step {r.Memorised} without generalising: {r.Test:P1} of the held-out pairs are right (chance {chance:P1}).");
            }
            else
            {
                sb.AppendLine($"- λ = {decay}: the training set is not fitted within the budget (train accuracy {r.Train:P1}).");
            }
            if (r.Test < chance)
            {
                sb.AppendLine($"  Below chance: {r.Copied:P1} of the held-out pairs get the (wrong) answer of a training pair in the same row or column. Where the table is a group's (addition and subtraction; multiplication and division away from 0) each row and column holds each answer once, so an answer recalled from the same row or column is wrong by construction: the network recalls seen entries instead of computing.");
            }
        }
        return sb.ToString();
    }

    /// <summary>Power et al.: with weight decay the held-out accuracy rises long after the training set is fitted; without it, it does not within the budget.</summary>
    private static void Verdict(RunContext context, List<Row> rows, double chance)
    {
        var grokked = rows.Where(r => r.Decay > 0 && r.Memorised > 0 && r.Generalised >= 2 * r.Memorised).ToList();
        var none = rows.FirstOrDefault(r => r.Decay == 0);
        string Describe(Row r) => $"λ = {r.Decay.ToString(CultureInfo.InvariantCulture)}: "
            + (r.Memorised < 0 ? "train never ≥ 99 %" : $"train ≥ 99 % at step {r.Memorised}") + ", "
            + (r.Generalised < 0 ? "test never ≥ 99 %" : $"test ≥ 99 % at step {r.Generalised}") + $", final test {r.Test:P1}";
        string evidence = string.Join("; ", rows.Select(Describe)) + $" (chance {chance:P1})";
        bool withoutFails = none is null || none.Generalised < 0 || (none.Memorised > 0 && none.Generalised > 2 * grokked.Select(r => r.Generalised).DefaultIfEmpty(int.MaxValue).Min());
        var outcome = rows.All(r => r.Memorised < 0) ? Reproduction.Undecided
            : grokked.Count > 0 && withoutFails ? Reproduction.Yes
            : grokked.Count > 0 || rows.Any(r => r.Decay > 0 && r.Test > 5 * chance) ? Reproduction.Partly
            : Reproduction.No;
        context.Verdict("With weight decay the held-out accuracy reaches 99 % long (here ≥ 2×) after the training set is fitted; without it, not within the budget", outcome,
            outcome == Reproduction.Undecided ? evidence + "; no model fitted its training set, so nothing can be said (train longer)" : evidence);
    }

    private static string Symbol(ModularOperation operation) => operation switch
    {
        ModularOperation.Add => "+",
        ModularOperation.Subtract => "−",
        ModularOperation.Multiply => "×",
        _ => "÷",
    };
}
