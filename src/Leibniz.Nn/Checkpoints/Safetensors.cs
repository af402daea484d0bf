using System.Runtime.InteropServices;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Leibniz.Tensors;
using Leibniz.IO;

namespace Leibniz.Checkpoints;

/// <summary>
/// The safetensors format: an 8-byte little-endian header length N, N bytes of JSON mapping each name to
/// <c>{"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}</c> (offsets into the data that follows;
/// an optional <c>"__metadata__"</c> maps strings to strings), the header padded with spaces to a multiple of 8,
/// then the raw little-endian data. Files are written to a temporary name and renamed, so a crash never leaves
/// a half-written file.
/// </summary>
public static class Safetensors
{
    /// <summary>Writes <paramref name="tensors"/> (in the given order) and optional metadata to <paramref name="path"/>.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new JsonObject();
        if (metadata is not null)
        {
            var meta = new JsonObject();
            foreach (var (k, v) in metadata)
            {
                meta[k] = v;
            }
            header["__metadata__"] = meta;
        }
        long offset = 0;
        var payloads = new List<byte[]>();
        foreach (var (name, tensor) in tensors)
        {
            byte[] bytes = ToBytes(tensor);
            header[name] = new JsonObject
            {
                ["dtype"] = Code(tensor.DType),
                ["shape"] = new JsonArray(tensor.Shape.ToArray().Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes.Length),
            };
            offset += bytes.Length;
            payloads.Add(bytes);
        }
        byte[] json = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padded = (json.Length + 7) / 8 * 8;
        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
            stream.Write(length);
            stream.Write(json);
            for (int i = json.Length; i < padded; i++)
            {
                stream.WriteByte((byte)' ');
            }
            foreach (var p in payloads)
            {
                stream.Write(p);
            }
        });
    }

    /// <summary>Reads every tensor of a safetensors file, in header order, with its metadata.</summary>
    /// <exception cref="InvalidDataException">The file is truncated or its header is malformed; the message says what is wrong.</exception>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) Load(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        if (file.Length < 8)
        {
            throw new InvalidDataException($"'{path}' is not a safetensors file: it has {file.Length} bytes, fewer than the 8-byte header length.");
        }
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (n > (ulong)(file.Length - 8))
        {
            throw new InvalidDataException($"'{path}' is truncated or corrupt: the header claims {n} bytes but only {file.Length - 8} follow.");
        }
        JsonObject header;
        try
        {
            header = JsonNode.Parse(Encoding.UTF8.GetString(file, 8, (int)n))?.AsObject()
                ?? throw new InvalidDataException($"'{path}': the header is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}': the header is not valid JSON ({e.Message}).", e);
        }
        int dataStart = 8 + (int)n;
        var tensors = new Dictionary<string, Tensor>();
        var metadata = new Dictionary<string, string>();
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
            {
                foreach (var (k, v) in node!.AsObject())
                {
                    metadata[k] = v?.GetValue<string>() ?? "";
                }
                continue;
            }
            try
            {
                var entry = node!.AsObject();
                var dtype = FromCode(entry["dtype"]!.GetValue<string>());
                int[] shape = entry["shape"]!.AsArray().Select(d => d!.GetValue<int>()).ToArray();
                var offsets = entry["data_offsets"]!.AsArray();
                long begin = offsets[0]!.GetValue<long>(), end = offsets[1]!.GetValue<long>();
                long expected = (long)ShapeHelper.Numel(shape) * dtype.ElementSize();
                if (end - begin != expected || begin < 0 || dataStart + end > file.Length)
                {
                    throw new InvalidDataException(
                        $"'{path}': tensor '{name}' ({dtype.Name()} {ShapeHelper.Format(shape)}) needs {expected} bytes but its offsets [{begin}, {end}) give {end - begin} within a data section of {file.Length - dataStart}.");
                }
                tensors[name] = FromBytes(file.AsSpan(dataStart + (int)begin, (int)expected), dtype, shape);
            }
            catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"'{path}': the header entry for '{name}' is malformed ({e.Message}).", e);
            }
        }
        return (tensors, metadata);
    }

    private static string Code(DType dtype) => dtype switch
    {
        DType.Float32 => "F32",
        DType.Float64 => "F64",
        DType.Int32 => "I32",
        DType.Int64 => "I64",
        _ => "BOOL",
    };

    private static DType FromCode(string code) => code switch
    {
        "F32" => DType.Float32,
        "F64" => DType.Float64,
        "I32" => DType.Int32,
        "I64" => DType.Int64,
        "BOOL" => DType.Bool,
        _ => throw new InvalidDataException($"safetensors dtype '{code}' is not supported; Leibniz reads F32, F64, I32, I64 and BOOL."),
    };

    private static byte[] ToBytes(Tensor t)
    {
        var c = t.Contiguous();
        var bytes = new byte[t.Numel * t.DType.ElementSize()];
        if (t.DType == DType.Bool)
        {
            var b = c.AsReadOnlySpan<bool>();
            for (int i = 0; i < b.Length; i++)
            {
                bytes[i] = b[i] ? (byte)1 : (byte)0;
            }
            return bytes;
        }
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Saving safetensors is implemented for little-endian machines only.");
        }
        ElementBytes(c).CopyTo(bytes);
        return bytes;
    }

    private static Tensor FromBytes(ReadOnlySpan<byte> bytes, DType dtype, int[] shape)
    {
        var t = Tensor.Zeros(shape, dtype);
        if (dtype == DType.Bool)
        {
            var b = t.AsSpan<bool>();
            for (int i = 0; i < b.Length; i++)
            {
                b[i] = bytes[i] != 0;
            }
            return t;
        }
        bytes.CopyTo(WritableElementBytes(t));
        return t;
    }

    /// <summary>The little-endian bytes of a contiguous numeric tensor's elements.</summary>
    private static ReadOnlySpan<byte> ElementBytes(Tensor t) => t.DType switch
    {
        DType.Float32 => MemoryMarshal.AsBytes(t.AsReadOnlySpan<float>()),
        DType.Float64 => MemoryMarshal.AsBytes(t.AsReadOnlySpan<double>()),
        DType.Int32 => MemoryMarshal.AsBytes(t.AsReadOnlySpan<int>()),
        _ => MemoryMarshal.AsBytes(t.AsReadOnlySpan<long>()),
    };

    private static Span<byte> WritableElementBytes(Tensor t) => t.DType switch
    {
        DType.Float32 => MemoryMarshal.AsBytes(t.AsSpan<float>()),
        DType.Float64 => MemoryMarshal.AsBytes(t.AsSpan<double>()),
        DType.Int32 => MemoryMarshal.AsBytes(t.AsSpan<int>()),
        _ => MemoryMarshal.AsBytes(t.AsSpan<long>()),
    };
}
