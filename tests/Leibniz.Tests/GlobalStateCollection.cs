namespace Leibniz.Tests;

/// <summary>Tests that change process-wide settings (GEMM provider, anomaly detection, thread count) run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalStateCollection
{
    public const string Name = "Global state";
}
