using Leibniz.Graphs;
using Leibniz.Numerics;

namespace Leibniz.Tests.Graphs;

/// <summary>
/// graph6 from elsewhere: mutations of valid strings and random strings raise only <see cref="FormatException"/>, and
/// whatever is accepted encodes back to the same string. <c>LEIBNIZ_FUZZ_INPUTS</c> sets the count (default 3,000).
/// </summary>
public class Graph6FuzzTests
{
    [Fact]
    public void Padding_bits_must_be_zero()
    {
        // The path 0-1-2: pairs (0,1), (0,2), (1,2) are 1, 0, 1, padded to 101000 = 40, written as 'g' (40 + 63).
        Assert.Equal("Bg", Graph6.Encode(NamedGraphs.Path(3)));
        Assert.Contains("padding bits", Assert.Throws<FormatException>(() => Graph6.Decode("Bh")).Message);
    }

    [Fact]
    public void Mutated_and_random_strings_raise_only_FormatException()
    {
        var generator = new Generator(7);
        string[] valid = [.. new[] { NamedGraphs.Petersen(), NamedGraphs.Complete(12), NamedGraphs.Cycle(40), NamedGraphs.Path(64), NamedGraphs.Empty(1) }.Select(Graph6.Encode)];
        int accepted = 0, refused = 0;
        for (int i = 0; i < Fuzz.Inputs; i++)
        {
            string text = new([.. Fuzz.Mutate(valid[i % valid.Length], generator, g => (char)(g.NextInt64(4) == 0 ? g.NextInt64(256) : 63 + g.NextInt64(64)))]);
            try
            {
                var graph = Graph6.Decode(text);
                Assert.Equal(text.Trim(), Graph6.Encode(graph));
                accepted++;
            }
            catch (FormatException)
            {
                refused++;
            }
        }
        Assert.True(accepted > 0 && refused > 0, $"{accepted} accepted, {refused} refused");
    }
}
