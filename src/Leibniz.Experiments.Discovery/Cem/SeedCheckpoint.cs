using System.Text.Json;
using Leibniz.Graphs;
using Leibniz.Graphs.Certification;
using Leibniz.IO;
using Leibniz.Search;

namespace Leibniz.Experiments.Cem;

/// <summary>
/// What one seed's search has found so far, saved next to the search's own checkpoint (<c>outcome.json</c>): the
/// per-generation history, the improvements, the certified graphs (certified again on restore), the candidates already
/// checked, the seconds spent and whether the seed had finished. With <see cref="CemCheckpoint"/> it makes a seed resumable.
/// </summary>
internal static class SeedCheckpoint
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write(string folder, SeedOutcome outcome, HashSet<string> checkedGraphs, double seconds, bool finished)
    {
        var state = new State(
            [.. outcome.History],
            [.. outcome.Improvements.Select(i => new Improvement(i.Generation, Word(i.Best.Word), i.Best.Reward))],
            [.. outcome.Certificates.Select(c => Graph6.Encode(c.Graph))],
            [.. checkedGraphs],
            outcome.Uncertified, outcome.FirstSeconds, outcome.FirstGeneration, seconds, finished);
        AtomicFile.WriteText(Path.Combine(folder, "outcome.json"), JsonSerializer.Serialize(state, s_json));
    }

    /// <summary>Fills <paramref name="outcome"/> and <paramref name="checkedGraphs"/>; returns the seconds spent and whether the seed had finished.</summary>
    /// <exception cref="InvalidDataException">outcome.json is missing or unreadable, or a saved counterexample no longer certifies.</exception>
    public static (double Seconds, bool Finished) Read(string folder, SeedOutcome outcome, HashSet<string> checkedGraphs, GraphConjectureEnvironment environment)
    {
        string path = Path.Combine(folder, "outcome.json");
        State state;
        try
        {
            state = JsonSerializer.Deserialize<State>(File.ReadAllText(path), s_json) ?? throw new InvalidDataException($"'{path}' holds null.");
        }
        catch (Exception e) when (e is JsonException or FileNotFoundException)
        {
            throw new InvalidDataException($"The seed's outcome '{path}' cannot be read: {e.Message}", e);
        }
        outcome.History.AddRange(state.History);
        outcome.Improvements.AddRange(state.Improvements.Select(i => (i.Generation, new Session([.. i.Word.Select(c => c == '1' ? (byte)1 : (byte)0)], i.Reward))));
        foreach (string graph6 in state.Certified)
        {
            var certificate = Certificate.Check(Graph6.Decode(graph6), environment.Conjecture);
            if (!certificate.Certified)
            {
                throw new InvalidDataException($"'{path}' lists {graph6} as a certified counterexample, but it does not certify: {certificate.Verdict}");
            }
            outcome.Certificates.Add(certificate);
        }
        checkedGraphs.UnionWith(state.Checked);
        outcome.Uncertified = state.Uncertified;
        outcome.FirstSeconds = state.FirstSeconds;
        outcome.FirstGeneration = state.FirstGeneration;
        return (state.Seconds, state.Finished);
    }

    private static string Word(byte[] word) => string.Concat(word.Select(b => b == 0 ? '0' : '1'));

    private sealed record Improvement(int Generation, string Word, double Reward);

    private sealed record State(List<GenerationPoint> History, List<Improvement> Improvements, List<string> Certified, List<string> Checked,
        int Uncertified, double? FirstSeconds, int? FirstGeneration, double Seconds, bool Finished);
}
