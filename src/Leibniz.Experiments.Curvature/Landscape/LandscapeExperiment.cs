using System.Globalization;
using System.Text;
using Leibniz.Analysis;
using Leibniz.Autograd;

namespace Leibniz.Experiments.Landscape;

/// <summary>Configuration of <see cref="LandscapeExperiment"/>.</summary>
public sealed record LandscapeConfig
{
    [Description("Data: FashionMnist (the first images) or GaussianMixture (synthetic).")]
    public SampleSource Data { get; set; } = SampleSource.FashionMnist;

    [Description("Training samples.")]
    [Range(16, 60000)]
    public int Train { get; set; } = 5000;

    [Description("Training samples on which the loss is evaluated at every point of a surface.")]
    [Range(8, 60000)]
    public int Probe { get; set; } = 2048;

    [Description("Input dimension of the Gaussian mixture.")]
    [Range(1, 100000)]
    public int Dimension { get; set; } = 32;

    [Description("Hidden width of the networks.")]
    [Range(1, 8192)]
    public int Width { get; set; } = 128;

    [Description("Training epochs of every network (SGD, momentum 0.9).")]
    [Range(1, 10000)]
    public int Epochs { get; set; } = 10;

    [Description("SGD learning rate.")]
    [Range(1e-7, 10.0)]
    public double LearningRate { get; set; } = 0.01;

    [Description("Batch size of the small-batch solution.")]
    [Range(1, 1 << 20)]
    public int SmallBatch { get; set; } = 64;

    [Description("Batch size of the large-batch solution (same initialisation, same epochs).")]
    [Range(1, 1 << 20)]
    public int LargeBatch { get; set; } = 1024;

    [Description("Training epochs of the large-batch solution (it takes far fewer steps per epoch).")]
    [Range(1, 100000)]
    public int LargeBatchEpochs { get; set; } = 40;

    [Description("Points per axis of the 2-D surfaces over [-1, 1]^2.")]
    [Range(3, 1001)]
    public int Grid { get; set; } = 31;

    [Description("Points of the 1-D curves.")]
    [Range(3, 10001)]
    public int Points { get; set; } = 51;

    [Description("Direction normalisation: Filter (the paper's), Layer or None.")]
    public DirectionNormalization Normalization { get; set; } = DirectionNormalization.Filter;

    [Description("Directions for biases: Zero (the paper's default), Weights (equal to the biases) or Random.")]
    public BiasDirection Biases { get; set; } = BiasDirection.Zero;

    [Description("Numbers of hidden blocks compared with and without skip connections.")]
    [Range(1, 1000)]
    public int[] Depths { get; set; } = [2, 10];
}

/// <summary>
/// Visualising the loss landscape (Li, Xu, Taylor, Studer and Goldstein, 2018): filter-normalised random
/// directions, 1-D and 2-D slices around a solution, linear interpolation between a small-batch and a large-batch
/// solution, deeper networks with and without skip connections, and the optimiser's trajectory projected on its
/// first two principal directions.
/// </summary>
public sealed class LandscapeExperiment : Experiment<LandscapeConfig>
{
    public override string Name => "landscape";

    public override string Description => "Li et al.: filter-normalised loss surfaces, small vs large batch, skip connections, PCA of the trajectory.";

    protected override LandscapeConfig Quick(LandscapeConfig defaults) => defaults with
    {
        Data = SampleSource.GaussianMixture,
        Train = 128,
        Probe = 64,
        Dimension = 8,
        Width = 16,
        Epochs = 3,
        SmallBatch = 8,
        LargeBatch = 64,
        LargeBatchEpochs = 6,
        Grid = 5,
        Points = 7,
        Depths = [1],
    };

