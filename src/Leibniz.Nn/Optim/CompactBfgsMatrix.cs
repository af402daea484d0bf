using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

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

    /// <summary>Pairs held (k ≤ m).</summary>
    public int Count => _s.Count;

    /// <summary>The scaling θ of B₀ = θI.</summary>
    public double Theta { get; private set; } = 1;

    /// <summary>M, the 2k × 2k middle matrix (row-major), recomputed by <see cref="Add"/>.</summary>
    public double[,] Middle { get; private set; } = new double[0, 0];

    /// <summary>Forgets every pair (B = I again).</summary>
    public void Clear()
    {
        _s.Clear();
        _y.Clear();
        Theta = 1;
        Middle = new double[0, 0];
    }

    /// <summary>
    /// Adds the pair (s, y), dropping the oldest beyond m; the caller has checked sᵀy &gt; 0. The inner products
    /// sᵢᵀs_j and sᵢᵀy_j are kept between calls, so an update costs 3k inner products of length n, not k².
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
        int k = _s.Count, last = k - 1;
        for (int j = 0; j < k; j++)
        {
            _ss[last, j] = _ss[j, last] = Dot(s, _s[j]);
            _sy[last, j] = Dot(s, _y[j]);
            _sy[j, last] = Dot(_s[j], y);
        }
        Theta = Dot(y, y) / _sy[last, last];
        var middle = Matrix<double>.Build.Dense(2 * k, 2 * k);
        for (int i = 0; i < k; i++)
        {
            middle[i, i] = -_sy[i, i];
            for (int j = 0; j < i; j++)
            {
                middle[k + i, j] = _sy[i, j];
                middle[j, k + i] = _sy[i, j];
            }
            for (int j = 0; j < k; j++)
            {
                middle[k + i, k + j] = Theta * _ss[i, j];
            }
        }
        Middle = middle.Inverse().ToArray();
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

    /// <summary>M v.</summary>
    public double[] MiddleTimes(double[] v)
    {
        var m = Middle;
        int size = v.Length;
        var r = new double[size];
        for (int i = 0; i < size; i++)
        {
            double sum = 0;
            for (int j = 0; j < size; j++)
            {
                sum += m[i, j] * v[j];
            }
            r[i] = sum;
        }
        return r;
    }

    private static double Dot(double[] a, double[] b) => TensorPrimitives.Dot<double>(a, b);
}
