using System.Numerics;

namespace Leibniz.Graphs;

/// <summary>
/// Shortest-path distances d(u, v) by breadth-first search from every vertex (on bit masks), and the invariants
/// built from them. Unreachable pairs have distance −1 in <see cref="Matrix"/>; the invariants that need a
/// connected graph are +∞ (or NaN for proximity and remoteness) when it is not.
/// </summary>
public sealed class Distances
{
    /// <summary>Computes all distances of <paramref name="graph"/>.</summary>
    public Distances(Graph graph)
    {
        int n = graph.Order;
        Order = n;
        Matrix = new int[n, n];
        Connected = true;
        ulong all = n == 64 ? ulong.MaxValue : (1UL << n) - 1;
        for (int s = 0; s < n; s++)
        {
            for (int v = 0; v < n; v++)
            {
                Matrix[s, v] = -1;
            }
            ulong seen = 1UL << s, frontier = seen;
            Matrix[s, s] = 0;
            for (int d = 1; frontier != 0; d++)
            {
                ulong next = 0;
                for (ulong f = frontier; f != 0; f &= f - 1)
                {
                    next |= graph.Neighbours(BitOperations.TrailingZeroCount(f));
                }
                next &= ~seen;
                for (ulong f = next; f != 0; f &= f - 1)
                {
                    Matrix[s, BitOperations.TrailingZeroCount(f)] = d;
                }
                seen |= next;
                frontier = next;
            }
            if (seen != all)
            {
                Connected = false;
            }
        }
    }

    /// <summary>The number of vertices.</summary>
    public int Order { get; }

    /// <summary>d(u, v), or −1 when v cannot be reached from u.</summary>
    public int[,] Matrix { get; }

    /// <summary>Whether every vertex reaches every other (the graph on 0 vertices counts as connected).</summary>
    public bool Connected { get; }

    /// <summary>The eccentricity ecc(v) = max_u d(v, u) (+∞ when the graph is disconnected).</summary>
    public double Eccentricity(int v)
    {
        if (!Connected)
        {
            return double.PositiveInfinity;
        }
        int e = 0;
        for (int u = 0; u < Order; u++)
        {
            e = Math.Max(e, Matrix[v, u]);
        }
        return e;
    }

    /// <summary>The diameter D = max_v ecc(v).</summary>
    public double Diameter => Order == 0 ? 0 : Enumerable.Range(0, Order).Max(Eccentricity);

    /// <summary>The radius r = min_v ecc(v).</summary>
    public double Radius => Order == 0 ? 0 : Enumerable.Range(0, Order).Min(Eccentricity);

    /// <summary>The transmission (status) σ(v) = Σ_u d(v, u).</summary>
    public long Transmission(int v)
    {
        long sum = 0;
        for (int u = 0; u < Order; u++)
        {
            sum += Matrix[v, u];
        }
        return sum;
    }

    /// <summary>The Wiener index W = Σ_{u &lt; v} d(u, v) (+∞ when disconnected).</summary>
    public double Wiener => Connected ? Enumerable.Range(0, Order).Sum(Transmission) / 2.0 : double.PositiveInfinity;

    /// <summary>The proximity π = min_v σ(v)/(n − 1) (NaN when disconnected or n &lt; 2).</summary>
    public double Proximity => Connected && Order > 1 ? Enumerable.Range(0, Order).Min(Transmission) / (Order - 1.0) : double.NaN;

    /// <summary>The remoteness ρ = max_v σ(v)/(n − 1) (NaN when disconnected or n &lt; 2).</summary>
    public double Remoteness => Connected && Order > 1 ? Enumerable.Range(0, Order).Max(Transmission) / (Order - 1.0) : double.NaN;

    /// <summary>The distance matrix as doubles (only meaningful for connected graphs).</summary>
    public double[] MatrixAsDoubles()
    {
        var a = new double[Order * Order];
        for (int i = 0; i < Order; i++)
        {
            for (int j = 0; j < Order; j++)
            {
                a[i * Order + j] = Matrix[i, j];
            }
        }
        return a;
    }

    /// <summary>Whether every vertex is reached from vertex 0: one breadth-first search on bit masks.</summary>
    public static bool IsConnected(Graph graph)
    {
        int n = graph.Order;
        if (n == 0)
        {
            return true;
        }
        ulong all = n == 64 ? ulong.MaxValue : (1UL << n) - 1;
        ulong seen = 1, frontier = 1;
        while (frontier != 0)
        {
            ulong next = 0;
            for (ulong f = frontier; f != 0; f &= f - 1)
            {
                next |= graph.Neighbours(BitOperations.TrailingZeroCount(f));
            }
            frontier = next & ~seen;
            seen |= next;
        }
        return seen == all;
    }

    /// <summary>
    /// The girth: the length of a shortest cycle (+∞ for forests). From every vertex a breadth-first search; a
    /// non-tree edge {u, w} closes a closed walk of length d(s,u) + d(s,w) + 1, whose minimum over s is the girth.
    /// </summary>
    public static double Girth(Graph graph)
    {
        int n = graph.Order;
        int best = int.MaxValue;
        var dist = new int[n];
        var parent = new int[n];
        var queue = new int[n];
        for (int s = 0; s < n; s++)
        {
            Array.Fill(dist, -1);
            dist[s] = 0;
            parent[s] = -1;
            int head = 0, tail = 0;
            queue[tail++] = s;
            while (head < tail)
            {
                int u = queue[head++];
                for (ulong f = graph.Neighbours(u); f != 0; f &= f - 1)
                {
                    int w = BitOperations.TrailingZeroCount(f);
                    if (dist[w] < 0)
                    {
                        dist[w] = dist[u] + 1;
                        parent[w] = u;
                        queue[tail++] = w;
                    }
                    else if (parent[u] != w)
                    {
                        best = Math.Min(best, dist[u] + dist[w] + 1);
                    }
                }
            }
        }
        return best == int.MaxValue ? double.PositiveInfinity : best;
    }
}
