using Leibniz.Numerics;

namespace Leibniz.Experiments;

/// <summary>
/// An experiment: a name, a one-line description, a configuration record whose every property has a default,
/// a <see cref="System.ComponentModel.DescriptionAttribute"/> (and where it matters a
/// <see cref="System.ComponentModel.DataAnnotations.RangeAttribute"/>), and a run method. Add one with one file
/// and one line in <see cref="ExperimentRegistry"/>.
/// </summary>
public interface IExperiment
{
    /// <summary>The name used on the command line, e.g. <c>parity</c>.</summary>
    string Name { get; }

    /// <summary>One line saying what it does.</summary>
    string Description { get; }

    /// <summary>The type of its configuration record.</summary>
    Type ConfigType { get; }

    /// <summary>The full, paper-sized-for-a-laptop configuration.</summary>
    object DefaultConfig();

    /// <summary>A small configuration that finishes in well under a minute (tests use it).</summary>
    object QuickConfig();

    /// <summary>Runs with <paramref name="config"/> (of <see cref="ConfigType"/>), logging into <paramref name="context"/>.</summary>
    void Run(object config, RunContext context);
}

/// <summary>Typed base for experiments with configuration record <typeparamref name="TConfig"/>.</summary>
public abstract class Experiment<TConfig> : IExperiment where TConfig : class, new()
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract string Description { get; }

    /// <inheritdoc/>
    public Type ConfigType => typeof(TConfig);

    /// <inheritdoc/>
    public object DefaultConfig() => new TConfig();

    /// <inheritdoc/>
    public object QuickConfig() => Quick(new TConfig());

    /// <summary>The quick configuration, derived from the defaults.</summary>
    protected abstract TConfig Quick(TConfig defaults);

    /// <inheritdoc/>
    public void Run(object config, RunContext context) => Run((TConfig)config, context);

    /// <summary>Runs the experiment.</summary>
    protected abstract void Run(TConfig config, RunContext context);
}

/// <summary>Every experiment the command knows. Add a line here when you add an experiment.</summary>
public static class ExperimentRegistry
{
    /// <summary>All registered experiments, in the order <c>leibniz list</c> shows them.</summary>
    public static IReadOnlyList<IExperiment> All { get; } =
    [
        new Parity.ParityExperiment(),
        new HessianSpectrum.HessianSpectrumExperiment(),
        new Sharpness.SharpnessExperiment(),
        new Ntk.NtkEvolutionExperiment(),
        new WidthSweep.WidthSweepExperiment(),
        new MeanField.MeanFieldExperiment(),
        new Randomization.RandomizationExperiment(),
        new Landscape.LandscapeExperiment(),
        new Mimic.MimicExperiment(),
        new Glorot.GlorotExperiment(),
        new LongSteps.LongStepsExperiment(),
        new Mobius.MobiusExperiment(),
        new Descents.DescentsExperiment(),
        new Grokking.GrokkingExperiment(),
        new Sequences.SequencesExperiment(),
        new Cem.CemExperiment(),
    ];

    /// <summary>The experiment called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static IExperiment? Find(string name) => All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Registered names closest to <paramref name="name"/> (edit distance), best first.</summary>
    public static string[] Suggest(string name) => Suggestions.Closest(name, All.Select(e => e.Name));
}
