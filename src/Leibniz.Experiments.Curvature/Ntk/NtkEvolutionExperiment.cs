using System.Globalization;
using System.Text;
using Leibniz.Analysis;
using Leibniz.Autograd;

namespace Leibniz.Experiments.Ntk;

/// <summary>Configuration of <see cref="NtkEvolutionExperiment"/>.</summary>
public sealed record NtkEvolutionConfig
{
    [Description("Data: FashionMnist (two classes, 14x14) or GaussianMixture (two components).")]
    public SampleSource Data { get; set; } = SampleSource.FashionMnist;

    [Description("Fashion-MNIST class with target +1.")]
    [Range(0, 9)]
    public int ClassA { get; set; } = 0;

    [Description("Fashion-MNIST class with target -1.")]
    [Range(0, 9)]
    public int ClassB { get; set; } = 6;

    [Description("Input dimension of the Gaussian mixture.")]
    [Range(1, 10000)]
    public int Dimension { get; set; } = 16;

    [Description("Training samples; the kernel is measured on them.")]
    [Range(4, 4096)]
    public int Train { get; set; } = 256;

    [Description("Test samples for the accuracies of the network and of kernel regression.")]
    [Range(4, 4096)]
    public int Test { get; set; } = 256;

    [Description("Hidden widths of the one-hidden-layer ReLU networks compared.")]
    [Range(1, 1 << 16)]
    public int[] Widths { get; set; } = [64, 256, 1024];

    [Description("Training epochs (SGD on the squared error to the ±1 targets).")]
    [Range(1, 100000)]
    public int Epochs { get; set; } = 32;

    [Description("SGD learning rate.")]
    [Range(1e-7, 10.0)]
    public double LearningRate { get; set; } = 0.02;

    [Description("Mini-batch size.")]
    [Range(1, 1 << 20)]
    public int BatchSize { get; set; } = 32;

    [Description("Epochs at which children are spawned from the parent; each pair trains on to the end with different data orders.")]
    [Range(0, 100000)]
    public int[] SpawnEpochs { get; set; } = [0, 1, 4, 16];

    [Description("Hidden layer widths of the network used for spawning (deeper than the kernel study's, as in Fort et al.).")]
    [Range(1, 65536)]
    public int[] SpawnHidden { get; set; } = [256];

    [Description("Learning rate of the parent and the children in the spawning study.")]
    [Range(1e-6, 10.0)]
    public double SpawnLearningRate { get; set; } = 0.02;
}

/// <summary>
/// How the empirical neural tangent kernel moves during training (Fort, Dziugaite, Paul, Kharaghani, Roy and
/// Ganguli, 2020): the kernel distance from initialisation S(Θ₀, Θ_t) and the kernel velocity
/// S(Θ_t, Θ_t′)/(t′ − t) for several widths; the test accuracy of kernel regression with Θ_t against the network's;
/// and parent–child spawning, with the loss barrier on the straight line between two children.
/// </summary>
public sealed class NtkEvolutionExperiment : Experiment<NtkEvolutionConfig>
{
    public override string Name => "ntk-evolution";

    public override string Description => "How the empirical NTK moves in training: kernel distance and velocity by width, kernel regression, spawning barriers.";

    protected override NtkEvolutionConfig Quick(NtkEvolutionConfig defaults) => defaults with
    {
        Data = SampleSource.GaussianMixture,
        Dimension = 6,
        Train = 32,
        Test = 32,
        Widths = [16, 64],
        Epochs = 4,
        BatchSize = 8,
        SpawnEpochs = [0, 2],
    };

    private static readonly Func<Tensor, Tensor, Tensor> s_loss = (output, target) => Loss.Mse(output, target) * 0.5;