    protected override void Run(LandscapeConfig config, RunContext context)
    {
        var (train, _) = ExperimentData.Load(config.Data, config.Train, 0, config.Dimension, context.Random.Split());
        int inputs = train.Inputs.Size(1);
        int probeCount = Math.Min(config.Probe, train.Count);
        var probeX = train.Inputs.Narrow(0, 0, probeCount).Contiguous();
        var probeY = train.Targets.Narrow(0, 0, probeCount).Contiguous();
        var axis = Enumerable.Range(0, config.Grid).Select(i => -1 + 2.0 * i / (config.Grid - 1)).ToArray();
        var line = Enumerable.Range(0, config.Points).Select(i => -1 + 2.0 * i / (config.Points - 1)).ToArray();
        var generator = context.Random.Split();
        var report = new StringBuilder();

        // Small- and large-batch solutions from one initialisation; the small-batch trajectory is kept for PCA.
        var init = new Mlp([inputs, config.Width, config.Width, 10], Activation.Relu, generator);
        var small = Copy(init, inputs, config.Width);
        var large = Copy(init, inputs, config.Width);
        var trajectory = new List<Tensor> { ParameterVector.Get(small.Parameters()) };
        Train(small, train, config.SmallBatch, config.Epochs, config, generator, context, "small batch", trajectory);
        Train(large, train, config.LargeBatch, config.LargeBatchEpochs, config, generator, context, "large batch", null);
        double ProbeLoss(Module m) => Evaluate(m, probeX, probeY).Loss;

        // 1. Linear interpolation between the two solutions.
        var alphas = Enumerable.Range(0, config.Points).Select(i => -0.5 + 2.0 * i / (config.Points - 1)).ToArray();
        var interpolation = LossLandscape.Interpolate(small.Parameters(), ParameterVector.Get(small.Parameters()), ParameterVector.Get(large.Parameters()), alphas, () => ProbeLoss(small));
        string interpolationFigure = context.SaveFigure("interpolation", new LinePlot
        {
            Title = $"Loss on the line from the small-batch (α = 0) to the large-batch (α = 1) solution",
            XLabel = "α",
            YLabel = "loss",
            LogY = true,
        }.Add("loss", alphas, interpolation));

        // 2. 1-D filter-normalised slices of both solutions.
        var oneD = new LinePlot { Title = $"1-D slices along a {config.Normalization}-normalised direction", XLabel = "α", YLabel = "loss", LogY = true };
        foreach (var (name, model) in new[] { ("small batch", small), ("large batch", large) })
        {
            var direction = LossLandscape.RandomDirection(model.Parameters(), generator.Split(), config.Normalization, config.Biases);
            var curve = LossLandscape.Slice1D(model.Parameters(), direction, line, () => ProbeLoss(model));
            oneD.Add(name, line, curve);
            context.Results[$"sharpness_1d@{name.Replace(' ', '_')}"] = (curve[0] + curve[^1]) / 2 - curve[line.Length / 2];
        }
        string oneDFigure = context.SaveFigure("slices-1d", oneD);

        // 3. The 2-D surface around the small-batch solution.
        var surface = Surface(small, config, generator, axis, probeX, probeY, context, "2-D surface (small batch)");
        string surfaceFigure = context.SaveFigure("surface-2d", HeatMapOf(surface, axis, axis, "Loss surface around the small-batch solution", "α", "β"));
        int centre = config.Grid / 2;
        context.Results["grid_size"] = config.Grid;
        context.Results["loss_centre"] = surface[centre, centre];
        context.Results["loss_min"] = surface.Cast<double>().Where(double.IsFinite).Min();
        context.Results["loss_max"] = surface.Cast<double>().Where(double.IsFinite).Max();

        // 4. Depth with and without skip connections.
        var depthFigures = new StringBuilder();
        var trained = new Dictionary<(int Depth, bool Skip), bool>();
        var nonConvex = new Dictionary<(int Depth, bool Skip), double>();
        foreach (int depth in config.Depths)
        {
            foreach (bool skip in new[] { false, true })
            {
                context.ThrowIfCancelled();
                // A plain deep stack needs He initialisation to train at all; the residual one trains from the default.
                var model = new ResidualMlp(inputs, config.Width, depth, 10, skip, generator.Split(), heInitialisation: !skip);
                string series = $"depth {depth}{(skip ? " + skip" : "")}";
                Train(model, train, config.SmallBatch, config.Epochs, config, generator, context, series, null);
                double trainLoss = context.Metrics.Last(series, "train_loss");
                trained[(depth, skip)] = context.Check($"{series} trained", trainLoss < 0.5 * Math.Log(10),
                    $"final training loss {trainLoss:G4}; below half the chance level ln 10 = 2.303 is required before its landscape is read");
                var z = Surface(model, config, generator, axis, probeX, probeY, context, $"surface, depth {depth}{(skip ? " + skip" : "")}");
                string label = $"depth {depth}, {(skip ? "with" : "without")} skip connections";
                string file = context.SaveFigure($"surface-depth{depth}-{(skip ? "skip" : "plain")}", HeatMapOf(z, axis, axis, label, "α", "β"));
                depthFigures.AppendLine($"![{label}]({file})").AppendLine();
                context.Results[$"loss_centre@depth{depth}{(skip ? "_skip" : "")}"] = z[centre, centre];
                nonConvex[(depth, skip)] = NonConvexFraction(z);
                context.Results[$"nonconvex_fraction@depth{depth}{(skip ? "_skip" : "")}"] = nonConvex[(depth, skip)];
                context.Results[$"loss_max@depth{depth}{(skip ? "_skip" : "")}"] = z.Cast<double>().Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max();
            }
        }

        // 5. The trajectory in its principal plane.
        var (p1, p2, explained, tx, ty) = LossLandscape.TrajectoryPca(trajectory);
        var parameters = small.Parameters();
        double reach = Math.Max(tx.Concat(ty).Select(Math.Abs).Max() * 1.2, 1e-6);
        var pcaAxis = axis.Select(a => a * reach).ToArray();
        var pcaSurface = LossLandscape.Slice2D(parameters, LossLandscape.Unflatten(parameters, p1), LossLandscape.Unflatten(parameters, p2), pcaAxis, pcaAxis, () => ProbeLoss(small));
        string pcaSurfaceFigure = context.SaveFigure("pca-surface", HeatMapOf(pcaSurface, pcaAxis, pcaAxis, "Loss in the plane of the trajectory's principal directions",
            $"1st PCA direction ({explained[0]:P1})", $"2nd PCA direction ({explained[1]:P1})"));
        string pathFigure = context.SaveFigure("pca-trajectory", new LinePlot
        {
            Title = "Optimiser trajectory (epochs) in the principal plane",
            XLabel = $"1st PCA direction ({explained[0]:P1})",
            YLabel = $"2nd PCA direction ({explained[1]:P1})",
        }.Add("trajectory", tx, ty, markers: true));
        context.Results["pca_explained_1"] = explained[0];
        context.Results["pca_explained_2"] = explained[1];

        var (smallLoss, smallAcc) = Evaluate(small, probeX, probeY);
        var (largeLoss, largeAcc) = Evaluate(large, probeX, probeY);
        context.Results["small_batch_loss"] = smallLoss;
        context.Results["large_batch_loss"] = largeLoss;
        Verdicts(context, config, trained, nonConvex, explained);
        WriteReport(context, config, ("inputs", inputs), ("train_size", train.Count), ("probe_count", probeCount), ("depths_text", string.Join(" and ", config.Depths)),
            ("small_acc", smallAcc), ("large_acc", largeAcc), ("pc1", explained[0]), ("pc2", explained[1]),
            ("interpolation_figure", interpolationFigure), ("one_d_figure", oneDFigure), ("surface_figure", surfaceFigure), ("depth_figures", depthFigures),
            ("pca_surface_figure", pcaSurfaceFigure), ("path_figure", pathFigure));
    }

