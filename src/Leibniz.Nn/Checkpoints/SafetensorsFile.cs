using Leibniz.Tensors;

namespace Leibniz.Checkpoints;

/// <summary>
/// A safetensors file opened for reading one tensor at a time: <see cref="Open"/> reads and checks only the header
/// (every rule of <see cref="Safetensors.Load"/>, against the file's length), and <see cref="Read"/> reads only the
/// bytes of the tensor asked for, so that a file larger than memory can be inspected and loaded piece by piece.
/// </summary>
public sealed class SafetensorsFile : IDisposable
{
    private readonly FileStream _stream;
    private readonly Safetensors.Header _header;
    private readonly Dictionary<string, Safetensors.Entry> _entries;
    private readonly string _source;

    private SafetensorsFile(FileStream stream, Safetensors.Header header, string source)
    {
        _stream = stream;
        _header = header;
        _entries = header.Entries.ToDictionary(e => e.Name);
        _source = source;
    }

    /// <summary>Opens <paramref name="path"/> and checks its header.</summary>
    /// <exception cref="InvalidDataException">The header breaks the format's rules (as <see cref="Safetensors.Load"/> says).</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static SafetensorsFile Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.RandomAccess);
        try
        {
            string source = $"'{path}'";
            var first = new byte[Math.Min(8, stream.Length)];
            RandomAccess.Read(stream.SafeFileHandle, first, 0);
            var header = Safetensors.ReadHeader(first, stream.Length, (offset, count) =>
            {
                var bytes = new byte[count];
                int read = RandomAccess.Read(stream.SafeFileHandle, bytes, offset);
                return read == count ? bytes : throw new InvalidDataException($"{source} changed while it was read: {read} of {count} header bytes at offset {offset}.");
            }, source);
            return new SafetensorsFile(stream, header, source);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The tensors' names, in header order.</summary>
    public IReadOnlyList<string> Names => [.. _header.Entries.Select(e => e.Name)];

    /// <summary>The file's metadata (<c>__metadata__</c>).</summary>
    public IReadOnlyDictionary<string, string> Metadata => _header.Metadata;

    /// <summary>The dtype and shape of tensor <paramref name="name"/>, without reading its data.</summary>
    /// <exception cref="KeyNotFoundException">The file has no tensor of that name.</exception>
    public (DType DType, int[] Shape) Describe(string name)
    {
        var entry = Find(name);
        return (entry.DType, [.. entry.Shape]);
    }

    /// <summary>Reads tensor <paramref name="name"/> (only its bytes).</summary>
    /// <exception cref="KeyNotFoundException">The file has no tensor of that name.</exception>
    public Tensor Read(string name)
    {
        var entry = Find(name);
        var bytes = new byte[entry.End - entry.Begin];
        long offset = _header.DataStart + entry.Begin;
        int read = RandomAccess.Read(_stream.SafeFileHandle, bytes, offset);
        if (read != bytes.Length)
        {
            throw new InvalidDataException($"{_source} changed while it was read: {read} of {bytes.Length} bytes of '{name}' at offset {offset}.");
        }
        return Safetensors.Decode(bytes, entry);
    }

    /// <inheritdoc/>
    public void Dispose() => _stream.Dispose();

    private Safetensors.Entry Find(string name) => _entries.TryGetValue(name, out var entry)
        ? entry
        : throw new KeyNotFoundException($"{_source} has no tensor '{name}'; it has {string.Join(", ", _entries.Keys.Take(20).Select(k => $"'{k}'"))}{(_entries.Count > 20 ? ", …" : "")}.");
}
