using System.Globalization;
using System.Text.Json;
using Leibniz.Checkpoints;
using Leibniz.Tensors;
using Leibniz.IO;

namespace Leibniz.Search;

/// <summary>
/// Saves and restores a cross-entropy search so that a long run can resume: the policy's weights
/// (<c>policy.safetensors</c>, PyTorch layout), the optimiser's state (<c>optimizer.safetensors</c>), the
/// survivors (<c>survivors.safetensors</c>: words as int32 [count, L] and rewards as float64) and
/// <c>state.json</c> (generation, seed, word length, best session, restarts). Every file is written to a temporary name and
/// renamed; <c>state.json</c> is written last, so a folder with a <c>state.json</c> is complete.
/// </summary>
public static class CemCheckpoint
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes the search's state into <paramref name="folder"/> (created if needed).</summary>
    public static void Save(CrossEntropyMethod search, string folder)
    {
        Directory.CreateDirectory(folder);
        Safetensors.Save(Path.Combine(folder, "policy.safetensors"), search.Policy.StateDict());
        Safetensors.Save(Path.Combine(folder, "optimizer.safetensors"), search.Optimizer.StateDict());
        var survivors = search.Survivors;
        int length = search.Policy.WordLength;
        var words = new int[Math.Max(1, survivors.Count) * length];
        var rewards = new double[Math.Max(1, survivors.Count)];
        for (int i = 0; i < survivors.Count; i++)
        {
            for (int j = 0; j < length; j++)
            {
                words[i * length + j] = survivors[i].Word[j];
            }
            rewards[i] = survivors[i].Reward;
        }
        Safetensors.Save(Path.Combine(folder, "survivors.safetensors"), new Dictionary<string, Tensor>
        {
            ["words"] = Tensor.FromArray(words, Math.Max(1, survivors.Count), length),
            ["rewards"] = Tensor.FromArray(rewards),
        }, new Dictionary<string, string> { ["count"] = survivors.Count.ToString(CultureInfo.InvariantCulture) });
        var state = new CheckpointState(search.Generation, search.Options.Seed, length, WordText(search.Best.Word), search.Best.Reward, search.Restarts, search.CollapsedGenerations);
        AtomicFile.WriteText(Path.Combine(folder, "state.json"), JsonSerializer.Serialize(state, s_json));
    }

    /// <summary>Whether <paramref name="folder"/> holds a complete checkpoint.</summary>
    public static bool Exists(string folder) => File.Exists(Path.Combine(folder, "state.json"));

    /// <summary>Restores a search saved in <paramref name="folder"/> into <paramref name="search"/> (same options and environment).</summary>
    /// <exception cref="InvalidDataException">The checkpoint is missing, incomplete, or from a different seed or word length.</exception>
    public static void Restore(CrossEntropyMethod search, string folder)
    {
        string statePath = Path.Combine(folder, "state.json");
        if (!File.Exists(statePath))
        {
            throw new InvalidDataException($"No checkpoint in '{folder}': state.json is missing (a checkpoint is complete only once state.json is written).");
        }
        var state = JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(statePath), s_json)
            ?? throw new InvalidDataException($"'{statePath}' is empty.");
        if (state.WordLength != search.Policy.WordLength || state.Seed != search.Options.Seed)
        {
            throw new InvalidDataException($"The checkpoint in '{folder}' is for word length {state.WordLength} and seed {state.Seed}; this search has {search.Policy.WordLength} and {search.Options.Seed}. Use the same n and seed to resume.");
        }
        search.Policy.LoadStateDict(Safetensors.Load(Path.Combine(folder, "policy.safetensors")).Tensors);
        search.Optimizer.LoadStateDict(Safetensors.Load(Path.Combine(folder, "optimizer.safetensors")).Tensors);
        var (tensors, metadata) = Safetensors.Load(Path.Combine(folder, "survivors.safetensors"));
        int count = int.Parse(metadata["count"], CultureInfo.InvariantCulture);
        var words = tensors["words"].ToArray<int>();
        var rewards = tensors["rewards"].ToArray<double>();
        int length = state.WordLength;
        var survivors = new List<Session>();
        for (int i = 0; i < count; i++)
        {
            survivors.Add(new Session([.. words.AsSpan(i * length, length).ToArray().Select(b => (byte)b)], rewards[i]));
        }
        search.Restore(state.Generation, survivors, new Session(ParseWord(state.BestWord), state.BestReward), state.Restarts, state.CollapsedGenerations);
    }

    private static string WordText(byte[] word) => string.Concat(word.Select(b => b == 0 ? '0' : '1'));

    private static byte[] ParseWord(string text) => [.. text.Select(c => c == '1' ? (byte)1 : (byte)0)];

    private sealed record CheckpointState(int Generation, ulong Seed, int WordLength, string BestWord, double BestReward, int Restarts, int CollapsedGenerations);
}
