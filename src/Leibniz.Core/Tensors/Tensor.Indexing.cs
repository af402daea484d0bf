using System.Numerics;
using Leibniz.Numerics;
using Leibniz.Tensors.Kernels;

namespace Leibniz.Tensors;

public sealed partial class Tensor
{
    /// <summary>Joins tensors along <paramref name="dim"/>; all other sizes must agree. Gradient: the matching slices of g.</summary>
    /// <exception cref="ArgumentException">No tensors, or shapes that disagree outside <paramref name="dim"/>.</exception>
    public static Tensor Cat(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        if (tensors.Count == 0)
        {
            throw new ArgumentException("Cat: needs at least one tensor.", nameof(tensors));
        }
        var first = tensors[0];
        int d = ShapeHelper.NormalizeAxis(dim, first.Rank, nameof(Cat));
        var dtype = first.DType;
        int total = 0;
        for (int i = 0; i < tensors.Count; i++)
        {
            var t = tensors[i];
            dtype = DTypes.Promote(dtype, t.DType);
            if (t.Rank != first.Rank)
            {
                throw new ArgumentException($"Cat: tensor {i} has rank {t.Rank}, tensor 0 rank {first.Rank}.", nameof(tensors));
            }
            for (int k = 0; k < t.Rank; k++)
            {
                if (k != d && t._shape[k] != first._shape[k])
                {
                    throw new ArgumentException(
                        $"Cat: tensor {i} has shape {ShapeHelper.Format(t._shape)}, tensor 0 {ShapeHelper.Format(first._shape)}; they may differ only in dimension {d}.",
                        nameof(tensors));
                }
            }
            total += t._shape[d];
        }
        var shape = (int[])first._shape.Clone();
        shape[d] = total;
        var result = Empty(dtype, shape);
        var pieces = new Tensor[tensors.Count];
        var starts = new int[tensors.Count];
        int offset = 0;
        bool needsGrad = false;
        for (int i = 0; i < tensors.Count; i++)
        {
            pieces[i] = tensors[i].To(dtype);
            starts[i] = offset;
            result.Detach().Narrow(d, offset, pieces[i]._shape[d]).CopyFromRaw(pieces[i]);
            offset += pieces[i]._shape[d];
            needsGrad |= NeedsGrad(pieces[i]);
        }
        result.Jvp(pieces, ts => ts.Any(t => t is not null) ? Cat(ts.Select((t, i) => t ?? ZerosLike(pieces[i])).ToArray(), d) : null);
        if (!needsGrad)
        {
            return result;
        }
        return result.Record(nameof(Cat), pieces, g =>
        {
            var grads = new Tensor?[pieces.Length];
            for (int i = 0; i < pieces.Length; i++)
            {
                grads[i] = pieces[i].RequiresGrad ? g.Narrow(d, starts[i], pieces[i]._shape[d]) : null;
            }
            return grads;
        });
    }

