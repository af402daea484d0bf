namespace Leibniz.Algebra.Polynomials;

/// <summary>One ideal of a file: its ring, its generators' text and the file line the text starts on.</summary>
public sealed record IdealText(RingDeclaration Ring, string Text, int FirstLine)
{
    /// <summary>Parses the generators in <paramref name="ring"/>, reporting errors at their line in the file.</summary>
    /// <exception cref="PolynomialParseException">A generator does not parse.</exception>
    public IReadOnlyList<Polynomial<T>> Parse<T>(PolynomialRing<T> ring)
    {
        try
        {
            return ring.ParseList(Text);
        }
        catch (PolynomialParseException e)
        {
            int line = FirstLine + Math.Max(0, e.Line - 1);
            throw new PolynomialParseException(e.Problem, e.Text, e.Column, line);
        }
    }
}

/// <summary>
/// A file of ideals: lines <c>ring: x,y,z over GF(32003) grevlex</c> set the ring of the ideals after them; ideals
/// are separated by blank lines or a line holding <c>;</c>; within an ideal, generators are separated by commas or
/// line breaks; <c>#</c> and <c>//</c> start comments.
/// </summary>
public static class IdealFile
{
    /// <summary>The ideals of <paramref name="text"/>; <paramref name="ring"/> applies until a <c>ring:</c> line.</summary>
    /// <exception cref="PolynomialParseException">A ring line is invalid, or an ideal comes before any ring.</exception>
    public static IReadOnlyList<IdealText> Parse(string text, RingDeclaration? ring = null)
    {
        var result = new List<IdealText>();
        var block = new List<string>();
        int blockStart = 0;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        void Flush()
        {
            if (block.Count == 0)
            {
                return;
            }
            if (ring is null)
            {
                throw new PolynomialParseException("an ideal comes before any 'ring: x,y,z over GF(32003) grevlex' line (or give --vars)", block[0], 1, blockStart);
            }
            result.Add(new IdealText(ring, string.Join("\n", block), blockStart));
            block.Clear();
        }
        for (int i = 0; i < lines.Length; i++)
        {
            var line = StripComment(lines[i]);
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed == ";")
            {
                Flush();
                continue;
            }
            if (trimmed.StartsWith("ring", StringComparison.OrdinalIgnoreCase) && trimmed[4..].TrimStart().StartsWith(':'))
            {
                Flush();
                ring = RingDeclaration.Parse(line, i + 1);
                continue;
            }
            if (block.Count == 0)
            {
                blockStart = i + 1;
            }
            block.Add(line.TrimEnd().TrimEnd(';'));
        }
        Flush();
        return result;
    }

    private static string StripComment(string line)
    {
        int hash = line.IndexOf('#');
        int slashes = line.IndexOf("//", StringComparison.Ordinal);
        int cut = hash < 0 ? slashes : slashes < 0 ? hash : Math.Min(hash, slashes);
        return cut < 0 ? line : line[..cut];
    }
}
