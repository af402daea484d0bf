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

}
