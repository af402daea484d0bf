using System.IO.Compression;
using Leibniz.Data;
using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Tests.Data;

public sealed class DataTests() : TemporaryFolderTests("leibniz-data-")
{
    private static byte[] Idx(byte type, int[] shape, byte[] data)
    {
        var bytes = new List<byte> { 0, 0, type, (byte)shape.Length };
        foreach (int d in shape)
        {
            bytes.AddRange([(byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d]);
        }
        bytes.AddRange(data);
        return [.. bytes];
    }

    private void WriteGz(string name, byte[] content)
    {
        using var file = File.Create(Path.Combine(Folder, name));
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        gz.Write(content);
    }

    [Fact]
    public void Idx_files_are_parsed_raw_and_gzipped()
    {
        var pixels = Enumerable.Range(0, 2 * 28 * 28).Select(i => (byte)(i % 256)).ToArray();
        WriteGz("train-images-idx3-ubyte.gz", Idx(8, [2, 28, 28], pixels));
        File.WriteAllBytes(Path.Combine(Folder, "train-labels-idx1-ubyte"), Idx(8, [2], [7, 3]));
        var (x, y) = FashionMnist.Load(10, directory: Folder);
        Assert.Equal([2, 784], x.Shape.ToArray());
        Assert.Equal([7L, 3], y.ToArray<long>());
        Assert.Equal(255 / 255f, x.At(0, 255), 6);
        Assert.Equal(785 % 256 / 255f, x.At(1, 1), 6);
        var (images, _) = FashionMnist.Load(1, images: true, directory: Folder);
        Assert.Equal([1, 1, 28, 28], images.Shape.ToArray());
    }

    [Fact]
    public void A_bad_idx_header_and_a_truncated_file_get_clear_errors()
    {
        string bad = Path.Combine(Folder, "bad");
        File.WriteAllBytes(bad, [1, 2, 3, 4, 0, 0]);
        Assert.Contains("magic", Assert.Throws<InvalidDataException>(() => IdxReader.ReadBytes(bad)).Message);
        string truncated = Path.Combine(Folder, "short");
        File.WriteAllBytes(truncated, Idx(8, [10], [1, 2, 3]));
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => IdxReader.ReadBytes(truncated)).Message);
    }

    [Fact]
    public void Missing_fashion_mnist_says_where_it_looked_and_how_to_install_it()
    {
        var e = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(1, directory: Folder));
        Assert.Contains(Folder, e.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", e.Message);
        Assert.Contains("FMNIST_DIR", e.Message);
    }

    [Fact]
    public void Data_loader_batches_cover_every_sample_once_and_reshuffle_reproducibly()
    {
        var data = new TensorDataset(Tensor.Arange(0, 10, 1, DType.Float32).Reshape(10, 1), Tensor.Arange(10));
        var loader = new DataLoader(data, 4, shuffle: true, generator: new Generator(3));
        var epoch1 = loader.SelectMany(b => b.Y.ToArray<long>()).ToArray();
        var epoch2 = loader.SelectMany(b => b.Y.ToArray<long>()).ToArray();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), epoch1.Order());
        Assert.NotEqual(epoch1, epoch2);
        var again = new DataLoader(data, 4, shuffle: true, generator: new Generator(3)).SelectMany(b => b.Y.ToArray<long>()).ToArray();
        Assert.Equal(epoch1, again);
        Assert.Equal(3, loader.BatchCount);
        var dropLast = new DataLoader(data, 4, dropLast: true);
        Assert.Equal(2, dropLast.Count());
        Assert.All(dropLast, b => Assert.Equal(4, b.X.Size(0)));
    }

    [Fact]
    public void Train_validation_split_partitions_the_samples()
    {
        var data = new TensorDataset(Tensor.Arange(0, 20, 1, DType.Float32).Reshape(20, 1), Tensor.Arange(20));
        var (train, validation) = data.Split(0.25, new Generator(4));
        Assert.Equal(15, train.Count);
        Assert.Equal(5, validation.Count);
        var all = train.Targets.ToArray<long>().Concat(validation.Targets.ToArray<long>()).Order();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), all);
    }

    [Fact]
    public void Csv_files_load_into_tensors_and_bad_cells_are_named()
    {
        string path = Path.Combine(Folder, "d.csv");
        File.WriteAllText(path, "a,b,label\n1,2.5,0\n-3,4e-1,1\n");
        var (x, y, columns) = CsvTensors.Load(path, "label", DType.Float64);
        Assert.Equal(["a", "b"], columns);
        Assert.Equal([1, 2.5, -3, 0.4], x.ToDoubleArray());
        Assert.Equal([0.0, 1], y!.ToDoubleArray());
        File.WriteAllText(path, "a,b\n1,x\n");
        var e = Assert.Throws<FormatException>(() => CsvTensors.Load(path));
        Assert.Contains("row 2, column 'b'", e.Message);
    }
}
