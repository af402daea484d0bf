using Leibniz.Autograd;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Optim;
using Leibniz.Tensors;

namespace Leibniz.Causal.Effects;

/// <summary>The balance penalty of <see cref="CounterfactualRegression"/>.</summary>
public enum BalancePenalty
{
    /// <summary>None: TARNet.</summary>
    None,

    /// <summary>Linear MMD² between the groups' representations (CFR-MMD).</summary>
    LinearMmd,

    /// <summary>Sinkhorn's Wasserstein distance (CFR-Wasserstein).</summary>
    Wasserstein,

    /// <summary>The unbiased RBF-kernel MMD² (σ = <see cref="CfrOptions.RbfSigma"/>).</summary>
    RbfMmd,
}

/// <summary>Settings of <see cref="CounterfactualRegression"/> (cfrnet's IHDP configuration).</summary>
public sealed record CfrOptions
{
    /// <summary>The penalty; <see cref="BalancePenalty.None"/> is TARNet.</summary>
    public BalancePenalty Penalty { get; init; } = BalancePenalty.Wasserstein;

    /// <summary>α, the weight of the penalty (cfrnet searched {0, 1} for IHDP).</summary>
    public double Alpha { get; init; } = 1;

    /// <summary>λ, the weight decay of the outcome heads.</summary>
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Representation layers and their width.</summary>
    public int RepresentationLayers { get; init; } = 3;

    /// <summary>Width of the representation layers.</summary>
    public int RepresentationWidth { get; init; } = 200;

    /// <summary>Hidden layers of each outcome head.</summary>
    public int HeadLayers { get; init; } = 3;

    /// <summary>Width of the outcome heads' hidden layers.</summary>
    public int HeadWidth { get; init; } = 100;

    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>The learning rate is multiplied by this every 100 iterations.</summary>
    public double LearningRateDecay { get; init; } = 0.97;

    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Training iterations (mini-batches).</summary>
    public int Iterations { get; init; } = 3000;

    /// <summary>σ of the RBF kernel of <see cref="BalancePenalty.RbfMmd"/> (cfrnet's <c>rbf_sigma</c>).</summary>
    public double RbfSigma { get; init; } = 0.1;

    /// <summary>Weight each unit's loss by its arm's share (cfrnet's <c>reweight_sample</c>): w = 1/(2u) treated, 1/(2(1 − u)) control.</summary>
    public bool Reweight { get; init; } = true;
}

/// <summary>
/// Counterfactual regression (Shalit, Johansson &amp; Sontag 2017): a representation Φ(x) (ELU layers) shared by two
/// outcome heads h₀(Φ), h₁(Φ), trained on the factual outcomes by
/// <c>Σ wᵢ (h_{tᵢ}(Φ(xᵢ)) − yᵢ)² / Σ wᵢ + α·IPM(Φ_treated, Φ_control) + λ‖heads‖²</c>; with α = 0 it is TARNet.
/// τ̂(x) = h₁(Φ(x)) − h₀(Φ(x)). Outcomes are standardised for training and mapped back.
/// </summary>
public sealed class CounterfactualRegression
{
    private readonly Sequential _representation;
    private readonly Sequential _control;
    private readonly Sequential _treated;
    private readonly double _yMean;
    private readonly double _yScale;

    private CounterfactualRegression(Sequential representation, Sequential control, Sequential treated, double yMean, double yScale)
    {
        (_representation, _control, _treated, _yMean, _yScale) = (representation, control, treated, yMean, yScale);
    }

    /// <summary>The balance penalty of each iteration's batch (its IPM), in training order.</summary>
    public List<double> PenaltyTrace { get; } = [];

    /// <summary>The factual loss of each iteration's batch, in training order.</summary>
    public List<double> LossTrace { get; } = [];

