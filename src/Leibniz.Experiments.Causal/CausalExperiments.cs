namespace Leibniz.Experiments;

/// <summary>The experiment pack "Causal inference". Add a line here when you add an experiment to it.</summary>
public static class CausalExperiments
{
    /// <summary>The pack's theme, as <c>leibniz list</c> shows it.</summary>
    public const string Theme = "Causal inference";

    /// <summary>The pack's experiments, in the order <c>leibniz list</c> shows them.</summary>
    public static IReadOnlyList<IExperiment> All { get; } =
    [
        new CausalDiscovery.CausalDiscoveryExperiment(),
        new TreatmentEffects.TreatmentEffectsExperiment(),
        new Interventions.InterventionsExperiment(),
    ];
}
