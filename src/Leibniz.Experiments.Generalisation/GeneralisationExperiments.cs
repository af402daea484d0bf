
namespace Leibniz.Experiments;

/// <summary>The experiment pack "Generalisation and training dynamics". Add a line here when you add an experiment to it.</summary>
public static class GeneralisationExperiments
{
    /// <summary>The pack's theme, as <c>leibniz list</c> shows it.</summary>
    public const string Theme = "Generalisation and training dynamics";

    /// <summary>The pack's experiments, in the order <c>leibniz list</c> shows them.</summary>
    public static IReadOnlyList<IExperiment> All { get; } =
    [
        new MeanField.MeanFieldExperiment(),
        new Randomization.RandomizationExperiment(),
        new Mimic.MimicExperiment(),
        new Glorot.GlorotExperiment(),
    ];
}
