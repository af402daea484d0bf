namespace Leibniz.Algebra.Polynomials;

/// <summary>A polynomial, ring or ideal text that does not parse; <see cref="Column"/> is 1-based.</summary>
public sealed class PolynomialParseException : FormatException
{
    /// <summary>An error at <paramref name="column"/> of <paramref name="source"/>.</summary>
    public PolynomialParseException(string problem, string source, int column, int line = 0)
        : base(Describe(problem, source, column, line))
    {
        Problem = problem;
        Text = source;
        Column = column;
        Line = line;
    }

    /// <summary>What was wrong, without the position.</summary>
    public string Problem { get; }

    /// <summary>The text that was parsed (one line).</summary>
    public string Text { get; }

    /// <summary>The 1-based column of the error.</summary>
    public int Column { get; }

    /// <summary>The 1-based line in a file, or 0 when the text was one string.</summary>
    public int Line { get; }

    private static string Describe(string problem, string source, int column, int line)
    {
        var where = line > 0 ? $"line {line}, column {column}" : $"column {column}";
        var caret = new string(' ', Math.Max(0, column - 1)) + "^";
        return $"{where}: {problem}\n  {source}\n  {caret}";
    }
}
