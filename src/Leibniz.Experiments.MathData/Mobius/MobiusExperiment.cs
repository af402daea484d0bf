using System.Globalization;
using System.Text;
using Leibniz.Analysis;
using Leibniz.Autograd;
using Leibniz.Data.Mathematics;

namespace Leibniz.Experiments.Mobius;

/// <summary>Configuration of <see cref="MobiusExperiment"/>.</summary>
public sealed record MobiusConfig
{
    [Description("The data set is n = 1..N, split at random into training and test numbers.")]
    [Range(100, 10_000_000)]
    public int Limit { get; set; } = 30_000;

    [Description("Encodings of n, one model each: binary, decimal, residues.")]
    public string[] Encodings { get; set; } = ["binary", "decimal", "residues"];

    [Description("Number of primes k for the residue encoding: n mod the first k primes, each one-hot.")]
    [Range(1, 100)]
    public int Primes { get; set; } = 10;

    [Description("Fraction of the numbers 1..N used for training; the rest is the test set.")]
    [Range(0.01, 0.99)]
    public double TrainFraction { get; set; } = 0.8;

    public MlpSettings Model { get; set; } = new() { Hidden = [256, 256] };

    public TrainingSettings Training { get; set; } = new() { Epochs = 30, BatchSize = 128, LearningRate = 1e-3 };
}

/// <summary>
/// Predicting the Möbius function μ(n) ∈ {−1, 0, 1} from an encoding of n, the exercise of "machine learning for the
/// working mathematician" courses: accuracy set against the class-prior baseline, and gradient saliency (Davies et
/// al., 2021) showing which residues carry the signal. μ(n) = 0 exactly when a square divides n; the encodings see
/// this only partly (the last two bits show 4 | n; a residue n ≡ 0 mod p shows p | n but not p² | n).
/// </summary>
public sealed class MobiusExperiment : Experiment<MobiusConfig>
{
    private static readonly string[] ClassNames = ["μ = −1", "μ = 0", "μ = +1"];

    public override string Name => "mobius";

    public override string Description => "Predict the Möbius function μ(n) from binary, decimal or residue encodings; attribution per prime.";

    protected override MobiusConfig Quick(MobiusConfig defaults) => defaults with { Limit = 2000, Model = defaults.Model with { Hidden = [32] }, Training = defaults.Training with { Epochs = 3 }, Primes = 5 };

    protected override void Run(MobiusConfig config, RunContext context)
    {
        var encodings = config.Encodings.Select(ParseEncoding).ToArray();
        var numbers = Enumerable.Range(1, config.Limit).ToArray();
        var labels = MathDatasets.MobiusClasses(config.Limit);
        var classCounts = new int[3];
        foreach (long c in labels.ToArray<long>())
        {
            classCounts[c]++;
        }
        var permutation = Tensor.Randperm(context.Random.Split(), config.Limit);
        int trainSize = Math.Clamp((int)Math.Round(config.TrainFraction * config.Limit), 1, config.Limit - 1);
        var trainIndex = permutation.Narrow(0, 0, trainSize);
        var testIndex = permutation.Narrow(0, trainSize, config.Limit - trainSize);
        var testLabels = labels.IndexSelect(0, testIndex).ToArray<long>();
        int majority = Array.IndexOf(classCounts, classCounts.Max());
        double baseline = testLabels.Count(l => l == majority) / (double)testLabels.Length;

        var accuracy = new BarChart { Title = $"Test accuracy predicting μ(n), n ≤ {config.Limit}", YLabel = "test accuracy" };
        var rows = new List<(string Encoding, int Features, double Train, double Test)>();
        var figures = new StringBuilder();
        foreach (var encoding in encodings)
        {
            string name = encoding.ToString().ToLowerInvariant();
            var inputs = MathDatasets.EncodeIntegers(numbers, encoding, primes: config.Primes);
            var train = new TensorDataset(inputs.IndexSelect(0, trainIndex), labels.IndexSelect(0, trainIndex));
            var test = new TensorDataset(inputs.IndexSelect(0, testIndex), labels.IndexSelect(0, testIndex));
            var generator = context.Random.Split();
            var model = config.Model.Build(inputs.Size(1), 3, generator);
            var optimizer = new Adam(model.Parameters(), config.Training.LearningRate);
            var loader = new DataLoader(train, config.Training.BatchSize, shuffle: true, generator: generator.Split());
            new Trainer(model, optimizer, (logits, y) => Loss.CrossEntropy(logits, y)).Fit(loader, config.Training.Epochs, context, name, afterEpoch: epoch =>
            {
                context.Track(name, epoch, new Dictionary<string, double> { ["train_acc"] = Evaluation.Accuracy(model, train), ["test_acc"] = Evaluation.Accuracy(model, test) });
                return true;
            });
            model.Eval();
            double trainAcc = Evaluation.Accuracy(model, train), testAcc = Evaluation.Accuracy(model, test);
            rows.Add((name, inputs.Size(1), trainAcc, testAcc));
            context.Results[$"test_acc_{name}"] = testAcc;
            context.Results[$"train_acc_{name}"] = trainAcc;

            var saliency = Attribution.Saliency(model.Forward, (logits, y) => Loss.CrossEntropy(logits, y), test.Inputs, test.Targets);
            var featureNames = FeatureNames(encoding, inputs.Size(1), config.Primes);
            var top = Attribution.Ranking(saliency).Take(20).ToArray();
            var ranking = new BarChart { Title = $"Gradient saliency, {name} encoding (top {top.Length})", YLabel = "mean |∂loss/∂feature|" }
                .Categories(top.Select(j => featureNames[j]).ToArray())
                .Add("saliency", top.Select(j => saliency[j]).ToArray());
            figures.AppendLine($"![Saliency, {name}]({context.SaveFigure($"saliency-{name}", ranking)})\n");
            if (encoding == IntegerEncoding.Residues)
            {
                figures.AppendLine(ResidueFigures(saliency, config.Primes, context));
            }
        }
        accuracy.Categories([.. rows.Select(r => r.Encoding), "class prior"])
            .Add("test accuracy", [.. rows.Select(r => r.Test), baseline]);
        string accuracyFigure = context.SaveFigure("accuracy", accuracy);
        context.Results["class_prior_baseline"] = baseline;
        context.Results["class_counts"] = classCounts;

        var best = rows.MaxBy(r => r.Test);
        context.Verdict("μ(n) is not learned from an encoding of n: the best test accuracy stays far below 100 %", best.Test < 0.9 ? Reproduction.Yes : Reproduction.No,
            $"best test accuracy {best.Test:P1} ({best.Encoding} encoding) against {baseline:P1} for always answering the commonest value; "
            + string.Join(", ", rows.Select(r => $"{r.Encoding} {r.Test:P1} (train {r.Train:P1})")));
        WriteReport(context, config, ("train_size", trainSize), ("test_size", config.Limit - trainSize), ("hidden_units", string.Join("-", config.Model.Hidden)), ("activation_name", Activations.NameOf(config.Model.Activation)),
            ("class_sizes", string.Join(", ", Enumerable.Range(0, 3).Select(c => $"{ClassNames[c]}: {classCounts[c]} ({classCounts[c] / (double)config.Limit:P1})"))),
            ("accuracy_rows", string.Join("\n", rows.Select(r => $"| {r.Encoding} | {r.Features} | {r.Train:P1} | {r.Test:P1} |"))),
            ("accuracy_figure", accuracyFigure), ("saliency_figures", figures), ("best_encoding", best.Encoding), ("best_test_acc", best.Test),
            ("verdict", best.Test > baseline + 0.02
                ? "the network finds some of the structure of μ (chiefly which numbers are divisible by a small square), not μ itself."
                : "the network does not beat the baseline by a clear margin."));
    }

