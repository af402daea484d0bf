using Leibniz.Experiments.Sequences;
using Leibniz.Numerics;
using Leibniz.Data;

namespace Leibniz.Tests.Experiments;

public sealed class SequenceTaskTests
{
    [Fact]
    public void Dyck_targets_mark_balanced_prefixes_and_half_the_words_end_balanced()
    {
        var (x, y) = SequenceTask.Create("dyck").Batch(200, 12, new Generator(4));
        var xs = x.ToArray<float>();
        var ys = y.ToArray<float>();
        for (int s = 0; s < 200; s++)
        {
            int depth = 0;
            bool valid = true;
            for (int t = 0; t < 12; t++)
            {
                depth += xs[s * 12 + t] == 1 ? 1 : -1;
                valid &= depth >= 0;
                Assert.Equal(valid && depth == 0 ? 1f : 0f, ys[s * 12 + t]);
            }
            // Unflipped walks (even s) are Dyck words; flipping one symbol changes the final depth by 2, so never balanced.
            Assert.Equal(s % 2 == 0 ? 1f : 0f, ys[s * 12 + 11]);
        }
    }

    [Fact]
    public void Digit_sum_targets_are_running_sums_mod_10()
    {
        var (x, y) = SequenceTask.Create("digitsum").Batch(20, 7, new Generator(8));
        var xs = x.ToArray<float>();
        var ys = y.ToArray<long>();
        for (int s = 0; s < 20; s++)
        {
            int sum = 0;
            for (int t = 0; t < 7; t++)
            {
                sum = (sum + Array.IndexOf(xs, 1f, (s * 7 + t) * 10, 10) - (s * 7 + t) * 10) % 10;
                Assert.Equal(sum, ys[s * 7 + t]);
            }
        }
        Assert.Throws<ArgumentException>(() => SequenceTask.Create("fibonacci"));
    }
}
