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
}
