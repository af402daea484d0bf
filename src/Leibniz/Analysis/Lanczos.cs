using Leibniz.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Leibniz.Analysis;

/// <summary>
/// The Lanczos method for the extreme eigenvalues of a symmetric operator given only as <c>v ↦ Av</c>
/// (for example a Hessian-vector product). With full reorthogonalisation: after <c>w = A·vⱼ</c>,
/// <c>αⱼ = ⟨w, vⱼ⟩</c>, <c>w ← w − V(Vᵀw)</c> over all previous vectors, <c>βⱼ = ‖w‖</c>, <c>vⱼ₊₁ = w/βⱼ</c>.
/// The Ritz values are the eigenvalues of the tridiagonal matrix T with diagonal α and off-diagonal β.
/// </summary>
public static class Lanczos
{
    /// <summary>The Ritz values after <paramref name="steps"/> steps from <paramref name="start"/>, largest first.</summary>
    /// <exception cref="ArgumentException">The start vector is not 1-D or is zero, or steps is not positive.</exception>
    public static double[] RitzValues(Func<Tensor, Tensor> apply, Tensor start, int steps)
    {
        var (alpha, beta) = Tridiagonal(apply, start, steps);
        int used = alpha.Length;
        var t = Matrix<double>.Build.Dense(used, used);
        for (int i = 0; i < used; i++)
        {
            t[i, i] = alpha[i];
            if (i + 1 < used)
            {
                t[i, i + 1] = beta[i];
                t[i + 1, i] = beta[i];
            }
        }
        var eigenvalues = t.Evd(Symmetricity.Symmetric).EigenValues;
        var result = new double[used];
        for (int i = 0; i < used; i++)
        {
            result[i] = eigenvalues[i].Real;
        }
        Array.Sort(result);
        Array.Reverse(result);
        return result;
    }

    /// <summary>
    /// The coefficients of the Lanczos tridiagonal matrix: diagonal α (length m ≤ steps) and off-diagonal β
    /// (length m − 1). Stops early, with fewer steps, when an invariant subspace is found (β below 1e-10·|α|).
    /// </summary>
    public static (double[] Alpha, double[] Beta) Tridiagonal(Func<Tensor, Tensor> apply, Tensor start, int steps)
    {
        if (start.Rank != 1 || steps <= 0)
        {
            throw new ArgumentException($"Lanczos: needs a 1-D start vector and a positive number of steps; got shape {ShapeHelper.Format(start.Shape)} and {steps} steps.");
        }
        int n = start.Size(0);
        var basis = Tensor.Zeros(start.DType, steps + 1, n);
        double norm = start.Norm().Item();
        if (!(norm > 0))
        {
            throw new ArgumentException("Lanczos: the start vector is zero.", nameof(start));
        }
        basis[0].CopyFrom(start / norm);
        var alpha = new List<double>();
        var beta = new List<double>();
        for (int j = 0; j < steps; j++)
        {
            var v = basis[j];
            var w = apply(v);
            alpha.Add((w * v).Sum().Item());
            var previous = basis[..(j + 1)];
            w = w - previous.T.Matmul(previous.Matmul(w));
            double b = w.Norm().Item();
            if (j + 1 == steps || b < 1e-10 * Math.Max(1, Math.Abs(alpha[j])))
            {
                break;
            }
            beta.Add(b);
            basis[j + 1].CopyFrom(w / b);
        }
        return ([.. alpha], [.. beta]);
    }
}
