using Leibniz.Algebra.Polynomials;

namespace Leibniz.Algebra.Groebner;

/// <summary>
/// deepgroebner's state for a learned selection strategy: each pair (i, j) of P as the exponent vectors of the first
/// k terms of gᵢ and of gⱼ (zeros where a polynomial has fewer terms), 2kn numbers per pair; k = 2 gives 4n.
/// </summary>
public static class PairFeatures
{
    /// <summary>The features of every pair of <paramref name="environment"/>, row-major [pairs, 2kn].</summary>
    public static float[] Of<T>(BuchbergerEnvironment<T> environment, int k = 2)
    {
        int n = environment.Ring.VariableCount;
        int width = 2 * k * n;
        var pairs = environment.Pairs;
        var features = new float[pairs.Count * width];
        var exponents = new int[n];
        var layout = environment.Ring.Layout;
        for (int p = 0; p < pairs.Count; p++)
        {
            int offset = p * width;
            offset = Write(environment.Basis[pairs[p].I], k, layout, exponents, features, offset);
            Write(environment.Basis[pairs[p].J], k, layout, exponents, features, offset);
        }
        return features;
    }

    /// <summary>The exponent vectors of g's first k terms at <paramref name="offset"/> (zeros past its last term); returns the offset after them.</summary>
    private static int Write<T>(Polynomial<T> g, int k, MonomialLayout layout, int[] exponents, float[] features, int offset)
    {
        int n = exponents.Length;
        for (int term = 0; term < k; term++, offset += n)
        {
            if (term < g.Count)
            {
                layout.Decode(g.Monomial(term), exponents);
                for (int v = 0; v < n; v++)
                {
                    features[offset + v] = exponents[v];
                }
            }
        }
        return offset;
    }

    /// <summary>The number of features per pair, 2kn.</summary>
    public static int Width(int variables, int k = 2) => 2 * k * variables;
}
