using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Leibniz.IO;

namespace Leibniz.Lab;

/// <summary>
/// A run's folder: <c>config.json</c>, <c>metrics.jsonl</c>, <c>summary.json</c>, <c>figures/*.svg</c>,
/// <c>report.md</c>, <c>report.html</c> and <c>log.txt</c>. A new folder is made for every run; none is ever
/// overwritten.
/// </summary>
public sealed class RunFolder
{
    private RunFolder(string path)
    {
        Path = path;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>The full path of a file inside the run folder (its directory is created).</summary>
    public string File(string relative)
    {
        string full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return full;
    }

    /// <summary>Creates <c>root/name-yyyyMMdd-HHmmss-seedN</c>, adding -2, -3, … if it exists.</summary>
    public static RunFolder Create(string root, string experiment, ulong seed)
    {
        string stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        string baseName = System.IO.Path.Combine(root, $"{experiment}-{stamp}-seed{seed}");
        string path = baseName;
        for (int k = 2; Directory.Exists(path) || System.IO.File.Exists(path); k++)
        {
            path = $"{baseName}-{k}";
        }
        Directory.CreateDirectory(path);
        Directory.CreateDirectory(System.IO.Path.Combine(path, "figures"));
        return new RunFolder(System.IO.Path.GetFullPath(path));
    }

    /// <summary>config.json: the experiment, seed, quick flag, configuration and environment.</summary>
    public JsonObject ReadConfig() => JsonNode.Parse(System.IO.File.ReadAllText(File("config.json")))!.AsObject();

    /// <summary>summary.json, or null while the run has none (running, or killed before it could write it).</summary>
    public JsonObject? ReadSummary()
    {
        string path = File("summary.json");
        return System.IO.File.Exists(path) ? JsonNode.Parse(System.IO.File.ReadAllText(path))!.AsObject() : null;
    }

    /// <summary>
    /// Where the run stands: its summary's status (<c>completed</c>, <c>interrupted</c>, <c>failed</c>, <c>killed</c>);
    /// <c>running</c> while the process that holds its <c>run.lock</c> is alive; <c>killed</c> when there is no summary and
    /// no live process (the process was killed, or the machine stopped).
    /// </summary>
    public string Status()
    {
        if (ReadSummary()?["status"]?.GetValue<string>() is { } status)
        {
            return status;
        }
        return LockHolderAlive() ? "running" : "killed";
    }

    /// <summary>Marks the folder as in use by this process (<c>run.lock</c>: its id and start time).</summary>
    internal void Lock()
    {
        using var self = Process.GetCurrentProcess();
        var document = new JsonObject { ["pid"] = self.Id, ["started"] = self.StartTime.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) };
        AtomicFile.WriteText(File("run.lock"), document.ToJsonString());
    }

    /// <summary>Removes <c>run.lock</c>.</summary>
    internal void Unlock() => System.IO.File.Delete(File("run.lock"));

    private bool LockHolderAlive()
    {
        string path = File("run.lock");
        if (!System.IO.File.Exists(path))
        {
            return false;
        }
        try
        {
            var document = JsonNode.Parse(System.IO.File.ReadAllText(path));
            if (document?["pid"]?.GetValue<int>() is not int pid || document["started"]?.GetValue<string>() is not string text)
            {
                return false;
            }
            var started = DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            using var process = Process.GetProcessById(pid);
            // A process id can be reused: it is the same process only if it started at the same time.
            return Math.Abs((process.StartTime.ToUniversalTime() - started).TotalSeconds) < 2;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.Text.Json.JsonException or FormatException or IOException)
        {
            return false;
        }
    }

    /// <summary>An existing run folder.</summary>
    /// <exception cref="DirectoryNotFoundException">It does not exist or has no config.json.</exception>
    public static RunFolder Open(string path)
    {
        if (!System.IO.File.Exists(System.IO.Path.Combine(path, "config.json")))
        {
            throw new DirectoryNotFoundException($"'{path}' is not a run folder: it has no config.json.");
        }
        return new RunFolder(System.IO.Path.GetFullPath(path));
    }
}
