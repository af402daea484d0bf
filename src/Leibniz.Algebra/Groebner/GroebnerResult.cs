using Leibniz.Algebra.Polynomials;

namespace Leibniz.Algebra.Groebner;

/// <summary>
/// The outcome of a Gröbner basis computation: the reduced basis when <see cref="Status"/> is complete (otherwise the
/// elements found so far, not a Gröbner basis), the counts, the wall time, and for ℚ whether the basis was checked
/// exactly (every generator and every S-pair reduces to zero by it).
/// </summary>
public sealed record GroebnerResult<T>(
    PolynomialRing<T> Ring,
    IReadOnlyList<Polynomial<T>> Basis,
    GroebnerStatus Status,
    BuchbergerStatistics Statistics,
    TimeSpan Elapsed)
{
    /// <summary>Whether the computation finished.</summary>
    public bool IsComplete => Status == GroebnerStatus.Complete;

    /// <summary>Whether the basis was checked to be a Gröbner basis of the generators by exact arithmetic.</summary>
    public bool Verified { get; init; }

    /// <summary>Which algorithm produced it (<c>buchberger</c>, <c>modular</c>).</summary>
    public string Algorithm { get; init; } = "buchberger";
}
