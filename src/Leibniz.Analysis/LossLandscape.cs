using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Leibniz.Autograd;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Leibniz.Analysis;

/// <summary>How a random direction is scaled against the weights (Li, Xu, Taylor, Studer and Goldstein, 2018).</summary>
public enum DirectionNormalization
{
    /// <summary>Per filter: each output row (neuron or convolution filter) dᵢ ← dᵢ·‖wᵢ‖/‖dᵢ‖ (the paper's choice).</summary>
    Filter,

    /// <summary>Per layer: d ← d·‖w‖/‖d‖.</summary>
    Layer,

    /// <summary>No scaling.</summary>
    None,
}

/// <summary>What the direction holds for one-dimensional parameters (biases, normalisation parameters).</summary>
public enum BiasDirection
{
    /// <summary>Zero: biases stay at their trained values (the paper's default).</summary>
    Zero,

    /// <summary>Equal to the parameters themselves.</summary>
    Weights,

    /// <summary>Random like the weights, normalised as a single filter.</summary>
    Random,
}

/// <summary>
/// Loss-landscape tools: filter-normalised random directions, 1-D and 2-D slices θ* + αd₁ + βd₂, linear
/// interpolation between two solutions, and the principal directions of an optimisation trajectory.
/// Parameters are written in place and restored afterwards.
/// </summary>
public static class LossLandscape
{
    /// <summary>A random Gaussian direction with one tensor per parameter, normalised as chosen.</summary>
    public static Tensor[] RandomDirection(IReadOnlyList<Tensor> parameters, Generator generator,
        DirectionNormalization normalization = DirectionNormalization.Filter, BiasDirection biases = BiasDirection.Zero)
    {
        var result = new Tensor[parameters.Count];
        using (GradMode.NoGrad())
        {
            for (int i = 0; i < parameters.Count; i++)
            {
                var w = parameters[i].Detach();
                var d = Tensor.Randn(generator, w.Shape.ToArray(), w.DType);
                if (w.Rank <= 1)
                {
                    result[i] = biases switch
                    {
                        BiasDirection.Zero => Tensor.ZerosLike(w),
                        BiasDirection.Weights => w.Clone(),
                        _ => normalization == DirectionNormalization.None ? d : d * (w.Norm().Item() / Math.Max(d.Norm().Item(), 1e-30)),
                    };
                    continue;
                }
                result[i] = normalization switch
                {
                    DirectionNormalization.Filter => NormalizeRows(d, w),
                    DirectionNormalization.Layer => d * (w.Norm().Item() / Math.Max(d.Norm().Item(), 1e-30)),
                    _ => d,
                };
            }
        }
        return result;
    }

    /// <summary>dᵢ ← dᵢ·‖wᵢ‖/‖dᵢ‖ for every slice i along the first dimension.</summary>
    public static Tensor NormalizeRows(Tensor d, Tensor w)
    {
        var axes = Enumerable.Range(1, w.Rank - 1).ToArray();
        var wNorm = w.Square().Sum(axes, keepDim: true).Sqrt();
        var dNorm = d.Square().Sum(axes, keepDim: true).Sqrt() + 1e-30;
        return d * (wNorm / dNorm);
    }

    /// <summary>Loss at θ* + α·d for each α (θ* the current parameters, restored afterwards).</summary>
    public static double[] Slice1D(IReadOnlyList<Tensor> parameters, Tensor[] direction, IReadOnlyList<double> alphas, Func<double> loss)
    {
        var origin = ParameterVector.Get(parameters);
        var d = Flatten(direction);
        try
        {
            return alphas.Select(a =>
            {
                ParameterVector.SetAlong(parameters, origin, d, a);
                return loss();
            }).ToArray();
        }
        finally
        {
            ParameterVector.Set(parameters, origin);
        }
    }

    /// <summary>Loss at θ* + α·d₁ + β·d₂ on a grid: result[i, j] for β = betas[i], α = alphas[j].</summary>
    public static double[,] Slice2D(IReadOnlyList<Tensor> parameters, Tensor[] d1, Tensor[] d2, IReadOnlyList<double> alphas, IReadOnlyList<double> betas,
        Func<double> loss, Action<int>? progress = null)
        => Grid(parameters, d1, d2, alphas, betas, (_, _) => loss(), progress);

