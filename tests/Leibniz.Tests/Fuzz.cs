using Leibniz.Graphs;
using Leibniz.Numerics;

namespace Leibniz.Tests;

/// <summary>Shared pieces of the readers' fuzz tests and the random-graph property tests.</summary>
internal static class Fuzz
{
    /// <summary>Mutated inputs per reader: <c>LEIBNIZ_FUZZ_INPUTS</c>, or 3,000 (CI).</summary>
    public static int Inputs => int.TryParse(Environment.GetEnvironmentVariable("LEIBNIZ_FUZZ_INPUTS"), out int n) ? n : 3000;

    /// <summary>One to three random edits of <paramref name="valid"/>: replace an element, delete one, cut the tail, or insert one.</summary>
    public static List<T> Mutate<T>(IEnumerable<T> valid, Generator generator, Func<Generator, T> element)
    {
        var items = valid.ToList();
        int edits = 1 + (int)generator.NextInt64(3);
        for (int e = 0; e < edits; e++)
        {
            int at = (int)generator.NextInt64(items.Count + 1);
            var value = element(generator);
            switch (generator.NextInt64(4))
            {
                case 0 when at < items.Count:
                    items[at] = value;
                    break;
                case 1 when at < items.Count:
                    items.RemoveAt(at);
                    break;
                case 2 when at < items.Count:
                    items.RemoveRange(at, items.Count - at);
                    break;
                default:
                    items.Insert(at, value);
                    break;
            }
        }
        return items;
    }

    /// <summary><see cref="Mutate{T}"/> of a string with characters from <paramref name="alphabet"/>.</summary>
    public static string Mutate(string valid, Generator generator, string alphabet) =>
        new([.. Mutate(valid, generator, g => alphabet[(int)g.NextInt64(alphabet.Length)])]);

    /// <summary>A random graph G(n, p) with n uniform in [<paramref name="minOrder"/>, <paramref name="maxOrder"/>] and p uniform in [0, 1).</summary>
    public static Graph RandomGraph(Generator generator, int minOrder, int maxOrder)
    {
        int n = minOrder + (int)generator.NextInt64(maxOrder - minOrder + 1);
        double p = generator.NextDouble();
        var edges = new List<(int, int)>();
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                if (generator.NextDouble() < p)
                {
                    edges.Add((i, j));
                }
            }
        }
        return Graph.FromEdges(n, edges);
    }
}
