using System.Globalization;
using System.Text;
using Leibniz.Autograd;

namespace Leibniz.Experiments.Mimic;

/// <summary>Configuration of <see cref="MimicExperiment"/>.</summary>
public sealed record MimicConfig
{
    public TrainTestSettings Data { get; set; } = new() { Train = 10000, Test = 2000 };

    [Description("Teacher: a convolutional network (on Fashion-MNIST images) or a deep MLP (Teacher widths).")]
    public bool ConvolutionalTeacher { get; set; } = true;

    [Description("Hidden widths of the deep teacher MLP (when the teacher is not convolutional).")]
    [Range(1, 8192)]
    public int[] Teacher { get; set; } = [512, 512, 512];

    [Description("Hidden widths of the one-hidden-layer students.")]
    [Range(1, 65536)]
    public int[] StudentWidths { get; set; } = [8, 32, 128, 512];

    [Description("Rank k of a linear bottleneck factorising the students' first weight matrix (0 for none).")]
    [Range(0, 65536)]
    public int Bottleneck { get; set; }

    [Description("Unlabelled transfer images (after the labelled ones) that the teacher labels for the mimics, as Ba & Caruana's unlabelled transfer set; 0 for none.")]
    [Range(0, 59000)]
    public int Transfer { get; set; } = 30000;

    [Description("Training epochs of the teacher.")]
    [Range(1, 10000)]
    public int TeacherEpochs { get; set; } = 12;

    [Description("Training epochs of every student.")]
    [Range(1, 10000)]
    public int StudentEpochs { get; set; } = 12;

    [Description("Adam learning rate for teacher and students.")]
    [Range(1e-7, 10.0)]
    public double LearningRate { get; set; } = 1e-3;
}

/// <summary>
/// Do deep nets really need to be deep? (Ba and Caruana, 2014): shallow networks with one hidden layer trained to
/// mimic a deep teacher — by L2 regression on the teacher's logits — against the same shallow networks trained on
/// the labels, and against mimicking the teacher's probabilities, over a range of student sizes.
/// </summary>
public sealed class MimicExperiment : Experiment<MimicConfig>
{
    public override string Name => "mimic";

    public override string Description => "Ba & Caruana: shallow students mimicking a deep teacher's logits vs trained on labels, by student size.";

    /// <summary>
    /// Fashion-MNIST at a tenth of the default's scale with a deep MLP teacher instead of the CNN (seconds, not minutes):
    /// 1,000 labelled images and 10,000 transfer images, so that, as in the default run, the wider student gains by
    /// mimicking while the narrowest may not.
    /// </summary>
    protected override MimicConfig Quick(MimicConfig defaults) => defaults with
    {
        Data = new() { Train = 1000, Test = 2000 },
        Transfer = 10000,
        Teacher = [512, 512],
        ConvolutionalTeacher = false,
        StudentWidths = [16, 128],
        TeacherEpochs = 20,
        StudentEpochs = 8,
    };

    private enum Target
    {
        Labels,
        Logits,
        Probabilities,
    }

