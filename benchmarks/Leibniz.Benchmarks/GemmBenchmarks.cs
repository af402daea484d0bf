using BenchmarkDotNet.Attributes;
using Leibniz.Numerics;
using Leibniz.Numerics.Blas;

namespace Leibniz.Benchmarks;

/// <summary>Square single precision GEMM on both providers (W0's kernel).</summary>
public class GemmBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];

    [Params(256, 1024)]
    public int N { get; set; }

    [Params(BlasProvider.Managed, BlasProvider.OpenBlas)]
    public BlasProvider Provider { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var g = new Generator(0);
        _a = new float[N * N];
        _b = new float[N * N];
        _c = new float[N * N];
        for (int i = 0; i < _a.Length; i++)
        {
            _a[i] = (float)g.NextNormal();
            _b[i] = (float)g.NextNormal();
        }
        if (Provider == BlasProvider.OpenBlas && !Gemm.OpenBlasAvailable)
        {
            throw new InvalidOperationException("OpenBLAS is not installed: apt-get install libopenblas0-pthread");
        }
        Gemm.Use(Provider);
    }

    [Benchmark]
    public void Sgemm() => Gemm.Multiply(false, false, N, N, N, 1f, _a, N, _b, N, 0f, _c, N);
}
