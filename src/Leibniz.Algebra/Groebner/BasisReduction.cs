using Leibniz.Algebra.Polynomials;

namespace Leibniz.Algebra.Groebner;

/// <summary>From any Gröbner basis to the minimal and the reduced one (each unique for the ideal and the order).</summary>
public static class BasisReduction
{
    /// <summary>
    /// A minimal basis: in increasing order of lead monomial, keep g when no kept element's lead monomial divides
    /// lm g; each made monic.
    /// </summary>
    public static List<Polynomial<T>> Minimalize<T>(IEnumerable<Polynomial<T>> basis)
    {
        var sorted = basis.Where(g => !g.IsZero).ToList();
        if (sorted.Count == 0)
        {
            return [];
        }
        var layout = sorted[0].Ring.Layout;
        var order = Enumerable.Range(0, sorted.Count).ToArray();
        // Stable: among equal lead monomials the earlier element is kept.
        var keys = sorted;
        Array.Sort(order, (a, b) =>
        {
            int c = layout.Compare(keys[a].LeadMonomial, keys[b].LeadMonomial);
            return c != 0 ? c : a.CompareTo(b);
        });
        var kept = new List<Polynomial<T>>();
        foreach (int k in order)
        {
            var g = sorted[k];
            bool redundant = false;
            foreach (var h in kept)
            {
                if (layout.Divides(h.LeadMonomial, g.LeadMonomial))
                {
                    redundant = true;
                    break;
                }
            }
            if (!redundant)
            {
                kept.Add(g.Monic());
            }
        }
        return kept;
    }

    /// <summary>
    /// The reduced Gröbner basis from a Gröbner basis: minimalize, then replace each g by lt(g) + (its tail reduced by
    /// the others), monic; sorted by increasing lead monomial.
    /// </summary>
    public static IReadOnlyList<Polynomial<T>> Reduce<T>(IEnumerable<Polynomial<T>> basis)
    {
        var minimal = Minimalize(basis);
        if (minimal.Count == 0)
        {
            return minimal;
        }
        var ring = minimal[0].Ring;
        var reducers = new ReducerSet<T>(ring, minimal);
        var reduced = new List<Polynomial<T>>(minimal.Count);
        foreach (var g in minimal)
        {
            var lead = ring.Zero;
            var tail = Polynomial<T>.Combine(g, ring.Field.Negate(ring.Field.One), LeadTerm(g));
            var r = Reduction.Reduce(tail, reducers).Remainder;
            reduced.Add((LeadTerm(g) + r).Monic());
        }
        return reduced;
    }

    /// <summary>Whether two reduced bases are equal as sets.</summary>
    public static bool SameBasis<T>(IReadOnlyList<Polynomial<T>> a, IReadOnlyList<Polynomial<T>> b) =>
        a.Count == b.Count && a.All(p => b.Contains(p));

    private static Polynomial<T> LeadTerm<T>(Polynomial<T> g) =>
        g.Ring.Constant(g.LeadCoefficient).MultiplyTerm(g.Ring.Field.One, g.LeadMonomial);
}
