using System.Text;
using Leibniz.Checkpoints;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Tensors;
using Leibniz.IO;

namespace Leibniz.Tests.Checkpoints;

public sealed class SafetensorsTests() : TemporaryFolderTests("leibniz-st-")
{
    [Fact]
    public void A_file_is_written_byte_for_byte_as_the_format_specifies()
    {
        string path = Path.Combine(Folder, "a.safetensors");
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.FromArray(new float[] { 1.5f, -2f }) });
        string json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        int padded = (json.Length + 7) / 8 * 8;
        var expected = new List<byte>();
        expected.AddRange(BitConverter.GetBytes((ulong)padded));
        expected.AddRange(Encoding.UTF8.GetBytes(json.PadRight(padded)));
        expected.AddRange(BitConverter.GetBytes(1.5f));
        expected.AddRange(BitConverter.GetBytes(-2f));
        Assert.Equal(expected.ToArray(), File.ReadAllBytes(path));
    }

    [Fact]
    public void Every_dtype_round_trips_with_metadata()
    {
        string path = Path.Combine(Folder, "b.safetensors");
        var tensors = new Dictionary<string, Tensor>
        {
            ["f32"] = Tensor.Randn(new Generator(1), [2, 3]),
            ["f64"] = Tensor.Randn(new Generator(2), [4], DType.Float64),
            ["i32"] = Tensor.FromArray(new[] { 1, -2, 3 }),
            ["i64"] = Tensor.FromArray(new long[] { long.MaxValue, -1 }),
            ["bool"] = Tensor.FromArray(new[] { true, false, true }),
            ["scalar"] = Tensor.Scalar(3.5),
        };
        Safetensors.Save(path, tensors, new Dictionary<string, string> { ["format"] = "pt" });
        var (loaded, metadata) = Safetensors.Load(path);
        Assert.Equal("pt", metadata["format"]);
        Assert.Equal(tensors.Keys, loaded.Keys);
        foreach (var (name, t) in tensors)
        {
            Assert.Equal(t.DType, loaded[name].DType);
            Assert.Equal(t.Shape.ToArray(), loaded[name].Shape.ToArray());
            Assert.Equal(t.ToDoubleArray(), loaded[name].ToDoubleArray());
        }
    }

    [Fact]
    public void A_model_checkpoint_restores_the_weights()
    {
        string path = Path.Combine(Folder, "m.safetensors");
        var a = new Sequential(new Linear(3, 4, new Generator(3)), new Relu(), new BatchNorm1d(4));
        a.Forward(Tensor.Randn(new Generator(4), [8, 3]));
        Checkpoint.Save(a, path);
        var b = new Sequential(new Linear(3, 4, new Generator(5)), new Relu(), new BatchNorm1d(4));
        Checkpoint.Load(b, path);
        foreach (var (name, t) in a.StateDict())
        {
            Assert.Equal(t.ToDoubleArray(), b.StateDict()[name].ToDoubleArray());
        }
        Assert.Contains("2.running_mean", b.StateDict().Keys);
    }

    [Fact]
    public void Truncated_and_corrupt_files_are_reported()
    {
        string path = Path.Combine(Folder, "c.safetensors");
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(10) });
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^4]);
        var truncated = Assert.Throws<InvalidDataException>(() => Safetensors.Load(path)).Message;
        Assert.Contains("truncated: tensor 'w' ends at data byte 40, but the data section has only 36 bytes", truncated);
        File.WriteAllBytes(path, bytes[..20]);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => Safetensors.Load(path)).Message);
        File.WriteAllBytes(path, [.. BitConverter.GetBytes(8UL), .. Encoding.ASCII.GetBytes("not json")]);
        Assert.Contains("not valid JSON", Assert.Throws<InvalidDataException>(() => Safetensors.Load(path)).Message);
    }

    [Fact]
    public void A_failed_write_leaves_the_previous_file_intact_and_no_temporary_files()
    {
        string path = Path.Combine(Folder, "d.txt");
        AtomicFile.WriteText(path, "first");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.WriteByte(1);
            throw new InvalidOperationException("crash while writing");
        }));
        Assert.Equal("first", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(Folder));
    }
}
