using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>Max pooling over [N, C, H, W] (<see cref="Tensor.MaxPool2d"/>); the stride defaults to the kernel.</summary>
public sealed class MaxPool2d((int H, int W) kernel, (int H, int W)? stride = null, (int H, int W)? padding = null) : Module
{
    /// <summary>A square window.</summary>
    public MaxPool2d(int kernel, int? stride = null, int padding = 0)
        : this((kernel, kernel), stride is null ? null : (stride.Value, stride.Value), (padding, padding))
    {
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.MaxPool2d(kernel, stride, padding);

    /// <inheritdoc/>
    protected override string Describe() => $"kernel={kernel.H}×{kernel.W}";
}

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

/// <summary>Merges dimensions startDim..endDim (default: all but the batch dimension).</summary>
public sealed class Flatten(int startDim = 1, int endDim = -1) : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Flatten(startDim, endDim);
}

/// <summary>
/// Inverted dropout in training mode (zero with probability p, scale the rest by 1/(1 − p)); the identity in
/// evaluation mode. Masks come from the layer's own generator.
/// </summary>
public sealed class Dropout(double p, Leibniz.Numerics.Generator generator) : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => IsTraining ? input.Dropout(p, generator) : input;

    /// <inheritdoc/>
    protected override string Describe() => $"p={p}";
}
