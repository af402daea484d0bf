using Leibniz.Algebra.Polynomials;

namespace Leibniz.Algebra.Groebner;

/// <summary>The outcome of reducing a polynomial: the remainder, the number of reduction steps, its sugar degree.</summary>
public readonly record struct ReductionResult<T>(Polynomial<T> Remainder, int Steps, int Sugar);

/// <summary>
/// Division by a set of polynomials (full reduction, as deepgroebner's <c>reduce</c>): while h ≠ 0, take its lead
/// term; if the first reducer f whose lead monomial divides it exists, h ← h − (lt(h)/lt(f))·f (one step, one
/// polynomial addition), else move lt(h) to the remainder. S-polynomials, normal forms and ideal membership build
/// on it. Sugar: sugar(h − t·f) = max(sugar(h), deg t + sugar(f)) (Giovini et al. 1991).
/// </summary>
public static class Reduction
{
    /// <summary>
    /// The S-polynomial <c>(m/lt(f))·f − (m/lt(g))·g</c> with m = lcm(lm f, lm g), and its sugar
    /// <c>max(sugar f + deg(m/lm f), sugar g + deg(m/lm g))</c>.
    /// </summary>
    public static (Polynomial<T> Polynomial, int Sugar) SPolynomial<T>(Polynomial<T> f, Polynomial<T> g, int sugarF, int sugarG)
    {
        var ring = f.Ring;
        var field = ring.Field;
        int stride = ring.Layout.Stride;
        Span<ulong> mf = stackalloc ulong[stride];
        Span<ulong> mg = stackalloc ulong[stride];
        int sugar = Multipliers(f, g, sugarF, sugarG, mf, mg);
        var cf = field.Inverse(f.LeadCoefficient);
        var cg = field.Negate(field.Inverse(g.LeadCoefficient));
        // The lead terms cancel: merge the tails of both multiples.
        var buffer = new TermBuffer<T>(stride, f.Count + g.Count);
        var scratch = new TermBuffer<T>(stride, f.Count);
        Polynomial<T>.Merge(ring, default, default, 0, 0, cf, mf, f.MonomialData, f.CoefficientData, 1, f.Count, scratch);
        Polynomial<T>.Merge(ring, scratch.Monomials, scratch.Coefficients, 0, scratch.Count, cg, mg, g.MonomialData, g.CoefficientData, 1, g.Count, buffer);
        return (buffer.ToPolynomial(ring), sugar);
    }

    /// <summary>
    /// The monomials m/lm f and m/lm g with m = lcm(lm f, lm g), written into <paramref name="mf"/> and
    /// <paramref name="mg"/>, and the S-polynomial's sugar max(sugar f + deg(m/lm f), sugar g + deg(m/lm g)).
    /// </summary>
    private static int Multipliers<T>(Polynomial<T> f, Polynomial<T> g, int sugarF, int sugarG, Span<ulong> mf, Span<ulong> mg)
    {
        var layout = f.Ring.Layout;
        Span<ulong> lcm = stackalloc ulong[layout.Stride];
        layout.Lcm(f.LeadMonomial, g.LeadMonomial, lcm);
        layout.Divide(lcm, f.LeadMonomial, mf);
        layout.Divide(lcm, g.LeadMonomial, mg);
        return Math.Max(sugarF + layout.Degree(mf), sugarG + layout.Degree(mg));
    }

    /// <summary>The S-polynomial of f and g.</summary>
    public static Polynomial<T> SPolynomial<T>(Polynomial<T> f, Polynomial<T> g) => SPolynomial(f, g, f.TotalDegree, g.TotalDegree).Polynomial;

    /// <summary>
    /// Fully reduces <paramref name="g"/> by <paramref name="reducers"/> (<see cref="TopReduce"/> stops at the lead
    /// term); <paramref name="cancel"/> is checked every 256 steps.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> was cancelled during the reduction.</exception>
    public static ReductionResult<T> Reduce<T>(Polynomial<T> g, ReducerSet<T> reducers, int sugar = -1, CancellationToken cancel = default)
    {
        var ring = g.Ring;
        var layout = ring.Layout;
        var field = ring.Field;
        int stride = layout.Stride;
        if (sugar < 0)
        {
            sugar = g.TotalDegree;
        }
        var h = new GeoBucket<T>(ring);
        h.Add(field.One, default, g.MonomialData, g.CoefficientData, 0, g.Count);
        return ReduceBucket(h, ring, reducers, sugar, new TermBuffer<T>(stride), cancel);
    }

