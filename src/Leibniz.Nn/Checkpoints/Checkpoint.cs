using Leibniz.Nn;

namespace Leibniz.Checkpoints;

/// <summary>A module's weights (its <see cref="Module.StateDict"/>) in a safetensors file, readable by PyTorch's safetensors.</summary>
public static class Checkpoint
{
    /// <summary>Saves parameters and buffers under their dotted names.</summary>
    public static void Save(Module module, string path, IReadOnlyDictionary<string, string>? metadata = null)
        => Safetensors.Save(path, module.StateDict(), metadata);

    /// <summary>Loads a file into the module; names, shapes and dtypes must match (the error lists every difference).</summary>
    public static void Load(Module module, string path, bool strict = true)
    {
        var (tensors, _) = Safetensors.Load(path);
        module.LoadStateDict(tensors, strict);
    }
}
