using Leibniz.Algebra.Polynomials;

namespace Leibniz.Algebra.Groebner;

/// <summary>
/// The polynomials a reduction divides by, with their lead monomials packed side by side for the divisibility scan
/// and their sugar degrees. Kept in increasing order of lead monomial when <see cref="Sorted"/> (deepgroebner's
/// <c>sort_reducers</c>: the first divisor found is the one with the smallest lead monomial), else in insertion order.
/// </summary>
public sealed class ReducerSet<T>
{
    private readonly List<Polynomial<T>> _polynomials = [];
    private readonly List<int> _sugars = [];
    private ulong[] _leads;
    private readonly int _stride;
    private readonly MonomialLayout _layout;

    /// <summary>An empty set of reducers in <paramref name="ring"/>.</summary>
    public ReducerSet(PolynomialRing<T> ring, bool sorted = true)
    {
        Ring = ring;
        Sorted = sorted;
        _layout = ring.Layout;
        _stride = _layout.Stride;
        _leads = new ulong[16 * _stride];
    }

    /// <summary>The set of <paramref name="polynomials"/> (zero polynomials are skipped).</summary>
    public ReducerSet(PolynomialRing<T> ring, IEnumerable<Polynomial<T>> polynomials, bool sorted = true)
        : this(ring, sorted)
    {
        foreach (var p in polynomials)
        {
            if (!p.IsZero)
            {
                Add(p, p.TotalDegree);
            }
        }
    }

    /// <summary>The ring.</summary>
    public PolynomialRing<T> Ring { get; }

    /// <summary>Whether reducers are kept in increasing order of lead monomial.</summary>
    public bool Sorted { get; }

    /// <summary>The number of reducers.</summary>
    public int Count => _polynomials.Count;

    /// <summary>Reducer <paramref name="index"/> in scan order.</summary>
    public Polynomial<T> this[int index] => _polynomials[index];

    /// <summary>The sugar degree of reducer <paramref name="index"/>.</summary>
    public int Sugar(int index) => _sugars[index];

    /// <summary>Adds a non-zero polynomial with its sugar degree.</summary>
    public void Add(Polynomial<T> polynomial, int sugar)
    {
        int at = _polynomials.Count;
        if (Sorted)
        {
            // After every reducer with a lead monomial ≤ this one (bisect_right).
            int lo = 0, hi = _polynomials.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (_layout.Compare(Lead(mid), polynomial.LeadMonomial) <= 0)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }
            at = lo;
        }
        if ((_polynomials.Count + 1) * _stride > _leads.Length)
        {
            Array.Resize(ref _leads, 2 * _leads.Length);
        }
        Array.Copy(_leads, at * _stride, _leads, (at + 1) * _stride, (_polynomials.Count - at) * _stride);
        polynomial.LeadMonomial.CopyTo(_leads.AsSpan(at * _stride, _stride));
        _polynomials.Insert(at, polynomial);
        _sugars.Insert(at, sugar);
    }

    /// <summary>The index of the first reducer whose lead monomial divides <paramref name="monomial"/>, or −1.</summary>
    public int FindDivisor(ReadOnlySpan<ulong> monomial)
    {
        var leads = _leads.AsSpan(0, _polynomials.Count * _stride);
        for (int k = 0, offset = 0; k < _polynomials.Count; k++, offset += _stride)
        {
            if (_layout.Divides(leads.Slice(offset, _stride), monomial))
            {
                return k;
            }
        }
        return -1;
    }

    private ReadOnlySpan<ulong> Lead(int index) => _leads.AsSpan(index * _stride, _stride);
}
