using System.Text.RegularExpressions;
using Leibniz.Algebra.Fields;

namespace Leibniz.Algebra.Polynomials;

/// <summary>
/// A ring as users write it: <c>x,y,z over GF(32003) grevlex</c> (after an optional <c>ring:</c>), the field a prime
/// p, <c>GF(p)</c>, <c>ZZ/p</c> or <c>QQ</c>, the order any of <see cref="MonomialOrder.ValidChoices"/>. The field
/// and order are checked here; the variables when a ring is made.
/// </summary>
public sealed partial record RingDeclaration(IReadOnlyList<string> Variables, string Field, string Order)
{
    /// <summary>The field forms <see cref="ParseField"/> accepts.</summary>
    public const string ValidFields = "a prime p < 2^31 (or GF(p), ZZ/p), or QQ for the rationals";

    /// <summary>0 for ℚ, else the prime.</summary>
    public int Characteristic => ParseField(Field);

    /// <summary>Parses <c>x,y,z over GF(32003) grevlex</c>; the order defaults to grevlex, the field to GF(32003).</summary>
    /// <exception cref="PolynomialParseException">A part is missing or invalid; the column points at it.</exception>
    public static RingDeclaration Parse(string text, int line = 0)
    {
        var match = Declaration().Match(text);
        if (!match.Success)
        {
            throw new PolynomialParseException("expected a ring such as 'ring: x,y,z over GF(32003) grevlex'", text, 1, line);
        }
        var varsGroup = match.Groups["vars"];
        var variables = new List<string>();
        foreach (Match name in NameToken().Matches(varsGroup.Value))
        {
            if (!Identifier().IsMatch(name.Value))
            {
                throw new PolynomialParseException($"'{name.Value}' is not a variable name (a letter, then letters, digits or '_')", text, varsGroup.Index + name.Index + 1, line);
            }
            variables.Add(name.Value);
        }
        var field = match.Groups["field"].Success ? match.Groups["field"].Value : PrimeField.DefaultPrime.ToString();
        try
        {
            ParseField(field);
        }
        catch (FormatException e)
        {
            throw new PolynomialParseException(e.Message, text, match.Groups["field"].Index + 1, line);
        }
        var order = match.Groups["order"].Success && match.Groups["order"].Value.Trim().Length > 0 ? match.Groups["order"].Value.Trim() : "grevlex";
        try
        {
            MonomialOrder.Parse(order, variables.Count);
        }
        catch (FormatException e)
        {
            throw new PolynomialParseException(e.Message, text, match.Groups["order"].Index + 1, line);
        }
        return new RingDeclaration(variables, field, order);
    }

    /// <summary>0 for ℚ (<c>QQ</c>, <c>0</c>), else the prime of <c>p</c>, <c>GF(p)</c> or <c>ZZ/p</c>.</summary>
    /// <exception cref="FormatException">Not one of <see cref="ValidFields"/>, or p is not a prime below 2³¹.</exception>
    public static int ParseField(string text)
    {
        var t = text.Trim();
        if (t.Equals("QQ", StringComparison.OrdinalIgnoreCase) || t == "0" || t == "Q")
        {
            return 0;
        }
        var m = PrimeText().Match(t);
        var digits = m.Success ? m.Groups.Values.Skip(1).First(g => g.Success).Value : "";
        if (!m.Success || !long.TryParse(digits, out long p))
        {
            throw new FormatException($"unknown field '{text}'; valid choices: {ValidFields}.");
        }
        if (p >= int.MaxValue || !PrimeField.IsPrime(p))
        {
            throw new FormatException($"the field's characteristic {p} is not a prime below 2^31; valid choices: {ValidFields}.");
        }
        return (int)p;
    }

    /// <summary>The text form, <c>x,y,z over GF(32003) grevlex</c>.</summary>
    public override string ToString() => $"{string.Join(",", Variables)} over {(Characteristic == 0 ? "QQ" : $"GF({Characteristic})")} {Order}";

    [GeneratedRegex(@"^\s*(ring\s*:)?\s*(?<vars>[^\s,]+(\s*,\s*[^\s,]+)*)\s*(over\s+(?<field>\S+))?\s*(?<order>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Declaration();

    [GeneratedRegex(@"[^,\s]+")]
    private static partial Regex NameToken();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^(?:GF\((\d+)\)|ZZ/(\d+)|(\d+))$", RegexOptions.IgnoreCase)]
    private static partial Regex PrimeText();
}
