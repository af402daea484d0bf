using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>Long short-term memory.</summary>
public sealed class Lstm(int inputSize, int hiddenSize, Generator generator, int layers = 1, bool batchFirst = true)
    : Recurrent(RecurrentCell.Lstm, inputSize, hiddenSize, generator, layers, batchFirst);
