namespace Leibniz.Experiments.Parity;

/// <summary>
/// Generalisation of parity against width: for each width w, an MLP with every hidden layer of width w is trained on
/// the same split (the middle training fraction), and its train and test accuracy recorded.
/// </summary>
internal static class ParityWidthSweep
{
    /// <summary>Runs the sweep on the given split; adds results and returns the figure and the table rows for the report.</summary>
    public static (string? Figure, string? Rows) Run(ParityConfig config, TensorDataset train, TensorDataset test,
        Func<Module, TensorDataset, string, Dictionary<string, double>> evaluate, RunContext context)
    {
        int n = config.Bits;
        var trainAcc = new List<double>();
        var testAcc = new List<double>();
        foreach (int width in config.Widths)
        {
            var generator = context.Random.Split();
            var model = (config.Model with { Hidden = [.. config.Model.Hidden.Select(_ => width)] }).Build(n, 1, generator);
            var optimizer = new Adam(model.Parameters(), config.Training.LearningRate);
            var loader = new DataLoader(train, config.Training.BatchSize, shuffle: true, generator: generator.Split());
            new Trainer(model, optimizer, (logits, y) => Loss.BinaryCrossEntropyWithLogits(logits, y)).Fit(loader, config.Training.Epochs, context, $"width={width}");
            trainAcc.Add(evaluate(model, train, "train")["train_acc"]);
            testAcc.Add(evaluate(model, test, "test")["test_acc"]);
            context.Results[$"width_sweep/test_acc@{width}"] = testAcc[^1];
        }
        var widths = config.Widths.Select(w => (double)w).ToArray();
        var plot = new LinePlot { Title = $"{n}-bit parity, {train.Count} training strings: accuracy against width", XLabel = "width of each hidden layer", YLabel = "accuracy", LogX = true }
            .Add("test", widths, testAcc, markers: true)
            .Add("train", widths, trainAcc, markers: true)
            .AddReference("chance", [widths.Min(), widths.Max()], [0.5, 0.5]);
        return (context.SaveFigure("accuracy-vs-width", plot), string.Join("\n", config.Widths.Select((w, i) => $"| {w} | {trainAcc[i]:P1} | {testAcc[i]:P1} |")));
    }
}
