using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Leibniz.Algebra.Polynomials;

/// <summary>
/// A sparse polynomial Σ cᵢ x^{aᵢ} of a <see cref="PolynomialRing{T}"/>: non-zero coefficients with their packed
/// monomials (<see cref="MonomialLayout"/>), in strictly decreasing monomial order, so term 0 is the lead term.
/// Immutable; arithmetic returns new polynomials.
/// </summary>
public sealed class Polynomial<T> : IEquatable<Polynomial<T>>
{
    private readonly ulong[] _monomials;
    private readonly T[] _coefficients;

    internal Polynomial(PolynomialRing<T> ring, ulong[] monomials, T[] coefficients)
    {
        Ring = ring;
        _monomials = monomials;
        _coefficients = coefficients;
    }

    /// <summary>The ring it belongs to.</summary>
    public PolynomialRing<T> Ring { get; }

    /// <summary>The number of terms.</summary>
    public int Count => _coefficients.Length;

    /// <summary>Whether it is the zero polynomial.</summary>
    public bool IsZero => _coefficients.Length == 0;

    /// <summary>The packed lead monomial.</summary>
    /// <exception cref="InvalidOperationException">The polynomial is zero.</exception>
    public ReadOnlySpan<ulong> LeadMonomial => IsZero ? throw new InvalidOperationException("the zero polynomial has no lead monomial.") : Monomial(0);

    /// <summary>The lead coefficient.</summary>
    /// <exception cref="InvalidOperationException">The polynomial is zero.</exception>
    public T LeadCoefficient => IsZero ? throw new InvalidOperationException("the zero polynomial has no lead coefficient.") : _coefficients[0];

    /// <summary>The packed monomial of term <paramref name="index"/>.</summary>
    public ReadOnlySpan<ulong> Monomial(int index) => _monomials.AsSpan(index * Ring.Layout.Stride, Ring.Layout.Stride);

    /// <summary>The coefficient of term <paramref name="index"/>.</summary>
    public T Coefficient(int index) => _coefficients[index];

    /// <summary>The exponent vector of term <paramref name="index"/>.</summary>
    public int[] Exponents(int index)
    {
        var e = new int[Ring.VariableCount];
        Ring.Layout.Decode(Monomial(index), e);
        return e;
    }

    /// <summary>The total degree (the largest degree of a term); −1 for zero.</summary>
    public int TotalDegree
    {
        get
        {
            int d = -1;
            for (int i = 0; i < Count; i++)
            {
                d = Math.Max(d, Ring.Layout.Degree(Monomial(i)));
            }
            return d;
        }
    }

    internal ReadOnlySpan<ulong> MonomialData => _monomials;

    internal ReadOnlySpan<T> CoefficientData => _coefficients;

    /// <summary>The polynomial divided by its lead coefficient (zero stays zero).</summary>
    public Polynomial<T> Monic()
    {
        if (IsZero)
        {
            return this;
        }
        var field = Ring.Field;
        if (field.IsZero(field.Subtract(_coefficients[0], field.One)))
        {
            return this;
        }
        return Scale(field.Inverse(_coefficients[0]));
    }

    /// <summary><c>c · f</c>.</summary>
    public Polynomial<T> Scale(T c)
    {
        var field = Ring.Field;
        if (field.IsZero(c))
        {
            return Ring.Zero;
        }
        var coefficients = new T[Count];
        for (int i = 0; i < Count; i++)
        {
            coefficients[i] = field.Multiply(c, _coefficients[i]);
        }
        return new Polynomial<T>(Ring, _monomials, coefficients);
    }

    /// <summary><c>c · x^m · f</c> for a packed monomial <paramref name="monomial"/>.</summary>
    public Polynomial<T> MultiplyTerm(T c, ReadOnlySpan<ulong> monomial)
    {
        var field = Ring.Field;
        if (field.IsZero(c))
        {
            return Ring.Zero;
        }
        int stride = Ring.Layout.Stride;
        var monomials = new ulong[_monomials.Length];
        var coefficients = new T[Count];
        for (int i = 0; i < Count; i++)
        {
            Ring.Layout.Multiply(Monomial(i), monomial, monomials.AsSpan(i * stride, stride));
            coefficients[i] = field.Multiply(c, _coefficients[i]);
        }
        return new Polynomial<T>(Ring, monomials, coefficients);
    }

