using System.Buffers.Binary;
using System.IO.Compression;

namespace Leibniz.Data;

/// <summary>
/// Reads IDX files (the MNIST and Fashion-MNIST format: a magic number <c>0x00 0x00 type rank</c>, rank
/// big-endian int32 sizes, then the data), gzip-compressed (<c>.gz</c>) or raw.
/// </summary>
public static class IdxReader
{
    /// <summary>The dimensions and unsigned bytes of an IDX file of type 0x08.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The header is not an unsigned-byte IDX header, or the data is short.</exception>
    public static (int[] Shape, byte[] Data) ReadBytes(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"IDX file '{path}' does not exist.", path);
        }
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        Span<byte> magic = stackalloc byte[4];
        stream.ReadExactly(magic);
        if (magic[0] != 0 || magic[1] != 0 || magic[2] != 0x08 || magic[3] is 0 or > 4)
        {
            throw new InvalidDataException(
                $"'{path}' is not an unsigned-byte IDX file: its magic bytes are {magic[0]:x2} {magic[1]:x2} {magic[2]:x2} {magic[3]:x2}, expected 00 00 08 followed by the rank (1-4).");
        }
        var shape = new int[magic[3]];
        Span<byte> size = stackalloc byte[4];
        long count = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            stream.ReadExactly(size);
            shape[i] = BinaryPrimitives.ReadInt32BigEndian(size);
            count *= shape[i];
        }
        var data = new byte[count];
        try
        {
            stream.ReadExactly(data);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"'{path}' is truncated: its header promises {count} bytes of data.");
        }
        return (shape, data);
    }
}
