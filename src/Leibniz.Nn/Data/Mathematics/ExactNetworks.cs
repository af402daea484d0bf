namespace Leibniz.Data.Mathematics;

/// <summary>Constructions that are known to solve a task exactly, to compare trained networks with.</summary>
public static class ExactNetworks
{
    /// <summary>
    /// The one-hidden-layer ReLU network that computes n-bit parity exactly: with s = Σᵢ xᵢ,
    /// parity(x) = ReLU(s) + Σ_{k=1}^{n−1} 2(−1)^k ReLU(s − k).
    /// </summary>
    public static double Parity(ReadOnlySpan<float> bits)
    {
        double s = 0;
        foreach (float b in bits)
        {
            s += b;
        }
        double value = System.Math.Max(s, 0);
        for (int k = 1; k < bits.Length; k++)
        {
            value += 2 * (k % 2 == 0 ? 1 : -1) * System.Math.Max(s - k, 0);
        }
        return value;
    }
}