    /// <summary>f + g.</summary>
    public static Polynomial<T> operator +(Polynomial<T> f, Polynomial<T> g) => Combine(f, f.Ring.Field.One, g);

    /// <summary>f − g.</summary>
    public static Polynomial<T> operator -(Polynomial<T> f, Polynomial<T> g) => Combine(f, f.Ring.Field.Negate(f.Ring.Field.One), g);

    /// <summary>−f.</summary>
    public static Polynomial<T> operator -(Polynomial<T> f) => f.Scale(f.Ring.Field.Negate(f.Ring.Field.One));

    /// <summary>f · g, as the sum over the terms of the shorter of c·x^m·(the longer).</summary>
    public static Polynomial<T> operator *(Polynomial<T> f, Polynomial<T> g)
    {
        CheckSameRing(f, g);
        var (small, large) = f.Count <= g.Count ? (f, g) : (g, f);
        var result = f.Ring.Zero;
        for (int i = 0; i < small.Count; i++)
        {
            result += large.MultiplyTerm(small._coefficients[i], small.Monomial(i));
        }
        return result;
    }

    /// <summary>f^k by repeated squaring.</summary>
    public Polynomial<T> Power(int k)
    {
        if (k < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "a polynomial power needs a non-negative exponent.");
        }
        var result = Ring.One;
        var b = this;
        while (k > 0)
        {
            if ((k & 1) == 1)
            {
                result *= b;
            }
            k >>= 1;
            if (k > 0)
            {
                b *= b;
            }
        }
        return result;
    }

    /// <summary><c>f + c · g</c> by one merge of the two term lists.</summary>
    public static Polynomial<T> Combine(Polynomial<T> f, T c, Polynomial<T> g)
    {
        CheckSameRing(f, g);
        var buffer = new TermBuffer<T>(f.Ring.Layout.Stride, f.Count + g.Count);
        Merge(f.Ring, f._monomials, f._coefficients, 0, f.Count, c, default, g._monomials, g._coefficients, 0, g.Count, buffer);
        return buffer.ToPolynomial(f.Ring);
    }

    /// <summary>
    /// Writes <c>f[fStart..fEnd) + c · x^m · g[gStart..gEnd)</c> into <paramref name="output"/> (cleared first), with
    /// m = 1 when <paramref name="shift"/> is empty: the one loop that polynomial sums and reductions run.
    /// </summary>
    internal static void Merge(PolynomialRing<T> ring,
        ReadOnlySpan<ulong> fMonomials, ReadOnlySpan<T> fCoefficients, int fStart, int fEnd,
        T c, ReadOnlySpan<ulong> shift,
        ReadOnlySpan<ulong> gMonomials, ReadOnlySpan<T> gCoefficients, int gStart, int gEnd,
        TermBuffer<T> output)
    {
        if (typeof(T) == typeof(int) && ring.Field is Fields.PrimeField prime)
        {
            PrimeMerge.Merge(ring.Layout, prime.Prime,
                fMonomials, AsInts(fCoefficients), fStart, fEnd,
                Unsafe.As<T, int>(ref c), shift,
                gMonomials, AsInts(gCoefficients), gStart, gEnd,
                Unsafe.As<TermBuffer<T>, TermBuffer<int>>(ref output));
            return;
        }
        var layout = ring.Layout;
        var field = ring.Field;
        int stride = layout.Stride;
        output.Clear();
        output.EnsureCapacity(fEnd - fStart + gEnd - gStart);
        Span<ulong> shifted = stackalloc ulong[stride];
        int i = fStart, j = gStart;
        if (j < gEnd)
        {
            Load(layout, gMonomials, j, shift, shifted);
        }
        while (i < fEnd && j < gEnd)
        {
            var fm = fMonomials.Slice(i * stride, stride);
            int cmp = layout.Compare(fm, shifted);
            if (cmp > 0)
            {
                output.Append(fm, fCoefficients[i]);
                i++;
            }
            else if (cmp < 0)
            {
                var slot = output.NextMonomial();
                shifted.CopyTo(slot);
                output.Commit(field.Multiply(c, gCoefficients[j]));
                if (++j < gEnd)
                {
                    Load(layout, gMonomials, j, shift, shifted);
                }
            }
            else
            {
                var s = field.Add(fCoefficients[i], field.Multiply(c, gCoefficients[j]));
                if (!field.IsZero(s))
                {
                    output.Append(fm, s);
                }
                i++;
                if (++j < gEnd)
                {
                    Load(layout, gMonomials, j, shift, shifted);
                }
            }
        }
        for (; i < fEnd; i++)
        {
            output.Append(fMonomials.Slice(i * stride, stride), fCoefficients[i]);
        }
        while (j < gEnd)
        {
            var slot = output.NextMonomial();
            shifted.CopyTo(slot);
            output.Commit(field.Multiply(c, gCoefficients[j]));
            if (++j < gEnd)
            {
                Load(layout, gMonomials, j, shift, shifted);
            }
        }
    }

    /// <summary>A span of T = int seen as ints (only called when typeof(T) == typeof(int)).</summary>
    private static ReadOnlySpan<int> AsInts(ReadOnlySpan<T> span) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, int>(ref MemoryMarshal.GetReference(span)), span.Length);

    private static void Load(MonomialLayout layout, ReadOnlySpan<ulong> monomials, int index, ReadOnlySpan<ulong> shift, Span<ulong> destination)
    {
        var m = monomials.Slice(index * layout.Stride, layout.Stride);
        if (shift.IsEmpty)
        {
            m.CopyTo(destination);
        }
        else
        {
            layout.Multiply(m, shift, destination);
        }
    }

    /// <inheritdoc />
    public bool Equals(Polynomial<T>? other)
    {
        if (other is null || other.Count != Count || !ReferenceEquals(other.Ring, Ring) && !other.Ring.SameAs(Ring))
        {
            return false;
        }
        var comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < Count; i++)
        {
            if (!comparer.Equals(_coefficients[i], other._coefficients[i]) || !Ring.Layout.Equal(Monomial(i), other.Monomial(i)))
            {
                return false;
            }
        }
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Polynomial<T> p && Equals(p);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Count);
        for (int i = 0; i < Math.Min(Count, 4); i++)
        {
            h.Add(Ring.Layout.Hash(Monomial(i)));
            h.Add(_coefficients[i]);
        }
        return h.ToHashCode();
    }

    /// <summary>The usual text form: <c>x^2*y - 3*z + 1</c> (coefficients of GF(p) in (−p/2, p/2]).</summary>
    public override string ToString()
    {
        if (IsZero)
        {
            return "0";
        }
        var field = Ring.Field;
        var text = new StringBuilder();
        for (int i = 0; i < Count; i++)
        {
            var c = _coefficients[i];
            bool negative = field.IsNegative(c);
            var magnitude = negative ? field.Negate(c) : c;
            if (i == 0)
            {
                text.Append(negative ? "-" : "");
            }
            else
            {
                text.Append(negative ? " - " : " + ");
            }
            var monomial = Ring.FormatMonomial(Monomial(i));
            bool unit = field.IsZero(field.Subtract(magnitude, field.One));
            if (monomial.Length == 0)
            {
                text.Append(field.Format(magnitude));
            }
            else if (unit)
            {
                text.Append(monomial);
            }
            else
            {
                text.Append(field.Format(magnitude)).Append('*').Append(monomial);
            }
        }
        return text.ToString();
    }

    private static void CheckSameRing(Polynomial<T> f, Polynomial<T> g)
    {
        if (!ReferenceEquals(f.Ring, g.Ring) && !f.Ring.SameAs(g.Ring))
        {
            throw new ArgumentException($"the polynomials belong to different rings: {f.Ring} and {g.Ring}.");
        }
    }
}
