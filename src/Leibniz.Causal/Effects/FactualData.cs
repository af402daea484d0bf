namespace Leibniz.Causal.Effects;

/// <summary>
/// The checks and the outcome scaling the effect networks share: n units with a binary treatment in both arms, and
/// the outcome standardised for training, <c>(y − ȳ)/s</c> with s the population deviation (1 when y is constant).
/// </summary>
internal readonly record struct FactualData(double Mean, double Scale)
{
    /// <summary>Checks the lengths and arms (naming <paramref name="method"/>) and returns the outcome's scaling.</summary>
    /// <exception cref="ArgumentException">The lengths disagree or an arm is empty.</exception>
    public static FactualData Check(string method, double[,] x, int[] t, double[] y)
    {
        int n = x.GetLength(0);
        if (t.Length != n || y.Length != n || !t.Contains(0) || !t.Contains(1))
        {
            throw new ArgumentException($"{method}: {n} units, {t.Length} treatments and {y.Length} outcomes, with both arms present, are needed.");
        }
        double mean = y.Average();
        double scale = Math.Sqrt(y.Sum(v => (v - mean) * (v - mean)) / n);
        return new FactualData(mean, scale > 0 ? scale : 1);
    }
}
