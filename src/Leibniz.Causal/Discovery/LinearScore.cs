using System.Numerics.Tensors;
using Leibniz.Numerics;

namespace Leibniz.Causal.Discovery;

/// <summary>
/// The least-squares score of a linear SEM that NOTEARS and DAGMA minimise, from the d × d covariance of the centred
/// data instead of the n × d data: <c>½n⁻¹‖X − XW‖²_F = ½ tr((I − W)ᵀ S (I − W))</c> with S = XᵀX/n, gradient
/// <c>−S(I − W)</c>; matrices row-major.
/// </summary>
internal static class LinearScore
{
    /// <summary>S = XᵀX/n of the column-centred data X [n, d], row-major.</summary>
    public static double[] Covariance(double[,] samples)
    {
        int n = samples.GetLength(0), d = samples.GetLength(1);
        var means = new double[d];
        for (int r = 0; r < n; r++)
        {
            for (int j = 0; j < d; j++)
            {
                means[j] += samples[r, j] / n;
            }
        }
        var s = new double[d * d];
        var row = new double[d];
        for (int r = 0; r < n; r++)
        {
            for (int j = 0; j < d; j++)
            {
                row[j] = samples[r, j] - means[j];
            }
            for (int i = 0; i < d; i++)
            {
                var target = s.AsSpan(i * d, d);
                TensorPrimitives.MultiplyAdd(row, row[i] / n, target, target);
            }
        }
        return s;
    }

    /// <summary>The score ½ tr((I − W)ᵀ S (I − W)) and S(I − W) (the negative gradient) for W [d, d].</summary>
    public static (double Value, double[] SResidual) Of(double[] covariance, double[] w, int d)
    {
        var residual = new double[d * d];
        for (int k = 0; k < residual.Length; k++)
        {
            residual[k] = (k / d == k % d ? 1 : 0) - w[k];
        }
        var sr = SquareMatrix.Multiply(covariance, residual, d);
        double value = 0;
        for (int k = 0; k < residual.Length; k++)
        {
            value += residual[k] * sr[k];
        }
        return (0.5 * value, sr);
    }
}
