using System.Numerics.Tensors;

namespace Leibniz.Optim;

/// <summary>
/// <c>WᵀZZᵀW</c> of L-BFGS-B's subspace step (W = [Y θS], Z the free variables), kept between iterations as the
/// Fortran code's <c>formk</c> keeps it: from one iteration to the next the free set F and the pairs change little,
/// so the blocks <c>YᵀY_F</c>, <c>SᵀY_F</c> and <c>SᵀS_F</c> (sums over F) are updated — the pairs that stayed by
/// adding the outer products of the variables that became free and subtracting those of the variables that stopped
/// being free, a new pair by its inner products over F — instead of recomputed, 4k inner products of length |F| per
/// iteration instead of 2k² + k. When more changed than that saves, the blocks are recomputed. The rounding of the
/// updates cannot build up: an entry is recomputed when its pair arrives and the pair leaves after m iterations.
/// </summary>
internal sealed class FreeSetGram(int variables, int capacity)
{
    private bool[] _free = new bool[variables];
    private bool[] _next = new bool[variables];
    private readonly double[,] _yy = new double[capacity, capacity];
    private readonly double[,] _sy = new double[capacity, capacity];
    private readonly double[,] _ss = new double[capacity, capacity];
    private int _count = -1;
    private int _added;
    private int _generation;

    /// <summary>
    /// WᵀZZᵀW (2k × 2k, row-major) for the free variables <paramref name="free"/> (the first <paramref name="nf"/>),
    /// with <paramref name="block"/> the pairs restricted to them (<see cref="CompactBfgsMatrix.GatherRows"/>).
    /// </summary>
    public double[] Compute(CompactBfgsMatrix memory, int[] free, int nf, double[] block)
    {
        int k = memory.Count;
        Array.Clear(_next);
        for (int a = 0; a < nf; a++)
        {
            _next[free[a]] = true;
        }
        int retained = Retained(memory);
        if (retained > 0)
        {
            Shift(_count - retained, retained);
            retained = UpdateFreeSet(memory, retained, nf);
        }
        for (int p = retained; p < k; p++)
        {
            var yp = block.AsSpan(p * nf, nf);
            var sp = block.AsSpan((k + p) * nf, nf);
            for (int q = 0; q <= p; q++)
            {
                var yq = block.AsSpan(q * nf, nf);
                var sq = block.AsSpan((k + q) * nf, nf);
                _yy[p, q] = _yy[q, p] = TensorPrimitives.Dot<double>(yp, yq);
                _ss[p, q] = _ss[q, p] = TensorPrimitives.Dot<double>(sp, sq);
                _sy[p, q] = TensorPrimitives.Dot<double>(sp, yq);
                _sy[q, p] = TensorPrimitives.Dot<double>(sq, yp);
            }
        }
        (_free, _next) = (_next, _free);
        (_count, _added, _generation) = (k, memory.Added, memory.Generation);
        return Assemble(k, memory.Theta);
    }

    /// <summary>How many of the pairs the blocks were last computed for are still held (the oldest of those dropped).</summary>
    private int Retained(CompactBfgsMatrix memory)
    {
        if (_count <= 0 || memory.Generation != _generation)
        {
            return 0;
        }
        int appended = memory.Added - _added;
        return Math.Max(0, Math.Min(_count, memory.Count - appended));
    }

    /// <summary>Moves the blocks of the retained pairs (old indices dropped … dropped + retained − 1) to the front.</summary>
    private void Shift(int dropped, int retained)
    {
        if (dropped == 0)
        {
            return;
        }
        for (int p = 0; p < retained; p++)
        {
            for (int q = 0; q < retained; q++)
            {
                _yy[p, q] = _yy[p + dropped, q + dropped];
                _sy[p, q] = _sy[p + dropped, q + dropped];
                _ss[p, q] = _ss[p + dropped, q + dropped];
            }
        }
    }

    /// <summary>
    /// Adds the outer products of the variables that entered F and subtracts those of the variables that left it, on
    /// the retained pairs' blocks; returns the number of pairs whose blocks are now right (0 when recomputing is cheaper).
    /// </summary>
    private int UpdateFreeSet(CompactBfgsMatrix memory, int retained, int nf)
    {
        int changes = 0;
        for (int i = 0; i < _next.Length; i++)
        {
            changes += _next[i] != _free[i] ? 1 : 0;
        }
        // Each change costs 3r² multiply-adds; recomputing r pairs' blocks costs about 2r²·nf.
        if (changes * 3 >= 2 * nf)
        {
            return 0;
        }
        Span<double> y = stackalloc double[retained];
        Span<double> s = stackalloc double[retained];
        for (int i = 0; i < _next.Length; i++)
        {
            if (_next[i] == _free[i])
            {
                continue;
            }
            for (int p = 0; p < retained; p++)
            {
                (y[p], s[p]) = (memory.Y(p)[i], memory.S(p)[i]);
            }
            double sign = _next[i] ? 1 : -1;
            for (int p = 0; p < retained; p++)
            {
                double yp = sign * y[p], sp = sign * s[p];
                for (int q = 0; q < retained; q++)
                {
                    _yy[p, q] += yp * y[q];
                    _sy[p, q] += sp * y[q];
                    _ss[p, q] += sp * s[q];
                }
            }
        }
        return retained;
    }

    /// <summary>WᵀZZᵀW = [[YᵀY_F, θ YᵀS_F], [θ SᵀY_F, θ² SᵀS_F]].</summary>
    private double[] Assemble(int k, double theta)
    {
        int size = 2 * k;
        var gram = new double[size * size];
        for (int p = 0; p < k; p++)
        {
            for (int q = 0; q < k; q++)
            {
                gram[p * size + q] = _yy[p, q];
                gram[p * size + k + q] = theta * _sy[q, p];
                gram[(k + p) * size + q] = theta * _sy[p, q];
                gram[(k + p) * size + k + q] = theta * theta * _ss[p, q];
            }
        }
        return gram;
    }
}
