namespace Leibniz.Tests;

/// <summary>
/// Tests that change process-wide settings (GEMM provider, anomaly detection, thread count) run alone, after the
/// parallel collections.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalStateCollection
{
    public const string Name = "Global state";
}
