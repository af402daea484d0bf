using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Leibniz.Experiments.MeanField;

/// <summary>Configuration of <see cref="MeanFieldExperiment"/>.</summary>
public sealed record MeanFieldConfig
{
    /// <summary>Neurons of the teacher.</summary>
    [Description("Neurons of the teacher network f*(x) = Σ_j a_j relu(w_j·x) on inputs in the plane.")]
    [Range(1, 100)]
    public int TeacherNeurons { get; set; } = 5;

    /// <summary>Student widths m.</summary>
    [Description("Student widths m (mean-field scaling f(x) = (1/m) Σ_i a_i relu(w_i·x)).")]
    [Range(1, 100000)]
    public int[] Widths { get; set; } = [2, 4, 8, 32, 256];

    /// <summary>Training samples.</summary>
    [Description("Samples x ~ N(0, I) in the plane (full batch).")]
    [Range(8, 100000)]
    public int Samples { get; set; } = 512;

    /// <summary>Gradient descent steps.</summary>
    [Description("Gradient descent steps.")]
    [Range(1, 1_000_000)]
    public int Steps { get; set; } = 3000;

    /// <summary>Step size (scaled by m for each particle).</summary>
    [Description("Step size η; each particle moves with η·m (the mean-field time scale).")]
    [Range(1e-6, 100.0)]
    public double LearningRate { get; set; } = 0.05;

    /// <summary>Particles drawn per width.</summary>
    [Description("Particles whose trajectories are drawn per width.")]
    [Range(1, 1000)]
    public int DrawnParticles { get; set; } = 40;
}
