using System.Numerics;
using Leibniz.Algebra.Fields;
using Leibniz.Algebra.Groebner;
using Leibniz.Algebra.Polynomials;

namespace Leibniz.Tests.Algebra;

/// <summary>Bases over ℚ by the modular method: equal to the direct computation, exact fractions, checked.</summary>
public class ModularGroebnerTests
{
    private static readonly PolynomialRing<Rational> Q = new(["x", "y", "z"], RationalField.Instance, MonomialOrder.Grevlex(3));

    [Theory]
    [InlineData("x^2 + y*z - 2, x*y - z^2 + 1/3, y^2 - x*z")]
    [InlineData("12345/6789*x^3 - y, x*y^2 - 98765/4321*z, z^2 - x + 7")]
    [InlineData("x + y + z - 1, x*y + y*z + z*x - 2/7, x*y*z - 5/11")]
    public void The_modular_basis_equals_the_direct_one_and_comes_back_verified(string ideal)
    {
        var generators = Q.ParseList(ideal);
        var modular = ModularGroebner.Run(Q, generators);
        var direct = Buchberger.Run(Q, generators);
        Assert.True(modular.Verified);
        Assert.Equal(GroebnerStatus.Complete, modular.Status);
        Assert.True(BasisReduction.SameBasis(direct.Basis, modular.Basis), $"modular {string.Join(", ", modular.Basis)}; direct {string.Join(", ", direct.Basis)}");
    }

    [Fact]
    public void Coefficients_larger_than_one_prime_are_lifted_exactly()
    {
        // The basis holds x − c with c a fraction whose numerator and denominator exceed 2^31.
        var c = new Rational(BigInteger.Parse("123456789012345678901"), BigInteger.Parse("98765432109876543"));
        var generators = new[] { Q.Parse("x") - Q.Constant(c), Q.Parse("y^2 - x*z") };
        var modular = ModularGroebner.Run(Q, generators);
        Assert.True(modular.Verified);
        Assert.Contains(modular.Basis, g => g.Equals(Q.Parse("x") - Q.Constant(c)));
    }
}
