namespace Leibniz.Data.Mathematics;

/// <summary>Statistics of a permutation σ of {0..n−1}, given as the array σ(0..n−1).</summary>
public static class PermutationStatistics
{
    /// <summary>
    /// All n! permutations of 0 … n − 1 in lexicographic order (as arrays σ with σ[i] the image of i), by the
    /// next-permutation step: find the last ascent i, swap σ[i] with the last larger entry, reverse the tail.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative or above 12 (12! = 479 001 600 arrays).</exception>
    public static IEnumerable<int[]> All(int n)
    {
        if (n < 0 || n > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "PermutationStatistics.All: n must lie in [0, 12]; sample random permutations (MathDatasets.Permutations) beyond that.");
        }
        return Enumerate(n);
    }

    private static IEnumerable<int[]> Enumerate(int n)
    {
        var sigma = Enumerable.Range(0, n).ToArray();
        while (true)
        {
            yield return (int[])sigma.Clone();
            int i = n - 2;
            while (i >= 0 && sigma[i] > sigma[i + 1])
            {
                i--;
            }
            if (i < 0)
            {
                yield break;
            }
            int j = n - 1;
            while (sigma[j] < sigma[i])
            {
                j--;
            }
            (sigma[i], sigma[j]) = (sigma[j], sigma[i]);
            Array.Reverse(sigma, i + 1, n - i - 1);
        }
    }

    /// <summary>The descent set of a permutation σ of {0..n−1}: positions i (0-based) with σ(i) &gt; σ(i+1).</summary>
    public static int[] Descents(int[] permutation)
    {
        var result = new List<int>();
        for (int i = 0; i + 1 < permutation.Length; i++)
        {
            if (permutation[i] > permutation[i + 1])
            {
                result.Add(i);
            }
        }
        return [.. result];
    }

    /// <summary>Inversions: pairs i &lt; j with σ(i) &gt; σ(j).</summary>
    public static int Inversions(int[] permutation)
    {
        int count = 0;
        for (int i = 0; i < permutation.Length; i++)
        {
            for (int j = i + 1; j < permutation.Length; j++)
            {
                count += permutation[i] > permutation[j] ? 1 : 0;
            }
        }
        return count;
    }

    /// <summary>The major index: the sum of the (1-based) descent positions.</summary>
    public static int MajorIndex(int[] permutation) => Descents(permutation).Sum(i => i + 1);


    /// <summary>The cycle type: the lengths of the cycles of σ in decreasing order (a partition of n).</summary>
    public static int[] CycleType(int[] permutation)
    {
        var seen = new bool[permutation.Length];
        var lengths = new List<int>();
        for (int start = 0; start < permutation.Length; start++)
        {
            int length = 0;
            for (int i = start; !seen[i]; i = permutation[i])
            {
                seen[i] = true;
                length++;
            }
            if (length > 0)
            {
                lengths.Add(length);
            }
        }
        return [.. lengths.OrderDescending()];
    }

    /// <summary>The descent set as a bit mask: bit i set when σ(i) &gt; σ(i+1); one of 2^(n−1) values.</summary>
    public static int DescentMask(int[] permutation) => Descents(permutation).Sum(i => 1 << i);

    /// <summary>
    /// The Eulerian numbers A(n, k), k = 0..n−1: how many permutations of S_n have k descents, by
    /// A(n, k) = (k + 1)·A(n−1, k) + (n − k)·A(n−1, k−1), A(1, 0) = 1 (as doubles: exact up to n = 18).
    /// </summary>
    public static double[] EulerianNumbers(int n)
    {
        var row = new double[] { 1 };
        for (int m = 2; m <= n; m++)
        {
            var next = new double[m];
            for (int k = 0; k < m; k++)
            {
                next[k] = (k < m - 1 ? (k + 1) * row[k] : 0) + (k > 0 ? (m - k) * row[k - 1] : 0);
            }
            row = next;
        }
        return row;
    }
}