    /// <summary>
    /// <see cref="Slice2D(IReadOnlyList{Tensor}, Tensor[], Tensor[], IReadOnlyList{double}, IReadOnlyList{double}, Func{double}, Action{int}?)"/>
    /// for a <see cref="Sequential"/> that starts with a Linear layer, on fixed <paramref name="inputs"/>, with the loss
    /// a function of the outputs. The inputs never change, so the first layer's pre-activation at θ* + α·d₁ + β·d₂ is
    /// <c>X·W*ᵀ + α·X·D₁ᵀ + β·X·D₂ᵀ + b(α, β)</c>: the three products are computed once per grid, and each point costs only
    /// the layers after the first (for an MLP on images, most of the work is the first layer). When the later layers are
    /// Linear or elementwise, rows of the grid run in parallel and <paramref name="lossOfOutputs"/> is called from several
    /// threads at once (it must not write shared state).
    /// </summary>
    /// <exception cref="ArgumentException">The model does not start with a Linear layer.</exception>
    public static double[,] Slice2D(Sequential model, Tensor inputs, Func<Tensor, double> lossOfOutputs, Tensor[] d1, Tensor[] d2,
        IReadOnlyList<double> alphas, IReadOnlyList<double> betas, Action<int>? progress = null)
    {
        if (model.Layers.Count == 0 || model.Layers[0] is not Linear first)
        {
            throw new ArgumentException($"LossLandscape.Slice2D: the model must start with a Linear layer; it starts with {(model.Layers.Count == 0 ? "nothing" : model.Layers[0].GetType().Name)}.", nameof(model));
        }
        var parameters = model.Parameters();
        int weight = Array.FindIndex(parameters, p => ReferenceEquals(p, first.Weight));
        int bias = first.Bias is null ? -1 : Array.FindIndex(parameters, p => ReferenceEquals(p, first.Bias));
        Tensor xw, xd1, xd2;
        using (GradMode.NoGrad())
        {
            var x = inputs.Reshape(inputs.Size(0), -1);
            (xw, xd1, xd2) = (x.Matmul(first.Weight.T), x.Matmul(d1[weight].T), x.Matmul(d2[weight].T));
        }
        var b = first.Bias?.Detach().Clone();
        if (model.Layers.Skip(1).All(l => l is Linear || IsElementwise(l)))
        {
            return ParallelGrid(model, parameters, xw, xd1, xd2, b, bias, lossOfOutputs, d1, d2, alphas, betas, progress);
        }
        double PointLoss(double alpha, double beta)
        {
            var h = xw + xd1 * alpha + xd2 * beta;
            if (b is not null)
            {
                h = h + (b + d1[bias] * alpha + d2[bias] * beta);
            }
            for (int l = 1; l < model.Layers.Count; l++)
            {
                h = model.Layers[l].Forward(h);
            }
            return lossOfOutputs(h);
        }
        return Grid(parameters, d1, d2, alphas, betas, PointLoss, progress);
    }

    private static bool IsElementwise(Module layer) => layer is Relu or Tanh or Sigmoid or LeakyRelu or Gelu or Softplus or Softsign or Identity or Leibniz.Nn.Flatten;