    protected override void Run(NtkEvolutionConfig config, RunContext context)
    {
        var (train, test) = BinaryTask.Load(config.Data, config.Train, config.Test, config.ClassA, config.ClassB, config.Dimension, context.Random.Split());
        int inputs = train.Inputs.Size(1);
        var times = MeasureTimes(config.Epochs);
        var distancePlot = new LinePlot { Title = "Kernel distance from initialisation", XLabel = "epoch", YLabel = "S(Θ₀, Θₜ)" };
        var velocityPlot = new LinePlot { Title = "Kernel velocity", XLabel = "epoch", YLabel = "S(Θₜ, Θₜ′) / (t′ − t)", LogY = true };
        var accuracyPlot = new LinePlot { Title = "Test accuracy: network and kernel regression with Θₜ", XLabel = "epoch", YLabel = "test accuracy" };
        var observations = new StringBuilder();
        foreach (int width in config.Widths)
        {
            var generator = context.Random.Split();
            var model = new Mlp([inputs, width, 1], Activation.Relu, generator);
            var optimizer = new Sgd(model.Parameters(), config.LearningRate);
            var loader = new DataLoader(train, config.BatchSize, shuffle: true, generator: generator.Split());
            var task = context.Progress.Start($"width {width}", config.Epochs);
            Tensor? initial = null, previous = null;
            int previousEpoch = 0;
            var epochs = new List<double>();
            var distances = new List<double>();
            var velocityEpochs = new List<double>();
            var velocities = new List<double>();
            var networkAccuracy = new List<double>();
            var kernelAccuracy = new List<double>();
            for (int epoch = 0; epoch <= config.Epochs; epoch++)
            {
                context.ThrowIfCancelled();
                if (epoch > 0)
                {
                    TrainEpoch(model, optimizer, loader);
                    task.Advance();
                }
                if (!times.Contains(epoch))
                {
                    continue;
                }
                var kernel = NeuralTangentKernel.Kernel(model, train.Inputs);
                initial ??= kernel;
                double distance = NeuralTangentKernel.Distance(initial, kernel);
                double kernelAcc = KernelRegressionAccuracy(model, kernel, train, test);
                double netAcc = Accuracy(model, test);
                epochs.Add(epoch);
                distances.Add(distance);
                kernelAccuracy.Add(kernelAcc);
                networkAccuracy.Add(netAcc);
                var record = new Dictionary<string, double> { ["kernel_distance"] = distance, ["kernel_regression_acc"] = kernelAcc, ["network_acc"] = netAcc, ["train_loss"] = TrainLoss(model, train) };
                if (previous is not null)
                {
                    double velocity = NeuralTangentKernel.Velocity(previous, kernel, epoch - previousEpoch);
                    velocityEpochs.Add(epoch);
                    velocities.Add(velocity);
                    record["kernel_velocity"] = velocity;
                }
                context.Track($"width={width}", epoch, record);
                previous = kernel;
                previousEpoch = epoch;
            }
            task.Complete();
            distancePlot.Add($"width {width}", epochs, distances, markers: true);
            velocityPlot.Add($"width {width}", velocityEpochs, velocities, markers: true);
            accuracyPlot.Add($"network, width {width}", epochs, networkAccuracy);
            accuracyPlot.AddReference($"kernel, width {width}", epochs, kernelAccuracy);
            string key = width.ToString(CultureInfo.InvariantCulture);
            context.Results[$"final_kernel_distance@{key}"] = distances[^1];
            context.Results[$"network_test_acc@{key}"] = networkAccuracy[^1];
            context.Results[$"kernel_regression_acc_init@{key}"] = kernelAccuracy[0];
            context.Results[$"kernel_regression_acc_final@{key}"] = kernelAccuracy[^1];
            observations.AppendLine($"- Width {width}: the kernel moves to distance {distances[^1]:G3} from its initial value; kernel regression reaches {kernelAccuracy[0]:P1} with Θ₀ and {kernelAccuracy[^1]:P1} with the final kernel; the network reaches {networkAccuracy[^1]:P1}.");
        }

        var moved = config.Widths.Select(w => (Width: w, Distance: (double)context.Results[$"final_kernel_distance@{w.ToString(CultureInfo.InvariantCulture)}"])).OrderBy(p => p.Width).ToList();
        bool falls = moved.Zip(moved.Skip(1)).All(p => p.Second.Distance < p.First.Distance);
        context.Verdict("The wider the network, the less its tangent kernel moves in training (lazy training; Jacot et al., Lee et al.)",
            moved.Count < 2 ? Reproduction.Undecided : falls ? Reproduction.Yes : moved[^1].Distance < moved[0].Distance ? Reproduction.Partly : Reproduction.No,
            string.Join(", ", moved.Select(p => $"width {p.Width}: kernel distance {ReportNumbers.Scientific(p.Distance)}")));
        var barriers = Spawn(config, context, train, inputs);
        string spawnNetwork = string.Join("-", [inputs, .. config.SpawnHidden, 1]);
        var barrierPlot = new LinePlot { Title = $"Loss barrier between two children (MLP {spawnNetwork})", XLabel = "spawn epoch", YLabel = "barrier (train loss)" }
            .Add("barrier", barriers.Select(b => (double)b.Epoch).ToArray(), barriers.Select(b => b.Barrier).ToArray(), markers: true);
        foreach (var (epoch, barrier, _) in barriers)
        {
            context.Results[$"barrier@spawn{epoch}"] = barrier;
        }
        SpawningVerdict(context, barriers);
        string distanceFigure = context.SaveFigure("kernel-distance", distancePlot);
        string velocityFigure = context.SaveFigure("kernel-velocity", velocityPlot);
        string accuracyFigure = context.SaveFigure("kernel-regression", accuracyPlot);
        string barrierFigure = context.SaveFigure("spawning-barrier", barrierPlot);
        observations.AppendLine($"- Spawning (MLP {spawnNetwork}, learning rate {config.SpawnLearningRate}): the barrier between two children is {string.Join(", ", barriers.Select(b => $"{b.Barrier:G3} when spawned at epoch {b.Epoch}"))}.");
        WriteReport(context, config, ("classes", config.Data == SampleSource.FashionMnist ? $", classes {config.ClassA} vs {config.ClassB} at 14×14" : ""),
            ("times", times), ("observations", observations), ("distance_figure", distanceFigure), ("velocity_figure", velocityFigure),
            ("accuracy_figure", accuracyFigure), ("barrier_figure", barrierFigure));
    }

