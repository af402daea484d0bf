using Leibniz.Numerics;
using MathNet.Numerics.Distributions;

namespace Leibniz.Causal.Discovery;

/// <summary>
/// Fisher's z test of a partial correlation, exact for Gaussian data: with P the inverse of the correlation matrix
/// of (X_i, X_j, X_S), <c>r = −P₀₁/√(P₀₀P₁₁)</c>, <c>z = ½ ln((1 + r)/(1 − r))</c>, and under independence
/// <c>√(n − |S| − 3)·z</c> is standard normal, so <c>p = 2(1 − Φ(√(n − |S| − 3)|z|))</c> (causal-learn's <c>fisherz</c>).
/// </summary>
public sealed class FisherZTest : IConditionalIndependenceTest
{
    private readonly double[,] _correlation;
    private readonly int _samples;

    /// <summary>The test on samples X [n, d].</summary>
    /// <exception cref="ArgumentException">Fewer than four samples, or a constant column.</exception>
    public FisherZTest(double[,] samples)
        : this(Correlation(samples), samples.GetLength(0))
    {
    }

    /// <summary>The test from a correlation matrix of <paramref name="samples"/> samples.</summary>
    /// <exception cref="ArgumentException">The matrix is not square or there are fewer than four samples.</exception>
    public FisherZTest(double[,] correlation, int samples)
    {
        if (correlation.GetLength(0) != correlation.GetLength(1))
        {
            throw new ArgumentException($"FisherZTest: the correlation matrix is {correlation.GetLength(0)}×{correlation.GetLength(1)}; it must be square.", nameof(correlation));
        }
        if (samples < 4)
        {
            throw new ArgumentException($"FisherZTest: {samples} samples; the test needs at least 4 (n − |S| − 3 > 0).", nameof(samples));
        }
        _correlation = (double[,])correlation.Clone();
        _samples = samples;
        Count = correlation.GetLength(0);
    }

    /// <inheritdoc/>
    public int Count { get; }

    /// <inheritdoc/>
    public double PValue(int i, int j, IReadOnlyList<int> given)
    {
        var variables = new List<int> { i, j };
        variables.AddRange(given);
        int m = variables.Count;
        var sub = new double[m * m];
        for (int a = 0; a < m; a++)
        {
            for (int b = 0; b < m; b++)
            {
                sub[a * m + b] = _correlation[variables[a], variables[b]];
            }
        }
        var inverse = SquareMatrix.Invert(sub, m) ?? throw new InvalidOperationException($"FisherZTest: the correlation matrix of ({string.Join(", ", variables)}) is singular; some variable is a linear function of the others.");
        var p = inverse.Inverse;
        double r = -p[1] / Math.Sqrt(Math.Abs(p[0] * p[m + 1]));
        if (Math.Abs(r) >= 1)
        {
            r = (1 - 2.220446049250313e-16) * Math.Sign(r);
        }
        double z = 0.5 * Math.Log((1 + r) / (1 - r));
        int freedom = _samples - given.Count - 3;
        if (freedom <= 0)
        {
            throw new InvalidOperationException($"FisherZTest: conditioning on {given.Count} variables with {_samples} samples leaves n − |S| − 3 = {freedom}; use fewer variables or more samples.");
        }
        double statistic = Math.Sqrt(freedom) * Math.Abs(z);
        return 2 * (1 - Normal.CDF(0, 1, statistic));
    }

    /// <summary>The sample correlation matrix (as <c>numpy.corrcoef</c>).</summary>
    /// <exception cref="ArgumentException">A column is constant.</exception>
    public static double[,] Correlation(double[,] samples)
    {
        int d = samples.GetLength(1);
        var covariance = LinearScore.Covariance(samples);
        var c = new double[d, d];
        for (int a = 0; a < d; a++)
        {
            if (!(covariance[a * d + a] > 0))
            {
                throw new ArgumentException($"FisherZTest: column {a} is constant; a correlation needs variation.", nameof(samples));
            }
        }
        for (int a = 0; a < d; a++)
        {
            for (int b = 0; b < d; b++)
            {
                c[a, b] = covariance[a * d + b] / Math.Sqrt(covariance[a * d + a] * covariance[b * d + b]);
            }
        }
        return c;
    }
}
