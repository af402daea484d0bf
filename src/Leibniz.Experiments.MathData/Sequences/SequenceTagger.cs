
namespace Leibniz.Experiments.Sequences;

/// <summary>A recurrent network with a linear read-out at every step: [B, T, input] → [B, T, outputs].</summary>
internal sealed class SequenceTagger : Module
{
    private readonly Recurrent _recurrent;
    private readonly Linear _head;

    /// <summary>Builds an RNN, LSTM or GRU ("rnn", "lstm", "gru") of the given width and a read-out.</summary>
    public SequenceTagger(string cell, int inputs, int hidden, int outputs, Generator generator)
    {
        _recurrent = RegisterModule("recurrent", cell.ToLowerInvariant() switch
        {
            "rnn" => (Recurrent)new Rnn(inputs, hidden, generator),
            "lstm" => new Lstm(inputs, hidden, generator),
            "gru" => new Gru(inputs, hidden, generator),
            _ => throw new ArgumentException($"Unknown recurrent cell '{cell}'; choose from rnn, lstm, gru.", nameof(cell)),
        });
        _head = RegisterModule("head", new Linear(hidden, outputs, generator));
    }

    public override Tensor Forward(Tensor input)
    {
        var states = _recurrent.Forward(input);
        int batch = states.Size(0), steps = states.Size(1);
        return _head.Forward(states.Reshape(batch * steps, -1)).Reshape(batch, steps, -1);
    }
}
