using Leibniz.Algebra.Fields;
using Leibniz.Algebra.Groebner;
using Leibniz.Algebra.Polynomials;

namespace Leibniz.Tests.Algebra;

/// <summary>Elimination ideals and implicitisation on varieties with known equations.</summary>
public class EliminationTests
{
    private static PolynomialRing<Rational> Ring(params string[] variables) =>
        new(variables, RationalField.Instance, MonomialOrder.Grevlex(variables.Length));

    [Fact]
    public void The_twisted_cubic_is_implicitised_to_its_three_quadrics()
    {
        var ring = Ring("t", "x", "y", "z");
        var (small, result) = Elimination.Eliminate(ring, ring.ParseList("x - t, y - t^2, z - t^3"), ["t"]);
        Assert.Equal("x,y,z over QQ grevlex", small.ToString());
        Assert.Equal(["y^2 - x*z", "x*y - z", "x^2 - y"], result.Basis.Select(g => g.ToString()));
    }

    [Fact]
    public void The_unit_circle_parametrised_by_lines_through_a_point_becomes_x2_plus_y2_minus_1()
    {
        // x = (1 − t²)/(1 + t²), y = 2t/(1 + t²): clear denominators with an extra variable w = 1/(1 + t²).
        var ring = Ring("t", "w", "x", "y");
        var (_, result) = Elimination.Eliminate(ring, ring.ParseList("w*(1 + t^2) - 1, x - w*(1 - t^2), y - 2*t*w"), ["t", "w"]);
        Assert.Equal(["x^2 + y^2 - 1"], result.Basis.Select(g => g.ToString()));
    }

    [Fact]
    public void Every_element_of_the_elimination_ideal_lies_in_the_ideal_and_is_free_of_the_eliminated_variables()
    {
        var ring = new PolynomialRing<int>(["a", "b", "x", "y", "z"], new PrimeField(32003), MonomialOrder.Grevlex(5));
        var ideal = ring.ParseList("x - a^2 - b, y - a*b + 1, z - b^3 + a");
        var (small, result) = Elimination.Eliminate(ring, ideal, ["a", "b"]);
        var full = Buchberger.Run(ring, ideal).Basis;
        Assert.NotEmpty(result.Basis);
        foreach (var g in result.Basis)
        {
            Assert.True(Reduction.IsMember(ring.Parse(g.ToString()), full), $"{g} is not in the ideal");
        }
        Assert.Equal(3, small.VariableCount);
    }

    [Fact]
    public void Eliminating_a_variable_the_ring_does_not_have_says_which_ones_it_has()
    {
        var ring = Ring("x", "y");
        var e = Assert.Throws<ArgumentException>(() => Elimination.Eliminate(ring, ring.ParseList("x - y"), ["t"]));
        Assert.Contains("x, y", e.Message);
    }
}
