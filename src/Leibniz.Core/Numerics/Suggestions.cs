namespace Leibniz.Numerics;

/// <summary>"Did you mean" suggestions by Levenshtein distance.</summary>
public static class Suggestions
{
    /// <summary>Up to three candidates within distance max(2, |name|/2), closest first.</summary>
    public static string[] Closest(string name, IEnumerable<string> candidates) => candidates
        .Select(c => (c, d: Distance(name.ToLowerInvariant(), c.ToLowerInvariant())))
        .Where(t => t.d <= Math.Max(2, name.Length / 2) || t.c.Contains(name, StringComparison.OrdinalIgnoreCase))
        .OrderBy(t => t.d).Take(3).Select(t => t.c).ToArray();

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
