using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>Which recurrent cell a <see cref="Recurrent"/> layer runs.</summary>
public enum RecurrentCell
{
    /// <summary>Elman RNN: <c>h' = tanh(W_ih x + b_ih + W_hh h + b_hh)</c> (or ReLU).</summary>
    Rnn,

    /// <summary>
    /// LSTM (Hochreiter &amp; Schmidhuber), gates in PyTorch's order i, f, g, o:
    /// <c>c' = σ(f)·c + σ(i)·tanh(g)</c>, <c>h' = σ(o)·tanh(c')</c>.
    /// </summary>
    Lstm,

    /// <summary>
    /// GRU (Cho et al.), gates r, z, n: <c>n = tanh(W_in x + b_in + r·(W_hn h + b_hn))</c>, <c>h' = (1 − z)·n + z·h</c>.
    /// </summary>
    Gru,
}
