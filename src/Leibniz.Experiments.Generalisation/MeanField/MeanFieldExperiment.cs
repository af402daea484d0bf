using System.Globalization;
using System.Text;
using Leibniz.Autograd;

namespace Leibniz.Experiments.MeanField;

/// <summary>Configuration of <see cref="MeanFieldExperiment"/>.</summary>
public sealed record MeanFieldConfig
{
    [Description("Neurons of the teacher network f*(x) = Σ_j a_j relu(w_j·x) on inputs in the plane.")]
    [Range(1, 100)]
    public int TeacherNeurons { get; set; } = 5;

    [Description("Student widths m (mean-field scaling f(x) = (1/m) Σ_i a_i relu(w_i·x)).")]
    [Range(1, 100000)]
    public int[] Widths { get; set; } = [2, 4, 8, 32, 256];

    [Description("Samples x ~ N(0, I) in the plane (full batch).")]
    [Range(8, 100000)]
    public int Samples { get; set; } = 512;

    [Description("Gradient descent steps.")]
    [Range(1, 1_000_000)]
    public int Steps { get; set; } = 3000;

    [Description("Step size η; each particle moves with η·m (the mean-field time scale).")]
    [Range(1e-6, 100.0)]
    public double LearningRate { get; set; } = 0.05;

    [Description("Particles whose trajectories are drawn per width.")]
    [Range(1, 1000)]
    public int DrawnParticles { get; set; } = 40;
}

/// <summary>
/// Two-layer ReLU networks in the mean-field scaling (Chizat and Bach, 2018; Mei, Montanari and Nguyen, 2018):
/// a student <c>f(x) = (1/m) Σᵢ aᵢ relu(wᵢ·x)</c> learns a teacher with a few neurons on inputs in the plane by
/// full-batch gradient descent, each particle (aᵢ, wᵢ) moving at rate η·m. The particles, drawn as |aᵢ|·wᵢ ∈ ℝ²,
/// gather on the teacher's directions as m grows, and the final loss falls with m.
/// </summary>
public sealed class MeanFieldExperiment : Experiment<MeanFieldConfig>
{
    public override string Name => "mean-field";

    public override string Description => "Mean-field two-layer ReLU students learning a teacher in the plane: particle trajectories and final loss against width.";

    protected override MeanFieldConfig Quick(MeanFieldConfig defaults) => defaults with
    {
        Widths = [4, 16],
        Samples = 64,
        Steps = 100,
        DrawnParticles = 8,
    };

