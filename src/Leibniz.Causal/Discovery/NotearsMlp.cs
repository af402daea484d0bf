using Leibniz.Autograd;
using Leibniz.Causal.Graphs;
using Leibniz.Numerics;
using Leibniz.Optim;
using Leibniz.Tensors;

namespace Leibniz.Causal.Discovery;

/// <summary>Settings of <see cref="NotearsMlp"/> (the reference code's <c>notears_nonlinear</c> example).</summary>
public sealed record NotearsMlpOptions
{
    /// <summary>Hidden units m₁ of each variable's network.</summary>
    public int Hidden { get; init; } = 10;

    /// <summary>λ₁ of the L1 penalty on the first layer's weights.</summary>
    public double Lambda1 { get; init; } = 0.01;

    /// <summary>λ₂ of the L2 penalty on all weights.</summary>
    public double Lambda2 { get; init; } = 0.01;

    /// <summary>Most dual-ascent steps.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Stop once h ≤ this.</summary>
    public double HTolerance { get; init; } = 1e-8;

    /// <summary>Stop once the penalty ρ reaches this.</summary>
    public double RhoMax { get; init; } = 1e16;

    /// <summary>Edges whose first-layer weight norm is below this are dropped.</summary>
    public double Threshold { get; init; } = 0.3;
}

