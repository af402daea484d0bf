using Leibniz.Algebra.Fields;
using Leibniz.Algebra.Groebner;
using Leibniz.Algebra.Ideals;
using Leibniz.Algebra.Polynomials;
using Leibniz.Numerics;

namespace Leibniz.Tests.Algebra;

/// <summary>
/// Leibniz's reduced Gröbner bases, dimensions and degrees against Singular's <c>std</c> (reduced), <c>dim</c> and
/// <c>mult</c> in the same ring: cyclic-n and Katsura-n over GF(32003) and ℚ, random ideals of several of
/// deepgroebner's distributions, and other orders. Skipped only where Singular is not installed (CI installs it).
/// </summary>
public class SingularOracleTests
{
    private static void AgreeWithSingular<T>(IReadOnlyList<(PolynomialRing<T> Ring, IReadOnlyList<Polynomial<T>> Ideal)> cases)
    {
        Skip.IfNot(SingularOracle.IsAvailable, "Singular is not installed (apt-get install singular).");
        var answers = SingularOracle.Compute(cases.Select(c => (SingularOracle.RingLine(c.Ring), (IReadOnlyList<string>)[.. c.Ideal.Select(g => g.ToString())])));
        Assert.Equal(cases.Count, answers.Count);
        for (int k = 0; k < cases.Count; k++)
        {
            var (ring, ideal) = cases[k];
            var ours = ring is PolynomialRing<Rational> q
                ? Cast<T>(ModularGroebner.Run(q, ideal.Cast<Polynomial<Rational>>()))
                : Buchberger.Run(ring, ideal);
            Assert.True(ours.IsComplete);
            var theirs = answers[k].Basis.Select(s => ring.Parse(s).Monic()).OrderBy(g => g, new LeadComparer<T>(ring)).ToList();
            var context = $"case {k}: {ring} ⟨{string.Join(", ", ideal)}⟩";
            Assert.True(theirs.Count == ours.Basis.Count, $"{context}: Singular has {theirs.Count} elements, Leibniz {ours.Basis.Count}");
            for (int e = 0; e < theirs.Count; e++)
            {
                Assert.True(theirs[e].Equals(ours.Basis[e]), $"{context}: element {e}: Singular {theirs[e]}, Leibniz {ours.Basis[e]}");
            }
            var series = HilbertSeries.OfLeadMonomials(ours.Basis, ring);
            Assert.True(answers[k].Dimension == series.Dimension, $"{context}: dim {answers[k].Dimension} in Singular, {series.Dimension} here");
            if (series.Dimension >= 0)
            {
                Assert.True(answers[k].Multiplicity == (int)series.Degree, $"{context}: mult {answers[k].Multiplicity} in Singular, {series.Degree} here");
            }
        }
    }

    private static GroebnerResult<T> Cast<T>(GroebnerResult<Rational> r)
    {
        Assert.True(r.Verified, "a modular result over ℚ must come back verified");
        return new GroebnerResult<T>((PolynomialRing<T>)(object)r.Ring, [.. r.Basis.Cast<Polynomial<T>>()], r.Status, r.Statistics, r.Elapsed);
    }

    private sealed class LeadComparer<T>(PolynomialRing<T> ring) : IComparer<Polynomial<T>>
    {
        public int Compare(Polynomial<T>? a, Polynomial<T>? b) => ring.Layout.Compare(a!.LeadMonomial, b!.LeadMonomial);
    }

    [SkippableFact]
    public void Cyclic_and_Katsura_over_GF32003_match_Singular()
    {
        var cases = new List<(PolynomialRing<int>, IReadOnlyList<Polynomial<int>>)>();
        foreach (int n in new[] { 4, 5, 6 })
        {
            var c = StandardIdeals.CyclicRing(n);
            cases.Add((c, StandardIdeals.Cyclic(c)));
            var k = StandardIdeals.KatsuraRing(n);
            cases.Add((k, StandardIdeals.Katsura(k)));
        }
        AgreeWithSingular(cases);
    }

    [SkippableFact]
    public void Cyclic_and_Katsura_over_the_rationals_match_Singular()
    {
        var cases = new List<(PolynomialRing<Rational>, IReadOnlyList<Polynomial<Rational>>)>();
        foreach (int n in new[] { 4, 5, 6 })
        {
            var c = new PolynomialRing<Rational>(StandardIdeals.IndexedVariables(n), RationalField.Instance, MonomialOrder.Grevlex(n));
            cases.Add((c, StandardIdeals.Cyclic(c)));
            var k = new PolynomialRing<Rational>(StandardIdeals.IndexedVariables(n + 1), RationalField.Instance, MonomialOrder.Grevlex(n + 1));
            cases.Add((k, StandardIdeals.Katsura(k)));
        }
        AgreeWithSingular(cases);
    }

    [SkippableTheory]
    [InlineData("3-20-10-weighted")]
    [InlineData("3-10-4-uniform")]
    [InlineData("3-5-5-maximum")]
    [InlineData("3-6-5-weighted-consts")]
    [InlineData("4-6-4-uniform-homog-pure")]
    [InlineData("3-5-4-0.5-weighted")]
    [InlineData("2-8-3-1.0-uniform-consts")]
    public void Random_ideals_match_Singular(string distribution)
    {
        var ideals = IdealDistribution.Parse(distribution);
        var random = new Generator(2026);
        var cases = Enumerable.Range(0, 20).Select(_ => (ideals.Ring, ideals.Sample(random))).ToList();
        AgreeWithSingular(cases);
    }

    [SkippableTheory]
    [InlineData("lex")]
    [InlineData("grlex")]
    [InlineData("weighted(1,2,3,1)")]
    [InlineData("elimination(2)")]
    [InlineData("block(lex:1,grevlex:3)")]
    public void Other_orders_match_Singular(string order)
    {
        var ring = new PolynomialRing<int>(["a", "b", "c", "d"], new PrimeField(32003), MonomialOrder.Parse(order, 4));
        var random = new Generator(7);
        var ideals = IdealDistribution.Parse("4-4-4-0.5-uniform");
        var cases = new List<(PolynomialRing<int>, IReadOnlyList<Polynomial<int>>)>
        {
            (ring, ring.ParseList("a^2 + b*c - d, a*b*c - d^2 + 1, b^2 - a*d")),
        };
        for (int k = 0; k < 8; k++)
        {
            var sample = ideals.Sample(random).Select(g => ring.Parse(g.ToString().Replace("x0", "a").Replace("x1", "b").Replace("x2", "c").Replace("x3", "d"))).ToList();
            cases.Add((ring, sample));
        }
        AgreeWithSingular(cases);
    }
}
