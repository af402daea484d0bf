namespace Leibniz.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// The elements of a contiguous tensor in row-major order, read-only and without a copy: the span covers
    /// <c>storage[offset .. offset + Numel)</c>. For kernels of your own (see <see cref="Autograd.CustomOp"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> does not match <see cref="DType"/>, or the
    /// tensor is not contiguous (call <see cref="Contiguous"/> first).</exception>
    public ReadOnlySpan<T> AsReadOnlySpan<T>() => SpanOf<T>(nameof(AsReadOnlySpan));

    /// <summary>
    /// The elements of a contiguous tensor in row-major order, writable and without a copy. Calling this bumps the
    /// storage's version counter, so a backward pass that saved this tensor (or a view of its storage) before the
    /// write refuses to use the changed values instead of computing a wrong gradient. Write under
    /// <see cref="Autograd.GradMode.NoGrad"/> when the tensor is a parameter.
    /// </summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> does not match <see cref="DType"/>, or the
    /// tensor is not contiguous (call <see cref="Contiguous"/> first, and write into that copy).</exception>
    public Span<T> AsSpan<T>()
    {
        var span = SpanOf<T>(nameof(AsSpan));
        _storage.BumpVersion();
        return span;
    }

    /// <summary>How many times the storage behind this tensor has been changed in place.</summary>
    public int Version => _storage.Version;

    private Span<T> SpanOf<T>(string caller)
    {
        if (DTypes.Of<T>() != DType)
        {
            throw new InvalidOperationException($"{caller}<{typeof(T).Name}>: the tensor is {DType.Name()}; ask for the matching element type or convert with .To(...).");
        }
        if (!IsContiguous)
        {
            throw new InvalidOperationException(
                $"{caller}: the tensor of shape {ShapeHelper.Format(_shape)} with strides {ShapeHelper.Format(_strides)} is not contiguous; call .Contiguous() first.");
        }
        return ((T[])_storage.Data).AsSpan(_offset, Numel);
    }
}