    /// <summary>
    /// Reduces S(f, g) (<see cref="SPolynomial{T}(Polynomial{T}, Polynomial{T}, int, int)"/>) by
    /// <paramref name="reducers"/> without forming it: both multiples' tails go straight into the geobucket of
    /// <paramref name="workspace"/>, which is reused from call to call.
    /// </summary>
    internal static ReductionResult<T> ReduceSPolynomial<T>(Polynomial<T> f, Polynomial<T> g, int sugarF, int sugarG, ReducerSet<T> reducers,
        ReductionWorkspace<T> workspace, CancellationToken cancel)
    {
        var ring = f.Ring;
        var field = ring.Field;
        int stride = ring.Layout.Stride;
        Span<ulong> mf = stackalloc ulong[stride];
        Span<ulong> mg = stackalloc ulong[stride];
        int sugar = Multipliers(f, g, sugarF, sugarG, mf, mg);
        var h = workspace.Bucket;
        h.Clear();
        h.Add(field.Inverse(f.LeadCoefficient), mf, f.MonomialData, f.CoefficientData, 1, f.Count);
        h.Add(field.Negate(field.Inverse(g.LeadCoefficient)), mg, g.MonomialData, g.CoefficientData, 1, g.Count);
        workspace.Remainder.Clear();
        return ReduceBucket(h, ring, reducers, sugar, workspace.Remainder, cancel);
    }

    /// <summary>The reduction loop on a polynomial held in a geobucket.</summary>
    private static ReductionResult<T> ReduceBucket<T>(GeoBucket<T> h, PolynomialRing<T> ring, ReducerSet<T> reducers, int sugar,
        TermBuffer<T> remainder, CancellationToken cancel)
    {
        var layout = ring.Layout;
        var field = ring.Field;
        int stride = layout.Stride;
        // The lead term of h is taken out, then reduced away by a multiple of a reducer's tail, or moved to the
        // remainder.
        Span<ulong> quotient = stackalloc ulong[stride];
        Span<ulong> lead = stackalloc ulong[stride];
        int steps = 0;
        while (h.TakeLead(lead, out var coefficient))
        {
            int k = reducers.FindDivisor(lead);
            if (k < 0)
            {
                remainder.Append(lead, coefficient);
                continue;
            }
            var f = reducers[k];
            layout.Divide(lead, f.LeadMonomial, quotient);
            var c = field.Negate(field.Divide(coefficient, f.LeadCoefficient));
            sugar = Math.Max(sugar, layout.Degree(quotient) + reducers.Sugar(k));
            h.Add(c, quotient, f.MonomialData, f.CoefficientData, 1, f.Count);
            if ((++steps & 255) == 0)
            {
                cancel.ThrowIfCancellationRequested();
            }
        }
        return new ReductionResult<T>(remainder.ToPolynomial(ring), steps, sugar);
    }

    /// <summary>The remainder of <paramref name="f"/> on division by <paramref name="divisors"/>.</summary>
    public static Polynomial<T> NormalForm<T>(Polynomial<T> f, IEnumerable<Polynomial<T>> divisors) =>
        Reduce(f, new ReducerSet<T>(f.Ring, divisors)).Remainder;

    /// <summary>
    /// Top reduction: reduces only while the lead term is divisible, leaving the tail as it is; returns the result and
    /// the number of steps.
    /// </summary>
    public static (Polynomial<T> Result, int Steps) TopReduce<T>(Polynomial<T> f, ReducerSet<T> reducers)
    {
        var ring = f.Ring;
        var field = ring.Field;
        Span<ulong> quotient = stackalloc ulong[ring.Layout.Stride];
        int steps = 0;
        while (!f.IsZero)
        {
            int k = reducers.FindDivisor(f.LeadMonomial);
            if (k < 0)
            {
                break;
            }
            var r = reducers[k];
            ring.Layout.Divide(f.LeadMonomial, r.LeadMonomial, quotient);
            var c = field.Negate(field.Divide(f.LeadCoefficient, r.LeadCoefficient));
            f = Polynomial<T>.Combine(f, c, r.MultiplyTerm(field.One, quotient));
            steps++;
        }
        return (f, steps);
    }

    /// <summary>Whether f lies in the ideal of which <paramref name="groebnerBasis"/> is a Gröbner basis (its normal form is 0).</summary>
    public static bool IsMember<T>(Polynomial<T> f, IEnumerable<Polynomial<T>> groebnerBasis) => NormalForm(f, groebnerBasis).IsZero;
}

/// <summary>The scratch memory of repeated reductions: a geobucket and the remainder's buffer.</summary>
internal sealed class ReductionWorkspace<T>(PolynomialRing<T> ring)
{
    public GeoBucket<T> Bucket { get; } = new(ring);

    public TermBuffer<T> Remainder { get; } = new(ring.Layout.Stride);
}
