namespace Leibniz.Graphs.Conjectures;

/// <summary>A side condition: <c>Left Relation Right</c>, or <c>Left ≠ 0</c> when there is no relation.</summary>
public sealed record Condition(Expression Left, string? Relation, Expression? Right)
{
    /// <inheritdoc/>
    public override string ToString() => Relation is null ? Left.ToString() : $"{Left} {Relation} {Right}";
}

/// <summary>
/// A conjectured inequality <c>Left Relation Right</c> over graph invariants, for the graphs that satisfy the
/// side conditions. The search's reward is how far it is from holding: <c>Right − Left</c> for ≥ and &gt;,
/// <c>Left − Right</c> for ≤ and &lt;; a graph violating a side condition (or on which an invariant is undefined,
/// such as a distance eigenvalue of a disconnected graph or an index outside 1 … n) gets −<see cref="Penalty"/>.
/// A graph is a counterexample when the reward is &gt; 0 (non-strict relation) or ≥ 0 (strict relation).
/// </summary>
public sealed class Conjecture(string text, Expression left, string relation, Expression right, IReadOnlyList<Condition> conditions)
{
    /// <summary>The reward of a graph outside the conjecture's scope (Wagner's INF = 10⁶).</summary>
    public const double Penalty = 1_000_000;

    /// <summary>The text it was parsed from.</summary>
    public string Text { get; } = text;

    /// <summary>The left-hand side.</summary>
    public Expression Left { get; } = left;

    /// <summary>One of &gt;=, &gt;, &lt;=, &lt;.</summary>
    public string Relation { get; } = relation;

    /// <summary>The right-hand side.</summary>
    public Expression Right { get; } = right;

    /// <summary>The side conditions (all must hold).</summary>
    public IReadOnlyList<Condition> Conditions { get; } = conditions;

    /// <summary>Whether the relation is strict (&gt; or &lt;), so that equality already refutes it.</summary>
    public bool Strict => Relation is ">" or "<";

    /// <summary>The invariants the conjecture and its conditions mention.</summary>
    public IReadOnlyList<GraphInvariant> Invariants() =>
        [.. Left.Invariants().Concat(Right.Invariants()).Concat(Conditions.SelectMany(c => c.Right is null ? c.Left.Invariants() : c.Left.Invariants().Concat(c.Right.Invariants()))).Distinct()];

    /// <summary>Parses a built-in name (see <see cref="BuiltInConjectures"/>) or an inequality.</summary>
    /// <exception cref="ConjectureFormatException">Neither a built-in name nor a valid inequality.</exception>
    public static Conjecture Resolve(string nameOrText) =>
        ConjectureParser.Parse(BuiltInConjectures.Find(nameOrText)?.Text ?? nameOrText);

    /// <summary>The reward of <paramref name="graph"/> (see the class summary).</summary>
    public double Reward(Graph graph) => Reward(new GraphFacts(graph));

    /// <summary>The reward with invariants taken from <paramref name="facts"/>.</summary>
    public double Reward(GraphFacts facts)
    {
        var source = new FactsSource(facts);
        foreach (var condition in Conditions)
        {
            if (!Holds(condition, source))
            {
                return -Penalty;
            }
        }
        double left = Left.Evaluate(source), right = Right.Evaluate(source);
        double reward = Relation is ">=" or ">" ? right - left : left - right;
        return double.IsNaN(reward) ? -Penalty : Math.Max(reward, -Penalty);
    }

    /// <summary>
    /// Both sides of the inequality on <paramref name="graph"/>, whether the side conditions hold, and whether the graph
    /// violates the conjecture by the floating-point values (a certificate proves it; this only reports what was computed).
    /// </summary>
    public ConjectureEvaluation Evaluate(Graph graph)
    {
        var source = new FactsSource(new GraphFacts(graph));
        bool inScope = Conditions.All(condition => Holds(condition, source));
        double left = Left.Evaluate(source), right = Right.Evaluate(source);
        bool holds = Relation switch
        {
            ">=" => left >= right,
            ">" => left > right,
            "<=" => left <= right,
            _ => left < right,
        };
        return new ConjectureEvaluation(left, right, inScope, inScope && !holds);
    }

    /// <summary>Whether a reward marks a counterexample (up to <paramref name="tolerance"/> in floating point).</summary>
    public bool IsCounterexample(double reward, double tolerance = 1e-9) => Strict ? reward >= -tolerance : reward > tolerance;

    /// <inheritdoc/>
    public override string ToString() => Text;

    private static bool Holds(Condition condition, IInvariantSource<double> source)
    {
        double a = condition.Left.Evaluate(source);
        if (condition.Relation is null)
        {
            return a != 0 && !double.IsNaN(a);
        }
        double b = condition.Right!.Evaluate(source);
        return condition.Relation switch
        {
            ">=" => a >= b,
            ">" => a > b,
            "<=" => a <= b,
            _ => a < b,
        };
    }

    /// <summary>Invariants read from a <see cref="GraphFacts"/> cache.</summary>
    private sealed class FactsSource(GraphFacts facts) : IInvariantSource<double>
    {
        public double Scalar(GraphInvariant invariant) => invariant.Scalar!(facts);

        public double? Entry(GraphInvariant invariant, int k)
        {
            var values = invariant.Vector!(facts);
            return k >= 1 && k <= values.Length ? values[k - 1] : null;
        }
    }
}

/// <summary>A conjecture on one graph: its two sides, whether the side conditions hold, and whether the inequality fails there.</summary>
/// <param name="Left">The left side's value.</param>
/// <param name="Right">The right side's value.</param>
/// <param name="InScope">Whether every side condition holds.</param>
/// <param name="Violated">In scope and the inequality fails (in floating point).</param>
public sealed record ConjectureEvaluation(double Left, double Right, bool InScope, bool Violated);

/// <summary>A named conjecture that ships with Leibniz.</summary>
/// <param name="Name">The name used with <c>--set conjecture=</c>.</param>
/// <param name="Text">The inequality.</param>
/// <param name="Order">The number of vertices of the published search.</param>
/// <param name="Source">Where the conjecture comes from.</param>
public sealed record BuiltInConjecture(string Name, string Text, int Order, string Source);

/// <summary>The conjectures that can be named instead of written out.</summary>
public static class BuiltInConjectures
{
    /// <summary>All built-in conjectures.</summary>
    public static IReadOnlyList<BuiltInConjecture> All { get; } =
    [
        new("wagner-2.1", "lambda1 + mu >= sqrt(n - 1) + 1 where connected", 19,
            "Wagner (2021), Conjecture 2.1: for every connected graph λ₁ + μ ≥ √(n − 1) + 1; refuted on 19 vertices."),
        new("wagner-2.3", "proximity + dist_eig[floor(2*D/3)] > 0 where connected", 30,
            "Wagner (2021), Conjecture 2.3 (Aouchiche–Hansen): π + ∂_{⌊2D/3⌋} > 0 for connected graphs; refuted on 30 vertices."),
        new("alpha-mu", "alpha <= 2 * mu where connected", 8,
            "A deliberately false toy statement (stars refute it) for quick runs and tests: α ≤ 2μ for connected graphs."),
    ];

    /// <summary>The built-in called <paramref name="name"/>, or null.</summary>
    public static BuiltInConjecture? Find(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
}
