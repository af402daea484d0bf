using Leibniz.Numerics;
using Leibniz.Optim;
using MathNet.Numerics.LinearAlgebra;

namespace Leibniz.Tests.Optim;

/// <summary>The factored middle matrix of the compact BFGS form against the explicit inverse of [[−D, Lᵀ], [L, θSᵀS]].</summary>
public class CompactBfgsMatrixTests
{
    [Fact]
    public void M_times_a_vector_equals_the_explicit_inverse_times_it_as_pairs_come_and_go()
    {
        const int n = 30, m = 5;
        var g = new Generator(4);
        var memory = new CompactBfgsMatrix(m);
        for (int step = 0; step < 12; step++)
        {
            var s = new double[n];
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                s[i] = g.NextNormal();
                y[i] = 2 * s[i] + 0.5 * g.NextNormal();
            }
            memory.Add(s, y);
            int k = memory.Count;
            var sy = Matrix<double>.Build.Dense(k, k, (i, j) => Dot(memory.S(i), memory.Y(j)));
            var ss = Matrix<double>.Build.Dense(k, k, (i, j) => Dot(memory.S(i), memory.S(j)));
            var middleInverse = Matrix<double>.Build.Dense(2 * k, 2 * k, (i, j) =>
                i < k && j < k ? (i == j ? -sy[i, i] : 0)
                : i >= k && j < k ? (i - k > j ? sy[i - k, j] : 0)
                : i < k ? (j - k > i ? sy[j - k, i] : 0)
                : memory.Theta * ss[i - k, j - k]);
            var v = Enumerable.Range(0, 2 * k).Select(_ => g.NextNormal()).ToArray();
            var expected = middleInverse.Solve(Vector<double>.Build.DenseOfArray(v));
            var actual = memory.MiddleTimes(v);
            for (int i = 0; i < 2 * k; i++)
            {
                Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-9 * Math.Max(1, expected.AbsoluteMaximum()), $"step {step}, entry {i}: {actual[i]} against {expected[i]}");
            }
        }
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (p, q) => p * q).Sum();
}
