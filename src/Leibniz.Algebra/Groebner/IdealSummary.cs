using System.Numerics;
using Leibniz.Algebra.Fields;
using Leibniz.Algebra.Polynomials;

namespace Leibniz.Algebra.Groebner;

/// <summary>
/// A Gröbner basis computation as text, for any field: the ring, the reduced basis, how it ended, the dimension and
/// degree of the ideal (from the Hilbert series of the initial ideal; the degree only for a degree-compatible order,
/// else from a grevlex basis computed for it), the Hilbert numerators, the counts and whether the basis passed
/// <see cref="GroebnerCheck"/>.
/// </summary>
public sealed record IdealSummary
{
    /// <summary>The ring, <c>x,y,z over GF(32003) grevlex</c>.</summary>
    public required string Ring { get; init; }

    /// <summary>The generators as parsed.</summary>
    public required IReadOnlyList<string> Generators { get; init; }

    /// <summary>The reduced basis (partial when not complete), by increasing lead monomial.</summary>
    public required IReadOnlyList<string> Basis { get; init; }

    /// <summary>How the computation ended.</summary>
    public required GroebnerStatus Status { get; init; }

    /// <summary>The Krull dimension of R/I (−1 for the unit ideal), when complete.</summary>
    public int? Dimension { get; init; }

    /// <summary>The degree of I, when complete.</summary>
    public BigInteger? Degree { get; init; }

    /// <summary>N(t) of HS = N(t)/(1 − t)ⁿ, when complete.</summary>
    public string? HilbertNumerator { get; init; }

    /// <summary>Q(t) of HS = Q(t)/(1 − t)^d, when complete.</summary>
    public string? ReducedHilbertNumerator { get; init; }

    /// <summary>The Hilbert polynomial of R/in(I) in k (graded by total degree), when complete.</summary>
    public string? HilbertPolynomial { get; init; }

    /// <summary>The counts.</summary>
    public required BuchbergerStatistics Statistics { get; init; }

    /// <summary>Wall time of the basis computation.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Which algorithm produced the basis.</summary>
    public string Algorithm { get; init; } = "buchberger";

    /// <summary>Whether the basis passed the exact check.</summary>
    public bool Verified { get; init; }

    /// <summary>Why the check failed, if it did.</summary>
    public string? CheckFailure { get; init; }

    /// <summary>Computes the summary of <paramref name="ideal"/>.</summary>
    /// <exception cref="PolynomialParseException">The ideal does not parse in its ring.</exception>
    /// <remarks>
    /// With <paramref name="eliminate"/>, the summary is of the elimination ideal I ∩ k[the other variables], in
    /// grevlex on them (<see cref="Elimination"/>): for generators x − f(t), the implicit equations of the image.
    /// </remarks>
    public static IdealSummary Compute(IdealText ideal, GroebnerOptions options, bool verify = true, IReadOnlyCollection<string>? eliminate = null)
    {
        var declaration = ideal.Ring;
        var order = MonomialOrder.Parse(declaration.Order, declaration.Variables.Count);
        return declaration.Characteristic == 0
            ? Compute(new PolynomialRing<Rational>(declaration.Variables, RationalField.Instance, order), ideal, options, verify, eliminate)
            : Compute(new PolynomialRing<int>(declaration.Variables, new PrimeField(declaration.Characteristic), order), ideal, options, verify, eliminate);
    }

    /// <summary>Computes the summary in <paramref name="ring"/>.</summary>
    public static IdealSummary Compute<T>(PolynomialRing<T> ring, IdealText ideal, GroebnerOptions options, bool verify = true, IReadOnlyCollection<string>? eliminate = null)
    {
        var generators = ideal.Parse(ring);
        if (eliminate is { Count: > 0 })
        {
            // The elimination ideal's basis is checked to be a Gröbner basis (its S-pairs); its elements lie in I by
            // construction, being elements of a basis of I.
            var (small, eliminated) = Elimination.Eliminate(ring, generators, eliminate, options);
            var summary = Summarize(small, [], eliminated, options, verify);
            return summary with { Generators = [.. generators.Select(g => g.ToString())] };
        }
        if (ring is PolynomialRing<Rational> rationals && ring.Order.IsDegreeCompatible)
        {
            // Over ℚ, the modular method, which returns only bases it has checked exactly.
            var modular = ModularGroebner.Run(rationals, generators.Cast<Polynomial<Rational>>(), options);
            var result = new GroebnerResult<T>(ring, modular.Basis.Cast<Polynomial<T>>().ToList(), modular.Status, modular.Statistics, modular.Elapsed)
            {
                Verified = modular.Verified,
                Algorithm = modular.Algorithm,
            };
            // A complete modular result has passed the exact check already.
            return Summarize(ring, generators, result, options, verify: false) with { Verified = result.Verified };
        }
        return Summarize(ring, generators, Buchberger.Run(ring, generators, options), options, verify);
    }

    private static IdealSummary Summarize<T>(PolynomialRing<T> ring, IReadOnlyList<Polynomial<T>> generators, GroebnerResult<T> result, GroebnerOptions options, bool verify)
    {
        var summary = new IdealSummary
        {
            Ring = ring.ToString(),
            Generators = [.. generators.Select(g => g.ToString())],
            Basis = [.. result.Basis.Select(g => g.ToString())],
            Status = result.Status,
            Statistics = result.Statistics,
            Elapsed = result.Elapsed,
            Algorithm = result.Algorithm,
        };
        if (!result.IsComplete)
        {
            return summary;
        }
        var series = HilbertSeries.OfLeadMonomials(result.Basis, ring);
        BigInteger degree = series.Degree;
        if (!ring.Order.IsDegreeCompatible)
        {
            var grevlex = new PolynomialRing<T>(ring.Variables, ring.Field, MonomialOrder.Grevlex(ring.VariableCount));
            var again = Buchberger.Run(grevlex, generators.Select(grevlex.Import), options with { Progress = null });
            degree = again.IsComplete ? HilbertSeries.OfLeadMonomials(again.Basis, grevlex).Degree : BigInteger.MinusOne;
        }
        string? failure = verify ? GroebnerCheck.Failure(result.Basis, generators, options.Cancellation) : null;
        return summary with
        {
            Dimension = series.Dimension,
            Degree = degree.Sign < 0 ? null : degree,
            HilbertNumerator = HilbertSeries.Format(series.Numerator),
            ReducedHilbertNumerator = HilbertSeries.Format(series.ReducedNumerator),
            HilbertPolynomial = series.FormatHilbertPolynomial(),
            Verified = verify && failure is null,
            CheckFailure = failure,
        };
    }
}
