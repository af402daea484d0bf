using Leibniz.Algebra.Fields;
using Leibniz.Algebra.Polynomials;

namespace Leibniz.Tests.Algebra;

/// <summary>Parsing and printing polynomials, ring declarations and files of ideals.</summary>
public class PolynomialTextTests
{
    private static readonly PolynomialRing<Rational> Q = new(["x", "y", "z"], RationalField.Instance, MonomialOrder.Grevlex(3));
    private static readonly PolynomialRing<int> F7 = new(["x", "y", "z"], new PrimeField(7), MonomialOrder.Lex(3));

    [Theory]
    [InlineData("x^2*y - 3*z + 1", "x^2*y - 3*z + 1")]
    [InlineData("(x + y)^2", "x^2 + 2*x*y + y^2")]
    [InlineData("2x y - 1/2 z", "2*x*y - 1/2*z")]
    [InlineData("x**3 - x*x*x + z", "z")]
    [InlineData("-(x - y)*(x + y)", "-x^2 + y^2")]
    [InlineData("3/6*x - 0", "1/2*x")]
    public void Text_parses_to_the_polynomial_it_means_and_prints_back_in_the_usual_form(string text, string printed)
    {
        Assert.Equal(printed, Q.Parse(text).ToString());
    }

    [Fact]
    public void Coefficients_in_GF_p_print_in_the_symmetric_range_and_round_trip()
    {
        var f = F7.Parse("x^2 + 6*y + 10*z - 3");
        Assert.Equal("x^2 - y + 3*z - 3", f.ToString());
        Assert.Equal(f, F7.Parse(f.ToString()));
        Assert.Equal(F7.Parse("x/3"), F7.Parse("5*x"));
    }

    [Fact]
    public void Lex_and_grevlex_order_terms_as_their_definitions_say()
    {
        var lex = new PolynomialRing<int>(["x", "y", "z"], new PrimeField(101), MonomialOrder.Lex(3));
        var grlex = new PolynomialRing<int>(["x", "y", "z"], new PrimeField(101), MonomialOrder.Grlex(3));
        var grevlex = new PolynomialRing<int>(["x", "y", "z"], new PrimeField(101), MonomialOrder.Grevlex(3));
        const string text = "x*z^2 + y^3 + x^2 + x*y*z";
        Assert.Equal("x^2 + x*y*z + x*z^2 + y^3", lex.Parse(text).ToString());
        Assert.Equal("x*y*z + x*z^2 + y^3 + x^2", grlex.Parse(text).ToString());
        Assert.Equal("y^3 + x*y*z + x*z^2 + x^2", grevlex.Parse(text).ToString());
    }

    [Fact]
    public void Implicit_products_can_be_turned_off()
    {
        var e = Assert.Throws<PolynomialParseException>(() => new PolynomialParser<Rational>(Q, "2 x", implicitProducts: false).ParseSingle());
        Assert.Equal(3, e.Column);
    }

    [Fact]
    public void An_unknown_variable_that_is_a_product_of_known_ones_gets_a_suggestion()
    {
        var e = Assert.Throws<PolynomialParseException>(() => Q.Parse("x + xy"));
        Assert.Equal(5, e.Column);
        Assert.Contains("did you mean x*y?", e.Message);
        Assert.Contains("    ^", e.Message);
    }

    [Fact]
    public void Division_by_a_polynomial_and_negative_exponents_are_refused_where_they_occur()
    {
        Assert.Equal(7, Assert.Throws<PolynomialParseException>(() => Q.Parse("x + 1/y")).Column);
        Assert.Equal(3, Assert.Throws<PolynomialParseException>(() => Q.Parse("x^-2")).Column);
        Assert.Contains("division by zero", Assert.Throws<PolynomialParseException>(() => F7.Parse("x/0")).Message);
    }

    [Fact]
    public void A_ring_declaration_gives_variables_field_and_order()
    {
        var ring = RingDeclaration.Parse("ring: a, b, c over GF(32003) lex");
        Assert.Equal(["a", "b", "c"], ring.Variables);
        Assert.Equal(32003, ring.Characteristic);
        Assert.Equal("lex", ring.Order);
        Assert.Equal(0, RingDeclaration.Parse("x,y over QQ").Characteristic);
        Assert.Equal("grevlex", RingDeclaration.Parse("x,y over 101").Order);
    }

    [Theory]
    [InlineData("ring: x,y over GF(32004) lex", "not a prime", 16)]
    [InlineData("ring: x,y over RR lex", "valid choices", 16)]
    [InlineData("ring: x,y over QQ revlex", "valid choices: lex", 19)]
    [InlineData("ring: x,2y over QQ lex", "not a variable name", 9)]
    public void A_bad_ring_declaration_points_at_the_part_that_is_wrong(string text, string problem, int column)
    {
        var e = Assert.Throws<PolynomialParseException>(() => RingDeclaration.Parse(text));
        Assert.Contains(problem, e.Message);
        Assert.Equal(column, e.Column);
    }

    [Fact]
    public void A_file_of_ideals_reports_errors_at_their_line()
    {
        var ideals = IdealFile.Parse("ring: x,y over GF(7) grevlex\nx^2 - y\n;\n# the second\nx*y - 1,\ny^2 - q\n");
        Assert.Equal(2, ideals.Count);
        Assert.Equal(2, ideals[0].FirstLine);
        var ring = new PolynomialRing<int>(["x", "y"], new PrimeField(7), MonomialOrder.Grevlex(2));
        Assert.Single(ideals[0].Parse(ring));
        var e = Assert.Throws<PolynomialParseException>(() => ideals[1].Parse(ring));
        Assert.Equal(6, e.Line);
        Assert.Equal(7, e.Column);
    }

    [Fact]
    public void A_product_beyond_the_largest_exponent_is_refused_not_wrapped()
    {
        var ring = new PolynomialRing<int>(["x", "y"], new PrimeField(32003), MonomialOrder.Grevlex(2));
        var big = ring.Parse("x^20000 + y");
        var e = Assert.Throws<OverflowException>(() => big * big);
        Assert.Contains("32768", e.Message);
        Assert.Equal("x^30000 + x^10000*y", (ring.Parse("x^20000 + y") * ring.Parse("x^10000")).ToString());
    }
}
