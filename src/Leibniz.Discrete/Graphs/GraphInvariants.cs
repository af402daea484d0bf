namespace Leibniz.Graphs;

/// <summary>What kind of value an invariant has.</summary>
public enum InvariantKind
{
    /// <summary>An integer (exact).</summary>
    Integer,

    /// <summary>A real number.</summary>
    Real,

    /// <summary>A true/false property, 1 or 0 in arithmetic.</summary>
    Boolean,

    /// <summary>A list of n reals indexed 1 … n in text (a spectrum, largest first).</summary>
    Spectrum,
}

/// <summary>One named invariant of the catalogue.</summary>
/// <param name="Name">The name used in conjectures.</param>
/// <param name="Aliases">Other accepted names.</param>
/// <param name="Kind">Integer, real, boolean or spectrum.</param>
/// <param name="Definition">The definition, as shown to users.</param>
/// <param name="Scalar">The value (for integers, reals and booleans).</param>
/// <param name="Vector">The values (for spectra).</param>
public sealed record GraphInvariant(
    string Name, string[] Aliases, InvariantKind Kind, string Definition,
    Func<GraphFacts, double>? Scalar = null, Func<GraphFacts, double[]>? Vector = null)
{
    /// <summary>
    /// Whether the value is exact: integer and boolean invariants come from exact integer algorithms (their double
    /// value is exact below 2⁵³, which only the spanning-tree count can pass; <see cref="GraphFacts.SpanningTreeCount"/>
    /// is exact at every order); real invariants and spectra are floating-point approximations, which certificates
    /// enclose in intervals.
    /// </summary>
    public bool IsExact => Kind is InvariantKind.Integer or InvariantKind.Boolean;
}

