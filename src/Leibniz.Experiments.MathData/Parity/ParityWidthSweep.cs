using System.Globalization;

namespace Leibniz.Experiments.Parity;

/// <summary>
/// Generalisation of parity against width: for each width w, an MLP with every hidden layer of width w is trained on
/// the same split (the middle training fraction), and its train and test accuracy recorded.
/// </summary>
internal static class ParityWidthSweep
{
    /// <summary>Runs the sweep on the given split; adds results, a figure and a report section.</summary>
    public static void Run(ParityConfig config, TensorDataset train, TensorDataset test, Func<Module, TensorDataset, (double Loss, double Acc)> evaluate, RunContext context)
    {
        int n = config.Bits;
        var trainAcc = new List<double>();
        var testAcc = new List<double>();
        foreach (int width in config.Widths)
        {
            var generator = context.Random.Split();
            var model = new Mlp([n, .. config.Hidden.Select(_ => width), 1], config.Activation, generator);
            var optimizer = new Adam(model.Parameters(), config.LearningRate);
            var loader = new DataLoader(train, config.BatchSize, shuffle: true, generator: generator.Split());
            new Trainer(model, optimizer, (logits, y) => Loss.BinaryCrossEntropyWithLogits(logits, y)).Fit(loader, config.Epochs, context, $"width={width}");
            trainAcc.Add(evaluate(model, train).Acc);
            testAcc.Add(evaluate(model, test).Acc);
            context.Results[$"width_sweep/test_acc@{width}"] = testAcc[^1];
        }
        var widths = config.Widths.Select(w => (double)w).ToArray();
        var plot = new LinePlot { Title = $"{n}-bit parity, {train.Count} training strings: accuracy against width", XLabel = "width of each hidden layer", YLabel = "accuracy", LogX = true }
            .Add("test", widths, testAcc, markers: true)
            .Add("train", widths, trainAcc, markers: true)
            .AddReference("chance", [widths.Min(), widths.Max()], [0.5, 0.5]);
        string figure = context.SaveFigure("accuracy-vs-width", plot);
        string rows = string.Join("\n", config.Widths.Select((w, i) => $"| {w} | {trainAcc[i]:P1} | {testAcc[i]:P1} |"));
        context.Report.Add(new ReportSection("Width",
            $"The same {train.Count} training strings, {config.Hidden.Length} hidden layers of each width, trained as above.\n\n| width | train | test |\n|---|---|---|\n{rows}\n\n![Accuracy against width]({figure})"));
    }
}
