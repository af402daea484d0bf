using System.Runtime.CompilerServices;

namespace Leibniz.Algebra.Polynomials;

/// <summary>
/// How a ring packs a monomial x^a into <see cref="Stride"/> 64-bit words: first the order key M·a
/// (<see cref="MonomialOrder"/>), then the exponents a, four 16-bit fields to a word with the first field in the
/// high bits. Comparing key words as unsigned integers compares monomials; a product is the word-wise sum (keys are
/// linear in a); a | b is one subtraction per word with guard bits. Every field stays below 2¹⁵, so sums of two never
/// carry and the guard bit of each field is free.
/// </summary>
public sealed class MonomialLayout
{
    /// <summary>The largest value of an exponent or of a key field (a weighted degree).</summary>
    public const int MaxField = (1 << 15) - 1;

    private const ulong Guards = 0x8000_8000_8000_8000UL;
    private const ulong Ones = 0x0001_0001_0001_0001UL;

    private readonly int[] _matrix;

    /// <summary>The layout of monomials in <paramref name="order"/>'s variables.</summary>
    public MonomialLayout(MonomialOrder order)
    {
        VariableCount = order.VariableCount;
        KeyWords = (VariableCount + 3) / 4;
        Stride = 2 * KeyWords;
        // M row by row, for the key M·a.
        _matrix = new int[VariableCount * VariableCount];
        for (int i = 0; i < VariableCount; i++)
        {
            for (int j = 0; j < VariableCount; j++)
            {
                _matrix[i * VariableCount + j] = order[i, j];
            }
        }
    }

    /// <summary>n.</summary>
    public int VariableCount { get; }

    /// <summary>Words of the order key (and as many of exponents).</summary>
    public int KeyWords { get; }

    /// <summary>Words per monomial.</summary>
    public int Stride { get; }

    /// <summary>Packs <paramref name="exponents"/> into <paramref name="destination"/>.</summary>
    /// <exception cref="OverflowException">An exponent or a key field exceeds <see cref="MaxField"/>.</exception>
    public void Encode(ReadOnlySpan<int> exponents, Span<ulong> destination)
    {
        int n = VariableCount;
        for (int i = 0; i < n; i++)
        {
            int e = exponents[i];
            if (e < 0 || e > MaxField)
            {
                throw TooLarge(exponents);
            }
        }
        destination[KeyWords..Stride].Clear();
        for (int i = 0; i < n; i++)
        {
            destination[KeyWords + (i >> 2)] |= (ulong)exponents[i] << Shift(i);
        }
        if (!WriteKey(exponents, destination))
        {
            throw TooLarge(exponents);
        }
    }

    /// <summary>Writes the key words M·a of <paramref name="exponents"/>; false when a key field exceeds <see cref="MaxField"/>.</summary>
    private bool WriteKey(ReadOnlySpan<int> exponents, Span<ulong> destination)
    {
        int n = VariableCount;
        destination[..KeyWords].Clear();
        bool fits = true;
        for (int i = 0, row = 0; i < n; i++, row += n)
        {
            long key = 0;
            for (int j = 0; j < n; j++)
            {
                key += (long)_matrix[row + j] * exponents[j];
            }
            fits &= key <= MaxField;
            destination[i >> 2] |= (ulong)key << Shift(i);
        }
        return fits;
    }

    private static OverflowException TooLarge(ReadOnlySpan<int> exponents) =>
        new($"the monomial with exponents ({string.Join(",", exponents.ToArray())}) is too large: exponents and weighted degrees must stay below {MaxField + 1}.");

    /// <summary>The exponent vector of <paramref name="monomial"/>.</summary>
    public void Decode(ReadOnlySpan<ulong> monomial, Span<int> exponents)
    {
        for (int i = 0; i < VariableCount; i++)
        {
            exponents[i] = Exponent(monomial, i);
        }
    }

    /// <summary>The exponent of variable <paramref name="variable"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Exponent(ReadOnlySpan<ulong> monomial, int variable) =>
        (int)((monomial[KeyWords + (variable >> 2)] >> Shift(variable)) & 0xFFFF);

    /// <summary>The total degree Σ aᵢ.</summary>
    public int Degree(ReadOnlySpan<ulong> monomial)
    {
        int d = 0;
        for (int w = KeyWords; w < Stride; w++)
        {
            ulong x = monomial[w];
            d += (int)((x & 0xFFFF) + ((x >> 16) & 0xFFFF) + ((x >> 32) & 0xFFFF) + (x >> 48));
        }
        return d;
    }

