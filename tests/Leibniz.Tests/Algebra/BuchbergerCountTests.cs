using Leibniz.Algebra.Fields;
using Leibniz.Algebra.Groebner;
using Leibniz.Algebra.Polynomials;

namespace Leibniz.Tests.Algebra;

/// <summary>
/// The counts of S-pairs reduced that deepgroebner's own tests give (rewards = 'reductions'): cyclic-4 under
/// normal-first selection with no criteria, the lcm criterion and Gebauer–Möller; Katsura-4; and a grlex ideal whose
/// count depends on the strategy.
/// </summary>
public class BuchbergerCountTests
{
    private static PolynomialRing<int> Ring(string variables, string order = "grevlex") =>
        new(variables.Split(','), new PrimeField(32003), MonomialOrder.Parse(order, variables.Split(',').Length));

    private static int PairsReduced(PolynomialRing<int> ring, string ideal, string selection, PairElimination elimination)
    {
        var options = new GroebnerOptions
        {
            Selection = PairSelection.Parse(selection),
            Elimination = elimination,
            Rewards = RewardKind.Reductions,
        };
        var result = Buchberger.Run(ring, ring.ParseList(ideal), options);
        Assert.True(result.IsComplete);
        return result.Statistics.PairsReduced;
    }

    private const string Cyclic4 = "a+b+c+d, a*b+b*c+c*d+d*a, a*b*c+b*c*d+c*d*a+d*a*b, a*b*c*d-1";

    [Theory]
    [InlineData(PairElimination.None, 45)]
    [InlineData(PairElimination.Lcm, 35)]
    [InlineData(PairElimination.GebauerMoeller, 11)]
    public void Cyclic4_normal_first_reduces_as_many_pairs_as_deepgroebner_counts(PairElimination elimination, int pairs)
    {
        Assert.Equal(pairs, PairsReduced(Ring("a,b,c,d"), Cyclic4, "normal,first", elimination));
    }

    [Theory]
    [InlineData("first")]
    [InlineData("degree,first")]
    [InlineData("normal,first")]
    public void Katsura4_reduces_28_pairs_under_each_classical_strategy(string selection)
    {
        const string katsura4 = "a+2*b+2*c+2*d+2*e-1, a^2+2*b^2+2*c^2+2*d^2+2*e^2-a, 2*a*b+2*b*c+2*c*d+2*d*e-b, b^2+2*a*c+2*b*d+2*c*e-c, 2*b*c+2*a*d+2*b*e-d";
        Assert.Equal(28, PairsReduced(Ring("a,b,c,d,e"), katsura4, selection, PairElimination.GebauerMoeller));
    }

    [Theory]
    [InlineData("first", 49)]
    [InlineData("degree,first", 57)]
    [InlineData("normal,first", 63)]
    public void A_grlex_ideal_takes_the_strategy_dependent_count_deepgroebner_gives(string selection, int pairs)
    {
        Assert.Equal(pairs, PairsReduced(Ring("x,y,z,t", "grlex"), "x^31 - x^6 - x - y, x^8 - z, x^10 - t", selection, PairElimination.GebauerMoeller));
    }

    [Fact]
    public void Additions_count_one_per_pair_plus_each_reduction_step()
    {
        var ring = Ring("a,b,c,d");
        var env = new BuchbergerEnvironment<int>(ring);
        env.Reset(ring.ParseList(Cyclic4));
        var normal = PairSelection.Parse("normal");
        long expected = 0;
        while (!env.IsDone)
        {
            var outcome = env.Step(normal.Select(env.Pairs, ring, null));
            expected += 1 + outcome.Steps;
            Assert.Equal(-1.0 - outcome.Steps, outcome.Reward);
        }
        var stats = env.Statistics;
        Assert.Equal(expected, stats.PolynomialAdditions);
        Assert.True(stats.PolynomialAdditions > stats.PairsReduced);
        Assert.Equal(-stats.PolynomialAdditions, stats.TotalReward);
    }
}
