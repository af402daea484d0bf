using System.Numerics;
using Leibniz.Graphs.Conjectures;

namespace Leibniz.Graphs.Certification;

/// <summary>
/// Eigenvalues of a symmetric integer matrix enclosed with proof. The characteristic polynomial p is exact;
/// the roots of p counted with multiplicity above x are Σ_j #{distinct roots of g_j above x}, with g₀ = p and
/// g_{j+1} = gcd(g_j, g_j′) (the last entry of g_j's Sturm sequence), and each term is read off a Sturm sequence
/// as V_j(x) − V_j(+∞). Bisection on dyadic rationals a/2⁶⁴ then encloses λ_k (k-th largest) in (lo, hi] with
/// #{roots &gt; lo} ≥ k &gt; #{roots &gt; hi}.
/// </summary>
public sealed class CertifiedSpectrum
{
    private const int Shift = 64;
    private readonly BigInteger[] _polynomial;
    private readonly List<List<BigInteger[]>> _sequences = [];
    private readonly BigInteger _bound;

    /// <summary>Prepares the polynomial and its Sturm sequences for the symmetric integer matrix <paramref name="matrix"/>.</summary>
    public CertifiedSpectrum(long[,] matrix)
    {
        int n = matrix.GetLength(0);
        Order = n;
        _polynomial = IntegerPolynomial.CharacteristicPolynomial(matrix);
        var g = _polynomial;
        while (g.Length > 1)
        {
            var sequence = IntegerPolynomial.SturmSequence(g);
            _sequences.Add(sequence);
            g = sequence[^1];
        }
        // Every eigenvalue lies within the largest absolute row sum (Gershgorin); one more for a strict bound.
        long bound = 0;
        for (int i = 0; i < n; i++)
        {
            long row = 0;
            for (int j = 0; j < n; j++)
            {
                row += Math.Abs(matrix[i, j]);
            }
            bound = Math.Max(bound, row);
        }
        _bound = new BigInteger(bound + 1) << Shift;
    }

    /// <summary>The matrix size n.</summary>
    public int Order { get; }

    /// <summary>det(xI − A), lowest degree first.</summary>
    public IReadOnlyList<BigInteger> CharacteristicPolynomial => _polynomial;

    /// <summary>
    /// An interval that provably contains λ_k, the k-th largest eigenvalue (with multiplicity), of width about
    /// <paramref name="relativeWidth"/>·max(1, |λ_k|); <paramref name="estimate"/> (a floating-point value) only speeds up the search.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">k outside 1 … n.</exception>
    public Interval Largest(int k, double estimate = double.NaN, double relativeWidth = 1e-12)
    {
        if (k < 1 || k > Order)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"Eigenvalue index must lie in 1 … {Order}.");
        }
        BigInteger lo = -_bound, hi = _bound;
        if (double.IsFinite(estimate))
        {
            for (double delta = 1e-9 * Math.Max(1, Math.Abs(estimate)); delta < (double)(_bound >> Shift); delta *= 1000)
            {
                var a = ToDyadic(estimate - delta);
                var b = ToDyadic(estimate + delta);
                if (a > lo && b < hi && CountAbove(ref a, -1) >= k && CountAbove(ref b, +1) < k)
                {
                    (lo, hi) = (a, b);
                    break;
                }
            }
        }
        double target = relativeWidth * Math.Max(1, double.IsFinite(estimate) ? Math.Abs(estimate) : 1);
        var width = new BigInteger(Math.Max(1, Math.ScaleB(target, Shift)));
        while (hi - lo > width)
        {
            var mid = (lo + hi) >> 1;
            if (CountAbove(ref mid, +1) >= k)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        return new Interval(Math.BitDecrement(Math.ScaleB((double)lo, -Shift)), Math.BitIncrement(Math.ScaleB((double)hi, -Shift)));
    }

    /// <summary>
    /// The number of eigenvalues (with multiplicity) above x = a/2⁶⁴. If x is itself an eigenvalue, x is first
    /// moved by one unit of 2⁻⁶⁴ in the direction <paramref name="nudge"/> (a is updated).
    /// </summary>
    private int CountAbove(ref BigInteger a, int nudge)
    {
        while (IntegerPolynomial.SignAt(_polynomial, a, Shift) == 0)
        {
            a += nudge;
        }
        int count = 0;
        foreach (var sequence in _sequences)
        {
            count += Variations(sequence, a) - VariationsAtInfinity(sequence);
        }
        return count;
    }

    private static int Variations(List<BigInteger[]> sequence, BigInteger a)
    {
        int changes = 0, previous = 0;
        foreach (var p in sequence)
        {
            int sign = IntegerPolynomial.SignAt(p, a, Shift);
            if (sign != 0)
            {
                if (previous != 0 && sign != previous)
                {
                    changes++;
                }
                previous = sign;
            }
        }
        return changes;
    }

    private static int VariationsAtInfinity(List<BigInteger[]> sequence)
    {
        int changes = 0, previous = 0;
        foreach (var p in sequence)
        {
            int sign = p[^1].Sign;
            if (previous != 0 && sign != previous)
            {
                changes++;
            }
            previous = sign;
        }
        return changes;
    }

    private static BigInteger ToDyadic(double x) => new(Math.Round(Math.ScaleB(x, Shift)));
}
