namespace Leibniz.Algebra.Polynomials;

/// <summary>
/// A growable list of terms (packed monomials and coefficients) written in decreasing monomial order: the scratch
/// space of merges and reductions, turned into a <see cref="Polynomial{T}"/> by <see cref="ToPolynomial"/>.
/// </summary>
internal sealed class TermBuffer<T>
{
    private readonly int _stride;

    public TermBuffer(int stride, int capacity = 16)
    {
        _stride = stride;
        Monomials = new ulong[Math.Max(1, capacity) * stride];
        Coefficients = new T[Math.Max(1, capacity)];
    }

    public ulong[] Monomials { get; private set; }

    public T[] Coefficients { get; private set; }

    public int Count { get; set; }

    public void Clear() => Count = 0;

    public void EnsureCapacity(int terms)
    {
        if (terms <= Coefficients.Length)
        {
            return;
        }
        int capacity = Math.Max(terms, 2 * Coefficients.Length);
        var monomials = new ulong[capacity * _stride];
        Array.Copy(Monomials, monomials, Count * _stride);
        var coefficients = new T[capacity];
        Array.Copy(Coefficients, coefficients, Count);
        Monomials = monomials;
        Coefficients = coefficients;
    }

    /// <summary>Appends a term whose monomial is smaller than every term before it.</summary>
    public void Append(ReadOnlySpan<ulong> monomial, T coefficient)
    {
        EnsureCapacity(Count + 1);
        monomial[.._stride].CopyTo(Monomials.AsSpan(Count * _stride, _stride));
        Coefficients[Count] = coefficient;
        Count++;
    }

    /// <summary>A slot for the next term's monomial, to be written in place before <see cref="Commit"/>.</summary>
    public Span<ulong> NextMonomial()
    {
        EnsureCapacity(Count + 1);
        return Monomials.AsSpan(Count * _stride, _stride);
    }

    /// <summary>Keeps the monomial written into <see cref="NextMonomial"/> with <paramref name="coefficient"/>.</summary>
    public void Commit(T coefficient)
    {
        Coefficients[Count] = coefficient;
        Count++;
    }

    public Polynomial<T> ToPolynomial(PolynomialRing<T> ring)
    {
        var monomials = Monomials.AsSpan(0, Count * _stride).ToArray();
        var coefficients = Coefficients.AsSpan(0, Count).ToArray();
        return new Polynomial<T>(ring, monomials, coefficients);
    }
}