    /// <summary>Trains on covariates x [n, d], treatments t and factual outcomes y.</summary>
    /// <exception cref="ArgumentException">The lengths disagree or an arm is empty.</exception>
    public static CounterfactualRegression Fit(double[,] x, int[] t, double[] y, CfrOptions options, Generator generator, Action<int>? progress = null)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var (yMean, yScale) = FactualData.Check("CounterfactualRegression", x, t, y);
        var representation = EluStack.Build(d, options.RepresentationWidth, options.RepresentationLayers, generator, output: false);
        var control = EluStack.Build(options.RepresentationWidth, options.HeadWidth, options.HeadLayers, generator, output: true);
        var treated = EluStack.Build(options.RepresentationWidth, options.HeadWidth, options.HeadLayers, generator, output: true);
        var model = new CounterfactualRegression(representation, control, treated, yMean, yScale);
        var parameters = representation.Parameters().Concat(control.Parameters()).Concat(treated.Parameters()).ToArray();
        var decayed = control.Parameters().Concat(treated.Parameters()).Where(p => p.Rank == 2).ToArray();
        var adam = new Adam(parameters, options.LearningRate);
        double share = t.Average();
        var xs = ToTensor(x);
        var ys = Tensor.FromArray([.. y.Select(v => (float)((v - yMean) / yScale))], [n, 1]);
        var order = Array.Empty<int>();
        int position = n;
        for (int iteration = 0; iteration < options.Iterations; iteration++)
        {
            if (iteration > 0 && iteration % 100 == 0)
            {
                adam.LearningRate *= options.LearningRateDecay;
            }
            // A batch drawn without replacement from a fresh permutation whenever one runs out.
            var batch = new int[Math.Min(options.BatchSize, n)];
            for (int b = 0; b < batch.Length; b++)
            {
                if (position == n)
                {
                    order = generator.Permutation(n);
                    position = 0;
                }
                batch[b] = order[position++];
            }
            if (!batch.Any(i => t[i] == 1) || !batch.Any(i => t[i] == 0))
            {
                continue;
            }
            var index = Tensor.FromArray(batch.Select(i => (long)i).ToArray(), [batch.Length]);
            var phi = representation.Forward(xs.IndexSelect(0, index));
            // Each head sees only its own arm's rows: the other head's output would be multiplied by zero.
            var treatedRows = Tensor.FromArray(Enumerable.Range(0, batch.Length).Where(k => t[batch[k]] == 1).Select(k => (long)k).ToArray());
            var controlRows = Tensor.FromArray(Enumerable.Range(0, batch.Length).Where(k => t[batch[k]] == 0).Select(k => (long)k).ToArray());
            var (phiTreated, phiControl) = (phi.IndexSelect(0, treatedRows), phi.IndexSelect(0, controlRows));
            var yb = ys.IndexSelect(0, index);
            var (ya, yc) = (yb.IndexSelect(0, treatedRows), yb.IndexSelect(0, controlRows));
            double wTreated = options.Reweight ? 1 / (2 * share) : 1, wControl = options.Reweight ? 1 / (2 * (1 - share)) : 1;
            var (ra, rc) = (treated.Forward(phiTreated) - ya, control.Forward(phiControl) - yc);
            double weightSum = wTreated * phiTreated.Size(0) + wControl * phiControl.Size(0);
            var loss = (wTreated * (ra * ra).Sum() + wControl * (rc * rc).Sum()) / weightSum;
            var total = loss;
            if (options.Penalty != BalancePenalty.None && options.Alpha > 0)
            {
                var penalty = options.Penalty switch
                {
                    BalancePenalty.LinearMmd => Ipm.LinearMmd(phiTreated, phiControl),
                    BalancePenalty.RbfMmd when phiTreated.Size(0) >= 2 && phiControl.Size(0) >= 2 => Ipm.RbfMmd(phiTreated, phiControl, options.RbfSigma),
                    BalancePenalty.RbfMmd => Tensor.Zeros([]).To(phi.DType),
                    _ => Ipm.Wasserstein(phiTreated, phiControl),
                };
                model.PenaltyTrace.Add(penalty.Item());
                total = total + options.Alpha * penalty;
            }
            foreach (var w in decayed)
            {
                total = total + 0.5 * options.WeightDecay * (w * w).Sum();
            }
            model.LossTrace.Add(loss.Item());
            adam.ZeroGrad();
            total.Backward();
            adam.Step();
            progress?.Invoke(iteration);
        }
        return model;
    }

    /// <summary>τ̂(x) = h₁(Φ(x)) − h₀(Φ(x)) for each row of x, in the outcome's units.</summary>
    public double[] Effects(double[,] x)
    {
        var (mu0, mu1) = Potential(x);
        return [.. mu1.Zip(mu0, (a, b) => a - b)];
    }

    /// <summary>The predicted potential outcomes (μ̂₀(x), μ̂₁(x)) for each row of x.</summary>
    public (double[] Mu0, double[] Mu1) Potential(double[,] x)
    {
        using var _ = GradMode.NoGrad();
        var xs = ToTensor(x);
        var phi = _representation.Forward(xs);
        double[] Map(Tensor z) => [.. z.ToDoubleArray().Select(v => _yMean + _yScale * v)];
        return (Map(_control.Forward(phi)), Map(_treated.Forward(phi)));
    }

    /// <summary>The representations Φ(x), [n, width].</summary>
    public Tensor Representation(double[,] x)
    {
        using var _ = GradMode.NoGrad();
        return _representation.Forward(ToTensor(x));
    }

    /// <summary>The rows of x as a float32 tensor [n, d], the networks' input.</summary>
    public static Tensor ToTensor(double[,] x) => Tensor.FromArray(Flatten(x), [x.GetLength(0), x.GetLength(1)]);

    private static float[] Flatten(double[,] x)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var flat = new float[n * d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                flat[i * d + j] = (float)x[i, j];
            }
        }
        return flat;
    }
}