    /// <summary>
    /// Fort et al. (2020): children spawned early from a parent end in different basins (a loss barrier on the line
    /// between them), children spawned later in the same one (the barrier falls to zero as the spawn time grows).
    /// </summary>
    private static void SpawningVerdict(RunContext context, List<(int Epoch, double Barrier, double EndLoss)> barriers)
    {
        if (barriers.Count < 2)
        {
            context.Verdict("The loss barrier between children falls as the spawn time grows", Reproduction.Undecided, "fewer than two spawn epochs before the last epoch");
            return;
        }
        double first = barriers[0].Barrier, last = barriers[^1].Barrier, ends = barriers.Max(b => b.EndLoss);
        string evidence = string.Join(", ", barriers.Select(b => $"{ReportNumbers.Scientific(b.Barrier)} at epoch {b.Epoch}")) + $"; the children's own training loss is at most {ReportNumbers.Scientific(ends)}";
        bool falls = first > Math.Max(1e-3, 2 * last) && first > 0.05 * Math.Max(ends, 1e-12);
        context.Verdict("The loss barrier between children falls as the spawn time grows (Fort et al.)",
            falls ? Reproduction.Yes : barriers.All(b => b.Barrier < 1e-3) ? Reproduction.No : Reproduction.Partly,
            falls ? evidence : evidence + (barriers.All(b => b.Barrier < 1e-3)
                ? ". Every pair of children is linearly connected, even those spawned at initialisation: in this small two-class setting children of one parent trained with different data orders stay in one basin, unlike the ResNets on CIFAR-10 of the paper, so the run cannot show the effect"
                : ""));
    }

    /// <summary>0, then powers of two up to the last epoch, and the last epoch.</summary>
    private static SortedSet<int> MeasureTimes(int epochs)
    {
        var times = new SortedSet<int> { 0, epochs };
        for (int t = 1; t < epochs; t *= 2)
        {
            times.Add(t);
        }
        return times;
    }

