namespace Leibniz.Algebra.Polynomials;

/// <summary>
/// A polynomial held as a sum of sorted term lists of geometrically growing length (Yan's geobuckets, 1998): bucket i
/// holds at most 4^(i+1) terms, and adding c·x^m·g merges it into the bucket of its size, carrying a bucket that
/// outgrows its bound into the next. Taking the lead term compares the buckets' first terms and adds the equal
/// ones. A reduction with n steps on polynomials of length ℓ then costs O(n ℓ log ℓ) term operations instead of the
/// O(n · |h|) of merging each multiple into the whole remainder.
/// </summary>
internal sealed class GeoBucket<T>
{
    private const int Base = 4;
    private readonly PolynomialRing<T> _ring;
    private readonly int _stride;
    private readonly List<TermBuffer<T>> _buckets = [];
    private readonly List<int> _starts = [];
    private TermBuffer<T> _scratch;

    public GeoBucket(PolynomialRing<T> ring)
    {
        _ring = ring;
        _stride = ring.Layout.Stride;
        _scratch = new TermBuffer<T>(_stride);
    }

    /// <summary>Empties the bucket, keeping its memory for the next polynomial.</summary>
    public void Clear()
    {
        for (int b = 0; b < _buckets.Count; b++)
        {
            _buckets[b].Clear();
            _starts[b] = 0;
        }
    }

    /// <summary>Adds c·x^m·g[gStart..gEnd) (m = 1 when <paramref name="shift"/> is empty).</summary>
    public void Add(T c, ReadOnlySpan<ulong> shift, ReadOnlySpan<ulong> gMonomials, ReadOnlySpan<T> gCoefficients, int gStart, int gEnd)
    {
        int length = gEnd - gStart;
        if (length <= 0)
        {
            return;
        }
        int i = 0;
        for (long capacity = Base; capacity < length; capacity *= Base)
        {
            i++;
        }
        while (_buckets.Count <= i)
        {
            _buckets.Add(new TermBuffer<T>(_stride));
            _starts.Add(0);
        }
        MergeInto(i, c, shift, gMonomials, gCoefficients, gStart, gEnd);
        // Carry: a bucket over its bound moves up into the next one.
        while (Length(i) > Bound(i))
        {
            if (_buckets.Count <= i + 1)
            {
                _buckets.Add(new TermBuffer<T>(_stride));
                _starts.Add(0);
            }
            var full = _buckets[i];
            int start = _starts[i];
            MergeInto(i + 1, _ring.Field.One, default, full.Monomials, full.Coefficients, start, full.Count);
            full.Clear();
            _starts[i] = 0;
            i++;
        }
    }

    /// <summary>
    /// Removes the lead term of the sum and writes its monomial into <paramref name="monomial"/>; false when the sum
    /// is zero.
    /// </summary>
    public bool TakeLead(Span<ulong> monomial, out T coefficient)
    {
        var layout = _ring.Layout;
        var field = _ring.Field;
        while (true)
        {
            int best = -1;
            for (int b = 0; b < _buckets.Count; b++)
            {
                if (_starts[b] >= _buckets[b].Count)
                {
                    continue;
                }
                if (best < 0 || layout.Compare(Lead(b), Lead(best)) > 0)
                {
                    best = b;
                }
            }
            if (best < 0)
            {
                coefficient = field.Zero;
                return false;
            }
            Lead(best).CopyTo(monomial);
            var sum = field.Zero;
            for (int b = 0; b < _buckets.Count; b++)
            {
                if (_starts[b] < _buckets[b].Count && layout.Equal(Lead(b), monomial))
                {
                    sum = field.Add(sum, _buckets[b].Coefficients[_starts[b]]);
                    _starts[b]++;
                }
            }
            if (!field.IsZero(sum))
            {
                coefficient = sum;
                return true;
            }
        }
    }

    private ReadOnlySpan<ulong> Lead(int b) => _buckets[b].Monomials.AsSpan(_starts[b] * _stride, _stride);

    private int Length(int b) => _buckets[b].Count - _starts[b];

    private static long Bound(int b)
    {
        long bound = Base;
        for (int k = 0; k < b; k++)
        {
            bound *= Base;
        }
        return bound;
    }

    private void MergeInto(int b, T c, ReadOnlySpan<ulong> shift, ReadOnlySpan<ulong> gMonomials, ReadOnlySpan<T> gCoefficients, int gStart, int gEnd)
    {
        var bucket = _buckets[b];
        Polynomial<T>.Merge(_ring, bucket.Monomials, bucket.Coefficients, _starts[b], bucket.Count, c, shift, gMonomials, gCoefficients, gStart, gEnd, _scratch);
        _buckets[b] = _scratch;
        _starts[b] = 0;
        _scratch = bucket;
    }
}
