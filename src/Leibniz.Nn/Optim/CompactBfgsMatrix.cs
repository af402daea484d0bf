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

    /// <summary>Adds the pair (s, y), dropping the oldest beyond m; the caller has checked sᵀy &gt; 0.</summary>
    public void Add(double[] s, double[] y)
    {
        _s.Add(s);
        _y.Add(y);
        if (_s.Count > capacity)
        {
            _s.RemoveAt(0);
            _y.RemoveAt(0);
        }
        double sy = Dot(s, y);
        Theta = Dot(y, y) / sy;
        int k = _s.Count;
        var middle = Matrix<double>.Build.Dense(2 * k, 2 * k);
        for (int i = 0; i < k; i++)
        {
            middle[i, i] = -Dot(_s[i], _y[i]);
            for (int j = 0; j < i; j++)
            {
                double l = Dot(_s[i], _y[j]);
                middle[k + i, j] = l;
                middle[j, k + i] = l;
            }
            for (int j = 0; j < k; j++)
            {
                middle[k + i, k + j] = Theta * Dot(_s[i], _s[j]);
            }
        }
        Middle = middle.Inverse().ToArray();
    }

    /// <summary>Row i of W: (y₁ᵢ, …, y_kᵢ, θs₁ᵢ, …, θs_kᵢ).</summary>
    public double[] Row(int i)
    {
        int k = _s.Count;
        var row = new double[2 * k];
        for (int j = 0; j < k; j++)
        {
            row[j] = _y[j][i];
            row[k + j] = Theta * _s[j][i];
        }
        return row;
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

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
