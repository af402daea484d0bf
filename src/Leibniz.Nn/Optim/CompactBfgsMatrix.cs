using System.Numerics.Tensors;
using Leibniz.Numerics;

namespace Leibniz.Optim;

/// <summary>
/// The limited-memory BFGS matrix in compact form (Byrd, Nocedal &amp; Schnabel 1994, Theorem 2.3):
/// <c>B = θI − W M Wᵀ</c> with <c>W = [Y  θS]</c> (n × 2k, the last k pairs as columns, oldest first) and
/// <c>M = [[−D, Lᵀ], [L, θ SᵀS]]⁻¹</c>, where <c>D = diag(sᵢᵀyᵢ)</c>, <c>L</c> is the strictly lower triangle of
/// <c>SᵀY</c> (<c>L_ij = sᵢᵀy_j</c> for i &gt; j) and <c>θ = yᵀy / sᵀy</c> of the newest pair. With no pairs, B = I.
/// </summary>
internal sealed class CompactBfgsMatrix(int capacity)
{
    private readonly List<double[]> _s = [];
    private readonly List<double[]> _y = [];
    private readonly double[,] _ss = new double[capacity, capacity];
    private readonly double[,] _sy = new double[capacity, capacity];
    private double[] _gathered = [];

    /// <summary>Pairs held (k ≤ m).</summary>
    public int Count => _s.Count;

    /// <summary>Pairs added since the last <see cref="Clear"/>, dropped ones included.</summary>
    public int Added { get; private set; }

    /// <summary>How many times the pairs were forgotten (<see cref="Clear"/>).</summary>
    public int Generation { get; private set; }

    /// <summary>s of pair j (oldest first).</summary>
    public double[] S(int j) => _s[j];

    /// <summary>y of pair j (oldest first).</summary>
    public double[] Y(int j) => _y[j];

    /// <summary>The scaling θ of B₀ = θI.</summary>
    public double Theta { get; private set; } = 1;

    /// <summary>M, the 2k × 2k middle matrix (row-major), recomputed by <see cref="Add"/>.</summary>
    public double[] Middle { get; private set; } = [];

    /// <summary>Forgets every pair (B = I again).</summary>
    public void Clear()
    {
        _s.Clear();
        _y.Clear();
        Theta = 1;
        Middle = [];
        Added = 0;
        Generation++;
    }

    /// <summary>
    /// Adds the pair (s, y), dropping the oldest beyond m; the caller has checked sᵀy &gt; 0. The inner products
    /// sᵢᵀs_j and sᵢᵀy_j are kept between calls, so an update costs 3k inner products of length n, not k². Should
    /// M's inverse be singular to working precision, every pair is forgotten (B = I).
    /// </summary>
    public void Add(double[] s, double[] y)
    {
        if (_s.Count == capacity)
        {
            _s.RemoveAt(0);
            _y.RemoveAt(0);
            for (int i = 1; i < capacity; i++)
            {
                for (int j = 1; j < capacity; j++)
                {
                    _ss[i - 1, j - 1] = _ss[i, j];
                    _sy[i - 1, j - 1] = _sy[i, j];
                }
            }
        }
        _s.Add(s);
        _y.Add(y);
        Added++;
        int k = _s.Count, last = k - 1;
        for (int j = 0; j < k; j++)
        {
            _ss[last, j] = _ss[j, last] = Dot(s, _s[j]);
            _sy[last, j] = Dot(s, _y[j]);
            _sy[j, last] = Dot(_s[j], y);
        }
        Theta = Dot(y, y) / _sy[last, last];
        int size = 2 * k;
        var middle = new double[size * size];
        for (int i = 0; i < k; i++)
        {
            middle[i * size + i] = -_sy[i, i];
            for (int j = 0; j < i; j++)
            {
                middle[(k + i) * size + j] = _sy[i, j];
                middle[j * size + k + i] = _sy[i, j];
            }
            for (int j = 0; j < k; j++)
            {
                middle[(k + i) * size + k + j] = Theta * _ss[i, j];
            }
        }
        if (SquareMatrix.Invert(middle, size) is var (inverse, _))
        {
            Middle = inverse;
        }
        else
        {
            Clear();
        }
    }

    /// <summary>Writes row i of W, (y₁ᵢ, …, y_kᵢ, θs₁ᵢ, …, θs_kᵢ), into <paramref name="row"/> (length 2k).</summary>
    public void CopyRow(int i, Span<double> row)
    {
        int k = _s.Count;
        for (int j = 0; j < k; j++)
        {
            row[j] = _y[j][i];
            row[k + j] = Theta * _s[j][i];
        }
    }

    /// <summary>Wᵀv = (Yᵀv, θSᵀv).</summary>
    public double[] TransposeTimes(double[] v)
    {
        int k = _s.Count;
        var r = new double[2 * k];
        for (int j = 0; j < k; j++)
        {
            r[j] = Dot(_y[j], v);
            r[k + j] = Theta * Dot(_s[j], v);
        }
        return r;
    }

    /// <summary>
    /// The entries <paramref name="rows"/> (the first <paramref name="count"/>) of every y and s as the rows of a
    /// 2k × count row-major block: row j &lt; k is y_j, row k + j is s_j (unscaled: W's column k + j is θ times it),
    /// each restricted to those entries. The block is this matrix's scratch memory, overwritten by the next call.
    /// </summary>
    public double[] GatherRows(int[] rows, int count)
    {
        int k = _s.Count;
        if (_gathered.Length < 2 * k * count)
        {
            _gathered = new double[2 * k * count];
        }
        var block = _gathered;
        for (int j = 0; j < k; j++)
        {
            var y = _y[j];
            var s = _s[j];
            int yStart = j * count, sStart = (k + j) * count;
            for (int a = 0; a < count; a++)
            {
                int i = rows[a];
                block[yStart + a] = y[i];
                block[sStart + a] = s[i];
            }
        }
        return block;
    }

    /// <summary>M v.</summary>
    public double[] MiddleTimes(double[] v)
    {
        var r = new double[v.Length];
        MiddleTimes(v, r);
        return r;
    }

    /// <summary>result = M v.</summary>
    public void MiddleTimes(ReadOnlySpan<double> v, Span<double> result)
    {
        int size = v.Length;
        var m = Middle.AsSpan();
        for (int i = 0; i < size; i++)
        {
            result[i] = TensorPrimitives.Dot(m.Slice(i * size, size), v);
        }
    }

    private static double Dot(double[] a, double[] b) => TensorPrimitives.Dot<double>(a, b);
}
