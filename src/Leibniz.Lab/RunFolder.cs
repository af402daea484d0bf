using System.Globalization;

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
