using Leibniz.Autograd;

namespace Leibniz.Tensors;

/// <summary>
/// An n-dimensional array of one <see cref="DType"/> over managed storage (the garbage collector owns the memory,
/// so tensors need no Dispose). Views (reshape, transpose, slices, expand) share storage through strides.
/// Floating point tensors can take part in reverse-mode automatic differentiation: see <see cref="RequiresGrad"/>,
/// <see cref="Backward"/> and <see cref="Autograd.AutoDiff.Grad(Tensor, Tensor, Tensor?, bool, bool?)"/>.
/// </summary>
/// <remarks>The operations are spread over partial files by topic: creation, views, pointwise, binary,
/// reductions, indexing, linear algebra, convolution, operators.</remarks>
public sealed partial class Tensor
{
    internal readonly TensorStorage _storage;
    internal readonly int[] _shape;
    internal readonly int[] _strides;
    internal readonly int _offset;
    private bool _requiresGrad;

    internal Tensor(TensorStorage storage, DType dtype, int[] shape, int[] strides, int offset)
    {
        _storage = storage;
        DType = dtype;
        _shape = shape;
        _strides = strides;
        _offset = offset;
        Numel = ShapeHelper.Numel(shape);
        IsContiguous = ComputeContiguous();
    }

    /// <summary>A new contiguous tensor over <paramref name="storage"/>.</summary>
    internal Tensor(TensorStorage storage, DType dtype, int[] shape)
        : this(storage, dtype, shape, ShapeHelper.ContiguousStrides(shape), 0)
    {
    }

    /// <summary>The element type.</summary>
    public DType DType { get; }

    /// <summary>The size of each dimension.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>The number of dimensions (0 for a scalar).</summary>
    public int Rank => _shape.Length;

    /// <summary>The number of elements.</summary>
    public int Numel { get; }

    /// <summary>Elements to step over in storage per step along each dimension.</summary>
    public ReadOnlySpan<int> Strides => _strides;

    /// <summary>True when the elements lie in row-major order without gaps.</summary>
    public bool IsContiguous { get; }

    /// <summary>The size of dimension <paramref name="dim"/> (negative counts from the end).</summary>
    public int Size(int dim) => _shape[ShapeHelper.NormalizeAxis(dim, Rank, nameof(Size))];

    /// <summary>
    /// Whether gradients with respect to this tensor are recorded. Only float32 and float64 tensors can require
    /// gradients.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set on a non-floating tensor, or cleared on a non-leaf.</exception>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (value && !DType.IsFloating())
            {
                throw new InvalidOperationException(
                    $"Only floating point tensors (float32, float64) can require gradients; this tensor is {DType.Name()}. "
                    + "Convert it first with .To(DType.Float32).");
            }
            if (!value && GradFn is not null)
            {
                throw new InvalidOperationException(
                    $"This tensor is the output of '{GradFn.Name}' and is part of a graph; use .Detach() for a copy without gradient.");
            }
            _requiresGrad = value;
        }
    }

    /// <summary>The accumulated gradient after <see cref="Backward"/>, for leaf tensors that require gradients.</summary>
    public Tensor? Grad { get; set; }

    /// <summary>The graph node that produced this tensor, or null for a leaf.</summary>
    public Node? GradFn { get; private set; }

    /// <summary>True for tensors created by the user rather than by a recorded operation.</summary>
    public bool IsLeaf => GradFn is null;

    internal int StorageVersion => _storage.Version;

    internal T[] Data<T>() => (T[])_storage.Data;

    /// <summary>Sets <see cref="RequiresGrad"/> to true and returns this tensor, for fluent construction.</summary>
    public Tensor RequireGrad()
    {
        RequiresGrad = true;
        return this;
    }

    internal void SetGradFn(Node node)
    {
        GradFn = node;
        _requiresGrad = true;
    }

    /// <summary>A tensor sharing this one's storage, cut from the graph (no gradient flows through it).</summary>
    public Tensor Detach() => new(_storage, DType, _shape, _strides, _offset);

    /// <summary>
    /// The element at <paramref name="index"/> as a double (booleans as 0 or 1).
    /// </summary>
    /// <exception cref="ArgumentException">The index has the wrong length or is out of range.</exception>
    public double At(params int[] index)
    {
        if (index.Length != Rank)
        {
            throw new ArgumentException($"At: a tensor of shape {ShapeHelper.Format(_shape)} needs {Rank} indices, got {index.Length}.", nameof(index));
        }
        int offset = _offset;
        for (int i = 0; i < index.Length; i++)
        {
            int k = index[i] < 0 ? index[i] + _shape[i] : index[i];
            if (k < 0 || k >= _shape[i])
            {
                throw new ArgumentOutOfRangeException(nameof(index), index[i],
                    $"At: index {index[i]} is out of range for dimension {i} of size {_shape[i]}.");
            }
            offset += k * _strides[i];
        }
        return ReadAsDouble(offset);
    }

    /// <summary>The single element of a one-element tensor, as a double.</summary>
    /// <exception cref="InvalidOperationException">The tensor has more or fewer than one element.</exception>
    public double Item()
    {
        if (Numel != 1)
        {
            throw new InvalidOperationException($"Item: the tensor has shape {ShapeHelper.Format(_shape)} ({Numel} elements); Item needs exactly one.");
        }
        return ReadAsDouble(_offset);
    }

    /// <summary>The elements in row-major order as a new array of <typeparamref name="T"/>, which must match the dtype.</summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> does not match <see cref="DType"/>.</exception>
    public T[] ToArray<T>()
    {
        if (DTypes.Of<T>() != DType)
        {
            throw new InvalidOperationException($"ToArray<{typeof(T).Name}>: the tensor is {DType.Name()}; convert it with .To(...) first.");
        }
        var c = Contiguous();
        var result = new T[Numel];
        Array.Copy(c._storage.Data, c._offset, result, 0, Numel);
        return result;
    }

    /// <summary>The elements in row-major order converted to double.</summary>
    public double[] ToDoubleArray() => To(DType.Float64).ToArray<double>();

    private double ReadAsDouble(int offset) => DType switch
    {
        DType.Float32 => Data<float>()[offset],
        DType.Float64 => Data<double>()[offset],
        DType.Int32 => Data<int>()[offset],
        DType.Int64 => Data<long>()[offset],
        _ => Data<bool>()[offset] ? 1.0 : 0.0,
    };

    private bool ComputeContiguous()
    {
        int expected = 1;
        for (int i = _shape.Length - 1; i >= 0; i--)
        {
            if (_shape[i] != 1 && _strides[i] != expected)
            {
                return false;
            }
            expected *= _shape[i];
        }
        return true;
    }

    /// <summary>A readable, truncated rendering: dtype, shape and values.</summary>
    public override string ToString() => TensorFormatter.Format(this);
}
