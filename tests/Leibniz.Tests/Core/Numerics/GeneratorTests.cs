using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Tests.Numerics;

public class GeneratorTests
{
    [Fact]
    public void The_same_seed_gives_bit_identical_streams()
    {
        var a = new Generator(42);
        var b = new Generator(42);
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
            Assert.Equal(BitConverter.DoubleToInt64Bits(a.NextNormal()), BitConverter.DoubleToInt64Bits(b.NextNormal()));
        }
    }

    [Fact]
    public void Xoshiro_and_SplitMix_match_their_reference_outputs()
    {
        // xoshiro256** from state (1, 2, 3, 4): rotl(2·5, 7)·9 = 11520, then rotl(0, 7)·9 = 0.
        var g = Generator.FromState(1, 2, 3, 4);
        Assert.Equal(11520UL, g.NextUInt64());
        Assert.Equal(0UL, g.NextUInt64());
        // SplitMix64 from 0: the published first output.
        ulong x = 0;
        Assert.Equal(0xe220a8397b1dcdafUL, Generator.SplitMix64(ref x));
    }

    [Fact]
    public void Split_streams_differ_from_the_parent()
    {
        var parent = new Generator(1);
        var child = parent.Split();
        Assert.NotEqual(parent.NextUInt64(), child.NextUInt64());
    }

    [Fact]
    public void Normals_have_mean_zero_and_variance_one()
    {
        var t = Tensor.Randn(new Generator(5), [200_000], DType.Float64);
        Assert.InRange(t.Mean().Item(), -0.01, 0.01);
        Assert.InRange(t.Var(0).Item(), 0.98, 1.02);
    }

    [Fact]
    public void Bounded_integers_are_uniform_enough()
    {
        var g = new Generator(9);
        var counts = new int[6];
        for (int i = 0; i < 60_000; i++)
        {
            counts[g.NextInt64(6)]++;
        }
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }

    [Fact]
    public void Deterministic_log_agrees_with_the_platform_to_the_last_bits()
    {
        var g = new Generator(11);
        for (int i = 0; i < 10_000; i++)
        {
            double x = Math.Exp(40 * (g.NextDouble() - 0.5));
            Assert.Equal(Math.Log(x), DeterministicMath.Log(x), 1e-15 * Math.Max(1, Math.Abs(Math.Log(x))));
        }
        Assert.Equal(0.0, DeterministicMath.Log(1.0));
    }

    [Fact]
    public void Permutation_contains_every_index_once()
    {
        var p = new Generator(2).Permutation(100);
        Assert.Equal(Enumerable.Range(0, 100), p.Order());
    }
}