    protected override void Run(MeanFieldConfig config, RunContext context)
    {
        var generator = context.Random.Split();
        var x = Tensor.Randn(generator, [config.Samples, 2], DType.Float64);
        // Teacher: unit directions spread around the circle, output weights of alternating sign.
        var angles = Enumerable.Range(0, config.TeacherNeurons).Select(j => 2 * Math.PI * (j + 0.25 * generator.NextDouble()) / config.TeacherNeurons).ToArray();
        var teacherW = Tensor.FromArray(angles.SelectMany(a => new[] { Math.Cos(a), Math.Sin(a) }).ToArray(), config.TeacherNeurons, 2);
        var teacherA = Tensor.FromArray(Enumerable.Range(0, config.TeacherNeurons).Select(j => j % 2 == 0 ? 2.0 : -1.0).ToArray());
        var y = x.Matmul(teacherW.T).Relu().Matmul(teacherA);
        var lossPlot = new LinePlot { Title = "Final loss against the number of neurons", XLabel = "neurons m", YLabel = "loss", LogX = true, LogY = true };
        var finals = new List<(int M, double Loss)>();
        var observations = new StringBuilder();
        foreach (int m in config.Widths)
        {
            var w = Tensor.Randn(generator, [m, 2], DType.Float64, 0, 0.1).RequireGrad();
            var a = Tensor.Randn(generator, [m], DType.Float64, 0, 0.1).RequireGrad();
            int drawn = Math.Min(config.DrawnParticles, m);
            var trajectories = Enumerable.Range(0, drawn).Select(_ => (X: new List<double>(), Y: new List<double>())).ToList();
            double loss = double.NaN;
            int every = Math.Max(1, config.Steps / 100);
            foreach (int step in context.Loop($"m = {m}", config.Steps + 1, () => $"loss {loss:G3}"))
            {
                var prediction = x.Matmul(w.T).Relu().Matmul(a) / m;
                var objective = (prediction - y).Square().Mean() * 0.5;
                loss = objective.Item();
                if (step % every == 0 || step == config.Steps)
                {
                    Record(trajectories, w, a);
                    context.Track($"m={m}", step, ("loss", loss));
                }
                if (step == config.Steps)
                {
                    break;
                }
                var grads = AutoDiff.Grad([objective], [w, a]);
                using (GradMode.NoGrad())
                {
                    // Mean-field time scale: each particle's step is η·m times its gradient.
                    w.AddInPlace(grads[0]!, -config.LearningRate * m);
                    a.AddInPlace(grads[1]!, -config.LearningRate * m);
                }
            }
            finals.Add((m, loss));
            var particles = new LinePlot { Title = $"Particles |aᵢ|·wᵢ for m = {m} (dashed: teacher directions)", XLabel = "first coordinate", YLabel = "second coordinate", ShowLegend = false, Width = 520, Height = 480 };
            double reach = 0;
            foreach (var (tx, ty) in trajectories)
            {
                particles.Add("", tx, ty);
                reach = Math.Max(reach, Math.Sqrt(tx[^1] * tx[^1] + ty[^1] * ty[^1]));
            }
            var tw = teacherW.ToDoubleArray();
            for (int j = 0; j < config.TeacherNeurons; j++)
            {
                // A group of particles represents teacher neuron j along its direction, with a norm that grows with m / (group size).
                particles.AddReference("", [0, reach * tw[2 * j]], [0, reach * tw[2 * j + 1]]);
            }
            context.SaveFigure($"particles-m{m}", particles);
            context.Results[$"final_loss@m{m}"] = loss;
            observations.AppendLine($"- m = {m}: final loss {loss:G3}.");
        }
        lossPlot.Add("final loss", finals.Select(f => (double)f.M).ToArray(), finals.Select(f => f.Loss).ToArray(), markers: true);
        string lossFigure = context.SaveFigure("final-loss", lossPlot);
        // Chizat and Bach; Mei, Montanari and Nguyen: as m grows, the student's training converges to the teacher (the loss to zero, monotonically in m).
        var ordered = finals.OrderBy(f => f.M).ToList();
        bool decreasing = ordered.Zip(ordered.Skip(1)).All(p => p.Second.Loss <= p.First.Loss * 1.05);
        context.Verdict("Wider two-layer students fit the teacher better: the final loss falls towards zero as the width m grows (mean-field limit)",
            decreasing && ordered[^1].Loss < 0.1 * ordered[0].Loss ? Reproduction.Yes : ordered[^1].Loss < ordered[0].Loss ? Reproduction.Partly : Reproduction.No,
            string.Join(", ", ordered.Select(f => $"m = {f.M}: {ReportNumbers.Scientific(f.Loss)}")));
        WriteReport(context, config, ("observations", observations), ("loss_figure", lossFigure));
    }

    private static void Record(List<(List<double> X, List<double> Y)> trajectories, Tensor w, Tensor a)
    {
        var wv = w.ToDoubleArray();
        var av = a.ToDoubleArray();
        for (int i = 0; i < trajectories.Count; i++)
        {
            trajectories[i].X.Add(Math.Abs(av[i]) * wv[2 * i]);
            trajectories[i].Y.Add(Math.Abs(av[i]) * wv[2 * i + 1]);
        }
    }
}
