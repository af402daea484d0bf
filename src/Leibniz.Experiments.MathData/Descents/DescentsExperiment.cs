using System.Globalization;
using System.Text;
using Leibniz.Analysis;
using Leibniz.Autograd;
using Leibniz.Data.Mathematics;

namespace Leibniz.Experiments.Descents;

/// <summary>Configuration of <see cref="DescentsExperiment"/>.</summary>
public sealed record DescentsConfig
{
    [Description("n: permutations of S_n, given to the network as n×n one-hot matrices.")]
    [Range(3, 30)]
    public int N { get; set; } = 10;

    [Description("Number of random training permutations.")]
    [Range(10, 10_000_000)]
    public int TrainSize { get; set; } = 20_000;

    [Description("Number of random test permutations.")]
    [Range(10, 10_000_000)]
    public int TestSize { get; set; } = 5_000;

    public MlpSettings Model { get; set; } = new() { Hidden = [256, 256] };

    public TrainingSettings Training { get; set; } = new() { Epochs = 20, BatchSize = 128, LearningRate = 1e-3 };
}

/// <summary>
/// Learning the descent set of a permutation σ ∈ S_n (positions i with σ(i) &gt; σ(i+1)) as n−1 binary outputs from the
/// one-hot matrix of σ, then asking the trained network, by integrated gradients, which positions each output looks
/// at. Output i depends on σ(i) and σ(i+1) only, so a network that learned the rule puts its attribution on the band
/// of positions {i, i+1}.
/// </summary>
public sealed class DescentsExperiment : Experiment<DescentsConfig>
{
    public override string Name => "descents";

    public override string Description => "Learn the descent set of permutations of S_n; attribution shows which positions each output uses.";

    protected override DescentsConfig Quick(DescentsConfig defaults) => defaults with { N = 5, TrainSize = 500, TestSize = 100, Model = defaults.Model with { Hidden = [32] }, Training = defaults.Training with { Epochs = 60 } };

