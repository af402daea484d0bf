using System.Numerics;

namespace Leibniz.Graphs;

/// <summary>
/// The invariants of one graph, each computed on first use and kept. Spectra are listed largest first
/// (λ₁ ≥ … ≥ λₙ). Invariants that need a connected graph are +∞ or NaN when it is not.
/// </summary>
public sealed class GraphFacts(Graph graph)
{
    private System.Numerics.BigInteger? _spanningTrees;
    private Distances? _distances;
    private double[]? _adjacency, _laplacian, _signless, _distance;
    private double? _lambda1;
    private bool? _connected;
    private int? _matching, _alpha, _omega, _chi, _gamma, _kappa;

    /// <summary>The graph.</summary>
    public Graph Graph { get; } = graph;

    /// <summary>All-pairs distances.</summary>
    public Distances Distances => _distances ??= new Distances(Graph);

    /// <summary>Whether the graph is connected (one search; the distances are only computed when asked for).</summary>
    public bool Connected => _connected ??= _distances?.Connected ?? Distances.IsConnected(Graph);

    /// <summary>Eigenvalues of the adjacency matrix A, largest first.</summary>
    public double[] AdjacencySpectrum => _adjacency ??= SymmetricEigenvalues.Of(Matrix(0, 1), Graph.Order);

    /// <summary>λ₁, the largest adjacency eigenvalue (computed alone when the full spectrum is not needed).</summary>
    public double Lambda1 => _lambda1 ??= _adjacency is not null ? _adjacency[0]
        : Graph.Order == 0 ? 0 : new SymmetricEigenvalues(Matrix(0, 1), Graph.Order).Largest(1);

    /// <summary>Eigenvalues of the Laplacian L = D − A, largest first.</summary>
    public double[] LaplacianSpectrum => _laplacian ??= SymmetricEigenvalues.Of(Matrix(1, -1), Graph.Order);

    /// <summary>Eigenvalues of the signless Laplacian Q = D + A, largest first.</summary>
    public double[] SignlessLaplacianSpectrum => _signless ??= SymmetricEigenvalues.Of(Matrix(1, 1), Graph.Order);

    /// <summary>Eigenvalues of the distance matrix (∂₁ ≥ … ≥ ∂ₙ); NaN when the graph is disconnected.</summary>
    public double[] DistanceSpectrum => _distance ??= Connected
        ? SymmetricEigenvalues.Of(Distances.MatrixAsDoubles(), Graph.Order)
        : Enumerable.Repeat(double.NaN, Graph.Order).ToArray();

    /// <summary>The matching number μ (Edmonds' blossom algorithm).</summary>
    public int MatchingNumber => _matching ??= Matching.Number(Graph);

    /// <summary>The independence number α.</summary>
    public int IndependenceNumber => _alpha ??= HardInvariants.IndependenceNumber(Graph);

    /// <summary>The clique number ω.</summary>
    public int CliqueNumber => _omega ??= HardInvariants.CliqueNumber(Graph);

    /// <summary>The chromatic number χ.</summary>
    public int ChromaticNumber => _chi ??= HardInvariants.ChromaticNumber(Graph);

    /// <summary>The domination number γ.</summary>
    public int DominationNumber => _gamma ??= HardInvariants.DominationNumber(Graph);

    /// <summary>The vertex connectivity κ.</summary>
    public int VertexConnectivity => _kappa ??= HardInvariants.VertexConnectivity(Graph);

    /// <summary>The number of triangles: Σ over edges uv with u &lt; v of |N(u) ∩ N(v) ∩ {w &gt; v}|.</summary>
    public int Triangles
    {
        get
        {
            int count = 0;
            for (int u = 0; u < Graph.Order; u++)
            {
                for (ulong f = Graph.Neighbours(u) & ~((2UL << u) - 1); f != 0; f &= f - 1)
                {
                    int v = BitOperations.TrailingZeroCount(f);
                    ulong later = v == 63 ? 0 : ~((2UL << v) - 1);
                    count += BitOperations.PopCount(Graph.Neighbours(u) & Graph.Neighbours(v) & later);
                }
            }
            return count;
        }
    }

    /// <summary>
    /// The number of spanning trees τ, exactly (<see cref="KirchhoffCount"/>: the matrix-tree theorem with an exact
    /// determinant); 0 when disconnected.
    /// </summary>
    public System.Numerics.BigInteger SpanningTreeCount => _spanningTrees ??= KirchhoffCount.SpanningTrees(Graph);

    /// <summary>τ as the nearest double: exact while τ &lt; 2⁵³, correctly rounded beyond (conjectures compute in doubles).</summary>
    public double SpanningTrees => (double)SpanningTreeCount;

    /// <summary>The energy E = Σ |λᵢ| over the adjacency spectrum.</summary>
    public double Energy => AdjacencySpectrum.Sum(Math.Abs);

    /// <summary>The Randić index R = Σ over edges uv of 1/√(deg u · deg v).</summary>
    public double Randic => Graph.Edges().Sum(e => 1 / Math.Sqrt((double)Graph.Degree(e.A) * Graph.Degree(e.B)));

    /// <summary>Whether the graph is bipartite (its vertices 2-colourable).</summary>
    public bool Bipartite
    {
        get
        {
            var side = new int[Graph.Order];
            Array.Fill(side, -1);
            var queue = new Queue<int>();
            for (int s = 0; s < Graph.Order; s++)
            {
                if (side[s] >= 0)
                {
                    continue;
                }
                side[s] = 0;
                queue.Enqueue(s);
                while (queue.Count > 0)
                {
                    int u = queue.Dequeue();
                    for (ulong f = Graph.Neighbours(u); f != 0; f &= f - 1)
                    {
                        int w = BitOperations.TrailingZeroCount(f);
                        if (side[w] < 0)
                        {
                            side[w] = 1 - side[u];
                            queue.Enqueue(w);
                        }
                        else if (side[w] == side[u])
                        {
                            return false;
                        }
                    }
                }
            }
            return true;
        }
    }

    /// <summary>The row-major matrix diagonal·D + offDiagonal·A.</summary>
    private double[] Matrix(double diagonal, double offDiagonal)
    {
        int n = Graph.Order;
        var m = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            m[i * n + i] = diagonal * Graph.Degree(i);
            for (ulong f = Graph.Neighbours(i); f != 0; f &= f - 1)
            {
                m[i * n + BitOperations.TrailingZeroCount(f)] = offDiagonal;
            }
        }
        return m;
    }
}
