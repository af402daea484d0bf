namespace Leibniz.Tensors.Kernels;

/// <summary>
/// Walks the outer dimensions of up to three strided operands over one shape, so that callers handle the
/// innermost dimension as a span. Adjacent dimensions that are contiguous in every operand are merged first,
/// which makes the inner loop as long as possible.
/// </summary>
internal struct StridedIndex
{
    private readonly int[] _shape;
    private readonly int[][] _strides;
    private readonly int[] _index;

    public StridedIndex(ReadOnlySpan<int> shape, params int[][] strides)
    {
        (_shape, _strides) = Coalesce(shape, strides);
        int rank = _shape.Length;
        Inner = rank == 0 ? 1 : _shape[rank - 1];
        InnerStrides = new int[strides.Length];
        for (int k = 0; k < strides.Length; k++)
        {
            InnerStrides[k] = rank == 0 ? 0 : _strides[k][rank - 1];
        }
        long outer = 1;
        for (int i = 0; i < rank - 1; i++)
        {
            outer *= _shape[i];
        }
        Outer = (int)outer;
        _index = new int[Math.Max(rank - 1, 0)];
    }

    /// <summary>Length of the innermost (merged) dimension.</summary>
    public int Inner { get; }

    /// <summary>Number of inner rows.</summary>
    public int Outer { get; }

    /// <summary>Stride of each operand along the innermost dimension.</summary>
    public int[] InnerStrides { get; }

    /// <summary>Advances <paramref name="offsets"/> from one outer row to the next.</summary>
    public readonly void Next(Span<int> offsets)
    {
        for (int d = _shape.Length - 2; d >= 0; d--)
        {
            _index[d]++;
            for (int k = 0; k < _strides.Length; k++)
            {
                offsets[k] += _strides[k][d];
            }
            if (_index[d] < _shape[d])
            {
                return;
            }
            for (int k = 0; k < _strides.Length; k++)
            {
                offsets[k] -= _strides[k][d] * _shape[d];
            }
            _index[d] = 0;
        }
    }

    private static (int[] Shape, int[][] Strides) Coalesce(ReadOnlySpan<int> shape, int[][] strides)
    {
        var dims = new List<int>();
        var st = new List<int>[strides.Length];
        for (int k = 0; k < strides.Length; k++)
        {
            st[k] = [];
        }
        for (int d = 0; d < shape.Length; d++)
        {
            if (shape[d] == 1)
            {
                continue;
            }
            int last = dims.Count - 1;
            bool merge = last >= 0;
            for (int k = 0; k < strides.Length && merge; k++)
            {
                merge = st[k][last] == strides[k][d] * shape[d];
            }
            if (merge)
            {
                dims[last] *= shape[d];
                for (int k = 0; k < strides.Length; k++)
                {
                    st[k][last] = strides[k][d];
                }
            }
            else
            {
                dims.Add(shape[d]);
                for (int k = 0; k < strides.Length; k++)
                {
                    st[k].Add(strides[k][d]);
                }
            }
        }
        if (dims.Count == 0)
        {
            dims.Add(1);
            for (int k = 0; k < strides.Length; k++)
            {
                st[k].Add(0);
            }
        }
        var result = new int[strides.Length][];
        for (int k = 0; k < strides.Length; k++)
        {
            result[k] = [.. st[k]];
        }
        return ([.. dims], result);
    }
}
