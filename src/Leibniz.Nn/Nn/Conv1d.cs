using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>1-D convolution over [N, C, L] with weight [O, C/groups, K] (<see cref="Tensor.Conv1d"/>); PyTorch's default initialisation.</summary>
public sealed class Conv1d : Module
{
    private readonly int _stride, _padding, _dilation, _groups;

    public Conv1d(int inChannels, int outChannels, int kernel, Generator generator, int stride = 1, int padding = 0, int dilation = 1, int groups = 1, bool bias = true)
    {
        if (inChannels <= 0 || outChannels <= 0 || groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentException($"Conv1d: channels {inChannels} → {outChannels} must be positive and divisible by groups = {groups}.");
        }
        (_stride, _padding, _dilation, _groups) = (stride, padding, dilation, groups);
        int fanIn = inChannels / groups * kernel;
        Weight = RegisterParameter("weight", Init.Standard(Tensor.Zeros(outChannels, inChannels / groups, kernel), generator, fanIn));
        if (bias)
        {
            Bias = RegisterParameter("bias", Init.Standard(Tensor.Zeros(outChannels), generator, fanIn));
        }
    }

    /// <summary>[O, C/groups, K].</summary>
    public Tensor Weight { get; }

    /// <summary>[O] or null.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Tensor.Conv1d(input, Weight, Bias, _stride, _padding, _dilation, _groups);
}
