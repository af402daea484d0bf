using System.Runtime.CompilerServices;

namespace Leibniz.Algebra.Polynomials;

/// <summary>
/// <see cref="Polynomial{T}"/>'s merge <c>f + c·x^m·g</c> for GF(p) with the field arithmetic written out (no
/// interface calls per term), and the monomial comparison unrolled for one and two key words (up to eight
/// variables): the loop Buchberger's algorithm spends its time in. For p &lt; 2¹⁶ every a·b + c stays below 2³²
/// and is reduced by Lemire's fastmod (r = ⌊((M·x mod 2⁶⁴)·p) / 2⁶⁴⌋ with M = ⌊(2⁶⁴ − 1)/p⌋ + 1) instead of a
/// division; monomials of up to four words are copied word by word.
/// </summary>
internal static class PrimeMerge
{
    public static void Merge(MonomialLayout layout, int p,
        ReadOnlySpan<ulong> fMonomials, ReadOnlySpan<int> fCoefficients, int fStart, int fEnd,
        int c, ReadOnlySpan<ulong> shift,
        ReadOnlySpan<ulong> gMonomials, ReadOnlySpan<int> gCoefficients, int gStart, int gEnd,
        TermBuffer<int> output)
    {
        int stride = layout.Stride, keys = layout.KeyWords;
        bool small = p < 65536;
        ulong magic = ulong.MaxValue / (ulong)p + 1;
        output.Clear();
        output.EnsureCapacity(fEnd - fStart + gEnd - gStart);
        var outMonomials = output.Monomials.AsSpan();
        var outCoefficients = output.Coefficients.AsSpan();
        int count = 0;
        Span<ulong> shifted = stackalloc ulong[stride];
        bool hasShift = !shift.IsEmpty;
        int i = fStart, j = gStart;
        if (j < gEnd)
        {
            Load(gMonomials, j, stride, shift, hasShift, shifted, layout);
        }
        while (i < fEnd && j < gEnd)
        {
            var fm = fMonomials.Slice(i * stride, stride);
            int cmp = Compare(fm, shifted, keys);
            if (cmp > 0)
            {
                Copy(fm, outMonomials.Slice(count * stride, stride), stride);
                outCoefficients[count++] = fCoefficients[i++];
            }
            else if (cmp < 0)
            {
                Copy(shifted, outMonomials.Slice(count * stride, stride), stride);
                outCoefficients[count++] = Reduce((ulong)c * (ulong)gCoefficients[j], p, small, magic);
                if (++j < gEnd)
                {
                    Load(gMonomials, j, stride, shift, hasShift, shifted, layout);
                }
            }
            else
            {
                int sum = Reduce((ulong)c * (ulong)gCoefficients[j] + (ulong)fCoefficients[i], p, small, magic);
                if (sum != 0)
                {
                    Copy(fm, outMonomials.Slice(count * stride, stride), stride);
                    outCoefficients[count++] = sum;
                }
                i++;
                if (++j < gEnd)
                {
                    Load(gMonomials, j, stride, shift, hasShift, shifted, layout);
                }
            }
        }
        if (i < fEnd)
        {
            fMonomials.Slice(i * stride, (fEnd - i) * stride).CopyTo(outMonomials[(count * stride)..]);
            fCoefficients[i..fEnd].CopyTo(outCoefficients[count..]);
            count += fEnd - i;
        }
        while (j < gEnd)
        {
            Copy(shifted, outMonomials.Slice(count * stride, stride), stride);
            outCoefficients[count++] = Reduce((ulong)c * (ulong)gCoefficients[j], p, small, magic);
            if (++j < gEnd)
            {
                Load(gMonomials, j, stride, shift, hasShift, shifted, layout);
            }
        }
        output.Count = count;
    }

    /// <summary>x mod p, by fastmod when x &lt; 2³² is guaranteed (p &lt; 2¹⁶), else by division.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Reduce(ulong x, int p, bool small, ulong magic) =>
        small ? (int)Math.BigMul(magic * x, (ulong)p, out _) : (int)(x % (ulong)p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(ReadOnlySpan<ulong> source, Span<ulong> destination, int stride)
    {
        if (stride <= 4)
        {
            for (int w = 0; w < stride; w++)
            {
                destination[w] = source[w];
            }
        }
        else
        {
            source[..stride].CopyTo(destination);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Compare(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, int keys)
    {
        if (a[0] != b[0])
        {
            return a[0] > b[0] ? 1 : -1;
        }
        for (int w = 1; w < keys; w++)
        {
            if (a[w] != b[w])
            {
                return a[w] > b[w] ? 1 : -1;
            }
        }
        return 0;
    }

    private static void Load(ReadOnlySpan<ulong> monomials, int index, int stride, ReadOnlySpan<ulong> shift, bool hasShift, Span<ulong> destination, MonomialLayout layout)
    {
        var m = monomials.Slice(index * stride, stride);
        if (hasShift)
        {
            layout.Multiply(m, shift, destination);
        }
        else
        {
            m.CopyTo(destination);
        }
    }
}
