using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Leibniz.Tests.Architecture;

/// <summary>
/// The assemblies' project references against the table in ARCHITECTURE.md: every assembly under src/ has a row,
/// references only what its row allows, and experiment packs never reference each other.
/// </summary>
public partial class LayeringTests
{
    private static readonly string s_root = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Leibniz.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException($"No Leibniz.slnx above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^\| `(Leibniz[\w.]*)` \|.*\| ([^|]+) \|\s*$")]
    private static partial Regex TableRow();

    /// <summary>Assembly name → the assemblies it may reference, from ARCHITECTURE.md.</summary>
    private static Dictionary<string, HashSet<string>> Allowed()
    {
        var projects = Projects().Keys.ToArray();
        var allowed = new Dictionary<string, HashSet<string>>();
        foreach (var line in File.ReadLines(Path.Combine(s_root, "ARCHITECTURE.md")))
        {
            var match = TableRow().Match(line);
            if (!match.Success)
            {
                continue;
            }
            var names = new HashSet<string>();
            foreach (var item in match.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (item == "—")
                {
                    continue;
                }
                if (item == "the experiment packs")
                {
                    names.UnionWith(projects.Where(p => p.StartsWith("Leibniz.Experiments.", StringComparison.Ordinal)));
                    continue;
                }
                names.Add("Leibniz." + item);
            }
            allowed[match.Groups[1].Value] = names;
        }
        return allowed;
    }

    /// <summary>Every project under src/ with the names of the projects it references.</summary>
    private static Dictionary<string, string[]> Projects() =>
        Directory.GetFiles(Path.Combine(s_root, "src"), "*.csproj", SearchOption.AllDirectories).ToDictionary(
            path => Path.GetFileNameWithoutExtension(path),
            path => XDocument.Load(path).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                .ToArray());

    [Fact]
    public void Every_assembly_has_a_row_in_the_architecture_table()
    {
        var allowed = Allowed();
        var missing = Projects().Keys.Where(p => !allowed.ContainsKey(p)).ToArray();
        Assert.True(missing.Length == 0, $"ARCHITECTURE.md has no row for {string.Join(", ", missing)}");
        var stale = allowed.Keys.Where(a => !Projects().ContainsKey(a)).ToArray();
        Assert.True(stale.Length == 0, $"ARCHITECTURE.md lists assemblies that do not exist: {string.Join(", ", stale)}");
    }

    [Fact]
    public void Assemblies_reference_only_what_the_architecture_table_allows()
    {
        var allowed = Allowed();
        var wrong = new List<string>();
        foreach (var (project, references) in Projects())
        {
            if (!allowed.TryGetValue(project, out var mayReference))
            {
                continue;
            }
            wrong.AddRange(references.Where(r => !mayReference.Contains(r)).Select(r => $"{project} → {r}"));
        }
        Assert.True(wrong.Count == 0, $"References the table does not allow: {string.Join("; ", wrong)}");
    }

    [Fact]
    public void The_allowed_references_form_layers_without_cycles()
    {
        var allowed = Allowed();
        var state = new Dictionary<string, int>();
        void Visit(string node, Stack<string> path)
        {
            if (state.GetValueOrDefault(node) == 2)
            {
                return;
            }
            Assert.False(state.GetValueOrDefault(node) == 1, $"A cycle: {string.Join(" → ", path.Reverse())} → {node}");
            state[node] = 1;
            path.Push(node);
            foreach (var next in allowed.GetValueOrDefault(node) ?? [])
            {
                Visit(next, path);
            }
            path.Pop();
            state[node] = 2;
        }
        foreach (var node in allowed.Keys)
        {
            Visit(node, new Stack<string>());
        }
    }

    [Fact]
    public void Experiment_packs_never_reference_each_other()
    {
        foreach (var (project, references) in Projects().Where(p => p.Key.StartsWith("Leibniz.Experiments.", StringComparison.Ordinal)))
        {
            var packs = references.Where(r => r.StartsWith("Leibniz.Experiments.", StringComparison.Ordinal)).ToArray();
            Assert.True(packs.Length == 0, $"{project} references the pack(s) {string.Join(", ", packs)}; move what they share into a library below both.");
        }
    }
}