    /// <summary>
    /// The fraction of interior grid points where the surface is not locally convex: the finite-difference Hessian
    /// [[z_αα, z_αβ], [z_αβ, z_ββ]] has a negative eigenvalue (negative determinant or negative trace). Li et al. read
    /// convexity from the same sign pattern (their maps of |λ_min/λ_max|).
    /// </summary>
    internal static double NonConvexFraction(double[,] z)
    {
        int n = z.GetLength(0), m = z.GetLength(1), count = 0, total = 0;
        for (int i = 1; i + 1 < n; i++)
        {
            for (int j = 1; j + 1 < m; j++)
            {
                double zaa = z[i + 1, j] - 2 * z[i, j] + z[i - 1, j];
                double zbb = z[i, j + 1] - 2 * z[i, j] + z[i, j - 1];
                double zab = (z[i + 1, j + 1] - z[i + 1, j - 1] - z[i - 1, j + 1] + z[i - 1, j - 1]) / 4;
                if (!double.IsFinite(zaa + zbb + zab))
                {
                    continue;
                }
                total++;
                count += zaa * zbb - zab * zab < 0 || zaa + zbb < 0 ? 1 : 0;
            }
        }
        return total == 0 ? double.NaN : count / (double)total;
    }

    /// <summary>Li et al.'s three claims, decided by this run's numbers.</summary>
    private static void Verdicts(RunContext context, LandscapeConfig config, Dictionary<(int Depth, bool Skip), bool> trained, Dictionary<(int Depth, bool Skip), double> nonConvex, double[] explained)
    {
        double small = (double)context.Results["sharpness_1d@small_batch"], large = (double)context.Results["sharpness_1d@large_batch"];
        context.Verdict("Along filter-normalised directions, large-batch minima are sharper than small-batch ones", large > small ? Reproduction.Yes : Reproduction.No,
            $"1-D sharpness (mean loss rise at α = ±1) {large:G3} for the large batch against {small:G3} for the small one");
        int deepest = config.Depths.Max();
        bool both = trained[(deepest, false)] && trained[(deepest, true)];
        double plain = nonConvex[(deepest, false)], skip = nonConvex[(deepest, true)];
        double plainMax = (double)context.Results[$"loss_max@depth{deepest}"], skipMax = (double)context.Results[$"loss_max@depth{deepest}_skip"];
        string evidence = $"non-convex fraction of the 2-D surface at depth {deepest}: {plain:P0} without skip connections, {skip:P0} with them; "
            + $"largest loss on the grid {ReportNumbers.Scientific(plainMax)} against {ReportNumbers.Scientific(skipMax)}"
            + (plain > skip + 0.05 && plain < 0.25 ? "; the plain surface is bumpier and far steeper but still a bowl, not the chaotic landscape of the paper's ResNet-56 without shortcuts" : "");
        context.Verdict($"Without skip connections a deep network's landscape is chaotic and non-convex, with them nearly convex (depth {deepest})",
            !both ? Reproduction.Undecided : plain >= 0.25 && skip < plain / 2 ? Reproduction.Yes : plain > skip + 0.05 ? Reproduction.Partly : Reproduction.No,
            both ? evidence : evidence + "; a network did not train (see the checks above), so the surfaces cannot be compared");
        double two = explained[0] + explained[1];
        context.Verdict("The optimisation trajectory lies almost in a plane: two PCA directions explain most of its variation", two >= 0.8 ? Reproduction.Yes : two >= 0.5 ? Reproduction.Partly : Reproduction.No,
            $"the first two directions explain {explained[0]:P1} + {explained[1]:P1} = {two:P1}");
    }

