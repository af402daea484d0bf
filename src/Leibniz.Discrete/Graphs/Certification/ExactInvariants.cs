using System.Numerics;
using Leibniz.Graphs.Conjectures;

namespace Leibniz.Graphs.Certification;

/// <summary>An invariant that cannot be recomputed independently for this graph (too large for brute force).</summary>
public sealed class NotCertifiableException(string message) : Exception(message);

/// <summary>
/// Invariants recomputed for a certificate by algorithms other than the search's, on the adjacency matrix as
/// integers: eigenvalues enclosed by Sturm sequences of the exact characteristic polynomial, distances by
/// Floyd–Warshall, the matching number by exhaustion over vertex subsets, α, ω, γ, χ and κ by brute force,
/// triangles by the triple loop, spanning trees by Bareiss's exact determinant of a Laplacian minor,
/// connectedness and bipartiteness by union–find with parity. Every value is an <see cref="Interval"/> that
/// provably contains the true one; integers are exact. Each value looked up is kept in <see cref="Values"/>.
/// </summary>
public sealed class ExactInvariants : IInvariantSource<Interval>
{
    private readonly Graph _graph;
    private readonly long[,] _adjacency;
    private readonly GraphFacts _estimates;
    private readonly Dictionary<string, CertifiedSpectrum> _spectra = [];
    private long[,]? _distances;

    /// <summary>Prepares the recomputation for <paramref name="graph"/>.</summary>
    public ExactInvariants(Graph graph)
    {
        _graph = graph;
        _adjacency = graph.AdjacencyMatrix();
        _estimates = new GraphFacts(graph);
    }

    /// <summary>Every value looked up so far, by name (spectral entries as name[k]).</summary>
    public Dictionary<string, Interval> Values { get; } = [];

    /// <inheritdoc/>
    public Interval Scalar(GraphInvariant invariant)
    {
        var value = invariant.Name switch
        {
            "n" => Interval.Exact(_graph.Order),
            "m" => Interval.Exact(Degrees().Sum() / 2),
            "min_degree" => Interval.Exact(_graph.Order == 0 ? 0 : Degrees().Min()),
            "max_degree" => Interval.Exact(_graph.Order == 0 ? 0 : Degrees().Max()),
            "avg_degree" => _graph.Order == 0 ? Interval.Exact(0) : Interval.Exact(Degrees().Sum()) / Interval.Exact(_graph.Order),
            "lambda1" => Eigenvalue("adj_eig", 1),
            "algebraic_connectivity" => _graph.Order < 2 ? Interval.Exact(0) : Eigenvalue("lap_eig", _graph.Order - 1),
            "diameter" => DistanceStatistic(row => row.Max(), (a, b) => Math.Max(a, b)),
            "radius" => DistanceStatistic(row => row.Max(), (a, b) => Math.Min(a, b)),
            "wiener" => Connected() ? Interval.Exact(FloydWarshall().Cast<long>().Sum() / 2) : Interval.Exact(double.PositiveInfinity),
            "proximity" => Transmission(min: true),
            "remoteness" => Transmission(min: false),
            "girth" => Interval.Exact(Girth()),
            "mu" => Interval.Exact(Limited(26, "the matching number", () => Matching.NumberByExhaustion(_graph))),
            "alpha" => Interval.Exact(Limited(HardInvariants.BruteForceLimit, "the independence number", () => HardInvariants.IndependenceNumberByBruteForce(_graph))),
            "omega" => Interval.Exact(Limited(HardInvariants.BruteForceLimit, "the clique number", () => HardInvariants.CliqueNumberByBruteForce(_graph))),
            "chi" => Interval.Exact(Limited(16, "the chromatic number", () => HardInvariants.ChromaticNumberByBruteForce(_graph))),
            "gamma" => Interval.Exact(Limited(HardInvariants.BruteForceLimit, "the domination number", () => HardInvariants.DominationNumberByBruteForce(_graph))),
            "connectivity" => Interval.Exact(Limited(HardInvariants.BruteForceLimit, "the vertex connectivity", () => HardInvariants.VertexConnectivityByBruteForce(_graph))),
            "triangles" => Interval.Exact(Triangles()),
            "spanning_trees" => SpanningTrees(),
            "energy" => Enumerable.Range(1, _graph.Order).Aggregate(Interval.Exact(0), (sum, k) => sum + Interval.Abs(Eigenvalue("adj_eig", k))),
            "randic" => Randic(),
            "connected" => Interval.Exact(Connected() ? 1 : 0),
            "tree" => Interval.Exact(Connected() && Degrees().Sum() / 2 == _graph.Order - 1 ? 1 : 0),
            "bipartite" => Interval.Exact(Bipartite() ? 1 : 0),
            _ => throw new NotCertifiableException($"No independent computation of '{invariant.Name}'."),
        };
        Values[invariant.Name] = value;
        return value;
    }

