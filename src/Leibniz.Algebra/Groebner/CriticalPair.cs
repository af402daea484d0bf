namespace Leibniz.Algebra.Groebner;

/// <summary>
/// An S-pair (i, j), i &lt; j, of basis elements, with what selection strategies look at: the packed lcm of the two
/// lead monomials, its total degree, and the sugar of the S-polynomial.
/// </summary>
public sealed class CriticalPair
{
    internal CriticalPair(int i, int j, ulong[] lcm, int degree, int sugar)
    {
        I = i;
        J = j;
        Lcm = lcm;
        Degree = degree;
        Sugar = sugar;
    }

    /// <summary>The older basis element.</summary>
    public int I { get; }

    /// <summary>The newer basis element.</summary>
    public int J { get; }

    /// <summary>lcm(lm gᵢ, lm g_j), packed.</summary>
    public ulong[] Lcm { get; }

    /// <summary>The total degree of the lcm.</summary>
    public int Degree { get; }

    /// <summary>max(sugar gᵢ + deg(lcm/lm gᵢ), sugar g_j + deg(lcm/lm g_j)).</summary>
    public int Sugar { get; }

    /// <inheritdoc />
    public override string ToString() => $"({I}, {J})";
}
