namespace Leibniz.Optim;

/// <summary>
/// Step-size schedules for gradient descent on L-smooth convex functions, as multiples h of 1/L:
/// x_{k+1} = x_k − (h_k / L)·∇f(x_k).
/// </summary>
public static class StepSchedules
{
    private static readonly double[] s_b3 = [1.4, 2.0, 1.4];
    private static readonly double[] s_b7 = [1.4, 2.0, 1.4, 3.9, 1.4, 2.0, 1.4];

    /// <summary>
    /// Grimmer (2024, "Provably faster gradient descent via long steps"), Table 1: the straightforward periodic
    /// patterns of lengths 2, 3, 7, 15, 31, 63 and 127 (length 2 with η = 0.1 in (3 − η, 1.5)).
    /// </summary>
    public static IReadOnlyDictionary<int, double[]> GrimmerPatterns { get; } = new Dictionary<int, double[]>
    {
        [2] = [2.9, 1.5],
        [3] = [1.5, 4.9, 1.5],
        [7] = [1.5, 2.2, 1.5, 12.0, 1.5, 2.2, 1.5],
        [15] = Join(s_b3, [4.5, 29.7, 4.5]),
        [31] = Join(s_b7, [8.2, 72.3, 8.2]),
        [63] = Join(s_b7, [7.2, 14.2, 7.2, 164.0, 7.2, 14.2, 7.2]),
        [127] = Join(s_b7, [7.2, 12.6, 7.2, 23.5, 7.2, 12.6, 7.2, 370.0, 7.2, 12.6, 7.2, 23.5, 7.2, 12.6, 7.2]),
    };

    /// <summary>block, s₁, block, s₂, …, s_m, block.</summary>
    private static double[] Join(double[] block, double[] separators)
    {
        var result = new List<double>(block);
        foreach (double s in separators)
        {
            result.Add(s);
            result.AddRange(block);
        }
        return [.. result];
    }

    /// <summary>
    /// The silver step-size schedule (Altschuler and Parrilo, 2023): h_i = 1 + ρ^(ν(i) − 1) for i = 1, 2, …,
    /// with ρ = 1 + √2 the silver ratio and ν(i) the 2-adic valuation of i (the exponent of 2 in i).
    /// </summary>
    public static double Silver(int i)
    {
        if (i < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(i), i, "The silver schedule is indexed from 1.");
        }
        int nu = System.Numerics.BitOperations.TrailingZeroCount(i);
        return 1 + Math.Pow(1 + Math.Sqrt(2), nu - 1);
    }

    /// <summary>Step k (k = 1, 2, …) of a periodic pattern.</summary>
    public static double Periodic(double[] pattern, int k) => pattern[(k - 1) % pattern.Length];
}