    /// <inheritdoc/>
    public Interval? Entry(GraphInvariant invariant, int k)
    {
        if (k < 1 || k > _graph.Order)
        {
            return null;
        }
        if (invariant.Name == "dist_eig" && !Connected())
        {
            return null;
        }
        var value = Eigenvalue(invariant.Name, k);
        Values[$"{invariant.Name}[{k}]"] = value;
        return value;
    }

    /// <summary>Σ over edges uv of 1/√(deg u · deg v), in interval arithmetic.</summary>
    private Interval Randic()
    {
        var degrees = Degrees();
        return _graph.Edges().Aggregate(Interval.Exact(0), (sum, e) =>
            sum + Interval.Exact(1) / Interval.Sqrt(Interval.Exact(degrees[e.A]) * Interval.Exact(degrees[e.B])));
    }

    private Interval Eigenvalue(string spectrum, int k)
    {
        if (!_spectra.TryGetValue(spectrum, out var certified))
        {
            certified = new CertifiedSpectrum(Matrix(spectrum));
            _spectra[spectrum] = certified;
        }
        double estimate = spectrum switch
        {
            "adj_eig" => _estimates.AdjacencySpectrum[k - 1],
            "lap_eig" => _estimates.LaplacianSpectrum[k - 1],
            "signless_eig" => _estimates.SignlessLaplacianSpectrum[k - 1],
            _ => _estimates.DistanceSpectrum[k - 1],
        };
        return certified.Largest(k, estimate);
    }

