using Leibniz.Tensors.Kernels;

namespace Leibniz.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// The same elements in a new shape (one size may be −1 and is inferred). A view when the strides allow it,
    /// otherwise a contiguous copy.
    /// </summary>
    /// <exception cref="ArgumentException">The element counts differ, or more than one size is −1.</exception>
    public Tensor Reshape(params int[] shape)
    {
        int[] target = InferShape(shape);
        if (ShapeHelper.SameShape(target, _shape))
        {
            return this;
        }
        var src = IsContiguous ? this : Contiguous();
        var result = new Tensor(src._storage, DType, target, ShapeHelper.ContiguousStrides(target), src._offset);
        if (NeedsGrad(src))
        {
            int[] original = _shape;
            result.Record("Reshape", [src], g => [g.Reshape(original)]);
        }
        return result.Jvp(this, t => t.Reshape(target));
    }

    /// <summary>Same as <see cref="Reshape"/>.</summary>
    public Tensor View(params int[] shape) => Reshape(shape);

    /// <summary>Merges dimensions <paramref name="startDim"/>..<paramref name="endDim"/> into one.</summary>
    public Tensor Flatten(int startDim = 0, int endDim = -1)
    {
        if (Rank == 0)
        {
            return Reshape(1);
        }
        int s = ShapeHelper.NormalizeAxis(startDim, Rank, nameof(Flatten));
        int e = ShapeHelper.NormalizeAxis(endDim, Rank, nameof(Flatten));
        var shape = new List<int>();
        for (int i = 0; i < s; i++)
        {
            shape.Add(_shape[i]);
        }
        int merged = 1;
        for (int i = s; i <= e; i++)
        {
            merged *= _shape[i];
        }
        shape.Add(merged);
        for (int i = e + 1; i < Rank; i++)
        {
            shape.Add(_shape[i]);
        }
        return Reshape([.. shape]);
    }

    private int[] InferShape(int[] shape)
    {
        int[] target = (int[])shape.Clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < target.Length; i++)
        {
            if (target[i] == -1)
            {
                if (unknown >= 0)
                {
                    throw new ArgumentException($"Reshape: only one size may be -1, got {ShapeHelper.Format(shape)}.", nameof(shape));
                }
                unknown = i;
            }
            else if (target[i] < 0)
            {
                throw new ArgumentException($"Reshape: size {target[i]} in {ShapeHelper.Format(shape)} is negative.", nameof(shape));
            }
            else
            {
                known *= target[i];
            }
        }
        if (unknown >= 0)
        {
            if (known == 0 || Numel % known != 0)
            {
                throw new ArgumentException($"Reshape: cannot reshape {ShapeHelper.Format(_shape)} ({Numel} elements) into {ShapeHelper.Format(shape)}.", nameof(shape));
            }
            target[unknown] = (int)(Numel / known);
            known *= target[unknown];
        }
        if (known != Numel)
        {
            throw new ArgumentException(
                $"Reshape: cannot reshape {ShapeHelper.Format(_shape)} ({Numel} elements) into {ShapeHelper.Format(shape)} ({known} elements).", nameof(shape));
        }
        return target;
    }

    /// <summary>A view with the dimensions reordered: result dimension i is this tensor's dimension dims[i].</summary>
    /// <exception cref="ArgumentException"><paramref name="dims"/> is not a permutation of 0..Rank−1.</exception>
    public Tensor Permute(params int[] dims)
    {
        if (dims.Length != Rank)
        {
            throw new ArgumentException($"Permute: a tensor of rank {Rank} needs {Rank} dimensions, got {ShapeHelper.Format(dims)}.", nameof(dims));
        }
        var shape = new int[Rank];
        var strides = new int[Rank];
        var inverse = new int[Rank];
        var seen = new bool[Rank];
        for (int i = 0; i < Rank; i++)
        {
            int d = ShapeHelper.NormalizeAxis(dims[i], Rank, nameof(Permute));
            if (seen[d])
            {
                throw new ArgumentException($"Permute: {ShapeHelper.Format(dims)} is not a permutation (dimension {d} repeats).", nameof(dims));
            }
            seen[d] = true;
            shape[i] = _shape[d];
            strides[i] = _strides[d];
            inverse[d] = i;
        }
        var result = new Tensor(_storage, DType, shape, strides, _offset);
        if (NeedsGrad(this))
        {
            result.Record("Permute", [this], g => [g.Permute(inverse)]);
        }
        return result.Jvp(this, t => t.Permute(dims));
    }

    /// <summary>A view with dimensions <paramref name="dim0"/> and <paramref name="dim1"/> swapped.</summary>
    public Tensor Transpose(int dim0 = -2, int dim1 = -1)
    {
        var dims = new int[Rank];
        for (int i = 0; i < Rank; i++)
        {
            dims[i] = i;
        }
        int a = ShapeHelper.NormalizeAxis(dim0, Rank, nameof(Transpose));
        int b = ShapeHelper.NormalizeAxis(dim1, Rank, nameof(Transpose));
        (dims[a], dims[b]) = (dims[b], dims[a]);
        return Permute(dims);
    }

    /// <summary>The transpose of a matrix (the last two dimensions swapped).</summary>
    public Tensor T => Transpose(-2, -1);

    /// <summary>
    /// A view of elements start, start + step, … below end along <paramref name="dim"/>. Negative start/end count
    /// from the end; both are clamped to the dimension.
    /// </summary>
    public Tensor Slice(int dim, int start, int end, int step = 1)
    {
        int d = ShapeHelper.NormalizeAxis(dim, Rank, nameof(Slice));
        if (step <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "Slice: step must be positive.");
        }
        int size = _shape[d];
        int s = Math.Clamp(start < 0 ? start + size : start, 0, size);
        int e = Math.Clamp(end < 0 ? end + size : end, 0, size);
        int length = Math.Max(0, (e - s + step - 1) / step);
        var shape = (int[])_shape.Clone();
        var strides = (int[])_strides.Clone();
        shape[d] = length;
        strides[d] = _strides[d] * step;
        var result = new Tensor(_storage, DType, shape, strides, _offset + s * _strides[d]);
        if (NeedsGrad(this))
        {
            int[] inputShape = _shape;
            result.Record("Slice", [this], g => [SliceBackward(g, inputShape, d, s, step)]);
        }
        return result.Jvp(this, t => t.Slice(d, s, e, step));
    }

    /// <summary>A view of <paramref name="length"/> elements from <paramref name="start"/> along <paramref name="dim"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie inside the dimension.</exception>
    public Tensor Narrow(int dim, int start, int length)
    {
        int d = ShapeHelper.NormalizeAxis(dim, Rank, nameof(Narrow));
        if (start < 0 || length < 0 || start + length > _shape[d])
        {
            throw new ArgumentOutOfRangeException(nameof(start), start,
                $"Narrow: [{start}, {start + length}) does not lie inside dimension {d} of size {_shape[d]}.");
        }
        return Slice(d, start, start + length);
    }

    /// <summary>The sub-tensor at <paramref name="index"/> along <paramref name="dim"/>, with that dimension removed.</summary>
    public Tensor Select(int dim, int index)
    {
        int d = ShapeHelper.NormalizeAxis(dim, Rank, nameof(Select));
        int i = index < 0 ? index + _shape[d] : index;
        if (i < 0 || i >= _shape[d])
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Select: index {index} is out of range for dimension {d} of size {_shape[d]}.");
        }
        return Narrow(d, i, 1).Squeeze(d);
    }

    /// <summary>Slices with C# ranges, one per leading dimension: <c>t[1..3, ..]</c>.</summary>
    [System.Runtime.CompilerServices.IndexerName("Index")]
    public Tensor this[params Range[] ranges]
    {
        get
        {
            if (ranges.Length > Rank)
            {
                throw new ArgumentException($"Indexing: {ranges.Length} ranges for a tensor of rank {Rank}.", nameof(ranges));
            }
            var t = this;
            for (int d = 0; d < ranges.Length; d++)
            {
                var (start, length) = ranges[d].GetOffsetAndLength(_shape[d]);
                if (start != 0 || length != _shape[d])
                {
                    t = t.Narrow(d, start, length);
                }
            }
            return t;
        }
    }

    /// <summary>The sub-tensor at <paramref name="index"/> along the first dimension.</summary>
    [System.Runtime.CompilerServices.IndexerName("Index")]
    public Tensor this[int index] => Select(0, index);

    /// <summary>A view broadcast to <paramref name="shape"/> without copying (−1 keeps a size).</summary>
    /// <exception cref="ArgumentException">A non-singleton dimension would have to change size.</exception>
    public Tensor Expand(params int[] shape)
    {
        if (shape.Length < Rank)
        {
            throw new ArgumentException($"Expand: cannot expand {ShapeHelper.Format(_shape)} to the lower rank {ShapeHelper.Format(shape)}.", nameof(shape));
        }
        int shift = shape.Length - Rank;
        var target = new int[shape.Length];
        var strides = new int[shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            int own = i >= shift ? _shape[i - shift] : 1;
            int want = shape[i] == -1 ? own : shape[i];
            if (own != want && own != 1)
            {
                throw new ArgumentException(
                    $"Expand: cannot expand {ShapeHelper.Format(_shape)} to {ShapeHelper.Format(shape)}: dimension {i} is {own}, not 1.", nameof(shape));
            }
            target[i] = want;
            strides[i] = i >= shift && own == want ? _strides[i - shift] : 0;
        }
        if (ShapeHelper.SameShape(target, _shape))
        {
            return this;
        }
        var result = new Tensor(_storage, DType, target, strides, _offset);
        if (NeedsGrad(this))
        {
            int[] original = _shape;
            result.Record("Expand", [this], g => [g.SumTo(original)]);
        }
        return result.Jvp(this, t => t.Expand(target));
    }

    /// <summary>Expands to the shape of <paramref name="other"/>.</summary>
    public Tensor ExpandAs(Tensor other) => Expand(other._shape);

    /// <summary>Removes dimension <paramref name="dim"/>, which must have size 1.</summary>
    public Tensor Squeeze(int dim)
    {
        int d = ShapeHelper.NormalizeAxis(dim, Rank, nameof(Squeeze));
        if (_shape[d] != 1)
        {
            throw new ArgumentException($"Squeeze: dimension {d} of {ShapeHelper.Format(_shape)} has size {_shape[d]}, not 1.", nameof(dim));
        }
        var shape = new List<int>(_shape);
        shape.RemoveAt(d);
        return ViewAs([.. shape], "Squeeze");
    }

    /// <summary>Removes every dimension of size 1.</summary>
    public Tensor Squeeze()
    {
        var shape = new List<int>();
        foreach (int s in _shape)
        {
            if (s != 1)
            {
                shape.Add(s);
            }
        }
        return ViewAs([.. shape], "Squeeze");
    }

    /// <summary>Inserts a dimension of size 1 at <paramref name="dim"/> (in [−Rank−1, Rank]).</summary>
    public Tensor Unsqueeze(int dim)
    {
        int d = ShapeHelper.NormalizeAxis(dim, Rank + 1, nameof(Unsqueeze));
        var shape = new List<int>(_shape);
        shape.Insert(d, 1);
        return ViewAs([.. shape], "Unsqueeze");
    }

    /// <summary>A view with size-1 dimensions added or removed; strides of the other dimensions are kept.</summary>
    private Tensor ViewAs(int[] shape, string name)
    {
        var strides = new int[shape.Length];
        int j = 0;
        for (int i = 0; i < shape.Length; i++)
        {
            while (j < Rank && _shape[j] == 1 && shape[i] != 1)
            {
                j++;
            }
            if (j < Rank && _shape[j] == shape[i])
            {
                strides[i] = _strides[j];
                j++;
            }
            else
            {
                strides[i] = 0;
            }
        }
        var result = new Tensor(_storage, DType, shape, strides, _offset);
        if (NeedsGrad(this))
        {
            int[] original = _shape;
            result.Record(name, [this], g => [g.Reshape(original)]);
        }
        return result.Jvp(this, t => t.Reshape(shape));
    }

    /// <summary>This tensor if it is contiguous, otherwise a contiguous copy.</summary>
    public Tensor Contiguous() => IsContiguous ? this : Clone();

    /// <summary>A contiguous copy with its own storage (differentiable).</summary>
    public Tensor Clone()
    {
        var result = Uninitialized(_shape, DType);
        CopyToArray(result._storage.Data);
        if (NeedsGrad(this))
        {
            result.Record("Clone", [this], g => [g]);
        }
        return result.Jvp(this, t => t);
    }

    private void CopyToArray(Array destination)
    {
        switch (DType)
        {
            case DType.Float32: TensorKernels.CopyStrided<float>(this, (float[])destination); break;
            case DType.Float64: TensorKernels.CopyStrided<double>(this, (double[])destination); break;
            case DType.Int32: TensorKernels.CopyStrided<int>(this, (int[])destination); break;
            case DType.Int64: TensorKernels.CopyStrided<long>(this, (long[])destination); break;
            default: TensorKernels.CopyStrided<bool>(this, (bool[])destination); break;
        }
    }

    /// <summary>
    /// Sums a gradient back to <paramref name="shape"/>: the reverse of broadcasting (leading dimensions and
    /// dimensions that are 1 in <paramref name="shape"/> are summed over).
    /// </summary>
    public Tensor SumTo(ReadOnlySpan<int> shape)
    {
        if (ShapeHelper.SameShape(_shape, shape))
        {
            return this;
        }
        int shift = Rank - shape.Length;
        if (shift < 0)
        {
            throw new ArgumentException($"SumTo: cannot sum {ShapeHelper.Format(_shape)} to the higher rank {ShapeHelper.Format(shape)}.", nameof(shape));
        }
        var axes = new List<int>();
        for (int i = 0; i < Rank; i++)
        {
            if (i < shift || (shape[i - shift] == 1 && _shape[i] != 1))
            {
                axes.Add(i);
            }
        }
        var summed = axes.Count == 0 ? this : Sum([.. axes], keepDim: true);
        return summed.Reshape(shape.ToArray());
    }

    /// <summary>The gradient of Slice: zeros of the input's shape with <paramref name="g"/> written into the slice.</summary>
    private static Tensor SliceBackward(Tensor g, int[] inputShape, int dim, int start, int step)
    {
        var result = Empty(g.DType, inputShape);
        int end = start + (g._shape[dim] - 1) * step + 1;
        using (Autograd.GradMode.NoGrad())
        {
            result.Slice(dim, start, end, step).CopyFromRaw(g);
        }
        if (NeedsGrad(g))
        {
            result.Record("SliceBackward", [g], gg => [gg.Slice(dim, start, end, step)]);
        }
        return result.Jvp(g, t => SliceBackward(t, inputShape, dim, start, step));
    }

    /// <summary>Copies <paramref name="src"/> (broadcast) into this view without recording anything.</summary>
    internal void CopyFromRaw(Tensor src)
    {
        var s = src.DType == DType ? src : src.To(DType);
        switch (DType)
        {
            case DType.Float32: TensorKernels.CopyInto<float>(this, s); break;
            case DType.Float64: TensorKernels.CopyInto<double>(this, s); break;
            case DType.Int32: TensorKernels.CopyInto<int>(this, s); break;
            case DType.Int64: TensorKernels.CopyInto<long>(this, s); break;
            default: TensorKernels.CopyInto<bool>(this, s); break;
        }
    }
}
