using System.Buffers;

namespace Leibniz.Numerics.Blas;

/// <summary>
/// The packing buffers of <see cref="ManagedGemm"/>, one of each kind per thread, allocated once on the pinned object
/// heap and kept for the thread's life. Pooled arrays from <see cref="ArrayPool{T}"/> are ordinary heap objects: the
/// first collections after they are rented copy them from generation to generation (4 MB for B's buffer), which
/// made the first products of a run up to a third slower than later ones. A buffer that is already in use on its
/// thread (a product started while another waits on the same thread) is rented from the shared pool instead.
/// </summary>
internal static class PackBuffers<T> where T : unmanaged
{
    [ThreadStatic] private static T[]? t_a;
    [ThreadStatic] private static T[]? t_b;
    [ThreadStatic] private static bool t_aInUse;
    [ThreadStatic] private static bool t_bInUse;

    /// <summary>A buffer of at least <paramref name="length"/> elements for packing A; give it back with <see cref="ReturnA"/>.</summary>
    public static T[] RentA(int length) => Rent(ref t_a, ref t_aInUse, length);

    /// <summary>A buffer of at least <paramref name="length"/> elements for packing B; give it back with <see cref="ReturnB"/>.</summary>
    public static T[] RentB(int length) => Rent(ref t_b, ref t_bInUse, length);

    /// <summary>Gives back a buffer from <see cref="RentA"/>.</summary>
    public static void ReturnA(T[] buffer) => Return(t_a, ref t_aInUse, buffer);

    /// <summary>Gives back a buffer from <see cref="RentB"/>.</summary>
    public static void ReturnB(T[] buffer) => Return(t_b, ref t_bInUse, buffer);

    private static T[] Rent(ref T[]? kept, ref bool inUse, int length)
    {
        if (inUse)
        {
            return ArrayPool<T>.Shared.Rent(length);
        }
        if (kept is null || kept.Length < length)
        {
            kept = GC.AllocateUninitializedArray<T>(length, pinned: true);
        }
        inUse = true;
        return kept;
    }

    private static void Return(T[]? kept, ref bool inUse, T[] buffer)
    {
        if (ReferenceEquals(buffer, kept))
        {
            inUse = false;
        }
        else
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }
}
