using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>
/// An MLP of <c>depth</c> hidden blocks of equal width, with or without skip connections:
/// <c>h ← h + relu(W·h + b)</c> (residual) or <c>h ← relu(W·h + b)</c> (plain), between an input and an output
/// layer — the fully connected counterpart of the ResNet/VGG comparison of Li et al. (2018). With
/// <c>heInitialisation</c> every weight is N(0, 2/fan_in) and every bias 0 (He et al., 2015), which keeps the signal's
/// variance constant through a deep plain ReLU stack (PyTorch's default shrinks it by 2/3 per layer).
/// </summary>
public sealed class ResidualMlp : Module
{
    private readonly Linear _input;
    private readonly Linear[] _blocks;
    private readonly Linear _output;

    public ResidualMlp(int inputs, int width, int depth, int outputs, bool skip, Generator generator, bool heInitialisation = false)
    {
        Skip = skip;
        _input = RegisterModule("input", new Linear(inputs, width, generator));
        _blocks = new Linear[depth];
        for (int i = 0; i < depth; i++)
        {
            _blocks[i] = RegisterModule($"block{i}", new Linear(width, width, generator));
        }
        _output = RegisterModule("output", new Linear(width, outputs, generator));
        if (heInitialisation)
        {
            foreach (var layer in _blocks.Prepend(_input).Append(_output))
            {
                Init.KaimingNormal(layer.Weight, generator);
                Init.Zeros(layer.Bias!);
            }
        }
    }

    /// <summary>Whether the blocks add their input back.</summary>
    public bool Skip { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        var h = _input.Forward(input).Relu();
        foreach (var block in _blocks)
        {
            var f = block.Forward(h).Relu();
            h = Skip ? h + f : f;
        }
        return _output.Forward(h);
    }

    /// <inheritdoc/>
    protected override string Describe() => $"depth={_blocks.Length}, skip={Skip}";
}
