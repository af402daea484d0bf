using Leibniz.Tensors;

namespace Leibniz.Data;

/// <summary>
/// Fashion-MNIST from IDX files. The default folder is where Debian's <c>dataset-fashion-mnist</c> package puts
/// them; the environment variable <c>FMNIST_DIR</c> (or the <c>directory</c> argument) points elsewhere.
/// </summary>
public static class FashionMnist
{
    /// <summary>
    /// MNIST (or any data set in the same four IDX files) from <paramref name="directory"/>, or from the
    /// environment variable <c>MNIST_DIR</c>; same layout and result as <see cref="Load"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">No folder was given and MNIST_DIR is unset, or the files are missing.</exception>
    public static (Tensor X, Tensor Y) LoadMnist(int count, bool train = true, bool images = false, string? directory = null)
    {
        directory ??= Environment.GetEnvironmentVariable("MNIST_DIR");
        if (string.IsNullOrEmpty(directory))
        {
            throw new FileNotFoundException(
                "MNIST: no folder given. Put train-images-idx3-ubyte(.gz), train-labels-idx1-ubyte(.gz), t10k-images-idx3-ubyte(.gz) and t10k-labels-idx1-ubyte(.gz) in a folder and pass it, or set MNIST_DIR.");
        }
        return Load(count, train, images, directory);
    }

    /// <summary>Where Debian's package installs the files.</summary>
    public const string DebianDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The folder used when none is given: <c>FMNIST_DIR</c> or <see cref="DebianDirectory"/>.</summary>
    public static string DefaultDirectory => Environment.GetEnvironmentVariable("FMNIST_DIR") is { Length: > 0 } d ? d : DebianDirectory;

    /// <summary>
    /// The first <paramref name="count"/> training (or test) images as float32 in [0, 1], flattened to [n, 784]
    /// (or [n, 1, 28, 28] with <paramref name="images"/>), and their labels as int64.
    /// </summary>
    /// <exception cref="FileNotFoundException">The files are missing; the message says how to install them.</exception>
    public static (Tensor X, Tensor Y) Load(int count, bool train = true, bool images = false, string? directory = null)
    {
        directory ??= DefaultDirectory;
        string prefix = train ? "train" : "t10k";
        string imagePath = Find(directory, $"{prefix}-images-idx3-ubyte");
        string labelPath = Find(directory, $"{prefix}-labels-idx1-ubyte");
        var (shape, pixels) = IdxReader.ReadBytes(imagePath);
        var (_, labels) = IdxReader.ReadBytes(labelPath);
        int n = System.Math.Min(count, shape[0]);
        int size = shape[1] * shape[2];
        var x = new float[n * size];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = pixels[i] / 255f;
        }
        var y = new long[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = labels[i];
        }
        var xt = images ? Tensor.FromArray(x, n, 1, shape[1], shape[2]) : Tensor.FromArray(x, n, size);
        return (xt, Tensor.FromArray(y));
    }

    private static string Find(string directory, string name)
    {
        foreach (string candidate in (string[])[name + ".gz", name])
        {
            string path = Path.Combine(directory, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new FileNotFoundException(
            $"Fashion-MNIST file '{name}(.gz)' was not found in '{directory}'. Install the data with 'sudo apt-get install dataset-fashion-mnist' "
            + $"(it goes to {DebianDirectory}), or set FMNIST_DIR to a folder that holds the IDX files.", Path.Combine(directory, name + ".gz"));
    }
}
