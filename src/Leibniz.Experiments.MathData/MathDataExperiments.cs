
namespace Leibniz.Experiments;

/// <summary>The experiment pack "Learning on mathematical data". Add a line here when you add an experiment to it.</summary>
public static class MathDataExperiments
{
    /// <summary>The pack's theme, as <c>leibniz list</c> shows it.</summary>
    public const string Theme = "Learning on mathematical data";

    /// <summary>The pack's experiments, in the order <c>leibniz list</c> shows them.</summary>
    public static IReadOnlyList<IExperiment> All { get; } =
    [
        new Parity.ParityExperiment(),
        new Mobius.MobiusExperiment(),
        new Descents.DescentsExperiment(),
        new Grokking.GrokkingExperiment(),
        new Sequences.SequencesExperiment(),
    ];
}
