using System.Globalization;
using System.Text.Json;
using Leibniz.Figures;
using Leibniz.IO;
using Leibniz.Numerics;

namespace Leibniz.Lab;

/// <summary>Progress of long work, shown as bars in a terminal and as log lines elsewhere.</summary>
public interface IRunProgress
{
    /// <summary>Starts a task of <paramref name="total"/> steps.</summary>
    IProgressTask Start(string name, int total);

    /// <summary>A line of text for the person watching.</summary>
    void Message(string text);
}

/// <summary>One task in an <see cref="IRunProgress"/>.</summary>
public interface IProgressTask
{
    /// <summary>Advances by <paramref name="steps"/> and shows <paramref name="status"/> (e.g. a metric or two).</summary>
    void Advance(int steps = 1, string? status = null);

    /// <summary>Marks the task done.</summary>
    void Complete();
}

/// <summary>Progress that goes nowhere (tests, library use).</summary>
public sealed class SilentProgress : IRunProgress
{
    /// <summary>The single instance.</summary>
    public static readonly SilentProgress Instance = new();

    /// <inheritdoc/>
    public IProgressTask Start(string name, int total) => new Task();

    /// <inheritdoc/>
    public void Message(string text)
    {
    }

    private sealed class Task : IProgressTask
    {
        public void Advance(int steps = 1, string? status = null)
        {
        }

        public void Complete()
        {
        }
    }
}

/// <summary>
/// What a running experiment gets: a seeded generator, a metrics log, progress, a figure sink, cancellation,
/// the run folder, and places for the summary figures and the report's text.
/// </summary>
public sealed class RunContext : IDisposable
{
    private static readonly JsonSerializerOptions s_oneLine = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private readonly List<MetricRecord> _records = [];
    private bool _pngWorks = true;
    private readonly StreamWriter _log;
    private StreamWriter _metrics;

