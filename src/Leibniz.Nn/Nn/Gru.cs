using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>Gated recurrent unit.</summary>
public sealed class Gru(int inputSize, int hiddenSize, Generator generator, int layers = 1, bool batchFirst = true)
    : Recurrent(RecurrentCell.Gru, inputSize, hiddenSize, generator, layers, batchFirst);