    protected override void Run(DescentsConfig config, RunContext context)
    {
        int n = config.N;
        var (trainX, _, trainY) = MathDatasets.Permutations(config.TrainSize, n, context.Random.Split());
        var (testX, testNumbers, testY) = MathDatasets.Permutations(config.TestSize, n, context.Random.Split());
        var train = new TensorDataset(trainX, trainY);
        var test = new TensorDataset(testX, testY);
        var generator = context.Random.Split();
        var model = config.Model.Build(n * n, n - 1, generator);
        var optimizer = new Adam(model.Parameters(), config.Training.LearningRate);
        var loader = new DataLoader(train, config.Training.BatchSize, shuffle: true, generator: generator.Split());
        new Trainer(model, optimizer, (logits, y) => Loss.BinaryCrossEntropyWithLogits(logits, y)).Fit(loader, config.Training.Epochs, context, "descents", afterEpoch: epoch =>
        {
            var (bit, set) = Accuracy(model, test);
            context.Track("descents", epoch, new Dictionary<string, double> { ["test_bit_acc"] = bit, ["test_set_acc"] = set });
            return true;
        });
        model.Eval();
        var (trainBit, trainSet) = Accuracy(model, train);
        var (testBit, testSet) = Accuracy(model, test);

        // Attribution of each output i to each input position j: mean |IG| summed over the n values of row j.
        int probes = Math.Min(config.TestSize, 500);
        var probe = testX.Narrow(0, 0, probes);
        var band = new double[n - 1, n];
        for (int i = 0; i < n - 1; i++)
        {
            int output = i;
            var attributions = Attribution.IntegratedGradients(x => model.Forward(x).Narrow(1, output, 1).Reshape(-1), probe, steps: 16).ToDoubleArray();
            for (int s = 0; s < probes; s++)
            {
                for (int j = 0; j < n * n; j++)
                {
                    band[i, j / n] += Math.Abs(attributions[s * n * n + j]) / probes;
                }
            }
        }
        double inBand = 0, total = 0;
        for (int i = 0; i < n - 1; i++)
        {
            for (int j = 0; j < n; j++)
            {
                total += band[i, j];
                inBand += j == i || j == i + 1 ? band[i, j] : 0;
            }
        }
        double bandFraction = inBand / total;

        var baselineByNumber = testNumbers.ToArray<long>().GroupBy(d => d).Max(g => g.Count()) / (double)config.TestSize;
        context.Results["train_set_acc"] = trainSet;
        context.Results["test_set_acc"] = testSet;
        context.Results["test_bit_acc"] = testBit;
        context.Results["attribution_band_fraction"] = bandFraction;
        context.Results["parameters"] = model.ParameterCount;
        context.Verdict("An MLP learns the descent set of a permutation exactly", testSet >= 0.95 ? Reproduction.Yes : testBit >= 0.9 ? Reproduction.Partly : Reproduction.No,
            $"whole descent sets right on {testSet:P1} of the test permutations, single positions on {testBit:P1}");
        context.Verdict("Attribution shows that the output for position i reads the entries at positions i and i + 1", bandFraction >= 0.8 ? Reproduction.Yes : bandFraction >= 2.0 / n + 0.1 ? Reproduction.Partly : Reproduction.No,
            $"{bandFraction:P1} of the integrated-gradients attribution falls on those two positions (a uniform spread would put {2.0 / n:P0} there)");

        var heat = new HeatMap { Title = "Integrated gradients: output (descent at i) × input position j", XLabel = "input position j", YLabel = "output i", ContourLevels = 0, ColorLabel = "mean |IG|" }
            .Data([.. Enumerable.Range(0, n).Select(j => (double)j)], [.. Enumerable.Range(0, n - 1).Select(i => (double)i)], band);
        string heatFigure = context.SaveFigure("attribution-band", heat);
        var curve = new LinePlot { Title = "Test accuracy of whole descent sets", XLabel = "epoch", YLabel = "exact-set accuracy" }
            .Add("test", context.Metrics.Steps("descents", "test_set_acc"), context.Metrics.Values("descents", "test_set_acc"));
        string curveFigure = context.SaveFigure("test-accuracy", curve);

        var eulerian = PermutationStatistics.EulerianNumbers(n);
        double factorial = eulerian.Sum();
        var observed = testNumbers.ToArray<long>();
        var balance = Enumerable.Range(0, n).Select(k => (K: k, Count: observed.Count(d => d == k)))
            .Select(b => $"| {b.K} | {b.Count} | {b.Count / (double)observed.Length:P2} | {eulerian[b.K] / factorial:P2} |");
        WriteReport(context, config, ("n", n), ("model", config.Model.Describe(n * n, n - 1)), ("outputs", n - 1), ("probes", probes),
            ("random_set_chance", Math.Pow(2, 1 - n)), ("baseline_by_number", baselineByNumber), ("balance_rows", string.Join("\n", balance)),
            ("heat_figure", heatFigure), ("curve_figure", curveFigure), ("uniform_band", 2.0 / n),
            ("verdict", bandFraction > 0.6
                ? "The network has localised each descent on its adjacent pair, which is what the definition says."
                : "The attribution is not yet concentrated on the adjacent pairs; train longer or wider to see the band form."));
    }

    private static (double Bit, double Set) Accuracy(Module model, TensorDataset data)
    {
        using (GradMode.NoGrad())
        {
            var predicted = model.Forward(data.Inputs).ToArray<float>();
            var truth = data.Targets.ToArray<float>();
            int width = data.Targets.Size(1), rows = data.Count, bits = 0, sets = 0;
            for (int r = 0; r < rows; r++)
            {
                bool all = true;
                for (int c = 0; c < width; c++)
                {
                    bool ok = (predicted[r * width + c] > 0) == (truth[r * width + c] > 0.5f);
                    bits += ok ? 1 : 0;
                    all &= ok;
                }
                sets += all ? 1 : 0;
            }
            return (bits / (double)(rows * width), sets / (double)rows);
        }
    }
}
