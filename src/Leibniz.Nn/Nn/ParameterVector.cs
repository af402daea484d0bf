using Leibniz.Autograd;
using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>
/// All parameters (or their gradients) as one flat vector θ ∈ ℝᴾ in <see cref="Module.Parameters"/> order, and
/// back. Copies are exact (no arithmetic), so θ → vector → θ is the identity bit for bit.
/// </summary>
public static class ParameterVector
{
    /// <summary>θ as a new 1-D tensor (not recorded).</summary>
    public static Tensor Get(IReadOnlyList<Tensor> parameters)
    {
        using (GradMode.NoGrad())
        {
            return Concat(parameters, p => p);
        }
    }

    /// <summary>The gradients as one vector; a parameter without gradient contributes zeros.</summary>
    public static Tensor Gradients(IReadOnlyList<Tensor> parameters)
    {
        using (GradMode.NoGrad())
        {
            return Concat(parameters, p => p.Grad ?? Tensor.ZerosLike(p));
        }
    }

    /// <summary>Writes <paramref name="vector"/> into the parameters in place.</summary>
    /// <exception cref="ArgumentException">The vector's length is not the parameter count.</exception>
    public static void Set(IReadOnlyList<Tensor> parameters, Tensor vector)
    {
        int total = parameters.Sum(p => p.Numel);
        if (vector.Rank != 1 || vector.Numel != total)
        {
            throw new ArgumentException($"ParameterVector.Set: the vector has shape {ShapeHelper.Format(vector.Shape)}, the parameters hold {total} values.", nameof(vector));
        }
        using (GradMode.NoGrad())
        {
            int offset = 0;
            foreach (var p in parameters)
            {
                p.CopyFrom(vector.Narrow(0, offset, p.Numel).Reshape(p.Shape.ToArray()));
                offset += p.Numel;
            }
        }
    }

    /// <summary>Writes <c>θ₀ + t·d</c> into the parameters: a step along a direction from a saved point.</summary>
    public static void SetAlong(IReadOnlyList<Tensor> parameters, Tensor origin, Tensor direction, double t)
    {
        using (GradMode.NoGrad())
        {
            Set(parameters, origin + direction * t);
        }
    }

    private static Tensor Concat(IReadOnlyList<Tensor> parameters, Func<Tensor, Tensor> pick)
    {
        var pieces = new Tensor[parameters.Count];
        for (int i = 0; i < pieces.Length; i++)
        {
            pieces[i] = pick(parameters[i]).Reshape(-1);
        }
        return pieces.Length == 0 ? Tensor.Zeros(0) : Tensor.Cat(pieces);
    }
}
