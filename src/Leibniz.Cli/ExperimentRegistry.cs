using Leibniz.Experiments;
using Leibniz.Lab;
using Leibniz.Numerics;

namespace Leibniz.Cli;

/// <summary>Every experiment the command knows: the packs' lists, composed here and nowhere else.</summary>
public static class ExperimentRegistry
{
    /// <summary>The packs by theme, in the order <c>leibniz list</c> shows them.</summary>
    public static IReadOnlyList<(string Theme, IReadOnlyList<IExperiment> Experiments)> Packs { get; } =
    [
        (MathDataExperiments.Theme, MathDataExperiments.All),
        (CurvatureExperiments.Theme, CurvatureExperiments.All),
        (GeneralisationExperiments.Theme, GeneralisationExperiments.All),
        (CausalExperiments.Theme, CausalExperiments.All),
        (DiscoveryExperiments.Theme, DiscoveryExperiments.All),
        (AlgebraExperiments.Theme, AlgebraExperiments.All),
    ];

    /// <summary>All registered experiments, pack by pack.</summary>
    public static IReadOnlyList<IExperiment> All { get; } = [.. Packs.SelectMany(p => p.Experiments)];

    /// <summary>The experiment called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static IExperiment? Find(string name) => All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Registered names closest to <paramref name="name"/> (edit distance), best first.</summary>
    public static string[] Suggest(string name) => Suggestions.Closest(name, All.Select(e => e.Name));
}
