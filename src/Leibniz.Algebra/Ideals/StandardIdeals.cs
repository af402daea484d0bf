using Leibniz.Algebra.Fields;
using Leibniz.Algebra.Polynomials;

namespace Leibniz.Algebra.Ideals;

/// <summary>The benchmark systems of computer algebra: cyclic-n and Katsura-n.</summary>
public static class StandardIdeals
{
    /// <summary>
    /// cyclic-n in x0, …, x_{n−1}: for d = 1, …, n − 1 the sum over i of x_i x_{i+1} ⋯ x_{i+d−1} (indices mod n), and
    /// x0 x1 ⋯ x_{n−1} − 1.
    /// </summary>
    public static IReadOnlyList<Polynomial<T>> Cyclic<T>(PolynomialRing<T> ring)
    {
        int n = ring.VariableCount;
        RequireVariables(n, 2, "cyclic");
        var field = ring.Field;
        var result = new List<Polynomial<T>>();
        for (int d = 1; d < n; d++)
        {
            var sum = ring.Zero;
            for (int i = 0; i < n; i++)
            {
                var e = new int[n];
                for (int k = 0; k < d; k++)
                {
                    e[(i + k) % n]++;
                }
                sum += ring.Term(field.One, e);
            }
            result.Add(sum);
        }
        var all = Enumerable.Repeat(1, n).ToArray();
        result.Add(ring.Term(field.One, all) - ring.One);
        return result;
    }

    /// <summary>
    /// Katsura-n in x0, …, xn (n + 1 variables, with x_{−k} = x_k and x_k = 0 for k &gt; n):
    /// Σ_{k=−n}^{n} x_k = 1 and, for m = 0, …, n − 1, Σ_{k=−n}^{n} x_k x_{m−k} = x_m.
    /// </summary>
    public static IReadOnlyList<Polynomial<T>> Katsura<T>(PolynomialRing<T> ring)
    {
        int n = ring.VariableCount - 1;
        RequireVariables(n + 1, 2, "katsura");
        var field = ring.Field;
        Polynomial<T> X(int k) => Math.Abs(k) <= n ? ring.Variable(Math.Abs(k)) : ring.Zero;
        var result = new List<Polynomial<T>>();
        var linear = ring.Zero;
        for (int k = -n; k <= n; k++)
        {
            linear += X(k);
        }
        result.Add(linear - ring.One);
        for (int m = 0; m < n; m++)
        {
            var sum = ring.Zero;
            for (int k = -n; k <= n; k++)
            {
                sum += X(k) * X(m - k);
            }
            result.Add(sum - X(m));
        }
        return result;
    }

    /// <summary>The ring of cyclic-n: x0, …, x_{n−1} over GF(p) in <paramref name="order"/>.</summary>
    public static PolynomialRing<int> CyclicRing(int n, int prime = PrimeField.DefaultPrime, string order = "grevlex") =>
        new(IndexedVariables(n), new PrimeField(prime), MonomialOrder.Parse(order, n));

    /// <summary>The ring of Katsura-n: x0, …, xn over GF(p) in <paramref name="order"/>.</summary>
    public static PolynomialRing<int> KatsuraRing(int n, int prime = PrimeField.DefaultPrime, string order = "grevlex") =>
        new(IndexedVariables(n + 1), new PrimeField(prime), MonomialOrder.Parse(order, n + 1));

    /// <summary>x0, …, x_{n−1}.</summary>
    public static string[] IndexedVariables(int n) => [.. Enumerable.Range(0, n).Select(i => "x" + i)];

    private static void RequireVariables(int count, int least, string name)
    {
        if (count < least)
        {
            throw new ArgumentException($"{name} needs a ring with at least {least} variables; this one has {count}.");
        }
    }
}