/// <summary>
/// NOTEARS with a neural network per variable (Zheng, Dan, Aragam, Ravikumar &amp; Xing 2020, "Learning sparse
/// nonparametric DAGs"): X̂_j = MLP_j(X), the first layer shared in shape, <c>[n, d] → [n, d·m₁]</c> with weights
/// <c>W¹ = W¹₊ − W¹₋</c> (W¹₊, W¹₋ ≥ 0, zero on the blocks from X_j to its own network), a sigmoid, then one
/// locally connected layer per variable to one output. The dependence of X_j on X_i is measured by
/// <c>A[i, j] = Σ_m (W¹[j·m₁ + m, i])²</c>, and acyclicity is <c>h = tr(e^A) − d</c> (so ∂h/∂A = (e^A)ᵀ). Objective:
/// <c>½n⁻¹‖X − X̂‖² + ½ρh² + αh + ½λ₂‖weights‖² + λ₁ Σ(W¹₊ + W¹₋)</c>, by the augmented Lagrangian of the linear
/// version with bound-constrained L-BFGS on every subproblem; the estimate is √A thresholded. The data are used as
/// given (not centred), as in the reference code.
/// </summary>
public static class NotearsMlp
{
    /// <summary>Estimates a DAG from samples X [n, d], with what is known beforehand (none by default).</summary>
    /// <exception cref="ArgumentException">X has fewer than two rows or no columns, or the knowledge is about another number of variables.</exception>
    public static NotearsResult Fit(double[,] samples, Generator generator, NotearsMlpOptions? options = null, BackgroundKnowledge? knowledge = null)
    {
        var o = options ?? new NotearsMlpOptions();
        int n = samples.GetLength(0), d = samples.GetLength(1);
        if (n < 2 || d < 1)
        {
            throw new ArgumentException($"NotearsMlp: the data are {n}×{d}; at least two samples of at least one variable are needed.", nameof(samples));
        }
        var known = knowledge ?? BackgroundKnowledge.None(d);
        known.CheckCount(d, "NotearsMlp");
        var problem = new Problem(samples, o, known);
        var p = problem.Initial(generator);
        double h = double.PositiveInfinity;
        int steps = 0, solves = 0, iterations = 0;
        for (; steps < o.MaxIterations; steps++)
        {
            double[]? next = null;
            double hNext = 0;
            while (problem.Rho < o.RhoMax)
            {
                var solve = Lbfgs.Minimize(problem.Evaluate, p, problem.Lower, problem.Upper);
                next = solve.X;
                solves++;
                iterations += solve.Iterations;
                hNext = problem.Layout.H(next);
                if (hNext > 0.25 * h)
                {
                    problem.Rho *= 10;
                }
                else
                {
                    break;
                }
            }
            if (next is null)
            {
                break;
            }
            (p, h) = (next, hNext);
            problem.Alpha += problem.Rho * h;
            if (h <= o.HTolerance || problem.Rho >= o.RhoMax)
            {
                steps++;
                break;
            }
        }
        var dependence = problem.Layout.DependenceValues(p);
        var raw = new double[d, d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                raw[i, j] = Math.Sqrt(dependence[i * d + j]);
            }
        }
        var (thresholded, dropped) = WeightedGraphEstimate.Threshold(raw, o.Threshold, known);
        return new NotearsResult(thresholded, raw, Dag.FromWeights(thresholded), h, problem.Rho, steps, solves, iterations, h <= o.HTolerance, dropped);
    }

    /// <summary>One augmented-Lagrangian objective on fixed data: its value and gradient at a flat parameter vector, for the current ρ and α.</summary>
    internal sealed class Problem
    {
        private readonly int _n;
        private readonly int _d;
        private readonly int _m;
        private readonly Tensor _x;
        private readonly Tensor _l1;
        private readonly NotearsMlpOptions _options;

        public Problem(double[,] samples, NotearsMlpOptions options, BackgroundKnowledge known)
        {
            (_n, _d, _m, _options) = (samples.GetLength(0), samples.GetLength(1), options.Hidden, options);
            Layout = new Layout(_d, _m);
            _x = Tensor.FromArray(samples);
            (Lower, Upper, _l1) = Layout.Bounds(known, options.Lambda1);
        }

        public Layout Layout { get; }

        public double[] Lower { get; }

        public double[] Upper { get; }

        public double Rho { get; set; } = 1;

        public double Alpha { get; set; }

        public double[] Initial(Generator generator) => Layout.Initial(generator, Lower, Upper);

        public (double Value, double[] Gradient) Evaluate(double[] flat)
        {
            int n = _n, d = _d, m = _m;
            var t = Layout.Tensors(flat);
            var w1 = t.PositiveWeight - t.NegativeWeight;
            var a = Layout.Dependence(w1);
            var (hv, gradientOfH) = Acyclicity.TraceExponential(a.ToDoubleArray(), d);
            var hidden = (_x.Matmul(w1.T) + (t.PositiveBias - t.NegativeBias)).Reshape(n, d, m).Sigmoid();
            var output = (hidden * t.Second.Reshape(1, d, m)).Sum(2) + t.SecondBias.Reshape(1, d);
            var residual = _x - output;
            var fit = (residual * residual).Sum() * (0.5 / n);
            var l2 = ((w1 * w1).Sum() + (t.Second * t.Second).Sum()) * (0.5 * _options.Lambda2);
            var sparsity = ((t.PositiveWeight + t.NegativeWeight) * _l1).Sum();
            // The penalty ½ρh² + αh enters the gradient through A as (ρh + α)·(e^A)ᵀ, a fixed matrix here.
            var surrogate = (a * Tensor.FromArray(gradientOfH, [d, d])).Sum() * (Rho * hv + Alpha);
            var total = fit + l2 + sparsity + surrogate;
            total.Backward();
            double value = fit.Item() + l2.Item() + sparsity.Item() + 0.5 * Rho * hv * hv + Alpha * hv;
            return (value, Layout.Gradient(t));
        }
    }

    /// <summary>The parameters as slices of one flat vector: W¹₊, W¹₋ [d·m, d], b¹₊, b¹₋ [d·m], W² [d, m], b² [d].</summary>
    internal sealed class Layout(int d, int m)
    {
        private int WeightSize => d * m * d;

        private int BiasSize => d * m;

        public int Size => 2 * WeightSize + 2 * BiasSize + d * m + d;

        public sealed record Parts(Tensor PositiveWeight, Tensor NegativeWeight, Tensor PositiveBias, Tensor NegativeBias, Tensor Second, Tensor SecondBias);

        public (double[] Lower, double[] Upper, Tensor L1) Bounds(BackgroundKnowledge known, double lambda1)
        {
            var lower = Enumerable.Repeat(double.NegativeInfinity, Size).ToArray();
            var upper = Enumerable.Repeat(double.PositiveInfinity, Size).ToArray();
            var l1 = new double[WeightSize];
            for (int k = 0; k < WeightSize; k++)
            {
                // Row j·m + h, column i: the weight from X_i into X_j's network.
                int j = k / (m * d), i = k % d;
                bool closed = i == j || known.IsForbidden(i, j);
                foreach (int offset in new[] { 0, WeightSize })
                {
                    lower[offset + k] = 0;
                    upper[offset + k] = closed ? 0 : double.PositiveInfinity;
                }
                l1[k] = known.IsRequired(i, j) ? 0 : lambda1;
            }
            return (lower, upper, Tensor.FromArray(l1, [d * m, d]));
        }

        /// <summary>PyTorch's default uniform(±1/√fan_in) start, projected onto the bounds as L-BFGS-B projects x₀.</summary>
        public double[] Initial(Generator generator, double[] lower, double[] upper)
        {
            var p = new double[Size];
            int second = 2 * WeightSize + 2 * BiasSize;
            for (int k = 0; k < Size; k++)
            {
                double bound = k < second ? 1 / Math.Sqrt(d) : 1 / Math.Sqrt(m);
                p[k] = Math.Clamp(bound * (2 * generator.NextDouble() - 1), lower[k], upper[k]);
            }
            return p;
        }

        public Parts Tensors(double[] flat)
        {
            int offset = 0;
            Tensor Take(int count, params int[] shape)
            {
                var t = Tensor.FromArray(flat[offset..(offset + count)], shape);
                t.RequiresGrad = true;
                offset += count;
                return t;
            }
            return new Parts(Take(WeightSize, d * m, d), Take(WeightSize, d * m, d), Take(BiasSize, d * m), Take(BiasSize, d * m), Take(d * m, d, m), Take(d, d));
        }

        public double[] Gradient(Parts t)
        {
            var g = new double[Size];
            int offset = 0;
            foreach (var part in new[] { t.PositiveWeight, t.NegativeWeight, t.PositiveBias, t.NegativeBias, t.Second, t.SecondBias })
            {
                var values = part.Grad?.ToDoubleArray() ?? new double[part.Numel];
                values.CopyTo(g, offset);
                offset += values.Length;
            }
            return g;
        }

        /// <summary>A[i, j] = Σ_h (W¹[j·m + h, i])², differentiable in W¹.</summary>
        public Tensor Dependence(Tensor w1) => (w1 * w1).Reshape(d, m, d).Sum(1).T;

        public double[] DependenceValues(double[] flat)
        {
            using var _ = GradMode.NoGrad();
            var t = Tensors(flat);
            return Dependence(t.PositiveWeight - t.NegativeWeight).ToDoubleArray();
        }

        public double H(double[] flat) => Acyclicity.TraceExponential(DependenceValues(flat), d).Value;
    }
}
