using System.Numerics.Tensors;
using Leibniz.Numerics;

namespace Leibniz.Optim;

/// <summary>
/// The limited-memory BFGS matrix in compact form (Byrd, Nocedal &amp; Schnabel 1994, Theorem 2.3):
/// <c>B = θI − W M Wᵀ</c> with <c>W = [Y  θS]</c> (n × 2k, the last k pairs as columns, oldest first) and
/// <c>M = [[−D, Lᵀ], [L, θ SᵀS]]⁻¹</c>, where <c>D = diag(sᵢᵀyᵢ)</c>, <c>L</c> is the strictly lower triangle of
/// <c>SᵀY</c> (<c>L_ij = sᵢᵀy_j</c> for i &gt; j) and <c>θ = yᵀy / sᵀy</c> of the newest pair. With no pairs, B = I.
/// M is not formed: with the Cholesky factor J of <c>JJᵀ = θSᵀS + LD⁻¹Lᵀ</c> (k × k, positive definite), M's inverse
/// factors as <c>[[D^½, 0], [−LD^−½, J]] · [[−D^½, D^−½Lᵀ], [0, Jᵀ]]</c>, so that for v = (v₁, v₂)
/// <c>M v = (D⁻¹(Lᵀq − v₁), q)</c> with <c>q = J⁻ᵀJ⁻¹(v₂ + LD⁻¹v₁)</c> (Byrd, Lu, Nocedal &amp; Zhu 1995, the Fortran
/// code's formt and bmv): k³/6 work per update instead of inverting a 2k × 2k matrix, and better conditioned.
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

    /// <summary>J, the lower Cholesky factor of θSᵀS + LD⁻¹Lᵀ (k × k, row-major), recomputed by <see cref="Add"/>.</summary>
    private double[] _factor = [];

    /// <summary>Forgets every pair (B = I again).</summary>
    public void Clear()
    {
        _s.Clear();
        _y.Clear();
        Theta = 1;
        _factor = [];
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
        // θSᵀS + LD⁻¹Lᵀ: entry (i, j) adds Σ_{l < min(i, j)} (sᵢᵀy_l)(s_jᵀy_l)/(s_lᵀy_l).
        var t = new double[k * k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = Theta * _ss[i, j];
                for (int l = 0; l < j; l++)
                {
                    sum += _sy[i, l] * _sy[j, l] / _sy[l, l];
                }
                t[i * k + j] = t[j * k + i] = sum;
            }
        }
        if (Cholesky(t, k) is { } factor)
        {
            _factor = factor;
        }
        else
        {
            Clear();
        }
    }

    /// <summary>M⁻¹ = [[−D, Lᵀ], [L, θSᵀS]] (2k × 2k, row-major, a new array).</summary>
    public double[] MiddleInverse()
    {
        int k = _s.Count, size = 2 * k;
        var inverse = new double[size * size];
        for (int i = 0; i < k; i++)
        {
            inverse[i * size + i] = -_sy[i, i];
            for (int j = 0; j < i; j++)
            {
                inverse[(k + i) * size + j] = _sy[i, j];
                inverse[j * size + k + i] = _sy[i, j];
            }
            for (int j = 0; j < k; j++)
            {
                inverse[(k + i) * size + k + j] = Theta * _ss[i, j];
            }
        }
        return inverse;
    }

    /// <summary>The lower triangular J with JJᵀ = A (k × k, row-major); null when A is not positive definite to working precision.</summary>
    private static double[]? Cholesky(double[] a, int k)
    {
        var j = new double[k * k];
        for (int r = 0; r < k; r++)
        {
            for (int c = 0; c <= r; c++)
            {
                double sum = a[r * k + c];
                for (int l = 0; l < c; l++)
                {
                    sum -= j[r * k + l] * j[c * k + l];
                }
                if (r == c)
                {
                    if (!(sum > 0))
                    {
                        return null;
                    }
                    j[r * k + r] = Math.Sqrt(sum);
                }
                else
                {
                    j[r * k + c] = sum / j[c * k + c];
                }
            }
        }
        return j;
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

    /// <summary>result = M v, by the factorisation in the class summary (v and result of length 2k, distinct).</summary>
    public void MiddleTimes(ReadOnlySpan<double> v, Span<double> result)
    {
        int k = _s.Count;
        var v1 = v[..k];
        var p = result[..k];
        var q = result[k..];
        // q = v₂ + LD⁻¹v₁, then J⁻¹ (forward) and J⁻ᵀ (backward) in place.
        for (int i = 0; i < k; i++)
        {
            double sum = v[k + i];
            for (int l = 0; l < i; l++)
            {
                sum += _sy[i, l] * v1[l] / _sy[l, l];
            }
            q[i] = sum;
        }
        for (int i = 0; i < k; i++)
        {
            double sum = q[i];
            for (int l = 0; l < i; l++)
            {
                sum -= _factor[i * k + l] * q[l];
            }
            q[i] = sum / _factor[i * k + i];
        }
        for (int i = k - 1; i >= 0; i--)
        {
            double sum = q[i];
            for (int l = i + 1; l < k; l++)
            {
                sum -= _factor[l * k + i] * q[l];
            }
            q[i] = sum / _factor[i * k + i];
        }
        // p = D⁻¹(Lᵀq − v₁), (Lᵀq)ᵢ = Σ_{j > i} (s_jᵀyᵢ) q_j.
        for (int i = 0; i < k; i++)
        {
            double sum = -v1[i];
            for (int j = i + 1; j < k; j++)
            {
                sum += _sy[j, i] * q[j];
            }
            p[i] = sum / _sy[i, i];
        }
    }

    private static double Dot(double[] a, double[] b) => TensorPrimitives.Dot<double>(a, b);
}
