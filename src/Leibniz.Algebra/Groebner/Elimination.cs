using Leibniz.Algebra.Polynomials;

namespace Leibniz.Algebra.Groebner;

/// <summary>
/// Elimination: for variables T and the rest X, the elimination ideal I ∩ k[X] has as Gröbner basis the elements of a
/// Gröbner basis of I in an elimination order for T (block(grevlex on T, grevlex on X)) that do not involve T
/// (Cox, Little &amp; O'Shea, ch. 3 §1, the elimination theorem). Implicitisation: the closure of the image of
/// t ↦ (f₁(t), …, f_m(t)) is the variety of ⟨x₁ − f₁, …, x_m − f_m⟩ ∩ k[x] (ch. 3 §3).
/// </summary>
public static class Elimination
{
    /// <summary>
    /// The reduced Gröbner basis of I ∩ k[X] in grevlex on the remaining variables X, with the ring it lives in;
    /// <paramref name="eliminate"/> names the variables T of <paramref name="ring"/> to remove.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not a variable of the ring, or every variable would be eliminated.</exception>
    public static (PolynomialRing<T> Ring, GroebnerResult<T> Result) Eliminate<T>(PolynomialRing<T> ring, IEnumerable<Polynomial<T>> generators,
        IReadOnlyCollection<string> eliminate, GroebnerOptions? options = null)
    {
        foreach (var name in eliminate)
        {
            if (ring.IndexOf(name) < 0)
            {
                throw new ArgumentException($"cannot eliminate '{name}': the ring's variables are {string.Join(", ", ring.Variables)}.");
            }
        }
        var kept = ring.Variables.Where(v => !eliminate.Contains(v)).ToArray();
        var removed = ring.Variables.Where(eliminate.Contains).ToArray();
        if (kept.Length == 0)
        {
            throw new ArgumentException("eliminating every variable leaves no ring to work in; keep at least one.");
        }
        // The eliminated variables first, in a block order; then project the basis onto the kept ones.
        var order = MonomialOrder.Block([MonomialOrder.Grevlex(removed.Length), MonomialOrder.Grevlex(kept.Length)]);
        var big = new PolynomialRing<T>([.. removed, .. kept], ring.Field, order);
        var mapped = generators.Select(big.Import).ToList();
        var result = Buchberger.Run(big, mapped, options);
        var small = new PolynomialRing<T>(kept, ring.Field, MonomialOrder.Grevlex(kept.Length));
        var projected = result.Basis.Where(g => FreeOf(g, removed.Length)).Select(small.Import).ToList();
        IReadOnlyList<Polynomial<T>> basis = result.IsComplete ? BasisReduction.Reduce(projected) : projected;
        return (small, result with { Ring = small, Basis = basis });
    }

    /// <summary>Whether g involves none of the first <paramref name="count"/> variables of its ring.</summary>
    private static bool FreeOf<T>(Polynomial<T> g, int count)
    {
        for (int k = 0; k < g.Count; k++)
        {
            var e = g.Exponents(k);
            for (int v = 0; v < count; v++)
            {
                if (e[v] != 0)
                {
                    return false;
                }
            }
        }
        return true;
    }
}
