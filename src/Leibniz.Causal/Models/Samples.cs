namespace Leibniz.Causal.Models;

/// <summary>Column operations on a data matrix X [n, d] (rows are units, columns variables).</summary>
public static class Samples
{
    /// <summary>
    /// Every column centred and scaled to unit variance (population form, 1/n), with the means and deviations of the
    /// given rows (all by default, e.g. the training rows only); constant columns become zero.
    /// </summary>
    public static double[,] Standardise(double[,] x, IReadOnlyList<int>? rows = null)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        IReadOnlyList<int> fit = rows ?? [.. Enumerable.Range(0, n)];
        var z = new double[n, d];
        for (int j = 0; j < d; j++)
        {
            double mean = fit.Average(i => x[i, j]);
            double sd = Math.Sqrt(fit.Average(i => (x[i, j] - mean) * (x[i, j] - mean)));
            for (int i = 0; i < n; i++)
            {
                z[i, j] = sd > 0 ? (x[i, j] - mean) / sd : 0;
            }
        }
        return z;
    }

    /// <summary>The sample variances (1/n) of the columns.</summary>
    public static double[] Variances(double[,] x)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var variance = new double[d];
        for (int j = 0; j < d; j++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++)
            {
                mean += x[i, j] / n;
            }
            for (int i = 0; i < n; i++)
            {
                variance[j] += (x[i, j] - mean) * (x[i, j] - mean) / n;
            }
        }
        return variance;
    }

    /// <summary>The given rows, in that order.</summary>
    public static double[,] Rows(double[,] x, IReadOnlyList<int> rows)
    {
        var r = new double[rows.Count, x.GetLength(1)];
        for (int k = 0; k < rows.Count; k++)
        {
            for (int j = 0; j < x.GetLength(1); j++)
            {
                r[k, j] = x[rows[k], j];
            }
        }
        return r;
    }

    /// <summary>Column j as an array.</summary>
    public static double[] Column(double[,] x, int j) => [.. Enumerable.Range(0, x.GetLength(0)).Select(i => x[i, j])];

    /// <summary>The given columns, in that order.</summary>
    public static double[,] Columns(double[,] x, IReadOnlyList<int> columns)
    {
        var c = new double[x.GetLength(0), columns.Count];
        for (int i = 0; i < x.GetLength(0); i++)
        {
            for (int k = 0; k < columns.Count; k++)
            {
                c[i, k] = x[i, columns[k]];
            }
        }
        return c;
    }
}