    private static Mlp Copy(Mlp source, int inputs, int width)
    {
        var copy = new Mlp([inputs, width, width, 10], Activation.Relu, new Generator(0));
        copy.LoadStateDict(source.StateDict());
        return copy;
    }

    /// <summary>Trains <paramref name="model"/>; with a <paramref name="trajectory"/>, adds its parameter vector to it after every epoch.</summary>
    private static void Train(Module model, TensorDataset data, int batch, int epochs, LandscapeConfig config, Generator generator, RunContext context, string name, List<Tensor>? trajectory)
    {
        var optimizer = new Sgd(model.Parameters(), config.LearningRate, momentum: 0.9);
        var loader = new DataLoader(data, batch, shuffle: true, generator: generator.Split());
        new Trainer(model, optimizer, (output, y) => Loss.CrossEntropy(output, y))
        {
            ExperimentState = state =>
            {
                if (trajectory is not null)
                {
                    state.Bind("trajectory", trajectory);
                }
            },
        }.Fit(loader, epochs, context, name, afterEpoch: _ =>
        {
            trajectory?.Add(ParameterVector.Get(model.Parameters()));
            return true;
        });
    }

    /// <summary>The loss surface on the probe set; for an MLP with the first layer's products computed once per grid.</summary>
    private static double[,] Surface(Module model, LandscapeConfig config, Generator generator, double[] axis, Tensor probeX, Tensor probeY, RunContext context, string name)
    {
        var parameters = model.Parameters();
        var d1 = LossLandscape.RandomDirection(parameters, generator.Split(), config.Normalization, config.Biases);
        var d2 = LossLandscape.RandomDirection(parameters, generator.Split(), config.Normalization, config.Biases);
        var task = context.Progress.Start(name, axis.Length);
        var z = model is Mlp mlp
            ? LossLandscape.Slice2D(mlp, probeX, output => Loss.CrossEntropy(output, probeY).Item(), d1, d2, axis, axis, row => task.Advance())
            : LossLandscape.Slice2D(parameters, d1, d2, axis, axis, () => Evaluate(model, probeX, probeY).Loss, row => task.Advance());
        task.Complete();
        return z;
    }

    private static HeatMap HeatMapOf(double[,] z, double[] x, double[] y, string title, string xLabel, string yLabel) => new HeatMap
    {
        Title = title,
        XLabel = xLabel,
        YLabel = yLabel,
        ColorLabel = "loss",
        ContourLevels = x.Length >= 7 ? 12 : 0,
        LogColor = z.Cast<double>().All(v => v > 0),
    }.Data(x, y, z);

    private static (double Loss, double Accuracy) Evaluate(Module model, Tensor x, Tensor y)
    {
        using (GradMode.NoGrad())
        {
            var logits = model.Forward(x);
            return (Loss.CrossEntropy(logits, y).Item(), logits.Argmax(1).Eq(y).To(DType.Float64).Mean().Item());
        }
    }
}
