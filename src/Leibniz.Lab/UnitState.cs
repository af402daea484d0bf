using System.Text.Json;
using Leibniz.Checkpoints;
using Leibniz.IO;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Optim;
using Leibniz.Tensors;

namespace Leibniz.Lab;

/// <summary>
/// The state of a resumable unit of work, as a checkpoint holds it: the last step done, whether the unit finished,
/// named tensors (models' and optimisers' states under a prefix), generators and lists of numbers. Written as
/// <c>state.safetensors</c> and <c>state.json</c> (doubles in JSON round-trip exactly). A unit lists its state once with
/// the <c>Bind</c> methods: they put each piece in when the state is being saved and take it back out when it was read
/// from a checkpoint (<see cref="Restoring"/>).
/// </summary>
public sealed class UnitState
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        IncludeFields = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Whether this state was read from a checkpoint (Bind restores) rather than is being filled (Bind saves).</summary>
    public bool Restoring { get; private init; }

    /// <summary>Saves or restores <paramref name="module"/>'s state dict under <c>name.</c>.</summary>
    public void Bind(string name, Module module)
    {
        if (Restoring)
        {
            Restore(name, module);
        }
        else
        {
            Put(name, module);
        }
    }

    /// <summary>Saves or restores <paramref name="optimizer"/>'s state under <c>name.</c>.</summary>
    public void Bind(string name, Optimizer optimizer)
    {
        if (Restoring)
        {
            Restore(name, optimizer);
        }
        else
        {
            Put(name, optimizer);
        }
    }

    /// <summary>Saves or restores <paramref name="generator"/>'s state.</summary>
    public void Bind(string name, Generator generator)
    {
        if (Restoring)
        {
            Restore(name, generator);
        }
        else
        {
            Put(name, generator);
        }
    }

    /// <summary>Saves or restores the contents of <paramref name="values"/>.</summary>
    public void Bind(string name, List<double> values)
    {
        if (Restoring)
        {
            Restore(name, values);
        }
        else
        {
            Put(name, values);
        }
    }

    /// <summary>Saves or restores a list of tensors (as <c>name.0</c>, <c>name.1</c>, …).</summary>
    public void Bind(string name, List<Tensor> values)
    {
        if (Restoring)
        {
            values.Clear();
            for (int i = 0; Tensors.TryGetValue($"{name}.{i}", out var t); i++)
            {
                values.Add(t);
            }
            return;
        }
        for (int i = 0; i < values.Count; i++)
        {
            Tensors[$"{name}.{i}"] = values[i];
        }
    }

    /// <summary>Saves <paramref name="value"/> and returns it, or returns the value saved under <paramref name="name"/>.</summary>
    public double Bind(string name, double value)
    {
        if (Restoring)
        {
            return Numbers.TryGetValue(name, out var saved) && saved.Length == 1 ? saved[0] : throw Missing(name, "number");
        }
        Numbers[name] = [value];
        return value;
    }

    /// <summary>The last step (epoch, iteration) that was completed.</summary>
    public int Step { get; set; }

    /// <summary>Whether the unit had finished (e.g. stopped early); a restored finished unit does no more steps.</summary>
    public bool Finished { get; set; }

    /// <summary>Named tensors.</summary>
    public Dictionary<string, Tensor> Tensors { get; } = [];

    /// <summary>Named generator states.</summary>
    public Dictionary<string, GeneratorState> Generators { get; } = [];

    /// <summary>Named lists of numbers (losses so far, measurements kept for a figure).</summary>
    public Dictionary<string, double[]> Numbers { get; } = [];

    /// <summary>Adds <paramref name="module"/>'s state dict under <c>name.</c>.</summary>
    private void Put(string name, Module module) => PutAll(name, module.StateDict());

    /// <summary>Adds <paramref name="optimizer"/>'s state (step count, learning rate, buffers) under <c>name.</c>.</summary>
    private void Put(string name, Optimizer optimizer) => PutAll(name, optimizer.StateDict());

    /// <summary>Adds <paramref name="generator"/>'s state.</summary>
    private void Put(string name, Generator generator) => Generators[name] = generator.State;

    /// <summary>Adds a list of numbers.</summary>
    private void Put(string name, IEnumerable<double> values) => Numbers[name] = [.. values];

    /// <summary>Loads the state saved under <c>name.</c> into <paramref name="module"/>.</summary>
    private void Restore(string name, Module module) => module.LoadStateDict(Prefixed(name));

    /// <summary>Loads the state saved under <c>name.</c> into <paramref name="optimizer"/>.</summary>
    private void Restore(string name, Optimizer optimizer) => optimizer.LoadStateDict(Prefixed(name));

    /// <summary>Sets <paramref name="generator"/> to the state saved as <paramref name="name"/>.</summary>
    /// <exception cref="InvalidDataException">Nothing was saved under that name.</exception>
    private void Restore(string name, Generator generator) =>
        generator.Restore(Generators.TryGetValue(name, out var state) ? state : throw Missing(name, "generator"));

    /// <summary>Replaces the contents of <paramref name="values"/> by the list saved as <paramref name="name"/>.</summary>
    /// <exception cref="InvalidDataException">Nothing was saved under that name.</exception>
    private void Restore(string name, List<double> values)
    {
        values.Clear();
        values.AddRange(Numbers.TryGetValue(name, out var saved) ? saved : throw Missing(name, "list of numbers"));
    }

    /// <summary>Writes the state into <paramref name="folder"/>.</summary>
    public void Write(string folder)
    {
        if (Tensors.Count > 0)
        {
            Safetensors.Save(Path.Combine(folder, "state.safetensors"), Tensors);
        }
        var document = new Document(Step, Finished, Generators, Numbers);
        AtomicFile.WriteText(Path.Combine(folder, "state.json"), JsonSerializer.Serialize(document, s_json));
    }

    /// <summary>Reads a state written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The files are missing or not valid.</exception>
    public static UnitState Read(string folder)
    {
        string path = Path.Combine(folder, "state.json");
        Document document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), s_json) ?? throw new InvalidDataException($"'{path}' holds null.");
        }
        catch (Exception e) when (e is JsonException or FileNotFoundException)
        {
            throw new InvalidDataException($"The checkpoint state '{path}' cannot be read: {e.Message}", e);
        }
        var state = new UnitState { Step = document.Step, Finished = document.Finished, Restoring = true };
        foreach (var (k, v) in document.Generators)
        {
            state.Generators[k] = v;
        }
        foreach (var (k, v) in document.Numbers)
        {
            state.Numbers[k] = v;
        }
        string tensors = Path.Combine(folder, "state.safetensors");
        if (File.Exists(tensors))
        {
            foreach (var (k, v) in Safetensors.Load(tensors).Tensors)
            {
                state.Tensors[k] = v;
            }
        }
        return state;
    }

    private void PutAll(string name, IReadOnlyDictionary<string, Tensor> tensors)
    {
        foreach (var (k, v) in tensors)
        {
            Tensors[$"{name}.{k}"] = v;
        }
    }

    private Dictionary<string, Tensor> Prefixed(string name)
    {
        string prefix = name + ".";
        var result = Tensors.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
        return result.Count > 0 ? result : throw Missing(name, "state");
    }

    private static InvalidDataException Missing(string name, string what) => new($"The checkpoint has no {what} named '{name}'.");

    private sealed record Document(int Step, bool Finished, Dictionary<string, GeneratorState> Generators, Dictionary<string, double[]> Numbers);
}
