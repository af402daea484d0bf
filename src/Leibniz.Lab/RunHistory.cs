using System.Text.Json.Nodes;

namespace Leibniz.Lab;

/// <summary>A completed run found in a runs folder: how long it took, whether it was quick, and where it is.</summary>
public sealed record PastRun(string Folder, double Seconds, bool Quick, DateTime Finished);

/// <summary>What earlier runs measured, so that running times are quoted from the last run instead of written into descriptions.</summary>
public static class RunHistory
{
    /// <summary>
    /// The most recently finished completed run of <paramref name="experiment"/> under <paramref name="root"/>,
    /// preferring full runs to quick ones; null when there is none (or the folder does not exist).
    /// </summary>
    public static PastRun? Last(string root, string experiment)
    {
        if (!Directory.Exists(root))
        {
            return null;
        }
        var runs = new List<PastRun>();
        foreach (string folder in Directory.EnumerateDirectories(root, $"{experiment}-*"))
        {
            try
            {
                var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")))?.AsObject();
                var config = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))?.AsObject();
                if (summary?["experiment"]?.GetValue<string>() != experiment || summary["status"]?.GetValue<string>() != "completed")
                {
                    continue;
                }
                runs.Add(new PastRun(folder, summary["seconds"]!.GetValue<double>(), config?["quick"]?.GetValue<bool>() == true,
                    DateTime.Parse(summary["finished"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind)));
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidOperationException or FormatException or NullReferenceException)
            {
                // A folder being written, or not a run folder: not a measurement.
            }
        }
        return runs.OrderBy(r => r.Quick).ThenByDescending(r => r.Finished).FirstOrDefault();
    }

    /// <summary>A running time for people: <c>41 s</c>, <c>3.5 min</c>, <c>1.2 h</c>.</summary>
    public static string Format(double seconds) => seconds switch
    {
        < 100 => $"{seconds:0.#} s",
        < 6000 => $"{seconds / 60:0.#} min",
        _ => $"{seconds / 3600:0.#} h",
    };
}
