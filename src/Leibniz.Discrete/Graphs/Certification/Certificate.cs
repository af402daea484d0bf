using System.Globalization;
using System.Text;
using Leibniz.Graphs.Conjectures;

namespace Leibniz.Graphs.Certification;

/// <summary>
/// The independent check of a claimed counterexample: every invariant is recomputed by
/// <see cref="ExactInvariants"/> as an interval, the conjecture's two sides and its side conditions are evaluated in
/// interval arithmetic, and <see cref="Certified"/> is true only when the intervals prove that the side conditions
/// hold and the inequality fails. Otherwise <see cref="Verdict"/> says why not.
/// </summary>
public sealed class Certificate
{
    private Certificate(Graph graph, Conjecture conjecture, bool certified, string verdict, Interval? left, Interval? right, IReadOnlyDictionary<string, Interval> values)
    {
        Graph = graph;
        Conjecture = conjecture;
        Certified = certified;
        Verdict = verdict;
        Left = left;
        Right = right;
        Values = values;
    }

    /// <summary>The graph.</summary>
    public Graph Graph { get; }

    /// <summary>The conjecture it is claimed to refute.</summary>
    public Conjecture Conjecture { get; }

    /// <summary>True only when the failure of the inequality (and the side conditions) is proven.</summary>
    public bool Certified { get; }

    /// <summary>One sentence: what was proven, or why nothing was.</summary>
    public string Verdict { get; }

    /// <summary>An enclosure of the left-hand side (null if it could not be bounded).</summary>
    public Interval? Left { get; }

    /// <summary>An enclosure of the right-hand side.</summary>
    public Interval? Right { get; }

    /// <summary>The recomputed invariants, by name.</summary>
    public IReadOnlyDictionary<string, Interval> Values { get; }

    /// <summary>Checks <paramref name="graph"/> against <paramref name="conjecture"/> independently of any search.</summary>
    public static Certificate Check(Graph graph, Conjecture conjecture)
    {
        var exact = new ExactInvariants(graph);
        try
        {
            foreach (var condition in conjecture.Conditions)
            {
                var a = condition.Left.Bound(exact);
                if (condition.Relation is null)
                {
                    if (a is not { } value || (value.Lo <= 0 && value.Hi >= 0))
                    {
                        return new(graph, conjecture, false, $"the side condition '{condition}' is not proven to hold (value {Show(a)}).", null, null, exact.Values);
                    }
                    continue;
                }
                var b = condition.Right!.Bound(exact);
                if (a is not { } x || b is not { } y || !Proven(condition.Relation, x, y))
                {
                    return new(graph, conjecture, false, $"the side condition '{condition}' is not proven to hold ({Show(a)} vs {Show(b)}).", null, null, exact.Values);
                }
            }
            var left = conjecture.Left.Bound(exact);
            var right = conjecture.Right.Bound(exact);
            if (left is not { } l || right is not { } r)
            {
                return new(graph, conjecture, false, "a side of the inequality is undefined or could not be bounded on this graph.", left, right, exact.Values);
            }
            // The negation of the conjectured relation, proven by the enclosures.
            string negation = conjecture.Relation switch { ">=" => "<", ">" => "<=", "<=" => ">", _ => ">=" };
            bool refuted = Proven(negation, l, r);
            string verdict = refuted
                ? $"certified: left side ∈ {l} {negation} right side ∈ {r}, so '{conjecture.Left} {conjecture.Relation} {conjecture.Right}' fails."
                : $"not a counterexample, or too close to call: left side ∈ {l}, right side ∈ {r}.";
            return new(graph, conjecture, refuted, verdict, l, r, exact.Values);
        }
        catch (NotCertifiableException e)
        {
            return new(graph, conjecture, false, "not certified: " + e.Message, null, null, exact.Values);
        }
    }

    /// <summary>The certificate as Markdown: verdict, graph6, edge list, adjacency matrix and the recomputed values.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"**{(Certified ? "Certified counterexample" : "Not certified")}** to `{Conjecture.Text}` — {Verdict}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- graph6: `{Graph6.Encode(Graph)}` (n = {Graph.Order}, m = {Graph.Size})");
        text.AppendLine(CultureInfo.InvariantCulture, $"- edges: {string.Join(" ", Graph.Edges().Select(e => $"{e.A}-{e.B}"))}");
        text.AppendLine();
        text.AppendLine("| invariant | value (exact, or a proven enclosure) |");
        text.AppendLine("| --- | --- |");
        foreach (var (name, value) in Values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {value} |");
        }
        text.AppendLine();
        text.AppendLine("Adjacency matrix:");
        text.AppendLine();
        text.AppendLine("```");
        for (int i = 0; i < Graph.Order; i++)
        {
            text.AppendLine(string.Concat(Enumerable.Range(0, Graph.Order).Select(j => Graph.HasEdge(i, j) ? '1' : '0')));
        }
        text.AppendLine("```");
        return text.ToString();
    }

    private static bool Proven(string relation, Interval a, Interval b) => relation switch
    {
        ">=" => a.Lo >= b.Hi,
        ">" => a.Lo > b.Hi,
        "<=" => a.Hi <= b.Lo,
        _ => a.Hi < b.Lo,
    };

    private static string Show(Interval? value) => value?.ToString() ?? "undefined";
}
