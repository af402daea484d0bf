using Leibniz.Numerics;

namespace Leibniz.Tests.Numerics;

[Collection(GlobalStateCollection.Name)]
public class ParallelismTests
{
    [Fact]
    public void Many_short_parallel_loops_cover_every_index_exactly_once()
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = Math.Max(2, Environment.ProcessorCount);
            for (int round = 0; round < 2000; round++)
            {
                int n = 1 + round % 97;
                var hits = new int[n];
                Parallelism.For(n, 1, (start, length) =>
                {
                    for (int i = start; i < start + length; i++)
                    {
                        Interlocked.Increment(ref hits[i]);
                    }
                });
                Assert.All(hits, h => Assert.Equal(1, h));
            }
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void Nested_loops_run_inline_and_errors_reach_the_caller()
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 2;
            var total = new int[1];
            Parallelism.For(4, 1, (start, length) =>
                Parallelism.For(10, 1, (s, l) => Interlocked.Add(ref total[0], l)));
            Assert.Equal(20, total[0]);
            var e = Assert.Throws<AggregateException>(() => Parallelism.For(8, 1, (start, _) =>
            {
                if (start > 0)
                {
                    throw new InvalidOperationException("boom");
                }
            }));
            Assert.Contains("boom", e.InnerException!.Message);
            var after = new int[1];
            Parallelism.For(8, 1, (_, l) => Interlocked.Add(ref after[0], l));
            Assert.Equal(8, after[0]);
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }
}
