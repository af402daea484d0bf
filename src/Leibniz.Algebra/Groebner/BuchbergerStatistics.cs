namespace Leibniz.Algebra.Groebner;

/// <summary>
/// Counts of a Buchberger run as deepgroebner reports them: pairs whose S-polynomial reduced to zero and to a new
/// element, polynomial additions (Σ over pairs of 1 + reduction steps), the total and the discounted return
/// (γ = 0.99), and the largest lcm degree reached, with the basis and pair-set sizes after the last step.
/// </summary>
public sealed record BuchbergerStatistics
{
    /// <summary>The discount of <see cref="DiscountedReturn"/>.</summary>
    public const double Gamma = 0.99;

    /// <summary>Pairs whose S-polynomial reduced to 0.</summary>
    public int ZeroReductions { get; init; }

    /// <summary>Pairs whose S-polynomial gave a new basis element.</summary>
    public int NonzeroReductions { get; init; }

    /// <summary>Σ (1 + reduction steps) over the pairs reduced.</summary>
    public long PolynomialAdditions { get; init; }

    /// <summary>Σ rewards.</summary>
    public double TotalReward { get; init; }

    /// <summary>Σ γ^t reward_t.</summary>
    public double DiscountedReturn { get; init; }

    /// <summary>The largest total degree of an lcm of a pair reduced.</summary>
    public int MaxDegree { get; init; }

    /// <summary>|G| after the last step.</summary>
    public int BasisSize { get; init; }

    /// <summary>|P| after the last step.</summary>
    public int PairsLeft { get; init; }

    /// <summary>Pairs reduced.</summary>
    public int PairsReduced => ZeroReductions + NonzeroReductions;

    private double Discount { get; init; } = 1.0;

    internal BuchbergerStatistics After(int steps, bool nonzero, double reward, int degree, int basisSize, int pairsLeft) => this with
    {
        ZeroReductions = ZeroReductions + (nonzero ? 0 : 1),
        NonzeroReductions = NonzeroReductions + (nonzero ? 1 : 0),
        PolynomialAdditions = PolynomialAdditions + steps + 1,
        TotalReward = TotalReward + reward,
        DiscountedReturn = DiscountedReturn + Discount * reward,
        Discount = Discount * Gamma,
        MaxDegree = Math.Max(MaxDegree, degree),
        BasisSize = basisSize,
        PairsLeft = pairsLeft,
    };
}
