using System.Numerics;
using Leibniz.Analysis;
using Leibniz.Autograd;
using Leibniz.Data.Mathematics;

namespace Leibniz.Experiments.Parity;

/// <summary>
/// The two additions to the parity experiment: the exact one-hidden-layer ReLU network for n-bit parity checked on
/// every string, and sparse parity (k relevant bits among n), where gradient saliency must find the relevant bits.
/// </summary>
internal static class SparseParityStudy
{
    /// <summary>Checks <see cref="ExactNetworks.Parity"/> on all 2ⁿ strings; returns the number of mistakes.</summary>
    public static int ExactNetworkMistakes(int n)
    {
        int mistakes = 0;
        var bits = new float[n];
        for (int s = 0; s < 1 << n; s++)
        {
            for (int i = 0; i < n; i++)
            {
                bits[i] = (s >> i) & 1;
            }
            mistakes += ExactNetworks.Parity(bits) == (BitOperations.PopCount((uint)s) & 1) ? 0 : 1;
        }
        return mistakes;
    }

    /// <summary>Trains an MLP on sparse parity and ranks the bits by saliency; adds results and returns the figure and the verdict for the report.</summary>
    public static (string? Figure, string? Verdict) Run(ParityConfig config, RunContext context)
    {
        int n = config.SparseBits, k = config.SparseRelevant;
        var generator = context.Random.Split();
        var relevant = generator.Permutation(n).Take(k).Order().ToArray();
        var train = MathDatasets.SparseParity(config.SparseTrainSize, n, relevant, generator.Split());
        var test = MathDatasets.SparseParity(2000, n, relevant, generator.Split());
        var model = config.Model.Build(n, 1, generator.Split());
        var optimizer = new Adam(model.Parameters(), config.Training.LearningRate);
        var loader = new DataLoader(train, config.Training.BatchSize, shuffle: true, generator: generator.Split());
        new Trainer(model, optimizer, (logits, y) => Loss.BinaryCrossEntropyWithLogits(logits, y)).Fit(loader, config.Training.Epochs, context, "sparse parity");
        model.Eval();
        double testAcc;
        using (GradMode.NoGrad())
        {
            testAcc = model.Forward(test.Inputs).Gt(0).To(DType.Float32).Eq(test.Targets).To(DType.Float64).Mean().Item();
        }
        var saliency = Attribution.Saliency(model.Forward, (logits, y) => Loss.BinaryCrossEntropyWithLogits(logits, y), test.Inputs, test.Targets);
        var found = Attribution.Ranking(saliency).Take(k).Order().ToArray();
        bool recovered = found.SequenceEqual(relevant);
        context.Results["sparse_test_acc"] = testAcc;
        context.Results["sparse_relevant_bits"] = relevant;
        context.Results["sparse_top_saliency_bits"] = found;
        context.Results["sparse_bits_recovered"] = recovered;

        var chart = new BarChart { Title = $"Sparse parity of bits {string.Join(", ", relevant)} among {n}: gradient saliency", YLabel = "mean |∂loss/∂bit|" }
            .Categories([.. Enumerable.Range(0, n).Select(b => relevant.Contains(b) ? $"{b}*" : b.ToString())])
            .Add("saliency", saliency);
        return (context.SaveFigure("sparse-parity-saliency", chart),
            recovered ? "attribution recovers exactly the relevant bits." : "attribution does not recover the relevant bits at this budget.");
    }
}
