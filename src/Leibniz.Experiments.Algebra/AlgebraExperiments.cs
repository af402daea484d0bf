
namespace Leibniz.Experiments;

/// <summary>The experiment pack "Computational algebra". Add a line here when you add an experiment to it.</summary>
public static class AlgebraExperiments
{
    /// <summary>The pack's theme, as <c>leibniz list</c> shows it.</summary>
    public const string Theme = "Computational algebra";

    /// <summary>The pack's experiments, in the order <c>leibniz list</c> shows them.</summary>
    public static IReadOnlyList<IExperiment> All { get; } =
    [
        new Buchberger.BuchbergerExperiment(),
        new BuchbergerRl.BuchbergerRlExperiment(),
    ];
}
