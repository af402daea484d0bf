using Leibniz.Algebra.Polynomials;

namespace Leibniz.Algebra.Groebner;

/// <summary>
/// Homogenization with a new smallest variable h: f ↦ f^h = h^{deg f} f(x/h), in the ring with the order
/// block(order, h) (compare the x-parts by the order, then the power of h). If G is a Gröbner basis of ⟨F^h⟩ in that
/// order then G with h = 1 is a Gröbner basis of ⟨F⟩ in the original order (Cox, Little &amp; O'Shea, Ideals, Varieties,
/// and Algorithms, ch. 8 §4): for homogeneous g the terms have distinct x-parts, so lm(g)|_{h=1} = lm(g|_{h=1}). In a
/// homogeneous ideal sugar is the degree and no reduction raises it, which is what makes lex and elimination orders
/// tractable for Buchberger's algorithm.
/// </summary>
public static class Homogenization
{
    /// <summary>The ring with one more, smallest, variable (named h, or h_ … if h is taken).</summary>
    public static PolynomialRing<T> Extend<T>(PolynomialRing<T> ring)
    {
        var name = "h";
        while (ring.IndexOf(name) >= 0)
        {
            name += "_";
        }
        var order = MonomialOrder.Block([ring.Order, MonomialOrder.Lex(1)]);
        return new PolynomialRing<T>([.. ring.Variables, name], ring.Field, order);
    }

    /// <summary>Whether every term of f has the same total degree.</summary>
    public static bool IsHomogeneous<T>(Polynomial<T> f)
    {
        var layout = f.Ring.Layout;
        for (int k = 1; k < f.Count; k++)
        {
            if (layout.Degree(f.Monomial(k)) != layout.Degree(f.Monomial(0)))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>f^h in <paramref name="extended"/> (made by <see cref="Extend"/>).</summary>
    public static Polynomial<T> Homogenize<T>(Polynomial<T> f, PolynomialRing<T> extended)
    {
        int n = f.Ring.VariableCount;
        int degree = f.TotalDegree;
        var terms = new List<(T, int[])>(f.Count);
        for (int k = 0; k < f.Count; k++)
        {
            var e = f.Exponents(k);
            var extendedExponents = new int[n + 1];
            e.CopyTo(extendedExponents, 0);
            extendedExponents[n] = degree - e.Sum();
            terms.Add((f.Coefficient(k), extendedExponents));
        }
        return extended.FromTerms(terms);
    }

    /// <summary>g with h = 1, in <paramref name="ring"/>.</summary>
    public static Polynomial<T> Dehomogenize<T>(Polynomial<T> g, PolynomialRing<T> ring)
    {
        int n = ring.VariableCount;
        var terms = new List<(T, int[])>(g.Count);
        for (int k = 0; k < g.Count; k++)
        {
            terms.Add((g.Coefficient(k), g.Exponents(k)[..n]));
        }
        return ring.FromTerms(terms);
    }
}
