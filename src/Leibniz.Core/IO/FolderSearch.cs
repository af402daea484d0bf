namespace Leibniz.IO;

/// <summary>Finds a data folder that lives beside or above the repository (benchmark data, <c>shared/data</c>).</summary>
public static class FolderSearch
{
    /// <summary>
    /// The value of <paramref name="variable"/> when it is set; otherwise the first folder
    /// <c>ANCESTOR/<paramref name="relative"/></c> that holds <paramref name="marker"/>, for the ancestors of the
    /// working directory and then of the program's folder; null when there is none.
    /// </summary>
    public static string? Find(string variable, string relative, string marker)
    {
        string? set = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(set))
        {
            return set;
        }
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(Path.Combine(candidate, marker)))
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}
