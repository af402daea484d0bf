using Leibniz.Numerics;
using Leibniz.Optim;

namespace Leibniz.Tests.Optim;

/// <summary>The kept WᵀZZᵀW of L-BFGS-B against the same product computed directly, through pairs arriving, old pairs leaving, free sets changing a little or a lot, and the memory being cleared.</summary>
public class FreeSetGramTests
{
    [Fact]
    public void The_kept_product_equals_the_direct_one_through_a_long_run_of_changes()
    {
        const int n = 60, m = 4;
        var g = new Generator(11);
        var memory = new CompactBfgsMatrix(m);
        var kept = new FreeSetGram(n, m);
        var isFree = new bool[n];
        int checkedSteps = 0;
        for (int step = 0; step < 80; step++)
        {
            if (step == 37)
            {
                memory.Clear();
            }
            if (step % 5 != 3)
            {
                // A pair with sᵀy > 0 (y = s + small noise); every fifth step adds none, as when a pair is skipped.
                var s = new double[n];
                var y = new double[n];
                for (int i = 0; i < n; i++)
                {
                    s[i] = g.NextNormal();
                    y[i] = s[i] + 0.1 * g.NextNormal();
                }
                memory.Add(s, y);
            }
            // Flip a few variables most steps and many every seventh, so that both the update and the recomputation run.
            int flips = step % 7 == 0 ? n / 2 : 3;
            for (int f = 0; f < flips; f++)
            {
                int i = (int)(g.NextDouble() * n);
                isFree[i] = !isFree[i];
            }
            var free = Enumerable.Range(0, n).Where(i => isFree[i]).ToArray();
            if (free.Length == 0 || memory.Count == 0)
            {
                continue;
            }
            var block = memory.GatherRows(free, free.Length);
            var gram = kept.Compute(memory, free, free.Length, block);
            var direct = Direct(memory, free);
            Assert.Equal(direct.Length, gram.Length);
            double scale = direct.Max(Math.Abs);
            for (int e = 0; e < direct.Length; e++)
            {
                Assert.True(Math.Abs(gram[e] - direct[e]) <= 1e-12 * scale, $"step {step}, entry {e}: kept {gram[e]}, direct {direct[e]}");
            }
            checkedSteps++;
        }
        Assert.True(checkedSteps > 60, $"only {checkedSteps} steps were checked");
    }

    /// <summary>Σ over the free i of wᵢwᵢᵀ, with wᵢ = (y₁ᵢ … y_kᵢ, θs₁ᵢ … θs_kᵢ) the rows of W = [Y θS].</summary>
    private static double[] Direct(CompactBfgsMatrix memory, int[] free)
    {
        int k = memory.Count, size = 2 * k;
        var gram = new double[size * size];
        var row = new double[size];
        foreach (int i in free)
        {
            for (int j = 0; j < k; j++)
            {
                row[j] = memory.Y(j)[i];
                row[k + j] = memory.Theta * memory.S(j)[i];
            }
            for (int a = 0; a < size; a++)
            {
                for (int b = 0; b < size; b++)
                {
                    gram[a * size + b] += row[a] * row[b];
                }
            }
        }
        return gram;
    }
}
