using System.Text.Json;
using Leibniz.IO;

namespace Leibniz.Lab;

/// <summary>
/// The resumable points of a run, each a folder <c>checkpoints/NAME/</c>: what the experiment writes into it, and
/// <c>run.json</c>, the run's tracked measurements up to that point (written last). A checkpoint is first written to
/// <c>NAME.partial/</c> and then swapped in by renames, so a kill at any moment leaves one complete checkpoint.
/// </summary>
/// <remarks>
/// A resumed run (<c>leibniz run --resume FOLDER</c>) executes the experiment again from the start with the same
/// seed. Everything before a checkpoint is deterministic, so it recomputes the same values; a unit of work that
/// finds its checkpoint restores its state from it instead of recomputing, and the run's measurements are set to
/// those the checkpoint saved. The finished run's metrics.jsonl is then byte-identical to an uninterrupted one.
/// </remarks>
public sealed class RunCheckpoints
{
    private const string RecordsFile = "run.json";
    private readonly RunFolder _folder;
    private readonly RunContext _context;
    private readonly Dictionary<string, int> _counters = [];
    private readonly int _haltAfter = int.TryParse(Environment.GetEnvironmentVariable("LEIBNIZ_HALT_AFTER_CHECKPOINTS"), out int n) ? n : 0;
    private int _saved;

    internal RunCheckpoints(RunFolder folder, RunContext context, bool resuming, TimeSpan interval)
    {
        _folder = folder;
        _context = context;
        Resuming = resuming;
        Interval = interval;
    }

    /// <summary>Whether this run resumes an earlier, stopped run in the same folder.</summary>
    public bool Resuming { get; }

    /// <summary>The least time between two checkpoints of a long unit (<c>leibniz run --checkpoint-seconds</c>; one minute by default).</summary>
    public TimeSpan Interval { get; }

    /// <summary>
    /// The next name for a unit of kind <paramref name="kind"/>: <c>kind-0</c>, <c>kind-1</c>, … in the order the run
    /// asks, which is the same in a resumed run (e.g. each <see cref="Trainer.Fit"/> is <c>fit-k</c>).
    /// </summary>
    public string NextName(string kind)
    {
        int k = _counters.GetValueOrDefault(kind);
        _counters[kind] = k + 1;
        return $"{kind}-{k}";
    }

    /// <summary>
    /// Saves checkpoint <paramref name="name"/>: <paramref name="write"/> fills the folder it is given, then the
    /// run's measurements so far are added and the folder replaces the previous checkpoint of that name.
    /// </summary>
    public void Save(string name, Action<string> write)
    {
        string final = Path.Combine(_folder.Path, "checkpoints", name);
        string partial = final + ".partial", old = final + ".old";
        if (Directory.Exists(partial))
        {
            Directory.Delete(partial, recursive: true);
        }
        Directory.CreateDirectory(partial);
        write(partial);
        AtomicFile.WriteText(Path.Combine(partial, RecordsFile), JsonSerializer.Serialize(_context.Records, MetricRecord.Json));
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }
        if (Directory.Exists(final))
        {
            Directory.Move(final, old);
        }
        Directory.Move(partial, final);
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }
        HaltIfAsked();
    }

    /// <summary>
    /// Fault injection for the kill tests: with <c>LEIBNIZ_HALT_AFTER_CHECKPOINTS=N</c> the run writes
    /// <c>checkpoints/halted</c> after its N-th checkpoint and then waits for ever, so that a test kills it at a known point
    /// instead of racing it.
    /// </summary>
    private void HaltIfAsked()
    {
        if (_haltAfter > 0 && ++_saved == _haltAfter)
        {
            File.WriteAllText(Path.Combine(_folder.Path, "checkpoints", "halted"), $"{_saved}\n");
            Thread.Sleep(Timeout.Infinite);
        }
    }

    /// <summary>
    /// A resumable computation of numbers: the checkpoint <c>kind-k</c> saves what <paramref name="compute"/> returned,
    /// and a resumed run that finds it returns those numbers without computing them again.
    /// </summary>
    public double[] Once(string kind, Func<double[]> compute)
    {
        string name = NextName(kind);
        if (TryRestore(name) is { } restored)
        {
            return restored.Numbers["value"];
        }
        var value = compute();
        var state = new UnitState { Finished = true };
        state.Numbers["value"] = value;
        Save(name, state);
        return value;
    }

    /// <summary>Saves <paramref name="state"/> as checkpoint <paramref name="name"/>.</summary>
    public void Save(string name, UnitState state) => Save(name, state.Write);

    /// <summary>In a resumed run, the state saved as checkpoint <paramref name="name"/> (the run's measurements become those saved with it); else null.</summary>
    /// <exception cref="InvalidDataException">The checkpoint cannot be read.</exception>
    public UnitState? TryRestore(string name)
    {
        UnitState? state = null;
        TryRestore(name, folder => state = UnitState.Read(folder));
        return state;
    }

    /// <summary>
    /// In a resumed run, restores checkpoint <paramref name="name"/> if there is a complete one: <paramref name="read"/>
    /// reads the experiment's state from its folder, and the run's measurements become those saved with it. Returns
    /// false (and does nothing) in a fresh run or when there is no such checkpoint.
    /// </summary>
    /// <exception cref="InvalidDataException">The checkpoint's measurements cannot be read.</exception>
    public bool TryRestore(string name, Action<string> read)
    {
        if (!Resuming)
        {
            return false;
        }
        string final = Path.Combine(_folder.Path, "checkpoints", name);
        string? folder = new[] { final, final + ".partial", final + ".old" }.FirstOrDefault(f => File.Exists(Path.Combine(f, RecordsFile)));
        if (folder is null)
        {
            return false;
        }
        string recordsPath = Path.Combine(folder, RecordsFile);
        List<MetricRecord> records;
        try
        {
            records = JsonSerializer.Deserialize<List<MetricRecord>>(File.ReadAllText(recordsPath), MetricRecord.Json)
                ?? throw new InvalidDataException($"'{recordsPath}' holds null instead of a list of measurements.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The checkpoint's measurements '{recordsPath}' are not valid: {e.Message}", e);
        }
        read(folder);
        _context.ReplaceRecords(records);
        _context.Log($"restored checkpoint {name} ({records.Count} measurements)");
        return true;
    }
}

/// <summary>One tracked measurement: a series, a step and named values (a line of metrics.jsonl, with exact values).</summary>
public sealed record MetricRecord(string Series, int Step, Dictionary<string, double> Values)
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
