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
        // P3 is "Bg"? no: the path 0-1-2 on 3 vertices has pairs (0,1),(0,2),(1,2) = 1,0,1 → 101000 → 'g' (40 + 63 = 103).
        Assert.Equal("Bg", Graph6.Encode(NamedGraphs.Path(3)));
        Assert.Contains("padding bits", Assert.Throws<FormatException>(() => Graph6.Decode("Bh")).Message);
    }

    [Fact]
    public void Mutated_and_random_strings_raise_only_FormatException()
    {
        int inputs = int.TryParse(Environment.GetEnvironmentVariable("LEIBNIZ_FUZZ_INPUTS"), out int n) ? n : 3000;
        var generator = new Generator(7);
        string[] valid = [.. new[] { NamedGraphs.Petersen(), NamedGraphs.Complete(12), NamedGraphs.Cycle(40), NamedGraphs.Path(64), NamedGraphs.Empty(1) }.Select(Graph6.Encode)];
        int accepted = 0, refused = 0;
        for (int i = 0; i < inputs; i++)
        {
            var chars = valid[i % valid.Length].ToList();
            int edits = 1 + (int)generator.NextInt64(3);
            for (int e = 0; e < edits; e++)
            {
                int at = (int)generator.NextInt64(chars.Count + 1);
                char c = (char)(generator.NextInt64(4) == 0 ? generator.NextInt64(256) : 63 + generator.NextInt64(64));
                switch (generator.NextInt64(3))
                {
                    case 0 when at < chars.Count:
                        chars[at] = c;
                        break;
                    case 1 when at < chars.Count:
                        chars.RemoveRange(at, chars.Count - at);
                        break;
                    default:
                        chars.Insert(at, c);
                        break;
                }
            }
            string text = new([.. chars]);
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
