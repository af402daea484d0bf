using Leibniz.Causal.Graphs;

namespace Leibniz.Causal.Discovery;

/// <summary>
/// How an estimated DAG compares with the true one, as NOTEARS' <c>count_accuracy</c> counts it: an estimated edge
/// is a true positive when the true graph has it in the same direction, reversed when it has it in the other, and a
/// false positive when the true graph has neither.
/// </summary>
/// <param name="Shd">Structural Hamming distance: extra plus missing edges of the skeleton plus reversed edges (a reversed edge costs 1).</param>
/// <param name="Fdr">(reversed + false positives) / estimated edges.</param>
/// <param name="Tpr">True positives / true edges.</param>
/// <param name="Fpr">(reversed + false positives) / true non-edges, d(d − 1)/2 − true edges.</param>
/// <param name="Predicted">Estimated edges.</param>
public sealed record GraphAccuracy(int Shd, double Fdr, double Tpr, double Fpr, int Predicted)
{
    /// <summary>Compares <paramref name="estimate"/> with <paramref name="truth"/> (on the same vertices).</summary>
    /// <exception cref="ArgumentException">The graphs have different vertex counts.</exception>
    public static GraphAccuracy Of(Dag truth, Dag estimate)
    {
        int d = truth.Count;
        if (estimate.Count != d)
        {
            throw new ArgumentException($"GraphAccuracy: the truth has {d} vertices and the estimate {estimate.Count}.", nameof(estimate));
        }
        int truePositive = 0, reversed = 0, falsePositive = 0, predicted = 0, trueEdges = truth.EdgeCount;
        int extraSkeleton = 0, missingSkeleton = 0;
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                if (estimate[i, j])
                {
                    predicted++;
                    if (truth[i, j])
                    {
                        truePositive++;
                    }
                    else if (truth[j, i])
                    {
                        reversed++;
                    }
                    else
                    {
                        falsePositive++;
                    }
                }
                if (i > j)
                {
                    bool inEstimate = estimate[i, j] || estimate[j, i], inTruth = truth[i, j] || truth[j, i];
                    extraSkeleton += inEstimate && !inTruth ? 1 : 0;
                    missingSkeleton += inTruth && !inEstimate ? 1 : 0;
                }
            }
        }
        return From(d, trueEdges, truePositive, reversed, falsePositive, predicted, extraSkeleton + missingSkeleton);
    }

    /// <summary>
    /// Compares a CPDAG with the true DAG as <c>count_accuracy</c> does: an undirected estimated edge counts as a true
    /// positive when the truth has it in either direction (and costs nothing in SHD), a directed one as for a DAG.
    /// </summary>
    /// <exception cref="ArgumentException">The graphs have different vertex counts.</exception>
    public static GraphAccuracy Of(Dag truth, PartiallyDirectedGraph estimate)
    {
        int d = truth.Count;
        if (estimate.Count != d)
        {
            throw new ArgumentException($"GraphAccuracy: the truth has {d} vertices and the estimate {estimate.Count}.", nameof(estimate));
        }
        int truePositive = 0, reversed = 0, falsePositive = 0, predicted = 0, trueEdges = truth.EdgeCount;
        int extraSkeleton = 0, missingSkeleton = 0;
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                bool inTruth = truth[i, j] || truth[j, i];
                if (estimate.IsDirected(i, j))
                {
                    predicted++;
                    truePositive += truth[i, j] ? 1 : 0;
                    reversed += truth[j, i] ? 1 : 0;
                    falsePositive += inTruth ? 0 : 1;
                }
                else if (i < j && estimate.IsUndirected(i, j))
                {
                    predicted++;
                    truePositive += inTruth ? 1 : 0;
                    falsePositive += inTruth ? 0 : 1;
                }
                if (i > j)
                {
                    extraSkeleton += estimate.IsAdjacent(i, j) && !inTruth ? 1 : 0;
                    missingSkeleton += inTruth && !estimate.IsAdjacent(i, j) ? 1 : 0;
                }
            }
        }
        return From(d, trueEdges, truePositive, reversed, falsePositive, predicted, extraSkeleton + missingSkeleton);
    }

    /// <summary>The rates from the counts, as <c>count_accuracy</c> forms them.</summary>
    private static GraphAccuracy From(int d, int trueEdges, int truePositive, int reversed, int falsePositive, int predicted, int skeletonErrors)
    {
        double negatives = 0.5 * d * (d - 1) - trueEdges;
        return new GraphAccuracy(
            skeletonErrors + reversed,
            (reversed + falsePositive) / (double)Math.Max(predicted, 1),
            truePositive / (double)Math.Max(trueEdges, 1),
            (reversed + falsePositive) / Math.Max(negatives, 1),
            predicted);
    }
}