    /// <summary>
    /// The grid of the structured <see cref="Slice2D(Sequential, Tensor, Func{Tensor, double}, Tensor[], Tensor[], IReadOnlyList{double}, IReadOnlyList{double}, Action{int}?)"/>
    /// when every layer after the first is Linear or elementwise: each point forms its own weights
    /// <c>W + α·D₁ + β·D₂</c> instead of writing them into the model, so rows of the grid run on all threads at once
    /// (each point's arithmetic is the same whatever the thread count, so are its bits); the model is not touched.
    /// </summary>
    private static double[,] ParallelGrid(Sequential model, Tensor[] parameters, Tensor xw, Tensor xd1, Tensor xd2, Tensor? firstBias, int firstBiasIndex,
        Func<Tensor, double> lossOfOutputs, Tensor[] d1, Tensor[] d2, IReadOnlyList<double> alphas, IReadOnlyList<double> betas, Action<int>? progress)
    {
        var layers = model.Layers.Skip(1).Select(layer => layer is Linear linear
            ? (Layer: layer, Weight: Array.FindIndex(parameters, p => ReferenceEquals(p, linear.Weight)), Bias: linear.Bias is null ? -1 : Array.FindIndex(parameters, p => ReferenceEquals(p, linear.Bias)))
            : (Layer: layer, Weight: -1, Bias: -1)).ToArray();
        var theta = parameters.Select(p => p.Detach().Clone()).ToArray();
        Tensor At(int index, double alpha, double beta) => theta[index] + d1[index] * alpha + d2[index] * beta;
        var result = new double[betas.Count, alphas.Count];
        int rowsDone = 0;
        Parallelism.For(betas.Count, 1, (firstRow, rows) =>
        {
            using var noGrad = GradMode.NoGrad();
            for (int i = firstRow; i < firstRow + rows; i++)
            {
                double beta = betas[i];
                for (int j = 0; j < alphas.Count; j++)
                {
                    double alpha = alphas[j];
                    var h = FirstLayer(xw, xd1, xd2, alpha, beta, firstBias is null ? null : At(firstBiasIndex, alpha, beta));
                    foreach (var (layer, weight, bias) in layers)
                    {
                        h = weight >= 0 ? Tensor.Linear(h, At(weight, alpha, beta), bias < 0 ? null : At(bias, alpha, beta))
                            : layer is Relu ? ReluInPlace(h)
                            : layer.Forward(h);
                    }
                    result[i, j] = lossOfOutputs(h);
                    AllocationBudget.Checkpoint();
                }
                lock (result)
                {
                    progress?.Invoke(++rowsDone);
                }
            }
        });
        return result;
    }

    /// <summary><c>X·W*ᵀ + α·X·D₁ᵀ + β·X·D₂ᵀ + b</c> in two passes into one new buffer (b added to every row).</summary>
    private static Tensor FirstLayer(Tensor xw, Tensor xd1, Tensor xd2, double alpha, double beta, Tensor? bias)
    {
        var h = Tensor.UninitializedLike(xw);
        int width = xw.Size(-1);
        if (xw.DType == DType.Float32)
        {
            var output = h.AsSpan<float>();
            TensorPrimitives.MultiplyAdd(xd1.AsReadOnlySpan<float>(), (float)alpha, xw.AsReadOnlySpan<float>(), output);
            TensorPrimitives.MultiplyAdd(xd2.AsReadOnlySpan<float>(), (float)beta, output, output);
            if (bias is not null)
            {
                var b = bias.Contiguous().AsReadOnlySpan<float>();
                for (int row = 0; row < output.Length; row += width)
                {
                    TensorPrimitives.Add(output.Slice(row, width), b, output.Slice(row, width));
                }
            }
        }
        else
        {
            var output = h.AsSpan<double>();
            TensorPrimitives.MultiplyAdd(xd1.AsReadOnlySpan<double>(), alpha, xw.AsReadOnlySpan<double>(), output);
            TensorPrimitives.MultiplyAdd(xd2.AsReadOnlySpan<double>(), beta, output, output);
            if (bias is not null)
            {
                var b = bias.Contiguous().AsReadOnlySpan<double>();
                for (int row = 0; row < output.Length; row += width)
                {
                    TensorPrimitives.Add(output.Slice(row, width), b, output.Slice(row, width));
                }
            }
        }
        return h;
    }

    /// <summary>max(h, 0) written over h, a buffer this grid owns.</summary>
    private static Tensor ReluInPlace(Tensor h)
    {
        if (h.DType == DType.Float32)
        {
            TensorPrimitives.Max(h.AsReadOnlySpan<float>(), 0f, h.AsSpan<float>());
        }
        else
        {
            TensorPrimitives.Max(h.AsReadOnlySpan<double>(), 0.0, h.AsSpan<double>());
        }
        return h;
    }

