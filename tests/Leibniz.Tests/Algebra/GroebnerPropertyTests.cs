using Leibniz.Algebra.Groebner;
using Leibniz.Algebra.Ideals;
using Leibniz.Algebra.Polynomials;
using Leibniz.Numerics;

namespace Leibniz.Tests.Algebra;

/// <summary>
/// Properties every run must have, over seeded random ideals: the result passes the exact check, the reduced basis
/// does not depend on the selection strategy or the pair criteria, and members of the ideal reduce to zero.
/// </summary>
public class GroebnerPropertyTests
{
    private static IEnumerable<IReadOnlyList<Polynomial<int>>> Ideals(string distribution, int count, ulong seed)
    {
        var ideals = IdealDistribution.Parse(distribution);
        var random = new Generator(seed);
        for (int k = 0; k < count; k++)
        {
            yield return ideals.Sample(random);
        }
    }

    [Theory]
    [InlineData("3-8-5-weighted")]
    [InlineData("3-4-4-0.5-uniform")]
    [InlineData("4-3-4-uniform-homog")]
    public void Every_strategy_and_criterion_gives_the_same_reduced_basis_and_it_passes_the_check(string distribution)
    {
        string[] strategies = ["first", "degree", "normal", "sugar", "random", "last,normal", "codegree"];
        foreach (var ideal in Ideals(distribution, 12, 11))
        {
            var ring = ideal[0].Ring;
            var reference = Buchberger.Run(ring, ideal);
            Assert.Null(GroebnerCheck.Failure(reference.Basis, ideal));
            foreach (var s in strategies)
            {
                foreach (var criteria in new[] { PairElimination.GebauerMoeller, PairElimination.Lcm })
                {
                    var other = Buchberger.Run(ring, ideal, new GroebnerOptions { Selection = PairSelection.Parse(s), Elimination = criteria, Seed = 5 });
                    Assert.True(BasisReduction.SameBasis(reference.Basis, other.Basis), $"{s}/{criteria} differs on ⟨{string.Join(", ", ideal)}⟩");
                }
            }
        }
    }

    [Fact]
    public void Combinations_of_the_generators_reduce_to_zero_and_a_perturbation_does_not_when_the_ideal_is_proper()
    {
        var random = new Generator(3);
        foreach (var ideal in Ideals("3-6-4-0.5-weighted", 15, 21))
        {
            var ring = ideal[0].Ring;
            var basis = Buchberger.Run(ring, ideal).Basis;
            var combination = ring.Zero;
            foreach (var f in ideal)
            {
                var multiplier = ring.Term(1 + (int)random.NextInt64(100), [(int)random.NextInt64(3), (int)random.NextInt64(3), (int)random.NextInt64(3)]);
                combination += multiplier * f;
            }
            Assert.True(Reduction.IsMember(combination, basis));
            if (!(basis.Count == 1 && basis[0].TotalDegree == 0))
            {
                Assert.False(Reduction.IsMember(combination + ring.One, basis));
            }
        }
    }

    [Fact]
    public void A_check_catches_a_basis_with_an_element_missing()
    {
        var ring = StandardIdeals.CyclicRing(4);
        var ideal = StandardIdeals.Cyclic(ring);
        var basis = Buchberger.Run(ring, ideal).Basis;
        Assert.Null(GroebnerCheck.Failure(basis, ideal));
        Assert.NotNull(GroebnerCheck.Failure([.. basis.Take(basis.Count - 1)], ideal));
    }
}
