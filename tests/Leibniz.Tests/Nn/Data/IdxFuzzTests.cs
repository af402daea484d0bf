using Leibniz.Data;
using Leibniz.Numerics;

namespace Leibniz.Tests.Data;

/// <summary>IDX files from elsewhere: every malformation is an <see cref="InvalidDataException"/> that says what and where.</summary>
public class IdxFuzzTests
{
    private static readonly byte[] s_valid = [0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6];

    private static string Error(byte[] bytes) => Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream(bytes), "t")).Message;

    [Fact]
    public void A_valid_file_reads_its_shape_and_bytes()
    {
        var (shape, data) = IdxReader.Read(new MemoryStream(s_valid));
        Assert.Equal([2, 3], shape);
        Assert.Equal([1, 2, 3, 4, 5, 6], data);
    }

    [Fact]
    public void Malformed_files_name_the_problem()
    {
        Assert.Contains("ends inside the 4 magic bytes", Error([0, 0]));
        Assert.Contains("ends inside size 1", Error(s_valid[..10]));
        Assert.Contains("only 4 follow", Error(s_valid[..^2]));
        Assert.Contains("bytes follow the 6 bytes", Error([.. s_valid, 9]));
        Assert.Contains("size 0 (at byte 4) is -1", Error([0, 0, 8, 1, 255, 255, 255, 255]));
        Assert.Contains("more than one array can hold", Error([0, 0, 8, 2, 127, 255, 255, 255, 127, 255, 255, 255]));
        Assert.Contains("magic bytes are 00 00 0d 01", Error([0, 0, 13, 1, 0, 0, 0, 0]));
    }

    [Fact]
    public void Mutated_files_raise_only_InvalidDataException()
    {
        var generator = new Generator(11);
        int accepted = 0, refused = 0;
        for (int i = 0; i < Fuzz.Inputs; i++)
        {
            var bytes = Fuzz.Mutate(s_valid, generator, g => (byte)g.NextInt64(256));
            try
            {
                IdxReader.Read(new MemoryStream([.. bytes]));
                accepted++;
            }
            catch (InvalidDataException)
            {
                refused++;
            }
        }
        Assert.True(accepted > 0 && refused > 0, $"{accepted} accepted, {refused} refused");
    }
}