    internal RunContext(RunFolder folder, ulong seed, IRunProgress progress, CancellationToken cancellation, bool resuming = false, TimeSpan? checkpointInterval = null)
    {
        Folder = folder;
        Random = new Generator(seed);
        Progress = progress;
        Cancellation = cancellation;
        Checkpoints = new RunCheckpoints(folder, this, resuming, checkpointInterval ?? TimeSpan.FromMinutes(1));
        // A resumed run writes its measurements again from the first: they are recomputed or restored from a checkpoint.
        _metrics = OpenMetrics(resuming ? FileMode.Create : FileMode.Append);
        _log = new StreamWriter(new FileStream(folder.File("log.txt"), FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
    }

    /// <summary>Where long units of the run save and, when the run resumes, restore their state.</summary>
    public RunCheckpoints Checkpoints { get; }

    /// <summary>Every measurement tracked so far, in order (what a checkpoint saves).</summary>
    internal IReadOnlyList<MetricRecord> Records => _records;

    /// <summary>The run folder.</summary>
    public RunFolder Folder { get; }

    /// <summary>The run's generator, seeded from <c>--seed</c>; split it for independent streams.</summary>
    public Generator Random { get; }

    /// <summary>Progress reporting.</summary>
    public IRunProgress Progress { get; }

    /// <summary>Set when the user presses Ctrl-C; call <see cref="ThrowIfCancelled"/> between steps.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>Final figures of the run, written to summary.json (numbers, strings or arrays of numbers).</summary>
    public Dictionary<string, object> Results { get; } = [];

    /// <summary>
    /// What the run's conclusions rest on, checked in code (a model trained, a method converged, a search found what
    /// it reports): summary.json's <c>preconditions</c>, and a failed one is printed in the report's first lines.
    /// </summary>
    public Dictionary<string, Precondition> Preconditions { get; } = [];

    /// <summary>
    /// Records precondition <paramref name="name"/> (e.g. <c>sharpness converged</c>): whether it <paramref name="holds"/>
    /// and the numbers that decide it (<paramref name="detail"/>); a failed one is also logged. Returns <paramref name="holds"/>.
    /// </summary>
    public bool Check(string name, bool holds, string detail)
    {
        Preconditions[name] = new Precondition(holds, detail);
        if (!holds)
        {
            Log($"precondition not met: {name}: {detail}");
        }
        return holds;
    }

    /// <summary>Whether the run reproduces each claim of its paper (summary.json's <c>verdicts</c>, the report's first section).</summary>
    public List<Verdict> Verdicts { get; } = [];

    /// <summary>
    /// Records whether this run reproduces <paramref name="claim"/> (the paper's words, briefly) and the numbers that
    /// decide it (<paramref name="evidence"/>; for <see cref="Reproduction.No"/> and <see cref="Reproduction.Undecided"/>, also why).
    /// </summary>
    public void Verdict(string claim, Reproduction reproduced, string evidence) => Verdicts.Add(new Verdict(claim, reproduced, evidence));

    /// <summary>Report sections written by the experiment: heading and Markdown body.</summary>
    public List<ReportSection> Report { get; } = [];

    /// <summary>Every scalar series tracked with <see cref="Track(string, int, IReadOnlyDictionary{string, double})"/>: curves to plot and the final values.</summary>
    public MetricLog Metrics { get; } = new();

    /// <summary>
    /// Records one measurement: a line <c>{"series": …, "step": …, name: value, …}</c> in metrics.jsonl, a point on each
    /// metric's curve (<see cref="Metrics"/>, for figures) and the latest value in summary.json's <c>final</c>.
    /// </summary>
    public void Track(string series, int step, params ReadOnlySpan<(string Name, double Value)> values)
    {
        var record = new Dictionary<string, double>(values.Length);
        foreach (var (name, value) in values)
        {
            record[name] = value;
        }
        Track(series, step, record);
    }

    /// <summary><see cref="Track(string, int, ReadOnlySpan{ValueTuple{string, double}})"/> for values already in a dictionary (kept in its order).</summary>
    public void Track(string series, int step, IReadOnlyDictionary<string, double> values)
    {
        var record = new MetricRecord(series, step, new Dictionary<string, double>(values));
        _records.Add(record);
        _metrics.WriteLine(Line(record));
        Metrics.Add(series, step, values);
    }

    /// <summary>Replaces every measurement so far by <paramref name="records"/> (a restored checkpoint's), metrics.jsonl included.</summary>
    internal void ReplaceRecords(IReadOnlyList<MetricRecord> records)
    {
        _metrics.Dispose();
        AtomicFile.WriteText(Folder.File("metrics.jsonl"), string.Concat(records.Select(r => Line(r) + "\n")));
        _metrics = OpenMetrics(FileMode.Append);
        _records.Clear();
        _records.AddRange(records);
        Metrics.Clear();
        foreach (var record in records)
        {
            Metrics.Add(record.Series, record.Step, record.Values);
        }
    }

    private StreamWriter OpenMetrics(FileMode mode) =>
        new(new FileStream(Folder.File("metrics.jsonl"), mode, FileAccess.Write, FileShare.Read)) { AutoFlush = true, NewLine = "\n" };

    /// <summary>Stops the run if the user asked to.</summary>
    public void ThrowIfCancelled() => Cancellation.ThrowIfCancellationRequested();

    /// <summary>
    /// The steps <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1 of a long loop shown
    /// as the progress task <paramref name="task"/>: a Ctrl-C stops it before a step, and after each step the bar
    /// advances with <paramref name="status"/>'s text.
    /// </summary>
    /// <remarks>
    /// With <paramref name="resumable"/> the loop is a resumable unit (<c>checkpoints/KIND-k/</c>): after a step, once
    /// <see cref="RunCheckpoints.Interval"/> has passed since the last save, and after the last step, it saves the
    /// step and what <see cref="Resumable.Exchange"/> binds; a resumed run restores them and continues with
    /// the next step. Everything a step changes that later steps or the report use must be in that state.
    /// </remarks>
    public IEnumerable<int> Loop(string task, int count, Func<string>? status = null, int first = 0, Resumable? resumable = null)
    {
        var progress = Progress.Start(task, count);
        string? unit = resumable is null ? null : Checkpoints.NextName(resumable.Kind);
        int start = first;
        if (unit is not null && Checkpoints.TryRestore(unit) is { } restored)
        {
            resumable!.Exchange(restored);
            start = restored.Step + 1;
            progress.Advance(start - first, $"resumed after step {restored.Step}");
        }
        var sinceSave = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            for (int step = start; step < first + count; step++)
            {
                ThrowIfCancelled();
                yield return step;
                progress.Advance(1, status?.Invoke());
                if (unit is not null && (step == first + count - 1 || sinceSave.Elapsed >= Checkpoints.Interval))
                {
                    var state = new UnitState { Step = step };
                    resumable!.Exchange(state);
                    Checkpoints.Save(unit, state);
                    sinceSave.Restart();
                }
            }
        }
        finally
        {
            progress.Complete();
        }
    }

    /// <summary>Adds results named <c>name + suffix</c> (e.g. <c>final_loss@0.1</c> for suffix <c>@0.1</c>).</summary>
    public void AddResults(string suffix, params ReadOnlySpan<(string Name, object Value)> results)
    {
        foreach (var (name, value) in results)
        {
            Results[name + suffix] = value;
        }
    }

    /// <summary>
    /// The line <c>{"series": …, "step": …, name: value, …}</c> of metrics.jsonl for one measurement, values rounded to
    /// ten decimals; each is written whole and flushed, so that an interrupted run keeps a valid file. Keep timings
    /// out: the file must reproduce exactly.
    /// </summary>
    private static string Line(MetricRecord measurement)
    {
        var record = new Dictionary<string, object> { ["series"] = measurement.Series, ["step"] = measurement.Step };
        foreach (var (k, v) in measurement.Values)
        {
            record[k] = double.IsFinite(v) ? Math.Round(v, 10) : v.ToString(CultureInfo.InvariantCulture);
        }
        return JsonSerializer.Serialize(record, s_oneLine);
    }

    /// <summary>Writes a line to log.txt and to the progress display.</summary>
    public void Log(string message)
    {
        _log.WriteLine($"{DateTime.UtcNow:O} {message}");
        Progress.Message(message);
    }

    /// <summary>
    /// Saves <paramref name="figure"/> as figures/<paramref name="name"/>.svg and a PNG copy next to it (for slides);
    /// returns the SVG's relative path. A PNG that cannot be rendered is logged once and skipped: the SVG is the figure.
    /// </summary>
    public string SaveFigure(string name, Figure figure)
    {
        string relative = $"figures/{name}.svg";
        string svg = figure.ToSvg();
        AtomicFile.WriteText(Folder.File(relative), svg);
        if (_pngWorks)
        {
            try
            {
                PngExport.Save(svg, Folder.File($"figures/{name}.png"));
            }
            catch (Exception e) when (e is InvalidOperationException or DllNotFoundException or TypeInitializationException or IOException)
            {
                _pngWorks = false;
                Log($"PNG copies of the figures are off for this run: {e.GetType().Name}: {e.Message}");
            }
        }
        return relative;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _metrics.Dispose();
        _log.Dispose();
    }
}

/// <summary>
/// How a <see cref="RunContext.Loop"/> saves and restores its state: checkpoints named <c>Kind-k</c>, and
/// <paramref name="Exchange"/> listing the loop's state (models, optimisers, generators, lists, numbers) once with
/// <see cref="UnitState"/>'s <c>Bind</c> methods, which save it or restore it as the state says.
/// </summary>
public sealed record Resumable(string Kind, Action<UnitState> Exchange);

/// <summary>Whether a run reproduces a claim.</summary>
public enum Reproduction
{
    /// <summary>Reproduced: the deciding number is on the paper's side of the line.</summary>
    Yes,

    /// <summary>Part of the claim holds, or it holds only in some of the settings.</summary>
    Partly,

    /// <summary>Not reproduced.</summary>
    No,

    /// <summary>Cannot be decided from this run (a precondition failed, or the run is too small).</summary>
    Undecided,
}

/// <summary>A paper's claim, whether the run reproduces it, and the numbers that decide it.</summary>
public sealed record Verdict(string Claim, Reproduction Reproduced, string Evidence);

/// <summary>A checked precondition: whether it holds and the numbers that decide it.</summary>
public sealed record Precondition(bool Holds, string Detail);

/// <summary>A heading and its Markdown text.</summary>
public sealed record ReportSection(string Heading, string Markdown);
