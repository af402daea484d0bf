using System.Numerics;
using Leibniz.Algebra.Fields;
using Leibniz.Algebra.Groebner;
using Leibniz.Algebra.Polynomials;

namespace Leibniz.Tests.Algebra;

/// <summary>Hilbert series, dimension and degree on cases with known answers.</summary>
public class HilbertSeriesTests
{
    [Fact]
    public void The_polynomial_ring_itself_has_series_one_over_one_minus_t_to_the_n()
    {
        var series = HilbertSeries.OfMonomials([], 3);
        Assert.Equal(3, series.Dimension);
        Assert.Equal(BigInteger.One, series.Degree);
        Assert.Equal(BigInteger.One, series.HilbertFunction(0));
        Assert.Equal(new BigInteger(10), series.HilbertFunction(3));
    }

    [Fact]
    public void A_hypersurface_of_degree_d_has_dimension_n_minus_one_and_degree_d()
    {
        var series = HilbertSeries.OfMonomials([[2, 1, 2]], 3);
        Assert.Equal(2, series.Dimension);
        Assert.Equal(new BigInteger(5), series.Degree);
    }

    [Fact]
    public void A_zero_dimensional_monomial_ideal_has_degree_the_number_of_standard_monomials()
    {
        // ⟨x³, x y, y⁴⟩: standard monomials 1, x, x², y, y², y³ (six).
        var series = HilbertSeries.OfMonomials([[3, 0], [1, 1], [0, 4]], 2);
        Assert.Equal(0, series.Dimension);
        Assert.Equal(new BigInteger(6), series.Degree);
        Assert.Equal("1 + 2*t + 2*t^2 + t^3", HilbertSeries.Format(series.ReducedNumerator));
    }

    [Fact]
    public void The_unit_ideal_has_dimension_minus_one()
    {
        var series = HilbertSeries.OfMonomials([[0, 0]], 2);
        Assert.Equal(-1, series.Dimension);
        Assert.Equal(BigInteger.Zero, series.Degree);
    }

    [Fact]
    public void The_series_agrees_with_counting_standard_monomials_degree_by_degree()
    {
        int[][] gens = [[2, 1, 0], [0, 3, 1], [1, 0, 2], [0, 0, 4], [3, 0, 0]];
        var series = HilbertSeries.OfMonomials(gens, 3);
        for (int k = 0; k <= 8; k++)
        {
            int count = 0;
            for (int a = 0; a <= k; a++)
            {
                for (int b = 0; a + b <= k; b++)
                {
                    int[] m = [a, b, k - a - b];
                    if (!gens.Any(g => g[0] <= m[0] && g[1] <= m[1] && g[2] <= m[2]))
                    {
                        count++;
                    }
                }
            }
            Assert.Equal(new BigInteger(count), series.HilbertFunction(k));
        }
    }

    [Fact]
    public void Two_generic_plane_conics_meet_in_four_points()
    {
        var ring = new PolynomialRing<int>(["x", "y"], new PrimeField(32003), MonomialOrder.Grevlex(2));
        var basis = Buchberger.Run(ring, ring.ParseList("x^2 + 3*x*y - y^2 + x - 2, 2*x^2 - x*y + y^2 - 3*y + 1")).Basis;
        var series = HilbertSeries.OfLeadMonomials(basis, ring);
        Assert.Equal(0, series.Dimension);
        Assert.Equal(new BigInteger(4), series.Degree);
    }

    [Theory]
    [InlineData(new[] { 2, 1, 0, 0, 2, 0 }, "k + 3")]
    [InlineData(new int[0], "1/2*k^2 + 3/2*k + 1")]
    public void The_Hilbert_polynomial_counts_standard_monomials_of_large_degree(int[] flat, string polynomial)
    {
        // ⟨x²y, y²⟩ in k[x, y, z] (flat exponent triples): x^a z^b, and x^a y z^b with a ≤ 1, so k + 1 + 2 in degree
        // k ≥ 2; the empty ideal gives C(k + 2, 2).
        var gens = Enumerable.Range(0, flat.Length / 3).Select(i => flat.Skip(3 * i).Take(3).ToArray()).ToArray();
        var series = HilbertSeries.OfMonomials(gens, 3);
        Assert.Equal(polynomial, series.FormatHilbertPolynomial());
        var p = series.HilbertPolynomial();
        for (int k = 6; k <= 9; k++)
        {
            var value = Leibniz.Algebra.Fields.RationalField.Instance.Zero;
            for (int a = 0; a < p.Count; a++)
            {
                value = Leibniz.Algebra.Fields.RationalField.Instance.Add(value, Leibniz.Algebra.Fields.RationalField.Instance.Multiply(p[a], new Leibniz.Algebra.Fields.Rational(BigInteger.Pow(k, a))));
            }
            Assert.True(value.Denominator.IsOne);
            Assert.Equal(series.HilbertFunction(k), value.Numerator);
        }
    }
}
