namespace Leibniz.Autograd;

/// <summary>
/// Keeps the buffers of a training step in the cache. The runtime sizes its young generation from the size of the
/// last-level cache (tens of megabytes on a server), so, left alone, each new tensor of a step is written to memory
/// that left the L1/L2 caches long ago. After each backward pass, once more than <see cref="Bytes"/> have been allocated since the
/// last collection, <see cref="Checkpoint"/> collects the young generation; the next step's tensors then reuse the
/// same, still cached addresses, much as a reference-counting allocator hands back the block it just freed. The
/// collection is cheap because almost nothing allocated during a step outlives it.
/// </summary>
public static class AllocationBudget
{
    private static long s_lastTotal;

    /// <summary>Bytes allocated between two collections (default 8 MiB); 0 leaves collections to the runtime.</summary>
    public static long Bytes { get; set; } = 8L << 20;

    /// <summary>Collects the young generation when more than <see cref="Bytes"/> were allocated since the last time.</summary>
    public static void Checkpoint()
    {
        long budget = Bytes;
        if (budget <= 0)
        {
            return;
        }
        long total = GC.GetTotalAllocatedBytes(precise: false);
        if (total - Volatile.Read(ref s_lastTotal) < budget)
        {
            return;
        }
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        Volatile.Write(ref s_lastTotal, GC.GetTotalAllocatedBytes(precise: false));
    }
}
