using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>
/// 2-D convolution over [N, C, H, W] with weight [O, C/groups, KH, KW] and bias [O]
/// (<see cref="Tensor.Conv2d"/>). Default initialisation (PyTorch's): uniform on ±1/√fan_in,
/// fan_in = C/groups·KH·KW, for weight and bias.
/// </summary>
public sealed class Conv2d : Module
{
    private readonly (int H, int W) _stride, _padding, _dilation;
    private readonly int _groups;

    public Conv2d(int inChannels, int outChannels, (int H, int W) kernel, Generator generator, (int H, int W)? stride = null,
        (int H, int W)? padding = null, (int H, int W)? dilation = null, int groups = 1, bool bias = true, DType dtype = Tensor.DefaultDType)
    {
        if (inChannels <= 0 || outChannels <= 0 || groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentException($"Conv2d: channels {inChannels} → {outChannels} must be positive and divisible by groups = {groups}.");
        }
        _stride = stride ?? (1, 1);
        _padding = padding ?? (0, 0);
        _dilation = dilation ?? (1, 1);
        _groups = groups;
        Weight = RegisterParameter("weight", Tensor.Zeros([outChannels, inChannels / groups, kernel.H, kernel.W], dtype));
        int fanIn = inChannels / groups * kernel.H * kernel.W;
        Init.Standard(Weight, generator, fanIn);
        if (bias)
        {
            Bias = RegisterParameter("bias", Init.Standard(Tensor.Zeros([outChannels], dtype), generator, fanIn));
        }
    }

    /// <summary>Square kernel of size <paramref name="kernel"/>.</summary>
    public Conv2d(int inChannels, int outChannels, int kernel, Generator generator, int stride = 1, int padding = 0, int dilation = 1, int groups = 1, bool bias = true,
        DType dtype = Tensor.DefaultDType)
        : this(inChannels, outChannels, (kernel, kernel), generator, (stride, stride), (padding, padding), (dilation, dilation), groups, bias, dtype)
    {
    }

    /// <summary>[O, C/groups, KH, KW].</summary>
    public Tensor Weight { get; }

    /// <summary>[O] or null.</summary>
    public Tensor? Bias { get; }

    /// <summary>The window's stride (rows, columns).</summary>
    public (int H, int W) Stride => _stride;

    /// <summary>The zero padding on each side (rows, columns).</summary>
    public (int H, int W) Padding => _padding;

    /// <summary>The window's dilation (rows, columns).</summary>
    public (int H, int W) Dilation => _dilation;

    /// <summary>The number of channel groups.</summary>
    public int Groups => _groups;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Tensor.Conv2d(input, Weight, Bias, _stride, _padding, _dilation, _groups);

    /// <inheritdoc/>
    protected override string Describe() => $"{Weight.Size(1) * _groups}→{Weight.Size(0)}, kernel={Weight.Size(2)}×{Weight.Size(3)}, stride={_stride.H}×{_stride.W}, padding={_padding.H}×{_padding.W}";
}