    protected override void Run(MimicConfig config, RunContext context)
    {
        // The labelled training set and, after it, the unlabelled transfer images that only the mimics see.
        int transferSize = Math.Min(config.Transfer, (config.Data.Source == SampleSource.FashionMnist ? 60000 : 1_000_000) - config.Data.Train);
        var (pool, test) = (config.Data with { Train = config.Data.Train + transferSize }).Load(context.Random.Split(), separation: 2);
        var train = new TensorDataset(pool.Inputs.Narrow(0, 0, config.Data.Train).Contiguous(), pool.Targets.Narrow(0, 0, config.Data.Train).Contiguous());
        var transfer = pool.Inputs;
        int inputs = train.Inputs.Size(1);
        var generator = context.Random.Split();
        bool convolutional = config.ConvolutionalTeacher && config.Data.Source == SampleSource.FashionMnist;
        // The convolutional teacher sees the images [N, 1, 28, 28]; the students the flattened pixels.
        TensorDataset Images(TensorDataset d) => convolutional ? new TensorDataset(d.Inputs.Reshape(-1, 1, 28, 28), d.Targets) : d;
        Module teacher = convolutional
            ? new Sequential(new Conv2d(1, 32, 5, generator, padding: 2), new Relu(), new MaxPool2d(2), new Conv2d(32, 64, 5, generator, padding: 2), new Relu(), new MaxPool2d(2),
                new Flatten(), new Linear(64 * 7 * 7, 256, generator), new Relu(), new Linear(256, 10, generator))
            : new Mlp([inputs, .. config.Teacher, 10], Activation.Relu, generator);
        string teacherName = convolutional ? "CNN 32c5-64c5-256" : $"MLP {string.Join("-", config.Teacher)}";
        Fit(teacher, Images(train), Target.Labels, null, config.TeacherEpochs, config, generator, context, "teacher");
        // The teacher's logits on the labelled and the transfer images, in batches.
        Tensor teacherLogits;
        using (GradMode.NoGrad())
        {
            var parts = new List<Tensor>();
            for (int start = 0; start < transfer.Size(0); start += 1000)
            {
                var batch = transfer.Narrow(0, start, Math.Min(1000, transfer.Size(0) - start));
                parts.Add(teacher.Forward(convolutional ? batch.Reshape(-1, 1, 28, 28) : batch));
            }
            teacherLogits = Tensor.Cat([.. parts], 0);
        }
        var transferSet = new TensorDataset(transfer, teacherLogits.Argmax(1));
        double teacherAcc = Evaluation.Accuracy(teacher, Images(test));
        context.Results["teacher_test_acc"] = teacherAcc;
        context.Results["teacher_parameters"] = teacher.ParameterCount;

        var curves = new Dictionary<Target, (List<double> Params, List<double> Acc)>
        {
            [Target.Labels] = ([], []),
            [Target.Logits] = ([], []),
            [Target.Probabilities] = ([], []),
        };
        var table = new StringBuilder("| hidden units | parameters | trained on labels | mimic (logits, L2) | mimic (probabilities) |\n| --- | --- | --- | --- | --- |\n");
        foreach (int width in config.StudentWidths)
        {
            var accuracies = new Dictionary<Target, double>();
            int parameters = 0;
            foreach (var target in new[] { Target.Labels, Target.Logits, Target.Probabilities })
            {
                context.ThrowIfCancelled();
                var student = Student(inputs, width, config.Bottleneck, generator.Split());
                parameters = student.ParameterCount;
                Fit(student, target == Target.Labels ? train : transferSet, target, teacherLogits, config.StudentEpochs, config, generator, context, $"{width} units, {target}");
                accuracies[target] = Evaluation.Accuracy(student, test);
                curves[target].Params.Add(parameters);
                curves[target].Acc.Add(accuracies[target]);
                context.Results[$"test_acc_{target.ToString().ToLowerInvariant()}@{width}"] = accuracies[target];
            }
            context.Results[$"parameters@{width}"] = parameters;
            table.AppendLine($"| {width} | {parameters:N0} | {accuracies[Target.Labels]:P1} | {accuracies[Target.Logits]:P1} | {accuracies[Target.Probabilities]:P1} |");
        }
        var plot = new LinePlot { Title = "Test accuracy against the number of parameters", XLabel = "parameters", YLabel = "test accuracy", LogX = true }
            .Add("shallow, trained on labels", curves[Target.Labels].Params, curves[Target.Labels].Acc, markers: true)
            .Add("shallow, mimic of the logits (L2)", curves[Target.Logits].Params, curves[Target.Logits].Acc, markers: true)
            .Add("shallow, mimic of the probabilities", curves[Target.Probabilities].Params, curves[Target.Probabilities].Acc, markers: true)
            .Add($"deep teacher ({teacherName})", [teacher.ParameterCount], [teacherAcc], markers: true);
        string figure = context.SaveFigure("accuracy-vs-parameters", plot);
        Verdicts(context, config, curves[Target.Labels].Acc, curves[Target.Logits].Acc, curves[Target.Probabilities].Acc, teacherAcc);
        WriteReport(context, config, ("teacher", teacherName), ("train_size", train.Count), ("bottleneck_text", config.Bottleneck > 0 ? $" and a linear bottleneck of rank {config.Bottleneck} in front of it" : ""),
            ("transfer_size", transferSize), ("teacher_parameters", teacher.ParameterCount), ("teacher_acc", teacherAcc), ("table", table), ("figure", figure));
    }

    /// <summary>Ba and Caruana's claims, decided width by width.</summary>
    private static void Verdicts(RunContext context, MimicConfig config, List<double> labels, List<double> logits, List<double> probabilities, double teacher)
    {
        context.Check("the teacher is worth mimicking", teacher > labels.Max(), $"teacher {teacher:P1} against the best label-trained student's {labels.Max():P1}");
        var widths = config.StudentWidths;
        int beat = Enumerable.Range(0, widths.Length).Count(i => logits[i] > labels[i]);
        context.Verdict("Shallow students mimicking the teacher's logits are more accurate than the same students trained on the labels",
            beat == widths.Length ? Reproduction.Yes : beat > 0 ? Reproduction.Partly : Reproduction.No,
            string.Join("; ", Enumerable.Range(0, widths.Length).Select(i => $"{widths[i]} units: {logits[i]:P1} mimic against {labels[i]:P1} on labels")));
        int better = Enumerable.Range(0, widths.Length).Count(i => logits[i] > probabilities[i]);
        context.Verdict("Regressing the logits (L2) works better than matching the probabilities",
            better == widths.Length ? Reproduction.Yes : better > 0 ? Reproduction.Partly : Reproduction.No,
            string.Join("; ", Enumerable.Range(0, widths.Length).Select(i => $"{widths[i]} units: {logits[i]:P1} against {probabilities[i]:P1}")));
    }

    /// <summary>One hidden layer of <paramref name="width"/> ReLU units, optionally behind a linear bottleneck W = U·V of rank k.</summary>
    private static Sequential Student(int inputs, int width, int bottleneck, Generator generator) => bottleneck > 0
        ? new Sequential(new Linear(inputs, bottleneck, generator, bias: false), new Linear(bottleneck, width, generator), new Relu(), new Linear(width, 10, generator))
        : new Sequential(new Linear(inputs, width, generator), new Relu(), new Linear(width, 10, generator));

    private static void Fit(Module model, TensorDataset data, Target target, Tensor? teacherLogits, int epochs, MimicConfig config, Generator generator, RunContext context, string name)
    {
        var optimizer = new Adam(model.Parameters(), config.LearningRate);
        var indexLoader = new DataLoader(new TensorDataset(data.Inputs, Tensor.Arange(data.Count)), 128, shuffle: true, generator: generator.Split());
        new Trainer(model, optimizer, (output, index) => target switch
        {
            Target.Labels => Loss.CrossEntropy(output, data.Targets.IndexSelect(0, index)),
            Target.Logits => Loss.Mse(output, teacherLogits!.IndexSelect(0, index)),
            _ => -(teacherLogits!.IndexSelect(0, index).Softmax(1) * output.LogSoftmax(1)).Sum(1).Mean(),
        }).Fit(indexLoader, epochs, context, name, task: $"training {name}");
    }
}
