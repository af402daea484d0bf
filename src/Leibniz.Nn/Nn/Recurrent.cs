using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>
/// A multi-layer recurrent network over sequences [N, T, in] (batch first) or [T, N, in], with PyTorch's
/// parameter names (<c>weight_ih_l0</c>, <c>weight_hh_l0</c>, <c>bias_ih_l0</c>, <c>bias_hh_l0</c>) and
/// initialisation (uniform on ±1/√hidden).
/// </summary>
public class Recurrent : Module
{
    private readonly Tensor[] _wih, _whh;
    private readonly Tensor?[] _bih, _bhh;

    public Recurrent(RecurrentCell cell, int inputSize, int hiddenSize, Generator generator, int layers = 1, bool batchFirst = true, bool bias = true, bool reluNonlinearity = false)
    {
        if (inputSize <= 0 || hiddenSize <= 0 || layers <= 0)
        {
            throw new ArgumentException($"{cell}: input size {inputSize}, hidden size {hiddenSize} and layers {layers} must be positive.");
        }
        Cell = cell;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        Layers = layers;
        BatchFirst = batchFirst;
        UseRelu = reluNonlinearity;
        int gates = cell switch { RecurrentCell.Lstm => 4, RecurrentCell.Gru => 3, _ => 1 };
        double bound = 1.0 / Math.Sqrt(hiddenSize);
        _wih = new Tensor[layers];
        _whh = new Tensor[layers];
        _bih = new Tensor?[layers];
        _bhh = new Tensor?[layers];
        for (int l = 0; l < layers; l++)
        {
            int input = l == 0 ? inputSize : hiddenSize;
            _wih[l] = RegisterParameter($"weight_ih_l{l}", Init.Uniform(Tensor.Zeros(gates * hiddenSize, input), -bound, bound, generator));
            _whh[l] = RegisterParameter($"weight_hh_l{l}", Init.Uniform(Tensor.Zeros(gates * hiddenSize, hiddenSize), -bound, bound, generator));
            if (bias)
            {
                _bih[l] = RegisterParameter($"bias_ih_l{l}", Init.Uniform(Tensor.Zeros(gates * hiddenSize), -bound, bound, generator));
                _bhh[l] = RegisterParameter($"bias_hh_l{l}", Init.Uniform(Tensor.Zeros(gates * hiddenSize), -bound, bound, generator));
            }
        }
    }

    public RecurrentCell Cell { get; }

    public int InputSize { get; }

    public int HiddenSize { get; }

    public int Layers { get; }

    public bool BatchFirst { get; }

    public bool UseRelu { get; }

    /// <summary>The output sequence (hidden states of the last layer at every step).</summary>
    public override Tensor Forward(Tensor input) => ForwardWithState(input).Output;

    /// <summary>
    /// The output sequence and the final hidden state h [layers, N, hidden] (and for LSTM the cell state c).
    /// Initial states default to zeros.
    /// </summary>
    public (Tensor Output, Tensor Hidden, Tensor? CellState) ForwardWithState(Tensor input, Tensor? h0 = null, Tensor? c0 = null)
    {
        if (input.Rank != 3 || input.Size(2) != InputSize)
        {
            throw new ArgumentException(
                $"{Cell}: expected input {(BatchFirst ? "[N, T, " : "[T, N, ")}{InputSize}], got {ShapeHelper.Format(input.Shape)}.", nameof(input));
        }
        var x = BatchFirst ? input : input.Transpose(0, 1);
        int n = x.Size(0), steps = x.Size(1);
        var finalH = new Tensor[Layers];
        var finalC = new Tensor[Layers];
        for (int l = 0; l < Layers; l++)
        {
            var h = h0 is null ? Tensor.Zeros([n, HiddenSize], input.DType) : h0[l];
            var c = c0 is null ? Tensor.Zeros([n, HiddenSize], input.DType) : c0[l];
            // One GEMM for the input contribution of every step: [N·T, gates·H].
            var projected = Tensor.Linear(x.Reshape(n * steps, x.Size(2)), _wih[l], _bih[l]).Reshape(n, steps, -1);
            var outputs = new Tensor[steps];
            for (int t = 0; t < steps; t++)
            {
                var xt = projected.Select(1, t);
                var hh = Tensor.Linear(h, _whh[l], _bhh[l]);
                (h, c) = Step(xt, hh, h, c);
                outputs[t] = h;
            }
            finalH[l] = h;
            finalC[l] = c;
            x = Tensor.Stack(outputs, 1);
        }
        var output = BatchFirst ? x : x.Transpose(0, 1);
        return (output, Tensor.Stack(finalH), Cell == RecurrentCell.Lstm ? Tensor.Stack(finalC) : null);
    }

    private (Tensor H, Tensor C) Step(Tensor xt, Tensor hh, Tensor h, Tensor c)
    {
        int hs = HiddenSize;
        switch (Cell)
        {
            case RecurrentCell.Lstm:
                {
                    var gates = xt + hh;
                    var i = gates.Narrow(1, 0, hs).Sigmoid();
                    var f = gates.Narrow(1, hs, hs).Sigmoid();
                    var g = gates.Narrow(1, 2 * hs, hs).Tanh();
                    var o = gates.Narrow(1, 3 * hs, hs).Sigmoid();
                    var cNext = f * c + i * g;
                    return (o * cNext.Tanh(), cNext);
                }
            case RecurrentCell.Gru:
                {
                    var r = (xt.Narrow(1, 0, hs) + hh.Narrow(1, 0, hs)).Sigmoid();
                    var z = (xt.Narrow(1, hs, hs) + hh.Narrow(1, hs, hs)).Sigmoid();
                    var candidate = (xt.Narrow(1, 2 * hs, hs) + r * hh.Narrow(1, 2 * hs, hs)).Tanh();
                    return ((1.0 - z) * candidate + z * h, c);
                }
            default:
                {
                    var pre = xt + hh;
                    return (UseRelu ? pre.Relu() : pre.Tanh(), c);
                }
        }
    }

    /// <inheritdoc/>
    protected override string Describe() => $"{InputSize}→{HiddenSize}, layers={Layers}";
}
