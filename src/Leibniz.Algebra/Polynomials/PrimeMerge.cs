using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Leibniz.Algebra.Polynomials;

/// <summary>
/// <see cref="Polynomial{T}"/>'s merge <c>f + c·x^m·g</c> for GF(p) with the field arithmetic written out (no
/// interface calls per term) and the monomials addressed by reference (no span slicing per term): the loop
/// Buchberger's algorithm spends its time in. For p &lt; 2¹⁶ every a·b + c stays below 2³² and is reduced by Lemire's
/// fastmod (r = ⌊((M·x mod 2⁶⁴)·p) / 2⁶⁴⌋ with M = ⌊(2⁶⁴ − 1)/p⌋ + 1) instead of a division.
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
        ref ulong outM = ref MemoryMarshal.GetArrayDataReference(output.Monomials);
        ref int outC = ref MemoryMarshal.GetArrayDataReference(output.Coefficients);
        ref ulong fM = ref MemoryMarshal.GetReference(fMonomials);
        ref int fC = ref MemoryMarshal.GetReference(fCoefficients);
        ref ulong gM = ref MemoryMarshal.GetReference(gMonomials);
        ref int gC = ref MemoryMarshal.GetReference(gCoefficients);
        ref ulong sM = ref MemoryMarshal.GetReference(shift);
        bool hasShift = !shift.IsEmpty;
        Span<ulong> shiftedSpan = stackalloc ulong[stride];
        ref ulong shifted = ref MemoryMarshal.GetReference(shiftedSpan);
        ulong guards = 0;
        int count = 0, i = fStart, j = gStart;
        if (j < gEnd)
        {
            guards |= Load(ref gM, j, stride, ref sM, hasShift, ref shifted);
        }
        while (i < fEnd && j < gEnd)
        {
            ref ulong fm = ref Unsafe.Add(ref fM, i * stride);
            int cmp = Compare(ref fm, ref shifted, keys);
            ref ulong slot = ref Unsafe.Add(ref outM, count * stride);
            if (cmp > 0)
            {
                Copy(ref fm, ref slot, stride);
                Unsafe.Add(ref outC, count++) = Unsafe.Add(ref fC, i++);
            }
            else if (cmp < 0)
            {
                Copy(ref shifted, ref slot, stride);
                Unsafe.Add(ref outC, count++) = Reduce((ulong)c * (ulong)Unsafe.Add(ref gC, j), p, small, magic);
                if (++j < gEnd)
                {
                    guards |= Load(ref gM, j, stride, ref sM, hasShift, ref shifted);
                }
            }
            else
            {
                int sum = Reduce((ulong)c * (ulong)Unsafe.Add(ref gC, j) + (ulong)Unsafe.Add(ref fC, i), p, small, magic);
                if (sum != 0)
                {
                    Copy(ref fm, ref slot, stride);
                    Unsafe.Add(ref outC, count++) = sum;
                }
                i++;
                if (++j < gEnd)
                {
                    guards |= Load(ref gM, j, stride, ref sM, hasShift, ref shifted);
                }
            }
        }
        if (i < fEnd)
        {
            fMonomials.Slice(i * stride, (fEnd - i) * stride).CopyTo(output.Monomials.AsSpan(count * stride));
            fCoefficients[i..fEnd].CopyTo(output.Coefficients.AsSpan(count));
            count += fEnd - i;
        }
        while (j < gEnd)
        {
            Copy(ref shifted, ref Unsafe.Add(ref outM, count * stride), stride);
            Unsafe.Add(ref outC, count++) = Reduce((ulong)c * (ulong)Unsafe.Add(ref gC, j), p, small, magic);
            if (++j < gEnd)
            {
                guards |= Load(ref gM, j, stride, ref sM, hasShift, ref shifted);
            }
        }
        output.Count = count;
        layout.CheckOverflow(guards);
    }

    /// <summary>x mod p, by fastmod when x &lt; 2³² is guaranteed (p &lt; 2¹⁶), else by division.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Reduce(ulong x, int p, bool small, ulong magic) =>
        small ? (int)Math.BigMul(magic * x, (ulong)p, out _) : (int)(x % (ulong)p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(ref ulong source, ref ulong destination, int stride)
    {
        for (int w = 0; w < stride; w++)
        {
            Unsafe.Add(ref destination, w) = Unsafe.Add(ref source, w);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Compare(ref ulong a, ref ulong b, int keys)
    {
        if (a != b)
        {
            return a > b ? 1 : -1;
        }
        for (int w = 1; w < keys; w++)
        {
            ulong x = Unsafe.Add(ref a, w), y = Unsafe.Add(ref b, w);
            if (x != y)
            {
                return x > y ? 1 : -1;
            }
        }
        return 0;
    }

    /// <summary>Writes monomial <paramref name="index"/> times the shift into <paramref name="destination"/>; returns the OR of the words (for the overflow guard).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Load(ref ulong monomials, int index, int stride, ref ulong shift, bool hasShift, ref ulong destination)
    {
        ref ulong m = ref Unsafe.Add(ref monomials, index * stride);
        ulong or = 0;
        for (int w = 0; w < stride; w++)
        {
            ulong v = hasShift ? Unsafe.Add(ref m, w) + Unsafe.Add(ref shift, w) : Unsafe.Add(ref m, w);
            Unsafe.Add(ref destination, w) = v;
            or |= v;
        }
        return or;
    }
}
