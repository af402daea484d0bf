using System.Buffers.Binary;
using System.Text;
using Leibniz.Checkpoints;
using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Tests.Checkpoints;

/// <summary>
/// The format's rules, one malformed file each, and a fuzz run over mutations of valid files: nothing but
/// <see cref="InvalidDataException"/> may escape. <c>LEIBNIZ_FUZZ_INPUTS</c> sets the number of mutated inputs
/// (CI runs the default; <c>LEIBNIZ_FUZZ_INPUTS=100000 dotnet test --filter SafetensorsFormatTests</c> for a long run).
/// </summary>
public class SafetensorsFormatTests
{
    /// <summary>A file from a header (padded with spaces to a multiple of 8) and data bytes.</summary>
    private static byte[] File(string header, int dataBytes)
    {
        var json = Encoding.UTF8.GetBytes(header);
        int padded = (json.Length + 7) / 8 * 8;
        var file = new byte[8 + padded + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)padded);
        json.CopyTo(file, 8);
        for (int i = json.Length; i < padded; i++)
        {
            file[8 + i] = (byte)' ';
        }
        return file;
    }

    /// <summary>Writes a valid file of three tensors (float32, int64, bool) with metadata to <paramref name="path"/>; returns its bytes.</summary>
    private static byte[] SaveSample(string path)
    {
        Safetensors.Save(path, new Dictionary<string, Tensor>
        {
            ["w"] = Tensor.Randn(new Generator(1), [3, 4]),
            ["b"] = Tensor.Zeros([2], DType.Int64),
            ["m"] = Tensor.Ones([2, 2], DType.Bool),
        }, new Dictionary<string, string> { ["format"] = "pt" });
        return System.IO.File.ReadAllBytes(path);
    }

    private static string Error(byte[] file) => Assert.Throws<InvalidDataException>(() => Safetensors.Read(file, "t")).Message;

    public static TheoryData<string, int, string> Malformed => new()
    {
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8, "tensors must not overlap" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}}""", 16, "belong to no tensor" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 12, "4 bytes follow the last tensor" },
        { """[1, 2]""", 0, "the header is a JSON array" },
        { """{"__metadata__":{"k":3}}""", 0, "'__metadata__.k' is a JSON number" },
        { """{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}}""", 0, "shape[0] is -1" },
        { """{"a":{"dtype":"F32","shape":[4294967296],"data_offsets":[0,0]}}""", 0, "shape[0] is 4294967296" },
        { """{"a":{"dtype":"F32","shape":[65536,65536],"data_offsets":[0,0]}}""", 0, "more than 2147483647 elements" },
        { """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8, "the key 'a' twice" },
        { """{"a":{"dtype":"F32","shape":[1]}}""", 4, "no data_offsets" },
        { """{"a":{"dtype":"F16","shape":[1],"data_offsets":[0,2]}}""", 2, "dtype \"F16\"" },
        { """{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", 8, "needs 12 bytes" },
        { """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"extra":1}}""", 4, "unknown field 'extra'" },
        { """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0]}}""", 4, "data_offsets has 1 numbers" },
        { """{"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}""", 4, "shape[0] is 1.5" },
        { """{"a":3}""", 0, "tensor 'a' is a JSON number" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_file_that_breaks_a_rule_is_refused_with_the_rule(string header, int dataBytes, string expected)
    {
        Assert.Contains(expected, Error(File(header, dataBytes)));
    }

    [Fact]
    public void A_header_length_above_the_limit_is_refused_before_reading()
    {
        var file = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(file, ulong.MaxValue);
        Assert.Contains("above the format's limit", Error(file));
    }

    [Fact]
    public void Valid_files_with_empty_tensors_and_metadata_read_back()
    {
        var file = File("""{"__metadata__":{"format":"pt"},"e":{"dtype":"F32","shape":[0],"data_offsets":[0,0]},"a":{"dtype":"I32","shape":[2],"data_offsets":[0,8]}}""", 8);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(file.Length - 8), 7);
        var (tensors, metadata) = Safetensors.Read(file);
        Assert.Equal("pt", metadata["format"]);
        Assert.Equal(0, tensors["e"].Numel);
        Assert.Equal([7.0, 0], tensors["a"].ToDoubleArray());
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void The_lazy_reader_refuses_the_same_files_with_the_same_message(string header, int dataBytes, string expected)
    {
        string path = Path.Combine(Path.GetTempPath(), $"leibniz-lazy-{Guid.NewGuid():N}.safetensors");
        try
        {
            System.IO.File.WriteAllBytes(path, File(header, dataBytes));
            Assert.Contains(expected, Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(path)).Message);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void The_lazy_reader_gives_the_tensors_of_the_eager_one_and_agrees_on_fuzzed_files()
    {
        string path = Path.Combine(Path.GetTempPath(), $"leibniz-lazy-{Guid.NewGuid():N}.safetensors");
        try
        {
            var valid = SaveSample(path);
            using (var lazy = SafetensorsFile.Open(path))
            {
                var (eager, metadata) = Safetensors.Load(path);
                Assert.Equal(eager.Keys, lazy.Names);
                Assert.Equal(metadata, lazy.Metadata);
                Assert.Equal(DType.Float32, lazy.Describe("w").DType);
                Assert.Equal([3, 4], lazy.Describe("w").Shape);
                foreach (var (name, tensor) in eager)
                {
                    Assert.Equal(tensor.ToDoubleArray(), lazy.Read(name).ToDoubleArray());
                }
                Assert.Contains("has no tensor 'x'", Assert.Throws<KeyNotFoundException>(() => lazy.Read("x")).Message);
            }
            var generator = new Generator(7);
            for (int i = 0; i < Math.Max(100, Fuzz.Inputs / 10); i++)
            {
                var mutant = Mutate(valid, generator);
                System.IO.File.WriteAllBytes(path, mutant);
                string? eagerError = null, lazyError = null;
                Dictionary<string, Tensor>? eager = null;
                try
                {
                    eager = Safetensors.Read(mutant).Tensors;
                }
                catch (InvalidDataException e)
                {
                    eagerError = e.Message;
                }
                try
                {
                    using var lazy = SafetensorsFile.Open(path);
                    foreach (string name in lazy.Names)
                    {
                        Assert.Equal(eager![name].ToDoubleArray(), lazy.Read(name).ToDoubleArray());
                    }
                }
                catch (InvalidDataException e)
                {
                    lazyError = e.Message;
                }
                Assert.Equal(eagerError?.Replace("'" + path + "'", "t", StringComparison.Ordinal).Replace("the safetensors data", "t", StringComparison.Ordinal),
                    lazyError?.Replace("'" + path + "'", "t", StringComparison.Ordinal));
            }
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void Fuzzed_files_raise_only_the_documented_exception()
    {
        int inputs = Fuzz.Inputs;
        string path = Path.Combine(Path.GetTempPath(), $"leibniz-fuzz-{Guid.NewGuid():N}.safetensors");
        try
        {
            var valid = SaveSample(path);
            var generator = new Generator(99);
            int accepted = 0, refused = 0;
            for (int i = 0; i < inputs; i++)
            {
                var mutant = Mutate(valid, generator);
                try
                {
                    Safetensors.Read(mutant);
                    accepted++;
                }
                catch (InvalidDataException)
                {
                    refused++;
                }
                catch (Exception e)
                {
                    Assert.Fail($"input {i} (seed 99) raised {e.GetType().Name}: {e.Message}");
                }
            }
            Assert.Equal(inputs, accepted + refused);
            Assert.True(refused > 0 && accepted > 0, $"{accepted} accepted, {refused} refused: the mutations do not exercise both paths");
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    /// <summary>One to three random edits: a flipped bit, an overwritten byte, a cut, an inserted byte, or a digit changed in the header.</summary>
    private static byte[] Mutate(byte[] valid, Generator generator)
    {
        var bytes = new List<byte>(valid);
        int edits = 1 + (int)generator.NextInt64(3);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = (int)generator.NextInt64(bytes.Count);
            switch (generator.NextInt64(5))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << (int)generator.NextInt64(8));
                    break;
                case 1:
                    bytes[at] = (byte)generator.NextInt64(256);
                    break;
                case 2:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 3:
                    bytes.Insert(at, (byte)generator.NextInt64(256));
                    break;
                default:
                    int digit = bytes.Count > 8 ? bytes.FindIndex(8, b => b is >= (byte)'0' and <= (byte)'9') : -1;
                    if (digit >= 0)
                    {
                        bytes[digit + (int)generator.NextInt64(Math.Min(40, bytes.Count - digit))] = (byte)('0' + generator.NextInt64(10));
                    }
                    break;
            }
        }
        return [.. bytes];
    }
}
