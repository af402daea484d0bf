using Leibniz.Graphs;
using Leibniz.Graphs.Conjectures;
using Leibniz.Numerics;

namespace Leibniz.Tests.Graphs;

/// <summary>
/// Conjecture text as users type it: mutations of valid conjectures raise only <see cref="ConjectureFormatException"/>
/// (with a column inside the text), and what parses evaluates on a graph without throwing.
/// <c>LEIBNIZ_FUZZ_INPUTS</c> sets the count (default 3,000).
/// </summary>
public class ConjectureFuzzTests
{
    private static readonly string[] s_valid =
    [
        "lambda1 + mu >= sqrt(n - 1) + 1 where connected",
        "adj_eig[2] <= floor(n / 2) - 1 where connected and n >= 3",
        "alpha * chi >= n",
        "max(proximity, remoteness) / D < 2 ^ (log(n) + 1) where tree",
        "abs(lap_eig[1] - signless_eig[n]) > -exp(min_degree) where bipartite",
    ];

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz_0123456789 +-*/^()[],.<>=!";

    [Fact]
    public void Mutated_conjectures_raise_only_the_documented_exception()
    {
        var generator = new Generator(21);
        var graph = NamedGraphs.Petersen();
        int accepted = 0, refused = 0;
        for (int i = 0; i < Fuzz.Inputs; i++)
        {
            string text = Fuzz.Mutate(s_valid[i % s_valid.Length], generator, Alphabet);
            try
            {
                var conjecture = ConjectureParser.Parse(text);
                conjecture.Reward(graph);
                conjecture.Evaluate(graph);
                accepted++;
            }
            catch (ConjectureFormatException)
            {
                refused++;
            }
        }
        Assert.True(accepted > 0 && refused > 0, $"{accepted} accepted, {refused} refused");
    }
}
