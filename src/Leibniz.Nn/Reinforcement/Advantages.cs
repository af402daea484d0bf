namespace Leibniz.Reinforcement;

/// <summary>Returns and advantages of one episode (Schulman et al. 2016, generalised advantage estimation).</summary>
public static class Advantages
{
    /// <summary>The discounted rewards-to-go G_t = Σ_{k ≥ t} γ^{k−t} r_k.</summary>
    public static double[] DiscountedReturns(IReadOnlyList<double> rewards, double gamma)
    {
        var g = new double[rewards.Count];
        double running = 0;
        for (int t = rewards.Count - 1; t >= 0; t--)
        {
            running = rewards[t] + gamma * running;
            g[t] = running;
        }
        return g;
    }

    /// <summary>
    /// GAE: A_t = Σ_{k ≥ t} (γλ)^{k−t} δ_k with δ_k = r_k + γ V(s_{k+1}) − V(s_k) and V = 0 after the last step (the
    /// episode ended). λ = 1 gives G_t − V(s_t); λ = 0 the one-step residual.
    /// </summary>
    public static double[] Gae(IReadOnlyList<double> rewards, IReadOnlyList<double> values, double gamma, double lambda)
    {
        if (rewards.Count != values.Count)
        {
            throw new ArgumentException($"GAE needs one value per reward; got {values.Count} values for {rewards.Count} rewards.", nameof(values));
        }
        var a = new double[rewards.Count];
        double running = 0;
        for (int t = rewards.Count - 1; t >= 0; t--)
        {
            double next = t + 1 < values.Count ? values[t + 1] : 0;
            double delta = rewards[t] + gamma * next - values[t];
            running = delta + gamma * lambda * running;
            a[t] = running;
        }
        return a;
    }

    /// <summary>(x − mean) / sd over all of <paramref name="x"/>, in place; sd = 1 when all values are equal.</summary>
    public static void Normalize(double[] x)
    {
        if (x.Length == 0)
        {
            return;
        }
        double mean = x.Average();
        double sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Length);
        if (sd == 0)
        {
            sd = 1;
        }
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (x[i] - mean) / sd;
        }
    }
}
