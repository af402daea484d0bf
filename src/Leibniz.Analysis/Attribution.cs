using Leibniz.Autograd;
using Leibniz.Numerics;
using Leibniz.Tensors;
using MathNet.Numerics.Integration;

namespace Leibniz.Analysis;

/// <summary>
/// Which input features a trained model relies on (Davies et al., 2021; Sundararajan et al., 2017; Breiman, 2001).
/// The model is a function of a batch [N, F] (more trailing dimensions are allowed); samples must not interact,
/// so put modules with batch statistics in evaluation mode first.
/// </summary>
public static class Attribution
{
    /// <summary>
    /// Per-sample input gradients ∂f(xᵢ)/∂xᵢ of a per-sample scalar output f (shape [N] or [N, 1]), in batches.
    /// Because samples do not interact, ∂(Σᵢ f(xᵢ))/∂xᵢ = ∂f(xᵢ)/∂xᵢ, so one backward pass per batch suffices.
    /// </summary>
    public static Tensor InputGradients(Func<Tensor, Tensor> output, Tensor inputs, int batchSize = 256)
    {
        using var recording = GradMode.EnableGrad();
        var pieces = new List<Tensor>();
        int n = inputs.Size(0);
        for (int start = 0; start < n; start += batchSize)
        {
            int length = Math.Min(batchSize, n - start);
            var x = inputs.Narrow(0, start, length).Detach().Clone().RequireGrad();
            var y = output(x);
            if (y.Numel != length)
            {
                throw new ArgumentException(
                    $"Attribution needs one scalar per sample; the output of a batch of {length} has shape [{string.Join(", ", y.Shape.ToArray())}]. " +
                    "Select one output, for example a class logit, before attributing.", nameof(output));
            }
            pieces.Add(AutoDiff.Grad(y.Sum(), x));
        }
        return Tensor.Cat(pieces, 0);
    }

    /// <summary>
    /// Gradient saliency of Davies et al.: for each feature j, the mean over the data of |∂ℓ(f(xᵢ), yᵢ)/∂xᵢⱼ|,
    /// ℓ the per-sample loss. <paramref name="meanLoss"/> returns the batch mean; it is scaled back by the batch size.
    /// </summary>
    public static double[] Saliency(Func<Tensor, Tensor> model, Func<Tensor, Tensor, Tensor> meanLoss, Tensor inputs, Tensor targets, int batchSize = 256)
    {
        using var recording = GradMode.EnableGrad();
        int n = inputs.Size(0);
        int features = inputs.Numel / Math.Max(n, 1);
        var saliency = new double[features];
        for (int start = 0; start < n; start += batchSize)
        {
            int length = Math.Min(batchSize, n - start);
            var x = inputs.Narrow(0, start, length).Detach().Clone().RequireGrad();
            var loss = meanLoss(model(x), targets.Narrow(0, start, length)) * length;
            var gradient = AutoDiff.Grad(loss, x).ToDoubleArray();
            for (int i = 0; i < gradient.Length; i++)
            {
                saliency[i % features] += Math.Abs(gradient[i]);
            }
        }
        for (int j = 0; j < features; j++)
        {
            saliency[j] /= n;
        }
        return saliency;
    }

    /// <summary>Gradient × input: xᵢⱼ · ∂f(xᵢ)/∂xᵢⱼ, per sample [N, ...].</summary>
    public static Tensor GradientTimesInput(Func<Tensor, Tensor> output, Tensor inputs, int batchSize = 256) =>
        inputs.Detach() * InputGradients(output, inputs, batchSize);

    /// <summary>
    /// Integrated gradients (Sundararajan et al., 2017): (x − x′) ⊙ ∫₀¹ ∇f(x′ + α(x − x′)) dα, per sample, the
    /// integral by Gauss–Legendre quadrature with <paramref name="steps"/> nodes (exact for polynomial paths up to
    /// degree 2·steps − 1). By completeness the attributions of a sample sum to f(x) − f(x′). The baseline x′ is
    /// broadcastable against the inputs (one sample's shape), zeros when null.
    /// </summary>
    public static Tensor IntegratedGradients(Func<Tensor, Tensor> output, Tensor inputs, Tensor? baseline = null, int steps = 32, int batchSize = 256)
    {
        if (steps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "Integrated gradients needs at least one quadrature node; 32 is a good default.");
        }
        var x = inputs.Detach();
        var start = baseline?.Detach() ?? Tensor.ZerosLike(x);
        var difference = x - start;
        var rule = new GaussLegendreRule(0, 1, steps);
        Tensor? integral = null;
        for (int k = 0; k < steps; k++)
        {
            var point = start + difference * rule.Abscissas[k];
            var weighted = InputGradients(output, point, batchSize) * rule.Weights[k];
            integral = integral is null ? weighted : integral + weighted;
        }
        return difference * integral!;
    }

    /// <summary>
    /// Permutation importance (Breiman, 2001): for each feature column j of [N, F] inputs, the mean increase of
    /// <paramref name="score"/> (a loss: lower is better) when column j is shuffled across samples, over
    /// <paramref name="repeats"/> shuffles drawn from <paramref name="generator"/>.
    /// </summary>
    public static double[] PermutationImportance(
        Func<Tensor, Tensor> model, Func<Tensor, Tensor, double> score, Tensor inputs, Tensor targets, Generator generator, int repeats = 5)
    {
        if (inputs.Rank != 2)
        {
            throw new ArgumentException($"Permutation importance shuffles columns of [N, F] inputs; these have rank {inputs.Rank}. Flatten them first.", nameof(inputs));
        }
        using var noGrad = GradMode.NoGrad();
        int n = inputs.Size(0);
        int features = inputs.Size(1);
        var values = inputs.ToDoubleArray();
        double reference = score(model(inputs), targets);
        var importance = new double[features];
        var shuffled = new double[values.Length];
        for (int j = 0; j < features; j++)
        {
            for (int r = 0; r < repeats; r++)
            {
                Array.Copy(values, shuffled, values.Length);
                var permutation = generator.Permutation(n);
                for (int i = 0; i < n; i++)
                {
                    shuffled[i * features + j] = values[permutation[i] * features + j];
                }
                var x = Tensor.FromArray(shuffled, n, features).To(inputs.DType);
                importance[j] += (score(model(x), targets) - reference) / repeats;
            }
        }
        return importance;
    }

    /// <summary>Feature indices ordered from the most to the least important (ties by index).</summary>
    public static int[] Ranking(IReadOnlyList<double> importance) =>
        [.. Enumerable.Range(0, importance.Count).OrderByDescending(j => importance[j]).ThenBy(j => j)];
}
