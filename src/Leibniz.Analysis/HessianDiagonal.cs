using Leibniz.Autograd;
using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Analysis;

/// <summary>
/// The diagonal of a symmetric operator given as <c>v ↦ Av</c> (a Hessian, a Gauss–Newton matrix): exactly, one
/// product per coordinate, or by Hutchinson-style probes <c>diag A ≈ (1/m) Σ z ∘ Az</c> with Rademacher z (Bekas,
/// Kokiopoulou &amp; Saad 2007), each entry with its standard error. The diagonal of a loss's Hessian is a saliency of
/// the parameters (LeCun et al.'s optimal brain damage: deleting θᵢ costs about ½ Hᵢᵢ θᵢ²).
/// </summary>
public static class HessianDiagonal
{
    /// <summary>Aᵢᵢ = (A eᵢ)ᵢ for i &lt; n: n products, for models small enough.</summary>
    public static double[] Exact(Func<Tensor, Tensor> apply, int n, DType dtype = DType.Float64)
    {
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            var e = Tensor.Zeros([n], dtype);
            e.Narrow(0, i, 1).Fill(1);
            result[i] = apply(e).Narrow(0, i, 1).Item();
        }
        return result;
    }

    /// <summary>
    /// The exact diagonal of the Gauss–Newton matrix <c>G = (1/N) Σₙ Jₙᵀ Hₙ Jₙ</c> of the mean cross-entropy of the
    /// logits <c>zₙ = f(xₙ)</c> (equal to the true Fisher's), from each example's Jacobian:
    /// <c>Gᵢᵢ = (1/N) Σₙ Σ_c (∂(sₙ,꜀ᵀ zₙ)/∂θᵢ)²</c>, where the columns sₙ,꜀ of <c>Sₙ = diag(√p) − p √pᵀ</c>
    /// (p = softmax zₙ) factor <c>Hₙ = diag p − p pᵀ = Sₙ Sₙᵀ</c>. Costs one forward pass and C backward passes per
    /// example. For a network whose logits are affine in each single parameter (linear and convolution layers with
    /// ReLU, max pooling and other piecewise-linear maps between them) it is the Hessian's diagonal too: the residual
    /// term <c>Σ (∂ℓ/∂z) ∂²z/∂θᵢ²</c> vanishes.
    /// </summary>
    /// <param name="parameters">The parameters, in the order of the returned diagonal.</param>
    /// <param name="logitsOf">The logits [n, C] of a batch of inputs (called with one example at a time, [1, …]).</param>
    /// <param name="inputs">The N examples along the first axis.</param>
    /// <exception cref="ArgumentException">The logits of an example are not one row.</exception>
    public static double[] GaussNewtonOfCrossEntropy(IReadOnlyList<Tensor> parameters, Func<Tensor, Tensor> logitsOf, Tensor inputs)
    {
        int examples = inputs.Size(0);
        var sum = new double[parameters.Sum(p => p.Numel)];
        for (int n = 0; n < examples; n++)
        {
            Tensor z;
            using (GradMode.EnableGrad())
            {
                z = logitsOf(inputs.Narrow(0, n, 1));
            }
            if (z.Rank != 2 || z.Size(0) != 1)
            {
                throw new ArgumentException($"HessianDiagonal.GaussNewtonOfCrossEntropy: the logits of one example have shape {ShapeHelper.Format(z.Shape)}, expected [1, C].", nameof(logitsOf));
            }
            var p = z.Detach().Softmax().ToDoubleArray();
            int classes = p.Length;
            for (int c = 0; c < classes; c++)
            {
                // Column c of S: √p_c e_c − p √p_c.
                var column = new double[classes];
                for (int k = 0; k < classes; k++)
                {
                    column[k] = (k == c ? Math.Sqrt(p[c]) : 0) - p[k] * Math.Sqrt(p[c]);
                }
                var weight = Tensor.FromArray(column, [1, classes]).To(z.DType);
                var grads = AutoDiff.Grad([(z * weight).Sum()], parameters, retainGraph: c < classes - 1, allowUnused: true);
                int offset = 0;
                for (int i = 0; i < parameters.Count; i++)
                {
                    if (grads[i] is { } g)
                    {
                        var values = g.ToDoubleArray();
                        for (int j = 0; j < values.Length; j++)
                        {
                            sum[offset + j] += values[j] * values[j];
                        }
                    }
                    offset += parameters[i].Numel;
                }
            }
        }
        for (int i = 0; i < sum.Length; i++)
        {
            sum[i] /= examples;
        }
        return sum;
    }

    /// <summary>
    /// The estimate <c>(1/m) Σₛ zₛ ∘ Azₛ</c> over <paramref name="probes"/> Rademacher vectors, and per entry the standard
    /// error <c>sᵢ/√m</c> of that mean (sᵢ the sample standard deviation of (zₛ ∘ Azₛ)ᵢ, which is
    /// <c>√(Σ_{j≠i} Aᵢⱼ²)</c> in expectation: the estimate is exact for a diagonal A).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than two probes.</exception>
    public static DiagonalEstimate Hutchinson(Func<Tensor, Tensor> apply, int n, int probes, Generator generator, DType dtype = DType.Float64)
    {
        if (probes < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(probes), probes, "HessianDiagonal.Hutchinson: at least 2 probes are needed for a standard error.");
        }
        var sum = new double[n];
        var sumOfSquares = new double[n];
        for (int s = 0; s < probes; s++)
        {
            var z = Tensor.Bernoulli(generator, 0.5, [n], dtype) * 2.0 - 1.0;
            var sample = (z * apply(z).To(dtype)).ToDoubleArray();
            for (int i = 0; i < n; i++)
            {
                sum[i] += sample[i];
                sumOfSquares[i] += sample[i] * sample[i];
            }
        }
        var mean = new double[n];
        var error = new double[n];
        for (int i = 0; i < n; i++)
        {
            mean[i] = sum[i] / probes;
            double variance = Math.Max(0, (sumOfSquares[i] - probes * mean[i] * mean[i]) / (probes - 1));
            error[i] = Math.Sqrt(variance / probes);
        }
        return new DiagonalEstimate(mean, error, probes);
    }
}

/// <summary>A diagonal estimated from probes, with the standard error of each entry.</summary>
/// <param name="Values">The estimated diagonal.</param>
/// <param name="StandardErrors">The standard error of each entry.</param>
/// <param name="Probes">The number of probes.</param>
public sealed record DiagonalEstimate(double[] Values, double[] StandardErrors, int Probes)
{
    /// <summary>
    /// The probes needed for every entry whose magnitude is at least <paramref name="floor"/> to have a standard error
    /// of at most <paramref name="relativeError"/> of it, from this estimate's spread (the error falls as 1/√probes).
    /// </summary>
    public int ProbesFor(double relativeError, double floor = 0)
    {
        int most = 1;
        for (int i = 0; i < Values.Length; i++)
        {
            if (Math.Abs(Values[i]) > floor && Values[i] != 0)
            {
                most = Math.Max(most, Spectrum.SamplesFor(Values[i], StandardErrors[i], Probes, relativeError));
            }
        }
        return most;
    }
}
