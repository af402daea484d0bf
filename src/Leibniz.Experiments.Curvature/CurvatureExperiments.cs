
namespace Leibniz.Experiments;

/// <summary>The experiment pack "Curvature, kernels and landscapes". Add a line here when you add an experiment to it.</summary>
public static class CurvatureExperiments
{
    /// <summary>The pack's theme, as <c>leibniz list</c> shows it.</summary>
    public const string Theme = "Curvature, kernels and landscapes";

    /// <summary>The pack's experiments, in the order <c>leibniz list</c> shows them.</summary>
    public static IReadOnlyList<IExperiment> All { get; } =
    [
        new HessianSpectrum.HessianSpectrumExperiment(),
        new Sharpness.SharpnessExperiment(),
        new Ntk.NtkEvolutionExperiment(),
        new WidthSweep.WidthSweepExperiment(),
        new Landscape.LandscapeExperiment(),
        new LongSteps.LongStepsExperiment(),
        new Curvature.CurvatureExperiment(),
    ];
}
