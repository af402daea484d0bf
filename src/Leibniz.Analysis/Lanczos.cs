using Leibniz.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Leibniz.Analysis;

/// <summary>
/// The Lanczos method for the extreme eigenvalues of a symmetric operator given only as <c>v ↦ Av</c>
/// (for example a Hessian-vector product). With full reorthogonalisation: after <c>w = A·vⱼ</c>,
/// <c>αⱼ = ⟨w, vⱼ⟩</c>, <c>w ← w − V(Vᵀw)</c> over all previous vectors (again when that cancelled more than
/// 1 − 1/√2 of ‖w‖), <c>βⱼ = ‖w‖</c>, <c>vⱼ₊₁ = w/βⱼ</c>.
/// The Ritz values are the eigenvalues of the tridiagonal matrix T with diagonal α and off-diagonal β.
/// </summary>
public static class Lanczos
{
    /// <summary>The Ritz values after <paramref name="steps"/> steps from <paramref name="start"/>, largest first.</summary>
    /// <exception cref="ArgumentException">The start vector is not 1-D or is zero, or steps is not positive.</exception>
    public static double[] RitzValues(Func<Tensor, Tensor> apply, Tensor start, int steps)
    {
        var (alpha, beta) = Tridiagonal(apply, start, steps);
        return Eigenvalues(alpha, beta).Values;
    }

    /// <summary>
    /// The coefficients of the Lanczos tridiagonal matrix: diagonal α (length m ≤ steps) and off-diagonal β
    /// (length m − 1). Stops early, with fewer steps, when an invariant subspace is found (β below 1e-10·|α|).
    /// </summary>
    public static (double[] Alpha, double[] Beta) Tridiagonal(Func<Tensor, Tensor> apply, Tensor start, int steps)
    {
        var (alpha, beta, _) = Tridiagonal(apply, start, steps, stop: null);
        return (alpha, beta);
    }

    /// <summary>
    /// The <paramref name="k"/> largest Ritz values, running Lanczos until they change by at most
    /// <paramref name="tolerance"/>·|λ₁| from one step to the next, or for <paramref name="maxSteps"/> steps. The result
    /// says how many steps were taken, whether the values converged (met the tolerance, or Lanczos found an invariant
    /// subspace) rather than ran out of steps, and each value's residual bound <c>‖A y − θ y‖ = β_m |s_m|</c> (the next
    /// off-diagonal coefficient times the last component of the Ritz vector in the Krylov basis): some eigenvalue of A
    /// lies within it of θ. It deconstructs into <c>(values, steps)</c>.
    /// </summary>
    public static LanczosEstimate TopEigenvalues(Func<Tensor, Tensor> apply, Tensor start, int k, int maxSteps, double tolerance = 1e-6)
    {
        double[]? previous = null;
        bool met = false;
        var (alpha, beta, remainder) = Tridiagonal(apply, start, maxSteps, (a, b) =>
        {
            if (a.Count < k + 1)
            {
                return false;
            }
            var current = Eigenvalues(a, b).Values.Take(k).ToArray();
            met = previous is not null && current.Zip(previous).All(p => Math.Abs(p.First - p.Second) <= tolerance * Math.Abs(current[0]));
            previous = current;
            return met;
        });
        var (values, lastComponents) = Eigenvalues(alpha, beta);
        int count = Math.Min(k, values.Length);
        return new LanczosEstimate([.. values.Take(count)], alpha.Length, met || alpha.Length < maxSteps,
            [.. lastComponents.Take(count).Select(s => remainder * Math.Abs(s))]);
    }

    /// <summary>The eigenvalues of the tridiagonal matrix, largest first, and the last component of each unit eigenvector.</summary>
    private static (double[] Values, double[] LastComponents) Eigenvalues(IReadOnlyList<double> alpha, IReadOnlyList<double> beta)
    {
        int m = alpha.Count;
        var t = Matrix<double>.Build.Dense(m, m);
        for (int i = 0; i < m; i++)
        {
            t[i, i] = alpha[i];
            if (i + 1 < m)
            {
                t[i, i + 1] = beta[i];
                t[i + 1, i] = beta[i];
            }
        }
        var evd = t.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, m).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        return ([.. order.Select(i => evd.EigenValues[i].Real)], [.. order.Select(i => evd.EigenVectors[m - 1, i])]);
    }

    /// <summary>The tridiagonal coefficients and the norm β_m of the residual left after the last step.</summary>
    private static (double[] Alpha, double[] Beta, double Remainder) Tridiagonal(Func<Tensor, Tensor> apply, Tensor start, int steps, Func<List<double>, List<double>, bool>? stop)
    {
        if (start.Rank != 1 || steps <= 0)
        {
            throw new ArgumentException($"Lanczos: needs a 1-D start vector and a positive number of steps; got shape {ShapeHelper.Format(start.Shape)} and {steps} steps.");
        }
        int n = start.Size(0);
        var basis = Tensor.Zeros([steps + 1, n], start.DType);
        double norm = start.Norm().Item();
        if (!(norm > 0))
        {
            throw new ArgumentException("Lanczos: the start vector is zero.", nameof(start));
        }
        basis[0].CopyFrom(start / norm);
        var alpha = new List<double>();
        var beta = new List<double>();
        double remainder = 0;
        for (int j = 0; j < steps; j++)
        {
            var v = basis[j];
            var w = apply(v);
            alpha.Add((w * v).Sum().Item());
            var previous = basis[..(j + 1)];
            // Classical Gram–Schmidt, repeated when it cancelled most of w (the Daniel–Gragg–Kaufman–Stewart test,
            // ‖w′‖ < ‖w‖/√2; "twice is enough"): one pass alone can leave errors that grow into ghost eigenvalues.
            double before = w.Norm().Item();
            w = w - previous.T.Matmul(previous.Matmul(w));
            double b = w.Norm().Item();
            if (b < before / Math.Sqrt(2))
            {
                w = w - previous.T.Matmul(previous.Matmul(w));
                b = w.Norm().Item();
            }
            remainder = b;
            if (j + 1 == steps || b < 1e-10 * Math.Max(1, Math.Abs(alpha[j])) || (stop is not null && stop(alpha, beta)))
            {
                break;
            }
            beta.Add(b);
            basis[j + 1].CopyFrom(w / b);
        }
        return ([.. alpha], [.. beta], remainder);
    }
}

/// <summary>Ritz values from Lanczos with what the run knows about them.</summary>
/// <param name="Values">The largest Ritz values, largest first.</param>
/// <param name="Steps">The Lanczos steps taken.</param>
/// <param name="Converged">Whether they met the tolerance or reached an invariant subspace before the step limit.</param>
/// <param name="Residuals">The residual bound of each value: an eigenvalue of the operator lies within it.</param>
public sealed record LanczosEstimate(double[] Values, int Steps, bool Converged, double[] Residuals)
{
    /// <summary>The values and the steps, for <c>var (values, steps) = …</c>.</summary>
    public void Deconstruct(out double[] values, out int steps)
    {
        values = Values;
        steps = Steps;
    }
}
