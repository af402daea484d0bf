using System.Globalization;
using System.Text;

namespace Leibniz.Algebra.Polynomials;

/// <summary>
/// A monomial order given by a square matrix M with non-negative integer entries: x^a &gt; x^b when the vector M·a is
/// lexicographically greater than M·b. Every order here has such a matrix, and because the key M·a is linear in a,
/// the key of a product is the sum of the keys (<see cref="MonomialLayout"/> packs keys beside the exponents).
/// <list type="bullet">
/// <item>lex: M = I.</item>
/// <item>grlex: rows 1…1, e₁, …, e_{n−1} (total degree, then lex).</item>
/// <item>grevlex: rows 1…1, 1…10, …, 10…0: with equal degree, a smaller exponent of the last variable wins, which
/// is a larger sum of the others.</item>
/// <item>weighted(w) (Singular's wp): rows w, w − e_n, w − e_n − e_{n−1}, …: the weighted degree, then the same
/// reverse-lexicographic tie-breaks; weights must be positive so that the rows stay non-negative.</item>
/// <item>block(o₁:k₁, o₂:k₂, …): the product (elimination) order, the rows of each block's order on its variables.</item>
/// </list>
/// </summary>
public sealed class MonomialOrder
{
    /// <summary>The order names <see cref="Parse"/> accepts.</summary>
    public const string ValidChoices = "lex, grlex, grevlex, weighted(w1,...,wn), block(ORDER:k,...), elimination(k)";

    private readonly int[][] _rows;

    private MonomialOrder(string name, string singularName, int[][] rows)
    {
        Name = name;
        SingularName = singularName;
        _rows = rows;
    }

    /// <summary>The order as written (<c>grevlex</c>, <c>weighted(1,2,3)</c>, <c>block(grevlex:2,grevlex:1)</c>).</summary>
    public string Name { get; }

    /// <summary>The same order in Singular's notation (<c>dp</c>, <c>lp</c>, <c>Dp</c>, <c>wp(1,2,3)</c>, <c>(dp(2),dp(1))</c>).</summary>
    public string SingularName { get; }

    /// <summary>The number of variables it orders.</summary>
    public int VariableCount => _rows.Length;

    /// <summary>Whether the first row is all ones (the order refines total degree), as grlex and grevlex do.</summary>
    public bool IsDegreeCompatible => _rows[0].All(w => w == 1);

    /// <summary>Entry (row, column) of the matrix.</summary>
    public int this[int row, int column] => _rows[row][column];

    /// <summary>Lexicographic order on <paramref name="n"/> variables, x₁ &gt; x₂ &gt; … .</summary>
    public static MonomialOrder Lex(int n) => new("lex", "lp", Matrix(n, (i, j) => i == j ? 1 : 0));

    /// <summary>Graded lexicographic order.</summary>
    public static MonomialOrder Grlex(int n) => new("grlex", "Dp", Matrix(n, (i, j) => i == 0 || j == i - 1 ? 1 : 0));

    /// <summary>Graded reverse lexicographic order.</summary>
    public static MonomialOrder Grevlex(int n) => new("grevlex", "dp", Matrix(n, (i, j) => j < n - i ? 1 : 0));

    /// <summary>Weighted degree with weights <paramref name="weights"/>, ties broken reverse-lexicographically.</summary>
    /// <exception cref="ArgumentException">A weight is not positive.</exception>
    public static MonomialOrder Weighted(IReadOnlyList<int> weights)
    {
        int n = weights.Count;
        if (n == 0 || weights.Any(w => w <= 0))
        {
            throw new ArgumentException($"weights must be positive integers, one per variable; got ({string.Join(",", weights)}).", nameof(weights));
        }
        var list = string.Join(",", weights.Select(w => w.ToString(CultureInfo.InvariantCulture)));
        return new MonomialOrder($"weighted({list})", $"wp({list})", Matrix(n, (i, j) => weights[j] - (j >= n - i ? 1 : 0)));
    }

    /// <summary>The product order of <paramref name="blocks"/>, each on the next variables in turn.</summary>
    public static MonomialOrder Block(IReadOnlyList<MonomialOrder> blocks)
    {
        int n = blocks.Sum(b => b.VariableCount);
        var rows = new int[n][];
        int offset = 0;
        foreach (var block in blocks)
        {
            for (int i = 0; i < block.VariableCount; i++)
            {
                var row = new int[n];
                for (int j = 0; j < block.VariableCount; j++)
                {
                    row[offset + j] = block[i, j];
                }
                rows[offset + i] = row;
            }
            offset += block.VariableCount;
        }
        var name = $"block({string.Join(",", blocks.Select(b => $"{b.Name}:{b.VariableCount}"))})";
        var singular = $"({string.Join(",", blocks.Select(b => SingularBlock(b)))})";
        return new MonomialOrder(name, singular, rows);
    }

