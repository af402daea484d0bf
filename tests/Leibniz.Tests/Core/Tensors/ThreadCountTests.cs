using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Tests.Tensors;

/// <summary>Results that must not depend on the thread count; they change it, so they run alone.</summary>
[Collection(GlobalStateCollection.Name)]
public class ThreadCountTests
{
    [Fact]
    public void Sums_do_not_depend_on_the_thread_count()
    {
        var x = Tensor.Randn(new Generator(4), [1_000_003], DType.Float32);
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 2;
            double two = x.Sum().Item();
            Parallelism.MaxThreads = 1;
            Assert.Equal(BitConverter.DoubleToInt64Bits(two), BitConverter.DoubleToInt64Bits(x.Sum().Item()));
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    /// <summary>
    /// Large products on either provider, in every transpose and with few rows (cut by columns) or many (by rows),
    /// give the same bits on one thread, on two, and while another thread runs products at the same time (OpenBLAS's
    /// own threading did not: a 128×784×512 product on two of its threads differed from one in the last bits).
    /// </summary>
    [Theory]
    [InlineData(128, 784, 512, false, false)]
    [InlineData(128, 2048, 784, true, false)]
    [InlineData(2048, 128, 784, false, true)]
    [InlineData(300, 301, 302, true, true)]
    public void Large_products_do_not_depend_on_the_thread_count_or_on_other_threads(int m, int n, int k, bool transA, bool transB)
    {
        var g = new Generator(9);
        var a = Tensor.Randn(g, transA ? [k, m] : [m, k]);
        var b = Tensor.Randn(g, transB ? [n, k] : [k, n]);
        Tensor Product() => (transA ? a.T : a).Matmul(transB ? b.T : b);
        int saved = Parallelism.MaxThreads;
        var providers = new List<Leibniz.Numerics.Blas.BlasProvider> { Leibniz.Numerics.Blas.BlasProvider.Managed };
        if (Leibniz.Numerics.Blas.Gemm.OpenBlasAvailable)
        {
            providers.Add(Leibniz.Numerics.Blas.BlasProvider.OpenBlas);
        }
        var before = Leibniz.Numerics.Blas.Gemm.Provider;
        try
        {
            foreach (var provider in providers)
            {
                Leibniz.Numerics.Blas.Gemm.Use(provider);
                Parallelism.MaxThreads = 1;
                var one = Product().ToArray<float>();
                Parallelism.MaxThreads = 2;
                Assert.Equal(one, Product().ToArray<float>());
                // The other thread runs products from before the first of ours until after the last.
                using var running = new ManualResetEventSlim();
                bool stop = false;
                var other = new Thread(() =>
                {
                    var c = Tensor.Randn(new Generator(1), [512, 512]);
                    running.Set();
                    while (!Volatile.Read(ref stop))
                    {
                        _ = c.Matmul(c);
                    }
                });
                other.Start();
                running.Wait();
                try
                {
                    for (int i = 0; i < 5; i++)
                    {
                        Assert.Equal(one, Product().ToArray<float>());
                    }
                }
                finally
                {
                    Volatile.Write(ref stop, true);
                    other.Join();
                }
            }
        }
        finally
        {
            Parallelism.MaxThreads = saved;
            Leibniz.Numerics.Blas.Gemm.Use(before);
        }
    }
}
