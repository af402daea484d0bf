using Leibniz.Numerics;

namespace Leibniz.Lab;

/// <summary>
/// An experiment: a name, a one-line description, a configuration record whose every property has a default,
/// a <see cref="System.ComponentModel.DescriptionAttribute"/> (and where it matters a
/// <see cref="System.ComponentModel.DataAnnotations.RangeAttribute"/>), and a run method. Add one with one file in
/// an experiment pack and one line in that pack's list of experiments.
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

    /// <summary>
    /// Adds the sections of the experiment's report template (<see cref="ReportTemplate"/>, <c>{Name}.md</c> next to it) to
    /// the report, filling placeholders from <paramref name="values"/>, then <see cref="RunContext.Results"/>, then the
    /// configuration's keys.
    /// </summary>
    protected void WriteReport(RunContext context, TConfig config, params (string Key, object? Value)[] values)
    {
        var given = values.ToDictionary(v => v.Key, v => v.Value);
        (bool, object?) Lookup(string key) =>
            given.TryGetValue(key, out var value) ? (true, value)
            : context.Results.TryGetValue(key, out var result) ? (true, result)
            : ConfigBinder.TryGet(config, key, out var parameter) ? (true, parameter)
            : (false, null);
        context.Report.AddRange(ReportTemplate.Render(ReportTemplate.Load(GetType().Assembly, Name), Lookup, $"{Name}.md"));
    }
}
