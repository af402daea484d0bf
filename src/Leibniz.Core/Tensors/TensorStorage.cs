namespace Leibniz.Tensors;

/// <summary>
/// The managed array behind one or more tensors (views share it), with a version counter that in-place
/// operations bump so that autograd can tell when a tensor it saved was changed.
/// </summary>
internal sealed class TensorStorage
{
    public TensorStorage(Array data)
    {
        Data = data;
    }

    public Array Data { get; }

    public int Version { get; private set; }

    public void BumpVersion() => Version++;

    public static TensorStorage Allocate(DType dtype, int length) => new(dtype switch
    {
        DType.Float32 => new float[length],
        DType.Float64 => new double[length],
        DType.Int32 => new int[length],
        DType.Int64 => new long[length],
        _ => new bool[length],
    });

    /// <summary>Storage whose contents are undefined: for kernel outputs that write every element.</summary>
    public static TensorStorage AllocateUninitialized(DType dtype, int length) => new(dtype switch
    {
        DType.Float32 => GC.AllocateUninitializedArray<float>(length),
        DType.Float64 => GC.AllocateUninitializedArray<double>(length),
        DType.Int32 => GC.AllocateUninitializedArray<int>(length),
        DType.Int64 => GC.AllocateUninitializedArray<long>(length),
        _ => GC.AllocateUninitializedArray<bool>(length),
    });
}
