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
