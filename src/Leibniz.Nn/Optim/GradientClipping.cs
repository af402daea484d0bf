using Leibniz.Autograd;
using Leibniz.Tensors;

namespace Leibniz.Optim;

/// <summary>Gradient clipping, in place on the parameters' <see cref="Tensor.Grad"/>.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales all gradients by <c>min(1, maxNorm / ‖g‖)</c> where ‖g‖ is the 2-norm of all gradients together;
    /// returns ‖g‖ before clipping.
    /// </summary>
    public static double ByNorm(IEnumerable<Tensor> parameters, double maxNorm)
    {
        var withGrad = parameters.Where(p => p.Grad is not null).ToArray();
        double total = 0;
        using (GradMode.NoGrad())
        {
            foreach (var p in withGrad)
            {
                total += p.Grad!.To(DType.Float64).Square().Sum().Item();
            }
            total = Math.Sqrt(total);
            double scale = maxNorm / (total + 1e-6);
            if (scale < 1)
            {
                foreach (var p in withGrad)
                {
                    p.Grad = p.Grad! * scale;
                }
            }
        }
        return total;
    }

    /// <summary>Clamps every gradient element to [−clip, clip].</summary>
    public static void ByValue(IEnumerable<Tensor> parameters, double clip)
    {
        using (GradMode.NoGrad())
        {
            foreach (var p in parameters)
            {
                if (p.Grad is not null)
                {
                    p.Grad = p.Grad.Clamp(-clip, clip);
                }
            }
        }
    }
}
