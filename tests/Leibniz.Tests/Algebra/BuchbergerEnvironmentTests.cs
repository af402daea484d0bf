using Leibniz.Algebra.Fields;
using Leibniz.Algebra.Groebner;
using Leibniz.Algebra.Polynomials;

namespace Leibniz.Tests.Algebra;

/// <summary>The environment an agent plays: deepgroebner's step, features of pairs, copies and rollout values.</summary>
public class BuchbergerEnvironmentTests
{
    [Theory]
    [InlineData(true, "b^2*c^3 + b*c*d - c^2")]
    [InlineData(false, "b^2*c^3 + b^2*c^2 + b*d - c^2")]
    public void A_step_adds_the_reduced_S_polynomial_as_deepgroebner_does(bool sortReducers, string added)
    {
        var ring = new PolynomialRing<Rational>(["a", "b", "c", "d"], RationalField.Instance, MonomialOrder.Lex(4));
        var env = new BuchbergerEnvironment<Rational>(ring, sortReducers: sortReducers);
        env.Reset(ring.ParseList("a^2*b*d - c^2, a*d - b*c^2 - d, a - c"));
        int pair = env.Pairs.ToList().FindIndex(p => p.I == 0 && p.J == 1);
        var outcome = env.Step(pair);
        Assert.True(outcome.NewElement);
        Assert.Equal(added, env.Basis[3].ToString());
    }

    [Fact]
    public void Pair_features_are_the_first_two_exponent_vectors_of_both_polynomials()
    {
        var ring = new PolynomialRing<int>(["x", "y"], new PrimeField(32003), MonomialOrder.Grevlex(2));
        var env = new BuchbergerEnvironment<int>(ring);
        env.Reset(ring.ParseList("x^2 - y, x*y^3 + 5"));
        Assert.Single(env.Pairs);
        // x*y^3 > x^2 in grevlex; the pair is (0, 1): x^2, y | x*y^3, 1.
        Assert.Equal([2f, 0f, 0f, 1f, 1f, 3f, 0f, 0f], PairFeatures.Of(env));
    }

    [Fact]
    public void A_rollout_from_a_copy_leaves_the_state_alone_and_equals_the_strategys_discounted_return()
    {
        var ring = new PolynomialRing<int>(["a", "b", "c", "d"], new PrimeField(32003), MonomialOrder.Grevlex(4));
        var env = new BuchbergerEnvironment<int>(ring);
        env.Reset(ring.ParseList("a+b+c+d, a*b+b*c+c*d+d*a, a*b*c+b*c*d+c*d*a+d*a*b, a*b*c*d-1"));
        int pairs = env.Pairs.Count;
        var degree = PairSelection.Parse("degree");
        double value = env.RolloutValue(degree, 0.99);
        Assert.Equal(pairs, env.Pairs.Count);
        double direct = 0, discount = 1;
        while (!env.IsDone)
        {
            direct += discount * env.Step(degree.Select(env.Pairs, ring, null)).Reward;
            discount *= 0.99;
        }
        Assert.Equal(direct, value, 12);
        Assert.Equal(direct, env.Statistics.DiscountedReturn, 12);
    }
}