/// <summary>
/// The catalogue of graph invariants that conjectures may use. Spectra are indexed from 1 and sorted largest
/// first: <c>adj_eig[1]</c> = λ₁ ≥ … ≥ <c>adj_eig[n]</c> = λₙ, likewise <c>lap_eig</c>, <c>signless_eig</c>,
/// <c>dist_eig</c> (∂₁ ≥ … ≥ ∂ₙ).
/// </summary>
public static class GraphInvariants
{
    /// <summary>Every invariant, in the order shown to users.</summary>
    public static IReadOnlyList<GraphInvariant> All { get; } =
    [
        new("n", ["order"], InvariantKind.Integer, "order: the number of vertices", f => f.Graph.Order),
        new("m", ["size", "edges"], InvariantKind.Integer, "size: the number of edges", f => f.Graph.Size),
        new("min_degree", ["delta"], InvariantKind.Integer, "δ = min_v deg(v)", f => f.Graph.Order == 0 ? 0 : Enumerable.Range(0, f.Graph.Order).Min(f.Graph.Degree)),
        new("max_degree", ["Delta"], InvariantKind.Integer, "Δ = max_v deg(v)", f => f.Graph.Order == 0 ? 0 : Enumerable.Range(0, f.Graph.Order).Max(f.Graph.Degree)),
        new("avg_degree", ["average_degree"], InvariantKind.Real, "d̄ = 2m/n", f => f.Graph.Order == 0 ? 0 : 2.0 * f.Graph.Size / f.Graph.Order),
        new("lambda1", ["spectral_radius"], InvariantKind.Real, "λ₁, the largest eigenvalue of the adjacency matrix A", f => f.Lambda1),
        new("adj_eig", ["lambda"], InvariantKind.Spectrum, "eigenvalues of A, largest first: adj_eig[1] = λ₁ ≥ … ≥ adj_eig[n] = λₙ", Vector: f => f.AdjacencySpectrum),
        new("lap_eig", [], InvariantKind.Spectrum, "eigenvalues of the Laplacian L = D − A, largest first", Vector: f => f.LaplacianSpectrum),
        new("signless_eig", ["q_eig"], InvariantKind.Spectrum, "eigenvalues of the signless Laplacian Q = D + A, largest first", Vector: f => f.SignlessLaplacianSpectrum),
        new("algebraic_connectivity", ["a"], InvariantKind.Real, "a(G), the second smallest Laplacian eigenvalue (Fiedler)", f => f.Graph.Order < 2 ? 0 : f.LaplacianSpectrum[^2]),
        new("dist_eig", ["partial"], InvariantKind.Spectrum, "eigenvalues of the distance matrix, largest first: dist_eig[1] = ∂₁ ≥ … ≥ ∂ₙ (connected graphs)", Vector: f => f.DistanceSpectrum),
        new("diameter", ["D"], InvariantKind.Integer, "D = max over pairs of the distance d(u, v) (+∞ if disconnected)", f => f.Distances.Diameter),
        new("radius", ["r"], InvariantKind.Integer, "r = min_v ecc(v), ecc(v) = max_u d(v, u)", f => f.Distances.Radius),
        new("girth", ["g"], InvariantKind.Integer, "the length of a shortest cycle (+∞ for forests)", f => Distances.Girth(f.Graph)),
        new("proximity", ["pi"], InvariantKind.Real, "π = min_v Σ_u d(v, u) / (n − 1) (connected graphs)", f => f.Distances.Proximity),
        new("remoteness", ["rho"], InvariantKind.Real, "ρ = max_v Σ_u d(v, u) / (n − 1) (connected graphs)", f => f.Distances.Remoteness),
        new("wiener", ["W"], InvariantKind.Integer, "W = Σ over pairs u < v of d(u, v)", f => f.Distances.Wiener),
        new("mu", ["matching_number", "matching"], InvariantKind.Integer, "μ, the largest number of disjoint edges (Edmonds' blossom algorithm)", f => f.MatchingNumber),
        new("alpha", ["independence_number"], InvariantKind.Integer, "α, the largest set of pairwise non-adjacent vertices", f => f.IndependenceNumber),
        new("omega", ["clique_number"], InvariantKind.Integer, "ω, the largest set of pairwise adjacent vertices", f => f.CliqueNumber),
        new("chi", ["chromatic_number"], InvariantKind.Integer, "χ, the least number of colours of a proper vertex colouring", f => f.ChromaticNumber),
        new("gamma", ["domination_number"], InvariantKind.Integer, "γ, the least size of a set S with every vertex in S or adjacent to S", f => f.DominationNumber),
        new("triangles", ["t"], InvariantKind.Integer, "the number of triangles (= trace(A³)/6)", f => f.Triangles),
        new("spanning_trees", ["tau"], InvariantKind.Integer, "τ, the number of spanning trees (Kirchhoff's theorem with an exact determinant; exact below 2^53)", f => f.SpanningTrees),
        new("energy", ["E"], InvariantKind.Real, "E = Σ |λᵢ| over the adjacency spectrum", f => f.Energy),
        new("randic", ["R"], InvariantKind.Real, "R = Σ over edges uv of 1/√(deg u · deg v)", f => f.Randic),
        new("connectivity", ["kappa", "vertex_connectivity"], InvariantKind.Integer, "κ, the fewest vertices whose removal disconnects G (κ(Kₙ) = n − 1)", f => f.VertexConnectivity),
        new("connected", [], InvariantKind.Boolean, "1 if every vertex reaches every other, else 0", f => f.Connected ? 1 : 0),
        new("tree", [], InvariantKind.Boolean, "1 if G is connected with m = n − 1, else 0", f => f.Connected && f.Graph.Size == f.Graph.Order - 1 ? 1 : 0),
        new("bipartite", [], InvariantKind.Boolean, "1 if the vertices split into two independent sets, else 0", f => f.Bipartite ? 1 : 0),
    ];

    /// <summary>The invariant called <paramref name="name"/> (or an alias), or null.</summary>
    public static GraphInvariant? Find(string name) =>
        All.FirstOrDefault(i => i.Name == name) ?? All.FirstOrDefault(i => i.Aliases.Contains(name));

    /// <summary>The catalogue as text, one line per invariant.</summary>
    public static string Describe() => string.Join(Environment.NewLine, All.Select(i =>
        $"{i.Name}{(i.Kind == InvariantKind.Spectrum ? "[k]" : "")}{(i.Aliases.Length > 0 ? " (" + string.Join(", ", i.Aliases) + ")" : "")}: {i.Definition}"));
}
