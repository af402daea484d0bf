
namespace Leibniz.Experiments;

/// <summary>The experiment pack "Searching for mathematical objects". Add a line here when you add an experiment to it.</summary>
public static class DiscoveryExperiments
{
    /// <summary>The pack's theme, as <c>leibniz list</c> shows it.</summary>
    public const string Theme = "Searching for mathematical objects";

    /// <summary>The pack's experiments, in the order <c>leibniz list</c> shows them.</summary>
    public static IReadOnlyList<IExperiment> All { get; } =
    [
        new Cem.CemExperiment(),
    ];
}