    private static string ResidueFigures(double[] saliency, int primes, RunContext context)
    {
        var ps = ArithmeticFunctions.FirstPrimes(primes);
        var perPrime = new double[primes];
        var zeroRatio = new double[primes];
        var grid = new double[primes, ps[^1]];
        int offset = 0;
        for (int i = 0; i < primes; i++)
        {
            for (int r = 0; r < ps[i]; r++)
            {
                perPrime[i] += saliency[offset + r];
                grid[i, r] = saliency[offset + r];
            }
            perPrime[i] /= ps[i];
            zeroRatio[i] = saliency[offset] / ((perPrime[i] * ps[i] - saliency[offset]) / (ps[i] - 1));
            offset += ps[i];
        }
        context.Results["mean_saliency_per_prime"] = perPrime;
        context.Results["residue0_saliency_ratio_per_prime"] = zeroRatio;
        var bars = new BarChart { Title = "Mean saliency of the residues mod p", YLabel = "mean |∂loss/∂feature|" }
            .Categories(ps.Select(p => p.ToString(CultureInfo.InvariantCulture)).ToArray())
            .Add("residues mod p", perPrime);
        var heat = new HeatMap { Title = "Saliency of n ≡ r (mod p)", XLabel = "residue r", YLabel = "prime p (index)", ContourLevels = 0, ColorLabel = "saliency" }
            .Data([.. Enumerable.Range(0, ps[^1]).Select(r => (double)r)], [.. ps.Select(p => (double)p)], grid);
        string ratios = string.Join(", ", ps.Select((p, i) => $"{p}: {zeroRatio[i]:F2}"));
        return $"Saliency of n ≡ 0 (mod p) relative to the mean of the other residues mod p — {ratios}.\n\n![Saliency per prime]({context.SaveFigure("saliency-per-prime", bars)})\n\n![Saliency per residue]({context.SaveFigure("saliency-residue-grid", heat)})\n";
    }

    private static string[] FeatureNames(IntegerEncoding encoding, int width, int primes)
    {
        switch (encoding)
        {
            case IntegerEncoding.Binary:
                return [.. Enumerable.Range(0, width).Select(b => $"bit {b}")];
            case IntegerEncoding.Decimal:
                return [.. Enumerable.Range(0, width).Select(j => $"10^{j / 10}: {j % 10}")];
            default:
                var names = new List<string>();
                foreach (int p in ArithmeticFunctions.FirstPrimes(primes))
                {
                    names.AddRange(Enumerable.Range(0, p).Select(r => $"{r} mod {p}"));
                }
                return [.. names];
        }
    }

    private static IntegerEncoding ParseEncoding(string name) => name.ToLowerInvariant() switch
    {
        "binary" => IntegerEncoding.Binary,
        "decimal" => IntegerEncoding.Decimal,
        "residues" => IntegerEncoding.Residues,
        _ => throw new ArgumentException($"Unknown encoding '{name}'; choose from binary, decimal, residues.", nameof(name)),
    };
}
