using Leibniz.Causal.Graphs;
using Leibniz.Causal.Models;

namespace Leibniz.Causal.Discovery;

/// <summary>
/// How far the sample variances reveal the causal order (Reisach, Seiler &amp; Weichwald 2021, "Beware of the simulated
/// DAG!"), here restricted to edges: the fraction of the true edges i → j with Var(X_i) &lt; Var(X_j). Near 1, sorting the
/// variables by variance gives a causal order, which continuous-optimisation methods exploit; standardising the data
/// removes it without changing any causal fact.
/// </summary>
public static class Varsortability
{
    /// <summary>The fraction of edges of <paramref name="dag"/> along which the variance of X grows (NaN without edges).</summary>
    public static double Of(Dag dag, double[,] x)
    {
        var variance = Samples.Variances(x);
        int edges = 0, sorted = 0;
        for (int i = 0; i < dag.Count; i++)
        {
            for (int j = 0; j < dag.Count; j++)
            {
                if (dag[i, j])
                {
                    edges++;
                    sorted += variance[i] < variance[j] ? 1 : 0;
                }
            }
        }
        return edges == 0 ? double.NaN : sorted / (double)edges;
    }
}
