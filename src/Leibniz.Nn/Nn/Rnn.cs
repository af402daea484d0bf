using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>Elman RNN (tanh or ReLU).</summary>
public sealed class Rnn(int inputSize, int hiddenSize, Generator generator, int layers = 1, bool batchFirst = true, bool relu = false)
    : Recurrent(RecurrentCell.Rnn, inputSize, hiddenSize, generator, layers, batchFirst, true, relu);
