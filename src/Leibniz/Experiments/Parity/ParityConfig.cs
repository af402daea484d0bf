using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Leibniz.Experiments.Parity;

/// <summary>Configuration of <see cref="ParityExperiment"/>.</summary>
public sealed record ParityConfig
{
    /// <summary>Number of input bits n; the data set is all 2ⁿ bit strings.</summary>
    [Description("Number of input bits n; the data set is all 2^n bit strings.")]
    [Range(2, 20)]
    public int Bits { get; set; } = 12;

    /// <summary>Hidden layer widths of the MLP.</summary>
    [Description("Hidden layer widths of the MLP, e.g. 128,128.")]
    [Range(1, 8192)]
    public int[] Hidden { get; set; } = [256, 256];

    /// <summary>Activation between layers.</summary>
    [Description("Activation between layers: relu, tanh, gelu, sigmoid, softsign, softplus, leaky_relu.")]
    public string Activation { get; set; } = "relu";

    /// <summary>Fractions of the strings used for training (one model each); the rest is held out.</summary>
    [Description("Fractions of all strings used for training, one model per fraction; the rest is the test set.")]
    [Range(0.01, 0.99)]
    public double[] TrainFractions { get; set; } = [0.1, 0.25, 0.5, 0.75, 0.9];

    /// <summary>Training epochs per model.</summary>
    [Description("Training epochs per model.")]
    [Range(1, 1_000_000)]
    public int Epochs { get; set; } = 150;

    /// <summary>Mini-batch size.</summary>
    [Description("Mini-batch size.")]
    [Range(1, 1 << 20)]
    public int BatchSize { get; set; } = 64;

    /// <summary>Adam's learning rate.</summary>
    [Description("Adam learning rate.")]
    [Range(1e-7, 10.0)]
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>Evaluate and log every this many epochs.</summary>
    [Description("Evaluate train and test loss and accuracy every this many epochs.")]
    [Range(1, 1_000_000)]
    public int LogEvery { get; set; } = 5;
}
