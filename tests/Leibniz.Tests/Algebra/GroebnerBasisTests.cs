using Leibniz.Algebra.Fields;
using Leibniz.Algebra.Groebner;
using Leibniz.Algebra.Polynomials;

namespace Leibniz.Tests.Algebra;

/// <summary>Reduced Gröbner bases with known answers, over GF(32003) and over ℚ, listed by increasing lead monomial.</summary>
public class GroebnerBasisTests
{
    private static PolynomialRing<int> Modular(string variables, string order) =>
        new(variables.Split(','), new PrimeField(32003), MonomialOrder.Parse(order, variables.Split(',').Length));

    private static PolynomialRing<Rational> Rational(string variables, string order) =>
        new(variables.Split(','), RationalField.Instance, MonomialOrder.Parse(order, variables.Split(',').Length));

    private static string[] Basis<T>(PolynomialRing<T> ring, string ideal, string selection = "sugar")
    {
        var result = Buchberger.Run(ring, ring.ParseList(ideal), new GroebnerOptions { Selection = PairSelection.Parse(selection) });
        Assert.Equal(GroebnerStatus.Complete, result.Status);
        return [.. result.Basis.Select(g => g.ToString())];
    }

    [Theory]
    [InlineData("first")]
    [InlineData("degree")]
    [InlineData("normal")]
    [InlineData("sugar")]
    [InlineData("last")]
    public void The_twisted_cubic_in_grevlex_has_the_three_quadrics_as_its_reduced_basis(string selection)
    {
        Assert.Equal(["y^2 - x*z", "x*y - z", "x^2 - y"], Basis(Modular("x,y,z", "grevlex"), "y - x^2, z - x^3", selection));
    }

    [Fact]
    public void The_twisted_cubic_in_lex_eliminates_down_to_a_curve_in_the_last_two_variables()
    {
        Assert.Equal(["b^3 - c^2", "a*c - b^2", "a*b - c", "a^2 - b"], Basis(Modular("a,b,c,d", "lex"), "b - a^2, c - a^3"));
    }

    [Fact]
    public void Symmetric_functions_set_to_roots_of_unity_give_the_triangular_basis()
    {
        Assert.Equal(["x + y + z", "y^2 + y*z + z^2", "z^3 - 1"], Basis(Modular("x,y,z", "grevlex"), "x + y + z, x*y + y*z + x*z, x*y*z - 1"));
    }

    [Fact]
    public void Over_the_rationals_coefficients_stay_exact_fractions()
    {
        var basis = Basis(Rational("x,y", "lex"), "2*x - 3*y, 3*y^2 - 1");
        Assert.Equal(["y^2 - 1/3", "x - 3/2*y"], basis);
    }

    [Fact]
    public void The_unit_ideal_has_basis_one()
    {
        Assert.Equal(["1"], Basis(Modular("x,y", "grevlex"), "x*y - 1, x"));
    }

    [Fact]
    public void A_partial_basis_comes_back_marked_when_the_time_budget_is_zero()
    {
        var ring = Modular("a,b,c,d", "grevlex");
        var result = Buchberger.Run(ring, ring.ParseList("a+b+c+d, a*b+b*c+c*d+d*a, a*b*c+b*c*d+c*d*a+d*a*b, a*b*c*d-1"),
            new GroebnerOptions { Timeout = TimeSpan.Zero });
        Assert.Equal(GroebnerStatus.TimedOut, result.Status);
        Assert.Equal(4, result.Basis.Count);
    }

    [Fact]
    public void A_cancelled_run_stops_before_the_next_pair()
    {
        var ring = Modular("a,b,c,d", "grevlex");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var result = Buchberger.Run(ring, ring.ParseList("a+b+c+d, a*b+b*c+c*d+d*a"), new GroebnerOptions { Cancellation = cancel.Token });
        Assert.Equal(GroebnerStatus.Cancelled, result.Status);
        Assert.Equal(0, result.Statistics.PairsReduced);
    }

    [Fact]
    public void A_memory_budget_already_exceeded_stops_the_run_before_the_first_pair()
    {
        var ring = Modular("a,b,c,d", "grevlex");
        var result = Buchberger.Run(ring, ring.ParseList("a+b+c+d, a*b+b*c+c*d+d*a, a*b*c+b*c*d+c*d*a+d*a*b, a*b*c*d-1"),
            new GroebnerOptions { MaxMemoryBytes = 1 });
        Assert.Equal(GroebnerStatus.MemoryLimit, result.Status);
        Assert.Equal(0, result.Statistics.PairsReduced);
    }

    [Fact]
    public void Top_reduction_stops_at_an_irreducible_lead_term_and_full_reduction_goes_on_into_the_tail()
    {
        var ring = Modular("x,y", "lex");
        var reducers = new ReducerSet<int>(ring, ring.ParseList("x - y^2, y^3 - 1"));
        var f = ring.Parse("x^2 + y^4 + y");
        var (top, steps) = Reduction.TopReduce(f, reducers);
        // x² → x·y² → y⁴: lead y⁴ + y⁴ = 2y⁴ → 2y (y³ = 1); y + 2y = 3y is irreducible.
        Assert.Equal("3*y", top.ToString());
        Assert.True(steps >= 3);
        var partial = Reduction.TopReduce(ring.Parse("y^2 + x"), new ReducerSet<int>(ring, ring.ParseList("y^3 - 1")));
        Assert.Equal("x + y^2", partial.Result.ToString());
        Assert.Equal(0, partial.Steps);
        Assert.Equal("y^2", Reduction.NormalForm(ring.Parse("y^2 + x"), ring.ParseList("x")).ToString());
    }
}
