using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>Average pooling over [N, C, H, W] (<see cref="Tensor.AvgPool2d"/>); the stride defaults to the kernel.</summary>
public sealed class AvgPool2d((int H, int W) kernel, (int H, int W)? stride = null, (int H, int W)? padding = null) : Module
{
    /// <summary>A square window.</summary>
    public AvgPool2d(int kernel, int? stride = null, int padding = 0)
        : this((kernel, kernel), stride is null ? null : (stride.Value, stride.Value), (padding, padding))
    {
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.AvgPool2d(kernel, stride, padding);

    /// <inheritdoc/>
    protected override string Describe() => $"kernel={kernel.H}×{kernel.W}";
}
