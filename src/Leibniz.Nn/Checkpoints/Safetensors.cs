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

    /// <summary>The largest header the format allows (100 MB), so that a corrupt length cannot make a reader allocate gigabytes.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>
    /// Reads every tensor of a safetensors file, in header order, with its metadata. The file is checked against the
    /// format's rules: a header of at most <see cref="MaxHeaderBytes"/> bytes that is one JSON object with unique keys;
    /// <c>__metadata__</c> mapping strings to strings; each tensor entry exactly <c>dtype</c> (F32, F64, I32, I64, BOOL),
    /// <c>shape</c> (non-negative integers) and <c>data_offsets</c> [begin, end] with end − begin the tensor's byte size;
    /// the tensors covering the data section exactly, without holes, overlaps or trailing bytes.
    /// </summary>
    /// <exception cref="InvalidDataException">Anything in the file breaks those rules; the message gives the byte offset or
    /// key, the value found and what was expected. No other exception type escapes for a malformed file.</exception>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) Load(string path) => Read(File.ReadAllBytes(path), $"'{path}'");

    /// <summary><see cref="Load"/> on bytes already in memory; <paramref name="source"/> names them in messages.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid safetensors file.</exception>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) Read(byte[] file, string source = "the safetensors data")
    {
        var header = ReadHeader(file.AsSpan(0, Math.Min(8, file.Length)), file.Length, (offset, count) => file.AsSpan(offset, count).ToArray(), source);
        var tensors = new Dictionary<string, Tensor>();
        foreach (var entry in header.Entries)
        {
            tensors[entry.Name] = FromBytes(file.AsSpan((int)(header.DataStart + entry.Begin), (int)(entry.End - entry.Begin)), entry.DType, entry.Shape);
        }
        return (tensors, header.Metadata);
    }

    /// <summary>One tensor's entry in a header: its dtype, shape and byte range in the data section.</summary>
    internal sealed record Entry(string Name, DType DType, int[] Shape, long Begin, long End);

    /// <summary>A checked header: the tensor entries in header order, the metadata, and where the data section begins.</summary>
    internal sealed record Header(List<Entry> Entries, Dictionary<string, string> Metadata, long DataStart);

    /// <summary>
    /// Reads and checks the header of a file of <paramref name="fileLength"/> bytes whose first bytes are
    /// <paramref name="first"/>; <paramref name="read"/> returns <c>count</c> bytes at an offset. Every rule of
    /// <see cref="Load"/> is checked here, so that the tensors can then be read one at a time.
    /// </summary>
    internal static Header ReadHeader(ReadOnlySpan<byte> first, long fileLength, Func<int, int, byte[]> read, string source)
    {
        if (fileLength < 8)
        {
            throw new InvalidDataException($"{source} is not a safetensors file: it has {fileLength} bytes, fewer than the 8-byte header length.");
        }
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(first);
        if (n > MaxHeaderBytes)
        {
            throw new InvalidDataException($"{source}: the header length at byte 0 is {n}, above the format's limit of {MaxHeaderBytes} bytes.");
        }
        if (n > (ulong)(fileLength - 8))
        {
            throw new InvalidDataException($"{source} is truncated or corrupt: the header length at byte 0 is {n} but only {fileLength - 8} bytes follow.");
        }
        long dataStart = 8 + (long)n;
        long dataLength = fileLength - dataStart;
        var text = read(8, (int)n);
        int invalid = FirstInvalidUtf8(text);
        if (invalid >= 0)
        {
            throw new InvalidDataException($"{source}: the header is not valid UTF-8: byte {8 + invalid} is 0x{text[invalid]:X2}.");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: the header (bytes 8 to {dataStart}) is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{source}: the header is a JSON {root.ValueKind.ToString().ToLowerInvariant()}; it must be an object of tensor entries.");
            }
            var metadata = new Dictionary<string, string>();
            var seen = new HashSet<string>();
            var entries = new List<Entry>();
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw new InvalidDataException($"{source}: the header has the key '{property.Name}' twice; keys must be unique.");
                }
                if (property.Name == "__metadata__")
                {
                    ReadMetadata(property.Value, metadata, source);
                    continue;
                }
                var (dtype, shape, begin, end) = ReadEntry(property.Name, property.Value, source);
                entries.Add(new Entry(property.Name, dtype, shape, begin, end));
            }
            CheckCoverage([.. entries.Select(e => (e.Begin, e.End, e.Name))], dataLength, source);
            return new Header(entries, metadata, dataStart);
        }
    }

    /// <summary>Makes a tensor of <paramref name="entry"/>'s dtype and shape from its bytes.</summary>
    internal static Tensor Decode(ReadOnlySpan<byte> bytes, Entry entry) => FromBytes(bytes, entry.DType, entry.Shape);

    /// <summary>The index of the first byte that does not begin a valid UTF-8 sequence, or −1.</summary>
    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        int i = 0;
        while (i < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[i..], out _, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                return i;
            }
            i += consumed;
        }
        return -1;
    }

    private static void ReadMetadata(JsonElement node, Dictionary<string, string> metadata, string source)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{source}: '__metadata__' is a JSON {node.ValueKind.ToString().ToLowerInvariant()}; it must be an object of string values.");
        }
        foreach (var item in node.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw new InvalidDataException($"{source}: '__metadata__.{item.Name}' is a JSON {item.Value.ValueKind.ToString().ToLowerInvariant()}; metadata values must be strings.");
            }
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
            {
                throw new InvalidDataException($"{source}: '__metadata__' has the key '{item.Name}' twice; keys must be unique.");
            }
        }
    }

    private static (DType DType, int[] Shape, long Begin, long End) ReadEntry(string name, JsonElement node, string source)
    {
        string where = $"{source}: tensor '{name}'";
        if (node.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{where} is a JSON {node.ValueKind.ToString().ToLowerInvariant()}; it must be an object with dtype, shape and data_offsets.");
        }
        JsonElement? dtypeNode = null, shapeNode = null, offsetsNode = null;
        foreach (var field in node.EnumerateObject())
        {
            switch (field.Name)
            {
                case "dtype" when dtypeNode is null:
                    dtypeNode = field.Value;
                    break;
                case "shape" when shapeNode is null:
                    shapeNode = field.Value;
                    break;
                case "data_offsets" when offsetsNode is null:
                    offsetsNode = field.Value;
                    break;
                default:
                    string problem = field.Name is "dtype" or "shape" or "data_offsets" ? $"the field '{field.Name}' twice" : $"an unknown field '{field.Name}'";
                    throw new InvalidDataException($"{where} has {problem}; expected exactly dtype, shape and data_offsets.");
            }
        }
        if (dtypeNode is not { ValueKind: JsonValueKind.String } dtypeValue)
        {
            throw new InvalidDataException($"{where} has {(dtypeNode is null ? "no dtype" : $"a dtype that is a JSON {dtypeNode.Value.ValueKind.ToString().ToLowerInvariant()}")}; expected one of \"F32\", \"F64\", \"I32\", \"I64\", \"BOOL\".");
        }
        var dtype = FromCode(dtypeValue.GetString()!, where);
        var shape = Integers(shapeNode, "shape", where, int.MaxValue);
        var offsets = Integers(offsetsNode, "data_offsets", where, long.MaxValue);
        if (offsets.Length != 2)
        {
            throw new InvalidDataException($"{where}: data_offsets has {offsets.Length} numbers; expected two, [begin, end].");
        }
        long numel = 1;
        foreach (long d in shape)
        {
            numel *= d;
            if (numel > int.MaxValue)
            {
                throw new InvalidDataException($"{where}: shape [{string.Join(", ", shape)}] has more than {int.MaxValue} elements, more than Leibniz supports.");
            }
        }
        long expected = numel * dtype.ElementSize();
        long begin = offsets[0], end = offsets[1];
        if (end < begin || end - begin != expected)
        {
            throw new InvalidDataException($"{where} ({dtype.Name()} [{string.Join(", ", shape)}]) needs {expected} bytes, but its data_offsets [{begin}, {end}] span {end - begin}.");
        }
        return (dtype, [.. shape.Select(d => (int)d)], begin, end);
    }

    /// <summary>The non-negative integers of a JSON array field, each at most <paramref name="max"/>.</summary>
    private static long[] Integers(JsonElement? node, string field, string where, long max)
    {
        if (node is not { ValueKind: JsonValueKind.Array } array)
        {
            throw new InvalidDataException($"{where} has {(node is null ? $"no {field}" : $"a {field} that is a JSON {node.Value.ValueKind.ToString().ToLowerInvariant()}")}; expected an array of non-negative integers.");
        }
        var values = new long[array.GetArrayLength()];
        int i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long value) || value < 0 || value > max)
            {
                throw new InvalidDataException($"{where}: {field}[{i}] is {item.GetRawText()}; expected an integer in [0, {max}].");
            }
            values[i++] = value;
        }
        return values;
    }

    /// <summary>The tensors' byte ranges must tile the data section [0, length) exactly: no hole, no overlap, nothing after the last.</summary>
    private static void CheckCoverage(List<(long Begin, long End, string Name)> ranges, long length, string source)
    {
        long position = 0;
        string previous = "the start of the data section";
        foreach (var (begin, end, name) in ranges.OrderBy(r => r.Begin).ThenBy(r => r.End))
        {
            if (begin > position)
            {
                throw new InvalidDataException($"{source}: the data bytes [{position}, {begin}) between {previous} and tensor '{name}' belong to no tensor; the format allows no holes.");
            }
            if (begin < position)
            {
                throw new InvalidDataException($"{source}: tensor '{name}' starts at data byte {begin}, inside {previous} (which ends at {position}); tensors must not overlap.");
            }
            if (end > length)
            {
                throw new InvalidDataException($"{source} is truncated: tensor '{name}' ends at data byte {end}, but the data section has only {length} bytes.");
            }
            position = end;
            previous = $"tensor '{name}'";
        }
        if (position != length)
        {
            throw new InvalidDataException($"{source}: {length - position} bytes follow the last tensor's data (which ends at data byte {position} of {length}); the format allows no trailing bytes.");
        }
    }

    private static string Code(DType dtype) => dtype switch
    {
        DType.Float32 => "F32",
        DType.Float64 => "F64",
        DType.Int32 => "I32",
        DType.Int64 => "I64",
        _ => "BOOL",
    };

    private static DType FromCode(string code, string where) => code switch
    {
        "F32" => DType.Float32,
        "F64" => DType.Float64,
        "I32" => DType.Int32,
        "I64" => DType.Int64,
        "BOOL" => DType.Bool,
        _ => throw new InvalidDataException($"{where} has dtype \"{code}\", which Leibniz does not read; expected F32, F64, I32, I64 or BOOL."),
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