    private long[,] Matrix(string spectrum)
    {
        int n = _graph.Order;
        if (spectrum == "dist_eig")
        {
            return FloydWarshall();
        }
        long sign = spectrum == "lap_eig" ? -1 : 1;
        var m = new long[n, n];
        var degrees = Degrees();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                m[i, j] = spectrum == "adj_eig" ? _adjacency[i, j] : sign * _adjacency[i, j];
            }
            if (spectrum != "adj_eig")
            {
                m[i, i] = degrees[i];
            }
        }
        return m;
    }

    private int[] Degrees()
    {
        int n = _graph.Order;
        var degrees = new int[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                degrees[i] += (int)_adjacency[i, j];
            }
        }
        return degrees;
    }

    /// <summary>Floyd–Warshall: d_ij ← min(d_ij, d_ik + d_kj) over k; unreachable pairs keep a huge value.</summary>
    private long[,] FloydWarshall()
    {
        if (_distances is not null)
        {
            return _distances;
        }
        int n = _graph.Order;
        const long Far = long.MaxValue / 4;
        var d = new long[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                d[i, j] = i == j ? 0 : _adjacency[i, j] == 1 ? 1 : Far;
            }
        }
        for (int k = 0; k < n; k++)
        {
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    d[i, j] = Math.Min(d[i, j], d[i, k] + d[k, j]);
                }
            }
        }
        return _distances = d;
    }

    private bool Connected()
    {
        // Union–find over the edges.
        int n = _graph.Order;
        var parent = Enumerable.Range(0, n).ToArray();
        int components = n;
        foreach (var (a, b) in _graph.Edges())
        {
            int ra = Find(parent, a), rb = Find(parent, b);
            if (ra != rb)
            {
                parent[ra] = rb;
                components--;
            }
        }
        return components <= 1;
    }

    private static int Find(int[] parent, int v)
    {
        while (parent[v] != v)
        {
            v = parent[v] = parent[parent[v]];
        }
        return v;
    }

    private bool Bipartite()
    {
        // Union–find with parity: each edge says "different sides"; a contradiction is an odd cycle.
        int n = _graph.Order;
        var parent = Enumerable.Range(0, n).ToArray();
        var parity = new int[n];
        foreach (var (a, b) in _graph.Edges())
        {
            var (ra, pa) = Root(a);
            var (rb, pb) = Root(b);
            if (ra == rb)
            {
                if (pa == pb)
                {
                    return false;
                }
            }
            else
            {
                parent[ra] = rb;
                parity[ra] = pa ^ pb ^ 1;
            }
        }
        return true;

        (int Root, int Parity) Root(int v)
        {
            int p = 0;
            while (parent[v] != v)
            {
                p ^= parity[v];
                v = parent[v];
            }
            return (v, p);
        }
    }

    private Interval DistanceStatistic(Func<IEnumerable<long>, long> perVertex, Func<long, long, long> combine)
    {
        if (!Connected())
        {
            return Interval.Exact(double.PositiveInfinity);
        }
        var d = FloydWarshall();
        int n = _graph.Order;
        if (n == 0)
        {
            return Interval.Exact(0);
        }
        long result = perVertex(Enumerable.Range(0, n).Select(j => d[0, j]));
        for (int i = 1; i < n; i++)
        {
            result = combine(result, perVertex(Enumerable.Range(0, n).Select(j => d[i, j])));
        }
        return Interval.Exact(result);
    }

    private Interval Transmission(bool min)
    {
        int n = _graph.Order;
        if (!Connected() || n < 2)
        {
            return Interval.Exact(double.NaN);
        }
        var d = FloydWarshall();
        var sums = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Sum(j => d[i, j])).ToArray();
        return Interval.Exact(min ? sums.Min() : sums.Max()) / Interval.Exact(n - 1);
    }

    /// <summary>The girth as min over edges uv of 1 + (the distance from u to v without the edge uv).</summary>
    private double Girth()
    {
        int n = _graph.Order;
        double best = double.PositiveInfinity;
        foreach (var (u, v) in _graph.Edges())
        {
            var dist = new int[n];
            Array.Fill(dist, -1);
            dist[u] = 0;
            var queue = new Queue<int>([u]);
            while (queue.Count > 0)
            {
                int x = queue.Dequeue();
                for (int y = 0; y < n; y++)
                {
                    if (_adjacency[x, y] == 1 && dist[y] < 0 && !(x == u && y == v))
                    {
                        dist[y] = dist[x] + 1;
                        queue.Enqueue(y);
                    }
                }
            }
            if (dist[v] > 0)
            {
                best = Math.Min(best, dist[v] + 1);
            }
        }
        return best;
    }

    private long Triangles()
    {
        int n = _graph.Order;
        long count = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                for (int k = j + 1; k < n; k++)
                {
                    count += _adjacency[i, j] * _adjacency[j, k] * _adjacency[i, k];
                }
            }
        }
        return count;
    }

    private Interval SpanningTrees()
    {
        int n = _graph.Order;
        if (n == 0)
        {
            return Interval.Exact(0);
        }
        // Matrix-tree theorem: τ = det of the Laplacian with row and column 0 removed.
        var laplacian = Matrix("lap_eig");
        var minor = new long[n - 1, n - 1];
        for (int i = 1; i < n; i++)
        {
            for (int j = 1; j < n; j++)
            {
                minor[i - 1, j - 1] = laplacian[i, j];
            }
        }
        BigInteger count = IntegerPolynomial.Determinant(minor);
        double value = (double)count;
        return new BigInteger(value) == count ? Interval.Exact(value) : new Interval(Math.BitDecrement(value), Math.BitIncrement(value));
    }

    private int Limited(int limit, string what, Func<int> compute)
    {
        if (_graph.Order > limit)
        {
            throw new NotCertifiableException($"{what} is recomputed by brute force only up to {limit} vertices; the graph has {_graph.Order}.");
        }
        return compute();
    }
}