    /// <summary>The elimination order for the first <paramref name="k"/> variables: block(grevlex:k, grevlex:n−k).</summary>
    public static MonomialOrder Elimination(int k, int n)
    {
        if (k <= 0 || k >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"elimination(k) needs 0 < k < {n}, the number of variables.");
        }
        return Block([Grevlex(k), Grevlex(n - k)]);
    }

    /// <summary>Parses an order name for <paramref name="n"/> variables.</summary>
    /// <exception cref="FormatException">The name is not one of <see cref="ValidChoices"/>, or its sizes do not add up to n.</exception>
    public static MonomialOrder Parse(string text, int n)
    {
        var t = text.Trim().Replace(" ", "", StringComparison.Ordinal);
        if (t == "Dp")
        {
            return Grlex(n);
        }
        switch (t.ToLowerInvariant())
        {
            case "lex":
            case "lp":
                return Lex(n);
            case "grlex":
            case "deglex":
                return Grlex(n);
            case "grevlex":
            case "degrevlex":
            case "dp":
                return Grevlex(n);
        }
        if (TryArguments(t, "weighted", out var weightsText) || TryArguments(t, "wp", out weightsText))
        {
            var weights = ParseIntegers(weightsText, text);
            if (weights.Count != n)
            {
                throw new FormatException($"the order '{text}' gives {weights.Count} weights for {n} variables; give one positive weight per variable.");
            }
            return Weighted(weights);
        }
        if (TryArguments(t, "elimination", out var kText))
        {
            var k = ParseIntegers(kText, text);
            if (k.Count != 1 || k[0] <= 0 || k[0] >= n)
            {
                throw new FormatException($"the order '{text}' needs one k with 0 < k < {n}: elimination(k) eliminates the first k variables.");
            }
            return Elimination(k[0], n);
        }
        if (TryArguments(t, "block", out var blocksText))
        {
            var blocks = new List<MonomialOrder>();
            foreach (var part in SplitTopLevel(blocksText))
            {
                int colon = part.LastIndexOf(':');
                if (colon < 0 || !int.TryParse(part[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size <= 0)
                {
                    throw new FormatException($"the block '{part}' in '{text}' must read ORDER:k, for example grevlex:2.");
                }
                blocks.Add(Parse(part[..colon], size));
            }
            if (blocks.Sum(b => b.VariableCount) != n)
            {
                throw new FormatException($"the blocks of '{text}' cover {blocks.Sum(b => b.VariableCount)} variables, but the ring has {n}.");
            }
            return Block(blocks);
        }
        throw new FormatException($"unknown monomial order '{text}'; valid choices: {ValidChoices}.");
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private static string SingularBlock(MonomialOrder b) => b.SingularName.StartsWith('(') || b.SingularName.Contains('(')
        ? b.SingularName
        : $"{b.SingularName}({b.VariableCount})";

    private static int[][] Matrix(int n, Func<int, int, int> entry)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "a monomial order needs at least one variable.");
        }
        var rows = new int[n][];
        for (int i = 0; i < n; i++)
        {
            rows[i] = new int[n];
            for (int j = 0; j < n; j++)
            {
                rows[i][j] = entry(i, j);
            }
        }
        return rows;
    }

    private static bool TryArguments(string text, string head, out string arguments)
    {
        arguments = "";
        if (text.StartsWith(head + "(", StringComparison.OrdinalIgnoreCase) && text.EndsWith(')'))
        {
            arguments = text[(head.Length + 1)..^1];
            return true;
        }
        return false;
    }

    private static List<int> ParseIntegers(string list, string original)
    {
        var values = new List<int>();
        foreach (var part in list.Split(','))
        {
            if (!int.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            {
                throw new FormatException($"'{part}' in the order '{original}' is not an integer.");
            }
            values.Add(v);
        }
        return values;
    }

    private static IEnumerable<string> SplitTopLevel(string list)
    {
        int depth = 0;
        var current = new StringBuilder();
        foreach (char c in list)
        {
            if (c == ',' && depth == 0)
            {
                yield return current.ToString();
                current.Clear();
                continue;
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            current.Append(c);
        }
        yield return current.ToString();
    }
}