    /// <summary>
    /// Sets the parameters to θ* + α·d₁ + β·d₂ at every grid point, without recording, and evaluates
    /// <paramref name="pointLoss"/>(α, β) there; restores θ* afterwards, whatever happens.
    /// </summary>
    private static double[,] Grid(IReadOnlyList<Tensor> parameters, Tensor[] d1, Tensor[] d2, IReadOnlyList<double> alphas, IReadOnlyList<double> betas,
        Func<double, double, double> pointLoss, Action<int>? progress)
    {
        var origin = ParameterVector.Get(parameters);
        var u = Flatten(d1);
        var v = Flatten(d2);
        var result = new double[betas.Count, alphas.Count];
        try
        {
            using (GradMode.NoGrad())
            {
                for (int i = 0; i < betas.Count; i++)
                {
                    var row = origin + v * betas[i];
                    for (int j = 0; j < alphas.Count; j++)
                    {
                        ParameterVector.Set(parameters, row + u * alphas[j]);
                        result[i, j] = pointLoss(alphas[j], betas[i]);
                        AllocationBudget.Checkpoint();
                    }
                    progress?.Invoke(i + 1);
                }
            }
        }
        finally
        {
            ParameterVector.Set(parameters, origin);
        }
        return result;
    }

    /// <summary>Loss along (1 − α)·θ_a + α·θ_b (flat parameter vectors), restoring the current parameters afterwards.</summary>
    public static double[] Interpolate(IReadOnlyList<Tensor> parameters, Tensor thetaA, Tensor thetaB, IReadOnlyList<double> alphas, Func<double> loss)
    {
        var saved = ParameterVector.Get(parameters);
        try
        {
            return alphas.Select(a =>
            {
                ParameterVector.SetAlong(parameters, thetaA, thetaB - thetaA, a);
                return loss();
            }).ToArray();
        }
        finally
        {
            ParameterVector.Set(parameters, saved);
        }
    }

    /// <summary>
    /// The first two principal directions of the trajectory θ₀ … θ_T relative to the final point (PCA of the
    /// matrix of θ_t − θ_T through its small Gram matrix), their explained-variance ratios, and the trajectory's
    /// coordinates along them.
    /// </summary>
    public static (Tensor D1, Tensor D2, double[] Explained, double[] X, double[] Y) TrajectoryPca(IReadOnlyList<Tensor> trajectory)
    {
        var final = trajectory[^1];
        var rows = trajectory.Select(t => (t - final).To(DType.Float64)).ToArray();
        int n = rows.Length;
        var m = Tensor.Stack(rows);
        var gram = m.Matmul(m.T);
        var evd = Matrix<double>.Build.DenseOfRowMajor(n, n, gram.ToDoubleArray()).Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, n).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        double total = evd.EigenValues.Sum(c => Math.Max(c.Real, 0));
        var directions = new Tensor[2];
        var explained = new double[2];
        for (int k = 0; k < 2; k++)
        {
            int i = order[Math.Min(k, n - 1)];
            var coefficients = Tensor.FromArray(Enumerable.Range(0, n).Select(r => evd.EigenVectors[r, i]).ToArray());
            var direction = coefficients.Matmul(m);
            directions[k] = direction / Math.Max(direction.Norm().Item(), 1e-30);
            explained[k] = total > 0 ? Math.Max(evd.EigenValues[i].Real, 0) / total : 0;
        }
        var x = rows.Select(r => (r * directions[0]).Sum().Item()).ToArray();
        var y = rows.Select(r => (r * directions[1]).Sum().Item()).ToArray();
        return (directions[0].To(final.DType), directions[1].To(final.DType), explained, x, y);
    }

    /// <summary>Splits a flat vector into tensors shaped like the parameters.</summary>
    public static Tensor[] Unflatten(IReadOnlyList<Tensor> parameters, Tensor vector) => ParameterBlocks.Unflatten(parameters, vector);

    private static Tensor Flatten(Tensor[] pieces) => Tensor.Cat(pieces.Select(p => p.Reshape(-1)).ToArray());
}
