using Leibniz.Causal.Graphs;

namespace Leibniz.Causal.Discovery;

/// <summary>
/// From the weights a continuous method ends at to a DAG: entries with |W[i, j]| below the threshold are dropped
/// unless the edge is required, and while a cycle remains the smallest-magnitude edge that is not required is
/// dropped (the continuous constraint leaves h small, not zero).
/// </summary>
internal static class WeightedGraphEstimate
{
    /// <summary>The thresholded weights (a DAG's) and the number of edges dropped for cycles.</summary>
    public static (double[,] Weights, int DroppedForCycles) Threshold(double[,] raw, double threshold, BackgroundKnowledge knowledge)
    {
        int d = raw.GetLength(0);
        var w = (double[,])raw.Clone();
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                if (i == j || knowledge.IsForbidden(i, j) || (Math.Abs(w[i, j]) < threshold && !knowledge.IsRequired(i, j)))
                {
                    w[i, j] = 0;
                }
                else if (knowledge.IsRequired(i, j) && w[i, j] == 0)
                {
                    // Present in the graph though the fit left it at zero: the smallest weight that counts as an edge.
                    w[i, j] = double.Epsilon;
                }
            }
        }
        int dropped = 0;
        while (!Dag.IsAcyclic(Graph(w)))
        {
            var (bi, bj) = (-1, -1);
            double smallest = double.PositiveInfinity;
            for (int i = 0; i < d; i++)
            {
                for (int j = 0; j < d; j++)
                {
                    if (w[i, j] != 0 && !knowledge.IsRequired(i, j) && Math.Abs(w[i, j]) < smallest)
                    {
                        (smallest, bi, bj) = (Math.Abs(w[i, j]), i, j);
                    }
                }
            }
            w[bi, bj] = 0;
            dropped++;
        }
        return (w, dropped);
    }

    private static bool[,] Graph(double[,] w)
    {
        int d = w.GetLength(0);
        var a = new bool[d, d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                a[i, j] = w[i, j] != 0;
            }
        }
        return a;
    }
}
