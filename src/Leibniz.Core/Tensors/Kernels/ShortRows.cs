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
        => Copy(ref MemoryMarshal.GetReference(source), ref MemoryMarshal.GetReference(destination), source.Length);

    /// <summary>destination += source.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddTo<T>(ReadOnlySpan<T> source, Span<T> destination) where T : unmanaged, INumber<T>
        => AddTo(ref MemoryMarshal.GetReference(source), ref MemoryMarshal.GetReference(destination), source.Length);

    /// <summary>
    /// Copies <paramref name="rows"/> rows of <paramref name="length"/> elements: row y from
    /// <c>source[y·sourceStride …]</c> to <c>destination[y·length …]</c> (a strided window into a dense block).
    /// </summary>
    public static void CopyRows<T>(ReadOnlySpan<T> source, int sourceStride, Span<T> destination, int length, int rows) where T : unmanaged
    {
        if (rows <= 0 || length <= 0)
        {
            return;
        }
        _ = source[(rows - 1) * sourceStride + length - 1];
        _ = destination[rows * length - 1];
        ref T s = ref MemoryMarshal.GetReference(source);
        ref T d = ref MemoryMarshal.GetReference(destination);
        for (int y = 0; y < rows; y++)
        {
            Copy(ref Unsafe.Add(ref s, y * sourceStride), ref Unsafe.Add(ref d, y * length), length);
        }
    }

    /// <summary>
    /// The adjoint of <see cref="CopyRows"/>: <c>destination[y·destinationStride …] += source[y·length …]</c> for
    /// <paramref name="rows"/> rows of <paramref name="length"/> elements.
    /// </summary>
    public static void AddRows<T>(ReadOnlySpan<T> source, Span<T> destination, int destinationStride, int length, int rows) where T : unmanaged, INumber<T>
    {
        if (rows <= 0 || length <= 0)
        {
            return;
        }
        _ = source[rows * length - 1];
        _ = destination[(rows - 1) * destinationStride + length - 1];
        ref T s = ref MemoryMarshal.GetReference(source);
        ref T d = ref MemoryMarshal.GetReference(destination);
        for (int y = 0; y < rows; y++)
        {
            AddTo(ref Unsafe.Add(ref s, y * length), ref Unsafe.Add(ref d, y * destinationStride), length);
        }
    }

    /// <summary>Copies n elements from s to d (callers check the bounds).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy<T>(ref T s, ref T d, int n) where T : unmanaged
    {
        int w = Vector256<T>.Count;
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

    /// <summary>d[i] += s[i] for n elements (callers check the bounds).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo<T>(ref T s, ref T d, int n) where T : unmanaged, INumber<T>
    {
        int w = Vector256<T>.Count;
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
