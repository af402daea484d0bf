using Leibniz.Algebra.Polynomials;

namespace Leibniz.Algebra.Groebner;

/// <summary>
/// An exact check, independent of how a basis was found, that G is a Gröbner basis of an ideal containing F: every
/// f ∈ F reduces to 0 by G (⟨F⟩ ⊆ ⟨G⟩) and every S(gᵢ, gⱼ) whose lead monomials are not coprime reduces to 0 by G
/// (Buchberger's criterion). Two kinds of pair are provably redundant and skipped: coprime lead monomials (his first
/// criterion) and pairs (i, j) with some k whose lm g_k divides m = lcm(lm gᵢ, lm gⱼ) while lcm(i, k) and lcm(j, k)
/// both differ from m (his chain criterion: S(i, j) is a combination of S(i, k) and S(k, j), whose lcms properly
/// divide m, so by induction on m in the monomial order they have standard representations when the pairs kept
/// reduce to zero). ⟨G⟩ ⊆ ⟨F⟩ holds by construction for a basis computed from F, each element being a combination
/// of F's.
/// </summary>
public static class GroebnerCheck
{
    /// <summary>What failed, or null when G passes: the first generator or S-pair with a nonzero remainder.</summary>
    public static string? Failure<T>(IReadOnlyList<Polynomial<T>> basis, IEnumerable<Polynomial<T>> generators, CancellationToken cancel = default)
    {
        if (basis.Count == 0)
        {
            return generators.All(f => f.IsZero) ? null : "the basis is empty but a generator is not zero";
        }
        var ring = basis[0].Ring;
        var reducers = new ReducerSet<T>(ring, sorted: true);
        foreach (var g in basis)
        {
            reducers.Add(g, g.TotalDegree);
        }
        foreach (var f in generators)
        {
            var r = Reduction.Reduce(f, reducers, cancel: cancel).Remainder;
            if (!r.IsZero)
            {
                return $"the generator {f} leaves the remainder {r}";
            }
        }
        var layout = ring.Layout;
        for (int j = 0; j < basis.Count; j++)
        {
            for (int i = 0; i < j; i++)
            {
                cancel.ThrowIfCancellationRequested();
                if (layout.Coprime(basis[i].LeadMonomial, basis[j].LeadMonomial) || ChainRedundant(basis, i, j, layout))
                {
                    continue;
                }
                var r = Reduction.Reduce(Reduction.SPolynomial(basis[i], basis[j]), reducers, cancel: cancel).Remainder;
                if (!r.IsZero)
                {
                    return $"S(g{i + 1}, g{j + 1}) leaves the remainder {r}";
                }
            }
        }
        return null;
    }

    /// <summary>Whether some k has lm g_k | lcm(i, j) with lcm(i, k) ≠ lcm(i, j) ≠ lcm(j, k).</summary>
    private static bool ChainRedundant<T>(IReadOnlyList<Polynomial<T>> basis, int i, int j, MonomialLayout layout)
    {
        int stride = layout.Stride;
        Span<ulong> m = stackalloc ulong[stride];
        Span<ulong> a = stackalloc ulong[stride];
        layout.Lcm(basis[i].LeadMonomial, basis[j].LeadMonomial, m);
        for (int k = 0; k < basis.Count; k++)
        {
            if (k == i || k == j || !layout.Divides(basis[k].LeadMonomial, m))
            {
                continue;
            }
            layout.Lcm(basis[i].LeadMonomial, basis[k].LeadMonomial, a);
            if (layout.Equal(a, m))
            {
                continue;
            }
            layout.Lcm(basis[j].LeadMonomial, basis[k].LeadMonomial, a);
            if (!layout.Equal(a, m))
            {
                return true;
            }
        }
        return false;
    }
}
