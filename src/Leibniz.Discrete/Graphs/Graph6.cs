using System.Text;

namespace Leibniz.Graphs;

/// <summary>
/// The graph6 format of nauty (B. McKay): N(n) followed by R(x), where x lists the upper triangle of the
/// adjacency matrix column by column — A[0,1], A[0,2], A[1,2], A[0,3], A[1,3], A[2,3], … — packed six bits
/// per character (most significant first, padded with zeros) and every 6-bit value v written as the character v + 63.
/// N(n) is the single character n + 63 for n ≤ 62, and '~' followed by three such characters for 63 ≤ n ≤ 64.
/// </summary>
public static class Graph6
{
    /// <summary>The graph6 string of <paramref name="graph"/>.</summary>
    public static string Encode(Graph graph)
    {
        int n = graph.Order;
        var text = new StringBuilder();
        if (n <= 62)
        {
            text.Append((char)(n + 63));
        }
        else
        {
            text.Append('~').Append((char)((n >> 12 & 63) + 63)).Append((char)((n >> 6 & 63) + 63)).Append((char)((n & 63) + 63));
        }
        int value = 0, bits = 0;
        for (int j = 1; j < n; j++)
        {
            for (int i = 0; i < j; i++)
            {
                value = value << 1 | (graph.HasEdge(i, j) ? 1 : 0);
                if (++bits == 6)
                {
                    text.Append((char)(value + 63));
                    value = bits = 0;
                }
            }
        }
        if (bits > 0)
        {
            text.Append((char)((value << (6 - bits)) + 63));
        }
        return text.ToString();
    }

    /// <summary>Parses a graph6 string (an optional <c>&gt;&gt;graph6&lt;&lt;</c> header is skipped).</summary>
    /// <exception cref="FormatException">A character outside '?' … '~', a wrong length, padding bits set, or an order above 64.</exception>
    public static Graph Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string s = text.Trim();
        if (s.StartsWith(">>graph6<<", StringComparison.Ordinal))
        {
            s = s[10..];
        }
        if (s.Length == 0)
        {
            throw new FormatException("graph6: empty string.");
        }
        for (int k = 0; k < s.Length; k++)
        {
            if (s[k] < 63 || s[k] > 126)
            {
                throw new FormatException($"graph6: character '{s[k]}' at position {k} is outside '?' … '~' (codes 63 … 126).");
            }
        }
        int n, start;
        if (s[0] != '~')
        {
            n = s[0] - 63;
            start = 1;
        }
        else
        {
            if (s.Length < 4 || s[1] == '~')
            {
                throw new FormatException($"graph6: orders above {Graph.MaxOrder} are not supported.");
            }
            n = (s[1] - 63) << 12 | (s[2] - 63) << 6 | (s[3] - 63);
            start = 4;
        }
        if (n > Graph.MaxOrder)
        {
            throw new FormatException($"graph6: order {n} is above the supported {Graph.MaxOrder}.");
        }
        int pairs = n * (n - 1) / 2;
        int expected = (pairs + 5) / 6;
        if (s.Length - start != expected)
        {
            throw new FormatException($"graph6: a graph on {n} vertices needs {expected} edge characters after the order; got {s.Length - start}.");
        }
        int padding = expected * 6 - pairs;
        if (expected > 0 && ((s[^1] - 63) & ((1 << padding) - 1)) != 0)
        {
            throw new FormatException($"graph6: the last character '{s[^1]}' sets padding bits; the {padding} bits after the {pairs} edge bits must be 0.");
        }
        var edges = new List<(int, int)>();
        int bit = 0;
        for (int j = 1; j < n; j++)
        {
            for (int i = 0; i < j; i++, bit++)
            {
                int value = s[start + bit / 6] - 63;
                if ((value >> (5 - bit % 6) & 1) != 0)
                {
                    edges.Add((i, j));
                }
            }
        }
        return Graph.FromEdges(n, edges);
    }
}
