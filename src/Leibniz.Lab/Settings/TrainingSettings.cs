using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Leibniz.Lab;

/// <summary>How long and with what steps a network is trained: epochs, mini-batch size, learning rate.</summary>
public sealed record TrainingSettings : Settings
{
    [Description("Training epochs (passes over the training set) per model.")]
    [Range(0, 1_000_000)]
    public int Epochs { get; set; } = 10;

    [Description("Mini-batch size.")]
    [Range(1, 1 << 20)]
    public int BatchSize { get; set; } = 64;

    [Description("Learning rate of the optimiser.")]
    [Range(1e-7, 100.0)]
    public double LearningRate { get; set; } = 1e-3;
}