    private static void TrainEpoch(Module model, Optimizer optimizer, DataLoader loader)
    {
        foreach (var (x, y) in loader)
        {
            optimizer.ZeroGrad();
            s_loss(model.Forward(x), y).Backward();
            optimizer.Step();
        }
    }

    private static double Accuracy(Module model, TensorDataset data)
    {
        using (GradMode.NoGrad())
        {
            return model.Forward(data.Inputs).Gt(0).Eq(data.Targets.Gt(0)).To(DType.Float64).Mean().Item();
        }
    }

    private static double TrainLoss(Module model, TensorDataset data)
    {
        using (GradMode.NoGrad())
        {
            return s_loss(model.Forward(data.Inputs), data.Targets).Item();
        }
    }

    private static double KernelRegressionAccuracy(Module model, Tensor trainKernel, TensorDataset train, TensorDataset test)
    {
        var cross = NeuralTangentKernel.CrossKernel(model, test.Inputs, train.Inputs);
        double scale = trainKernel.Abs().Max().Item();
        var predictions = NeuralTangentKernel.Regression(trainKernel / scale, cross / scale, train.Targets.ToDoubleArray(), ridge: 1e-4);
        var targets = test.Targets.ToDoubleArray();
        // Targets are ±1; a prediction that is not finite (a diverged network) counts as wrong.
        return predictions.Zip(targets).Count(p => p.First * p.Second > 0) / (double)targets.Length;
    }

    /// <summary>For each spawn epoch: two children of the parent trained on with different data orders; the barrier on the line between them.</summary>
    private static List<(int Epoch, double Barrier, double EndLoss)> Spawn(NtkEvolutionConfig config, RunContext context, TensorDataset train, int inputs)
    {
        var generator = context.Random.Split();
        int[] sizes = [inputs, .. config.SpawnHidden, 1];
        var parent = new Mlp(sizes, Activation.Relu, generator);
        var parentOptimizer = new Sgd(parent.Parameters(), config.SpawnLearningRate);
        var parentLoader = new DataLoader(train, config.BatchSize, shuffle: true, generator: generator.Split());
        var result = new List<(int, double, double)>();
        var spawns = config.SpawnEpochs.Where(e => e < config.Epochs).Distinct().Order().ToList();
        var task = context.Progress.Start($"spawning children (MLP {string.Join("-", sizes)})", spawns.Count);
        int parentEpoch = 0;
        foreach (int spawn in spawns)
        {
            context.ThrowIfCancelled();
            for (; parentEpoch < spawn; parentEpoch++)
            {
                TrainEpoch(parent, parentOptimizer, parentLoader);
            }
            var children = new Tensor[2];
            for (int c = 0; c < 2; c++)
            {
                var child = new Mlp(sizes, Activation.Relu, new Generator(0));
                child.LoadStateDict(parent.StateDict());
                var optimizer = new Sgd(child.Parameters(), config.SpawnLearningRate);
                var loader = new DataLoader(train, config.BatchSize, shuffle: true, generator: generator.Split());
                for (int epoch = spawn; epoch < config.Epochs; epoch++)
                {
                    TrainEpoch(child, optimizer, loader);
                }
                children[c] = ParameterVector.Get(child.Parameters());
            }
            var probe = new Mlp(sizes, Activation.Relu, new Generator(0));
            var parameters = probe.Parameters();
            double Loss(double alpha)
            {
                ParameterVector.Set(parameters, children[0] * (1 - alpha) + children[1] * alpha);
                return TrainLoss(probe, train);
            }
            double ends0 = Loss(0), ends1 = Loss(1);
            double barrier = Enumerable.Range(0, 11).Select(i => i / 10.0).Max(a => Loss(a) - ((1 - a) * ends0 + a * ends1));
            result.Add((spawn, barrier, Math.Max(ends0, ends1)));
            context.Track("spawning", spawn, new Dictionary<string, double> { ["barrier"] = barrier });
            task.Advance(1, $"barrier {barrier:G3} at spawn epoch {spawn}");
        }
        task.Complete();
        return result;
    }
}