    /// <summary>Sign of a − b in the monomial order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Compare(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        for (int w = 0; w < KeyWords; w++)
        {
            if (a[w] != b[w])
            {
                return a[w] > b[w] ? 1 : -1;
            }
        }
        return 0;
    }

    /// <summary>Whether a = b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equal(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b) => a[..KeyWords].SequenceEqual(b[..KeyWords]);

    /// <summary><paramref name="destination"/> = a·b.</summary>
    /// <exception cref="OverflowException">An exponent or key field of the product exceeds <see cref="MaxField"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Multiply(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> destination)
    {
        ulong overflow = 0;
        for (int w = 0; w < Stride; w++)
        {
            ulong s = a[w] + b[w];
            overflow |= s;
            destination[w] = s;
        }
        if ((overflow & Guards) != 0)
        {
            throw new OverflowException($"a product of monomials reached an exponent or weighted degree of {MaxField + 1} or more, the largest this layout holds.");
        }
    }

    /// <summary>Throws when the OR of product words <paramref name="words"/> has a guard bit set (a field overflowed).</summary>
    /// <exception cref="OverflowException">An exponent or key field reached <see cref="MaxField"/> + 1.</exception>
    public void CheckOverflow(ulong words)
    {
        if ((words & Guards) != 0)
        {
            throw new OverflowException($"a product of monomials reached an exponent or weighted degree of {MaxField + 1} or more, the largest this layout holds.");
        }
    }

    /// <summary>Whether a divides b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Divides(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        for (int w = KeyWords; w < Stride; w++)
        {
            if ((((b[w] | Guards) - a[w]) & Guards) != Guards)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary><paramref name="destination"/> = b / a, for a dividing b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Divide(ReadOnlySpan<ulong> b, ReadOnlySpan<ulong> a, Span<ulong> destination)
    {
        for (int w = 0; w < Stride; w++)
        {
            destination[w] = b[w] - a[w];
        }
    }

    /// <summary>Whether gcd(a, b) = 1: no variable occurs in both.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Coprime(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        for (int w = KeyWords; w < Stride; w++)
        {
            ulong na = ((a[w] | Guards) - Ones) & Guards;
            ulong nb = ((b[w] | Guards) - Ones) & Guards;
            if ((na & nb) != 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary><paramref name="destination"/> = lcm(a, b), the field-wise maximum of exponents with its key.</summary>
    /// <exception cref="OverflowException">A key field of the lcm exceeds <see cref="MaxField"/>.</exception>
    public void Lcm(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> destination)
    {
        for (int w = KeyWords; w < Stride; w++)
        {
            destination[w] = Max(a[w], b[w]);
        }
        Span<int> e = stackalloc int[VariableCount];
        for (int i = 0; i < VariableCount; i++)
        {
            e[i] = Exponent(destination, i);
        }
        if (!WriteKey(e, destination))
        {
            throw TooLarge(e);
        }
    }

    /// <summary>
    /// The exponent words of lcm(a, b) into <paramref name="destination"/>, its key words left alone: enough for
    /// divisibility, degrees and equality (<see cref="SameExponents"/>), not for comparison in the order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void LcmExponents(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> destination)
    {
        for (int w = KeyWords; w < Stride; w++)
        {
            destination[w] = Max(a[w], b[w]);
        }
    }

    /// <summary>Whether a and b have the same exponents.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool SameExponents(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b) => a[KeyWords..Stride].SequenceEqual(b[KeyWords..Stride]);

    /// <summary>Whether lcm(a, b) = c, comparing exponents only (the key follows from them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool LcmEquals(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, ReadOnlySpan<ulong> c)
    {
        for (int w = KeyWords; w < Stride; w++)
        {
            if (Max(a[w], b[w]) != c[w])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The field-wise maximum of two exponent words: ((x | G) − y) &amp; G marks the fields where x ≥ y (no field
    /// borrows, all being below 2¹⁵), and the mark minus itself shifted down is 0x7FFF in exactly those fields.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Max(ulong x, ulong y)
    {
        ulong ge = ((x | Guards) - y) & Guards;
        ulong mask = ge - (ge >> 15);
        return (x & mask) | (y & ~mask);
    }

    /// <summary>Whether the monomial is 1.</summary>
    public bool IsOne(ReadOnlySpan<ulong> monomial) => !monomial[..Stride].ContainsAnyExcept(0UL);

    /// <summary>A hash of the monomial (of its key words).</summary>
    public int Hash(ReadOnlySpan<ulong> monomial)
    {
        ulong h = 0xcbf29ce484222325UL;
        for (int w = 0; w < KeyWords; w++)
        {
            h = (h ^ monomial[w]) * 0x100000001b3UL;
            h ^= h >> 29;
        }
        return (int)h ^ (int)(h >> 32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Shift(int field) => (3 - (field & 3)) * 16;
}
