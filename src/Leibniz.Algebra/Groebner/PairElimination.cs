namespace Leibniz.Algebra.Groebner;

/// <summary>Which S-pairs Buchberger's algorithm discards without reducing them (deepgroebner's <c>elimination</c>).</summary>
public enum PairElimination
{
    /// <summary>Keep every pair.</summary>
    None,

    /// <summary>Drop pairs with coprime lead monomials (Buchberger's first criterion), whose S-polynomial reduces to 0.</summary>
    Lcm,

    /// <summary>The Gebauer–Möller criteria: the chain criterion on old pairs, the smallest new pair per lcm, and coprime groups dropped.</summary>
    GebauerMoeller,
}
