using System.Buffers.Binary;
using System.IO.Compression;

namespace Leibniz.Data;

/// <summary>
/// Reads IDX files (the MNIST and Fashion-MNIST format: a magic number <c>0x00 0x00 type rank</c>, rank
/// big-endian int32 sizes, then the data), gzip-compressed (<c>.gz</c>) or raw.
/// </summary>
public static class IdxReader
{
    /// <summary>The dimensions and unsigned bytes of an IDX file of type 0x08 (gzip-compressed when the name ends in .gz).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The header is not an unsigned-byte IDX header, a size is negative or too large,
    /// the data is short, or bytes follow it; the message says which and where.</exception>
    public static (int[] Shape, byte[] Data) ReadBytes(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"IDX file '{path}' does not exist.", path);
        }
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        return Read(stream, $"'{path}'");
    }

    /// <summary>
    /// Reads an unsigned-byte IDX stream: the magic 00 00 08 r, r big-endian int32 sizes, then exactly the product of
    /// the sizes in bytes and nothing after. <paramref name="source"/> names the stream in messages.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is not such a file (see <see cref="ReadBytes"/>).</exception>
    public static (int[] Shape, byte[] Data) Read(Stream stream, string source = "the IDX data")
    {
        Span<byte> magic = stackalloc byte[4];
        Fill(stream, magic, source, "the 4 magic bytes");
        if (magic[0] != 0 || magic[1] != 0 || magic[2] != 0x08 || magic[3] is 0 or > 4)
        {
            throw new InvalidDataException(
                $"{source} is not an unsigned-byte IDX file: its magic bytes are {magic[0]:x2} {magic[1]:x2} {magic[2]:x2} {magic[3]:x2}, expected 00 00 08 followed by the rank (1-4).");
        }
        var shape = new int[magic[3]];
        Span<byte> size = stackalloc byte[4];
        long count = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            Fill(stream, size, source, $"size {i} (bytes {4 + 4 * i} to {8 + 4 * i})");
            shape[i] = BinaryPrimitives.ReadInt32BigEndian(size);
            if (shape[i] < 0)
            {
                throw new InvalidDataException($"{source}: size {i} (at byte {4 + 4 * i}) is {shape[i]}; sizes must be 0 or more.");
            }
            count *= shape[i];
            if (count > Array.MaxLength)
            {
                throw new InvalidDataException($"{source}: the sizes [{string.Join(", ", shape[..(i + 1)])}] describe more than {Array.MaxLength} bytes, more than one array can hold.");
            }
        }
        // Memory grows with the bytes actually there, so a corrupt size cannot make the reader allocate gigabytes.
        if (stream.CanSeek && stream.Length - stream.Position < count)
        {
            throw new InvalidDataException($"{source} is truncated: its header promises {count} bytes of data, but only {stream.Length - stream.Position} follow.");
        }
        byte[] data;
        if (stream.CanSeek)
        {
            data = new byte[count];
            stream.ReadExactly(data);
        }
        else
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[1 << 16];
            while (buffer.Length < count)
            {
                int got = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, count - buffer.Length));
                if (got == 0)
                {
                    throw new InvalidDataException($"{source} is truncated: its header promises {count} bytes of data, but only {buffer.Length} follow.");
                }
                buffer.Write(chunk, 0, got);
            }
            data = buffer.ToArray();
        }
        if (stream.ReadByte() >= 0)
        {
            throw new InvalidDataException($"{source}: bytes follow the {count} bytes of data its header promises; the file is not one IDX array.");
        }
        return (shape, data);
    }

    private static void Fill(Stream stream, Span<byte> buffer, string source, string what)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
        {
            throw new InvalidDataException($"{source} is truncated: it ends inside {what}.");
        }
    }
}