    /// <summary>Stacks equally shaped tensors along a new dimension <paramref name="dim"/>.</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        if (tensors.Count == 0)
        {
            throw new ArgumentException("Stack: needs at least one tensor.", nameof(tensors));
        }
        var expanded = new Tensor[tensors.Count];
        for (int i = 0; i < tensors.Count; i++)
        {
            if (!ShapeHelper.SameShape(tensors[i]._shape, tensors[0]._shape))
            {
                throw new ArgumentException(
                    $"Stack: tensor {i} has shape {ShapeHelper.Format(tensors[i]._shape)}, tensor 0 {ShapeHelper.Format(tensors[0]._shape)}; all must be equal.",
                    nameof(tensors));
            }
            expanded[i] = tensors[i].Unsqueeze(dim);
        }
        return Cat(expanded, dim);
    }

    /// <summary>Views of consecutive pieces of <paramref name="size"/> along <paramref name="dim"/> (the last may be shorter).</summary>
    public Tensor[] Split(int size, int dim = 0)
    {
        if (size <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "Split: the piece size must be positive.");
        }
        int d = ShapeHelper.NormalizeAxis(dim, Rank, nameof(Split));
        var pieces = new List<Tensor>();
        for (int start = 0; start < _shape[d]; start += size)
        {
            pieces.Add(Narrow(d, start, Math.Min(size, _shape[d] - start)));
        }
        return [.. pieces];
    }

    /// <summary>At most <paramref name="chunks"/> nearly equal pieces along <paramref name="dim"/>.</summary>
    public Tensor[] Chunk(int chunks, int dim = 0)
    {
        if (chunks <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(chunks), chunks, "Chunk: the number of chunks must be positive.");
        }
        int d = ShapeHelper.NormalizeAxis(dim, Rank, nameof(Chunk));
        return Split(Math.Max(1, (_shape[d] + chunks - 1) / chunks), d);
    }

    private void RequireIndex(Tensor index, string op)
    {
        if (index.DType is not (DType.Int64 or DType.Int32))
        {
            throw new ArgumentException($"{op}: indices must be an int64 or int32 tensor, got {index.DType.Name()}.", nameof(index));
        }
        if (index.Rank != Rank)
        {
            throw new ArgumentException($"{op}: the index has rank {index.Rank} but the tensor {ShapeHelper.Format(_shape)} has rank {Rank}; they must be equal.", nameof(index));
        }
    }

    /// <summary>
    /// <c>out[i][j][k] = x[i][index[i][j][k]][k]</c> (for dim = 1): picks elements along <paramref name="dim"/>.
    /// The result has the index's shape. Gradient: scatter-add of g into zeros.
    /// </summary>
    public Tensor Gather(int dim, Tensor index)
    {
        int d = ShapeHelper.NormalizeAxis(dim, Rank, nameof(Gather));
        RequireIndex(index, nameof(Gather));
        for (int k = 0; k < Rank; k++)
        {
            if (k != d && index._shape[k] > _shape[k])
            {
                throw new ArgumentException(
                    $"Gather: index shape {ShapeHelper.Format(index._shape)} exceeds the tensor's {ShapeHelper.Format(_shape)} in dimension {k}.", nameof(index));
            }
        }
        var idx = index.To(DType.Int64).Contiguous();
        var x = Contiguous();
        int[] offsets = IndexKernels.TargetOffsets(idx.Data<long>(), idx._offset, idx._shape, _shape, d, nameof(Gather));
        var result = Empty(DType, idx._shape);
        switch (DType)
        {
            case DType.Float32: IndexKernels.Gather(x.Data<float>(), x._offset, offsets, result.Data<float>()); break;
            case DType.Float64: IndexKernels.Gather(x.Data<double>(), x._offset, offsets, result.Data<double>()); break;
            case DType.Int32: IndexKernels.Gather(x.Data<int>(), x._offset, offsets, result.Data<int>()); break;
            case DType.Int64: IndexKernels.Gather(x.Data<long>(), x._offset, offsets, result.Data<long>()); break;
            default: IndexKernels.Gather(x.Data<bool>(), x._offset, offsets, result.Data<bool>()); break;
        }
        return (NeedsGrad(this)
            ? result.Record(nameof(Gather), [this], g => [ZerosLike(this).ScatterAdd(d, idx, g)])
            : result).Jvp(this, t => t.Gather(d, idx));
    }

    /// <summary>
    /// A copy of this tensor with <c>out[i][index[i][j][k]][k] += src[i][j][k]</c> (for dim = 1). Gradients:
    /// <c>g</c> for this tensor, <c>g.Gather(dim, index)</c> for <paramref name="src"/>.
    /// </summary>
    public Tensor ScatterAdd(int dim, Tensor index, Tensor src)
    {
        int d = ShapeHelper.NormalizeAxis(dim, Rank, nameof(ScatterAdd));
        RequireIndex(index, nameof(ScatterAdd));
        if (!ShapeHelper.SameShape(index._shape, src._shape))
        {
            throw new ArgumentException($"ScatterAdd: index shape {ShapeHelper.Format(index._shape)} and source shape {ShapeHelper.Format(src._shape)} must be equal.", nameof(src));
        }
        var self = this;
        (self, src) = Promoted(self, src, nameof(ScatterAdd));
        var idx = index.To(DType.Int64).Contiguous();
        var s = src.Contiguous();
        int[] offsets = IndexKernels.TargetOffsets(idx.Data<long>(), idx._offset, idx._shape, _shape, d, nameof(ScatterAdd));
        Tensor result;
        using (Autograd.GradMode.NoGrad())
        {
            result = self.Clone();
        }
        switch (result.DType)
        {
            case DType.Float32: IndexKernels.ScatterAdd(result.Data<float>(), offsets, s.Data<float>(), s._offset); break;
            case DType.Float64: IndexKernels.ScatterAdd(result.Data<double>(), offsets, s.Data<double>(), s._offset); break;
            case DType.Int32: IndexKernels.ScatterAdd(result.Data<int>(), offsets, s.Data<int>(), s._offset); break;
            default: IndexKernels.ScatterAdd(result.Data<long>(), offsets, s.Data<long>(), s._offset); break;
        }
        result.Jvp(self, src, (ts, tsrc) => tsrc is null ? ts : (ts ?? ZerosLike(self)).ScatterAdd(d, idx, tsrc));
        if (!NeedsGrad(self, src))
        {
            return result;
        }
        return result.Record(nameof(ScatterAdd), [self, src], g => [g, src.RequiresGrad ? g.Gather(d, idx) : null]);
    }

    /// <summary>
    /// The slices at <paramref name="indices"/> (a 1-D integer tensor) along <paramref name="dim"/>, in that order.
    /// Gradient: <c>IndexAdd</c> of g into zeros.
    /// </summary>
    public Tensor IndexSelect(int dim, Tensor indices)
    {
        int d = ShapeHelper.NormalizeAxis(dim, Rank, nameof(IndexSelect));
        var idx = CheckIndexVector(indices, d, nameof(IndexSelect));
        var result = d == 0 ? SelectRows(idx) : Detach().Gather(d, ExpandIndex(idx, d, _shape));
        return (NeedsGrad(this)
            ? result.Record(nameof(IndexSelect), [this], g => [ZerosLike(this).IndexAdd(d, idx, g)])
            : result).Jvp(this, t => t.IndexSelect(d, idx));
    }

    /// <summary>Rows of this tensor (along dimension 0) copied in the order of <paramref name="idx"/>.</summary>
    private Tensor SelectRows(Tensor idx)
    {
        var x = Contiguous();
        var c = idx.Contiguous();
        long[] rows = c.Data<long>();
        int rowLength = Rank == 0 ? 1 : Numel / Math.Max(1, _shape[0]);
        var shape = (int[])_shape.Clone();
        shape[0] = idx.Numel;
        var result = Empty(DType, shape);
        for (int i = 0; i < idx.Numel; i++)
        {
            long r = rows[c._offset + i];
            if (r < 0 || r >= _shape[0])
            {
                throw new ArgumentOutOfRangeException(nameof(idx), r, $"IndexSelect: index {r} is out of range for dimension 0 of size {_shape[0]}.");
            }
            Array.Copy(x._storage.Data, x._offset + (int)r * rowLength, result._storage.Data, i * rowLength, rowLength);
        }
        return result;
    }

    /// <summary>
    /// A copy with <c>out.Select(dim, indices[i]) += src.Select(dim, i)</c> for every i. Gradients: g, and
    /// <c>g.IndexSelect(dim, indices)</c> for <paramref name="src"/>.
    /// </summary>
    public Tensor IndexAdd(int dim, Tensor indices, Tensor src)
    {
        int d = ShapeHelper.NormalizeAxis(dim, Rank, nameof(IndexAdd));
        var idx = CheckIndexVector(indices, d, nameof(IndexAdd));
        if (src.Rank != Rank || src._shape[d] != idx.Numel)
        {
            throw new ArgumentException(
                $"IndexAdd: the source {ShapeHelper.Format(src._shape)} must have rank {Rank} and {idx.Numel} entries along dimension {d}.", nameof(src));
        }
        var index = ExpandIndex(idx, d, src._shape);
        var self = this;
        (self, src) = Promoted(self, src, nameof(IndexAdd));
        var result = self.Detach().ScatterAdd(d, index, src.Detach());
        result.Jvp(self, src, (ts, tsrc) => tsrc is null ? ts : (ts ?? ZerosLike(self)).IndexAdd(d, idx, tsrc));
        if (!NeedsGrad(self, src))
        {
            return result;
        }
        return result.Record(nameof(IndexAdd), [self, src], g => [g, src.RequiresGrad ? g.IndexSelect(d, idx) : null]);
    }

    private Tensor CheckIndexVector(Tensor indices, int dim, string op)
    {
        if (indices.Rank != 1 || indices.DType is not (DType.Int64 or DType.Int32))
        {
            throw new ArgumentException($"{op}: indices must be a 1-D int64 or int32 tensor, got {indices.DType.Name()} of shape {ShapeHelper.Format(indices._shape)}.", nameof(indices));
        }
        return indices.To(DType.Int64);
    }

    /// <summary>The 1-D index broadcast to a full index tensor over <paramref name="shape"/> with idx.Numel along dim.</summary>
    private static Tensor ExpandIndex(Tensor idx, int dim, int[] shape)
    {
        var view = new int[shape.Length];
        var target = (int[])shape.Clone();
        for (int i = 0; i < shape.Length; i++)
        {
            view[i] = i == dim ? idx.Numel : 1;
        }
        target[dim] = idx.Numel;
        return idx.Reshape(view).Expand(target).Contiguous();
    }

    /// <summary>
    /// One-hot encoding of an integer tensor: a new last dimension of size <paramref name="classes"/> with 1 at
    /// each label.
    /// </summary>
    public Tensor OneHot(int classes, DType dtype = DefaultDType)
    {
        if (DType is not (DType.Int64 or DType.Int32))
        {
            throw new InvalidOperationException($"OneHot: labels must be int64 or int32, got {DType.Name()}.");
        }
        var labels = To(DType.Int64).Contiguous();
        var shape = new int[Rank + 1];
        _shape.CopyTo(shape, 0);
        shape[Rank] = classes;
        var values = new double[Numel * classes];
        var l = labels.Data<long>();
        for (int i = 0; i < Numel; i++)
        {
            long c = l[labels._offset + i];
            if (c < 0 || c >= classes)
            {
                throw new ArgumentOutOfRangeException(nameof(classes), c, $"OneHot: label {c} is outside [0, {classes}).");
            }
            values[i * classes + c] = 1;
        }
        return FromDoubles(values, shape, dtype);
    }

    /// <summary>
    /// Inverted dropout: each element is zeroed with probability p and the rest scaled by 1/(1 − p), so the
    /// expectation is unchanged. Gradient: g times the same mask.
    /// </summary>
    public Tensor Dropout(double p, Generator generator)
    {
        if (!(p >= 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout: p must lie in [0, 1).");
        }
        if (p == 0)
        {
            return this;
        }
        var mask = Bernoulli(generator, 1 - p, _shape, DType) * (1.0 / (1 - p));
        return this * mask;
    }

    private void RequireWritable(string op)
    {
        if (RequiresGrad && IsLeaf && Autograd.GradMode.IsEnabled)
        {
            throw new InvalidOperationException(
                $"{op}: a leaf tensor that requires gradients cannot be changed in place while gradients are recorded; do it inside 'using (GradMode.NoGrad())'.");
        }
    }

    /// <summary>In place: <c>this += alpha · other</c> (broadcast). Not recorded; bumps the version.</summary>
    public Tensor AddInPlace(Tensor other, double alpha = 1.0)
    {
        RequireWritable(nameof(AddInPlace));
        var o = other.DType == DType ? other : other.To(DType);
        if (IsContiguous && o.IsContiguous && ShapeHelper.SameShape(_shape, o._shape) && DType.IsFloating())
        {
            if (DType == DType.Float32)
            {
                var d = Data<float>().AsSpan(_offset, Numel);
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(o.Data<float>().AsSpan(o._offset, Numel), (float)alpha, d, d);
            }
            else
            {
                var d = Data<double>().AsSpan(_offset, Numel);
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(o.Data<double>().AsSpan(o._offset, Numel), alpha, d, d);
            }
        }
        else
        {
            Tensor sum;
            using (Autograd.GradMode.NoGrad())
            {
                sum = Detach() + o.Detach() * alpha;
            }
            CopyFromRaw(sum);
        }
        _storage.BumpVersion();
        return this;
    }

    /// <summary>In place: <c>this *= factor</c>. Not recorded; bumps the version.</summary>
    public Tensor MulInPlace(double factor)
    {
        RequireWritable(nameof(MulInPlace));
        Tensor product;
        using (Autograd.GradMode.NoGrad())
        {
            product = Detach() * factor;
        }
        CopyFromRaw(product);
        _storage.BumpVersion();
        return this;
    }

    /// <summary>In place: copies <paramref name="source"/> (broadcast, converted) into this tensor. Not recorded.</summary>
    public Tensor CopyFrom(Tensor source)
    {
        RequireWritable(nameof(CopyFrom));
        ShapeHelper.Broadcast(_shape, source._shape, nameof(CopyFrom));
        CopyFromRaw(source.Detach());
        _storage.BumpVersion();
        return this;
    }

    /// <summary>In place: sets every element to <paramref name="value"/>. Not recorded.</summary>
    public Tensor Fill(double value) => CopyFrom(Scalar(value, DType));
}
