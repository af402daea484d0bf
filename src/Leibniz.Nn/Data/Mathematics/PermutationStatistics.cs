namespace Leibniz.Data.Mathematics;

/// <summary>Statistics of a permutation σ of {0..n−1}, given as the array σ(0..n−1).</summary>
public static class PermutationStatistics
{
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
