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
    public double LearningRate { get; set; } = 1e-3;

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

    protected override GrokkingConfig Quick(GrokkingConfig defaults) => defaults with { P = 13, Hidden = [32], WeightDecays = [0.0, 1.0], Steps = 60, LogEvery = 10 };

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
        var rows = new List<(double Decay, int Memorised, int Generalised, double Train, double Test, double Norm)>();
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
                state.Put("model", model);
                state.Put("optimizer", optimizer);
                state.Put("steps", steps);
                state.Put("train_acc", trainAcc);
                state.Put("test_acc", testAcc);
                state.Put("norm", norm);
                state.Put("scalars", [memorised, generalised, lastTrain, lastTest]);
            }, state =>
            {
                state.Restore("model", model);
                state.Restore("optimizer", optimizer);
                state.Restore("steps", steps);
                state.Restore("train_acc", trainAcc);
                state.Restore("test_acc", testAcc);
                state.Restore("norm", norm);
                (memorised, generalised, lastTrain, lastTest) = ((int)state.Numbers["scalars"][0], (int)state.Numbers["scalars"][1], state.Numbers["scalars"][2], state.Numbers["scalars"][3]);
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
            rows.Add((decay, memorised, generalised, lastTrain, lastTest, norm[^1]));
            context.Results[$"{series}/train_acc"] = lastTrain;
            context.Results[$"{series}/test_acc"] = lastTest;
            context.Results[$"{series}/step_train_99"] = memorised;
            context.Results[$"{series}/step_test_99"] = generalised;
        }
        string accuracyFigure = context.SaveFigure("accuracy", accuracy);
        string normFigure = context.SaveFigure("weight-norm", norms);

        WriteReport(context, config, ("symbol", Symbol(operation)), ("entries", table.Count), ("train_size", trainSize), ("inputs", 2 * config.P),
            ("hidden_units", string.Join("-", config.Hidden)), ("chance", 1.0 / config.P),
            ("rows", string.Join("\n", rows.Select(r => $"| {r.Decay} | {(r.Memorised < 0 ? "never" : r.Memorised)} | {(r.Generalised < 0 ? "never" : r.Generalised)} | {r.Train:P1} | {r.Test:P1} | {r.Norm:F1} |"))),
            ("accuracy_figure", accuracyFigure), ("norm_figure", normFigure), ("observations", Observations(rows)));
    }

    private static string Observations(List<(double Decay, int Memorised, int Generalised, double Train, double Test, double Norm)> rows)
    {
        var sb = new StringBuilder();
        foreach (var r in rows)
        {
            string decay = r.Decay.ToString(CultureInfo.InvariantCulture);
            if (r.Memorised > 0 && r.Generalised > 0)
            {
                sb.AppendLine($"- λ = {decay}: the training set is fitted at step {r.Memorised} and the test set reaches 99% at step {r.Generalised}, {r.Generalised / (double)r.Memorised:F1}× later.");
            }
            else if (r.Memorised > 0)
            {
                sb.AppendLine($"- λ = {decay}: the training set is fitted at step {r.Memorised}, but within the budget the test accuracy only reaches {r.Test:P1}: memorisation without generalisation.");
            }
            else
            {
                sb.AppendLine($"- λ = {decay}: the training set is not fitted within the budget (train accuracy {r.Train:P1}).");
            }
        }
        return sb.ToString();
    }

    private static string Symbol(ModularOperation operation) => operation switch
    {
        ModularOperation.Add => "+",
        ModularOperation.Subtract => "−",
        ModularOperation.Multiply => "×",
        _ => "÷",
    };
}
