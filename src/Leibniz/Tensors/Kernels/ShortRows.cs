using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Leibniz.Tensors.Kernels;

/// <summary>
/// Copy and add for the short rows (a few to a few dozen elements) of im2col and col2im, where a general
/// memmove or TensorPrimitives call costs more than the work: 256-bit loads and stores, the last one
/// overlapping, and a scalar loop below one vector.
/// </summary>
internal static class ShortRows
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy<T>(ReadOnlySpan<T> source, Span<T> destination) where T : unmanaged
    {
        int n = source.Length;
        int w = Vector256<T>.Count;
        ref T s = ref MemoryMarshal.GetReference(source);
        ref T d = ref MemoryMarshal.GetReference(destination);
        if (n < w || !Vector256.IsHardwareAccelerated)
        {
            for (int i = 0; i < n; i++)
            {
                Unsafe.Add(ref d, i) = Unsafe.Add(ref s, i);
            }
            return;
        }
        int k = 0;
        for (; k + w <= n; k += w)
        {
            Vector256.LoadUnsafe(ref s, (nuint)k).StoreUnsafe(ref d, (nuint)k);
        }
        if (k < n)
        {
            Vector256.LoadUnsafe(ref s, (nuint)(n - w)).StoreUnsafe(ref d, (nuint)(n - w));
        }
    }

    /// <summary>destination += source.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddTo<T>(ReadOnlySpan<T> source, Span<T> destination) where T : unmanaged, INumber<T>
    {
        int n = source.Length;
        int w = Vector256<T>.Count;
        ref T s = ref MemoryMarshal.GetReference(source);
        ref T d = ref MemoryMarshal.GetReference(destination);
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; k + w <= n; k += w)
            {
                (Vector256.LoadUnsafe(ref d, (nuint)k) + Vector256.LoadUnsafe(ref s, (nuint)k)).StoreUnsafe(ref d, (nuint)k);
            }
        }
        for (; k < n; k++)
        {
            Unsafe.Add(ref d, k) += Unsafe.Add(ref s, k);
        }
    }
}
