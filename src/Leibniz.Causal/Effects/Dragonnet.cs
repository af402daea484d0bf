using Leibniz.Autograd;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Optim;
using Leibniz.Tensors;

namespace Leibniz.Causal.Effects;

/// <summary>Settings of <see cref="Dragonnet"/> (the reference code's IHDP configuration).</summary>
public sealed record DragonnetOptions
{
    /// <summary>Representation layers (ELU).</summary>
    public int RepresentationLayers { get; init; } = 3;

    /// <summary>Width of the representation layers.</summary>
    public int RepresentationWidth { get; init; } = 200;

    /// <summary>Hidden ELU layers of each outcome head.</summary>
    public int HeadLayers { get; init; } = 2;

    /// <summary>Width of the heads' hidden layers.</summary>
    public int HeadWidth { get; init; } = 100;

    /// <summary>Weight α of the propensity head's cross-entropy.</summary>
    public double Alpha { get; init; } = 1;

    /// <summary>Weight β of the targeted regularisation (0 turns it off).</summary>
    public double Beta { get; init; } = 1;

    /// <summary>L2 penalty on the outcome heads' weights (Keras' l2(0.01): 0.01·Σw²).</summary>
    public double L2 { get; init; } = 0.01;

    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Most epochs of the Adam phase.</summary>
    public int AdamEpochs { get; init; } = 100;

    /// <summary>Adam's learning rate.</summary>
    public double AdamLearningRate { get; init; } = 1e-3;

    /// <summary>Most epochs of the SGD phase (Nesterov momentum 0.9).</summary>
    public int SgdEpochs { get; init; } = 300;

    /// <summary>The SGD phase's learning rate.</summary>
    public double SgdLearningRate { get; init; } = 1e-5;

    /// <summary>Fraction of the units held out to stop each phase early.</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>The Adam phase stops after this many epochs without a better validation loss.</summary>
    public int AdamPatience { get; init; } = 2;

    /// <summary>The SGD phase stops after this many epochs without a better validation loss.</summary>
    public int SgdPatience { get; init; } = 40;

    /// <summary>The learning rate halves after this many epochs without a lower training loss.</summary>
    public int PlateauPatience { get; init; } = 5;
}

/// <summary>
/// Dragonnet (Shi, Blei &amp; Veitch 2019): a shared ELU representation Z(x) with three heads — the outcome models
/// Q(0, x), Q(1, x) (two ELU layers each) and the propensity g(x) = σ(wᵀZ(x) + b) — trained on
/// <c>Σ (Q(tᵢ, xᵢ) − yᵢ)² + α Σ BCE(tᵢ, g̃(xᵢ)) + β Σ (yᵢ − Q(tᵢ, xᵢ) − ε hᵢ)² + λ‖heads‖²</c> per batch, with
/// g̃ = (g + 0.001)/1.002 in the cross-entropy, the targeted regulariser's
/// <c>hᵢ = tᵢ/g̊ᵢ − (1 − tᵢ)/(1 − g̊ᵢ)</c>, g̊ = (g + 0.01)/1.02, and ε one trainable scalar. Predicting the propensity
/// from the representation makes it keep only what is relevant to treatment; the targeted term makes the fitted
/// model satisfy the efficient influence-curve equation, as a targeted-MLE step would. As in the reference code:
/// outcomes standardised, Adam (10⁻³, batches of 64, up to 100 epochs) then Nesterov SGD (10⁻⁵, momentum 0.9, up
/// to 300 epochs), each stopped early on a 20 % validation split, the learning rate halved when the training loss
/// stalls for 5 epochs. The ATE is the plug-in <c>mean(Q(1, x) − Q(0, x))</c> over units with g in [0.01, 0.99].
/// </summary>
public sealed class Dragonnet
{
    private readonly Sequential _representation;
    private readonly Sequential _control;
    private readonly Sequential _treated;
    private readonly Linear _propensity;
    private readonly double _yMean;
    private readonly double _yScale;

    private Dragonnet(Sequential representation, Sequential control, Sequential treated, Linear propensity, Tensor epsilon, double yMean, double yScale)
    {
        (_representation, _control, _treated, _propensity, _yMean, _yScale) = (representation, control, treated, propensity, yMean, yScale);
        EpsilonParameter = epsilon;
    }

    /// <summary>ε of the targeted regulariser (in standardised outcome units).</summary>
    public double Epsilon => EpsilonParameter.Item();

    private Tensor EpsilonParameter { get; }

    /// <summary>The mean training loss of each epoch, both phases in order.</summary>
    public List<double> LossTrace { get; } = [];

    /// <summary>Epochs trained in the Adam and the SGD phase.</summary>
    public (int Adam, int Sgd) Epochs { get; private set; }

    /// <summary>Trains on covariates x [n, d], treatments t and factual outcomes y.</summary>
    /// <exception cref="ArgumentException">The lengths disagree or an arm is empty.</exception>
    public static Dragonnet Fit(double[,] x, int[] t, double[] y, DragonnetOptions options, Generator generator, Action<int>? progress = null)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var (yMean, yScale) = FactualData.Check("Dragonnet", x, t, y);
        var representation = EluStack.Build(d, options.RepresentationWidth, options.RepresentationLayers, generator, output: false);
        var control = EluStack.Build(options.RepresentationWidth, options.HeadWidth, options.HeadLayers, generator, output: true);
        var treated = EluStack.Build(options.RepresentationWidth, options.HeadWidth, options.HeadLayers, generator, output: true);
        var propensity = new Linear(options.RepresentationWidth, 1, generator);
        var epsilon = Tensor.FromArray([(float)(0.05 * generator.NextNormal())], [1, 1]);
        epsilon.RequiresGrad = true;
        var model = new Dragonnet(representation, control, treated, propensity, epsilon, yMean, yScale);
        var parameters = representation.Parameters().Concat(control.Parameters()).Concat(treated.Parameters()).Concat(propensity.Parameters()).Append(epsilon).ToArray();
        var decayed = control.Parameters().Concat(treated.Parameters()).Where(p => p.Rank == 2).ToArray();

        var xs = CounterfactualRegression.ToTensor(x);
        var ys = Tensor.FromArray([.. y.Select(v => (float)((v - yMean) / yScale))], [n, 1]);
        var order = generator.Permutation(n);
        int validation = (int)Math.Round(options.ValidationFraction * n);
        var validationRows = order[..validation];
        var trainRows = order[validation..];

        // Each arm's rows go through the representation, their own outcome head and the propensity head: the same
        // loss as running both heads on every row and masking by t, without the masked half of the head arithmetic.
        Tensor? ArmLoss(int[] rows, bool isTreated)
        {
            if (rows.Length == 0)
            {
                return null;
            }
            var index = Tensor.FromArray(rows.Select(i => (long)i).ToArray(), [rows.Length]);
            var z = representation.Forward(xs.IndexSelect(0, index));
            var residual = ys.IndexSelect(0, index) - (isTreated ? treated : control).Forward(z);
            var g = propensity.Forward(z).Sigmoid();
            var loss = (residual * residual).Sum();
            var gc = (g + 0.001) / 1.002;
            loss = loss - options.Alpha * (isTreated ? gc : 1.0 - gc).Log().Sum();
            if (options.Beta > 0)
            {
                // h = t/g − (1 − t)/(1 − g) with g bounded away from 0 and 1.
                var gt = (g + 0.01) / 1.02;
                var h = isTreated ? 1.0 / gt : -1.0 / (1.0 - gt);
                var perturbed = residual - epsilon * h;
                loss = loss + options.Beta * (perturbed * perturbed).Sum();
            }
            return loss;
        }

        Tensor Loss(int[] rows)
        {
            var treatedLoss = ArmLoss([.. rows.Where(i => t[i] == 1)], isTreated: true);
            var controlLoss = ArmLoss([.. rows.Where(i => t[i] != 1)], isTreated: false);
            var loss = treatedLoss is null ? controlLoss! : controlLoss is null ? treatedLoss : treatedLoss + controlLoss;
            foreach (var w in decayed)
            {
                loss = loss + options.L2 * (w * w).Sum();
            }
            return loss;
        }

        double ValidationLoss()
        {
            using var _ = GradMode.NoGrad();
            return validationRows.Length == 0 ? 0 : Loss(validationRows).Item() / validationRows.Length;
        }

        int epochCounter = 0;
        int Phase(Optimizer optimizer, Func<double> rate, Action<double> setRate, int epochs, int patience)
        {
            double best = double.PositiveInfinity, bestTrain = double.PositiveInfinity;
            int sinceBest = 0, sinceTrainBest = 0, done = 0;
            for (int epoch = 0; epoch < epochs; epoch++, done++)
            {
                var shuffled = generator.Permutation(trainRows.Length).Select(k => trainRows[k]).ToArray();
                double total = 0;
                for (int start = 0; start < shuffled.Length; start += options.BatchSize)
                {
                    var batch = shuffled[start..Math.Min(start + options.BatchSize, shuffled.Length)];
                    var loss = Loss(batch);
                    total += loss.Item();
                    optimizer.ZeroGrad();
                    loss.Backward();
                    optimizer.Step();
                }
                double train = total / shuffled.Length;
                model.LossTrace.Add(train);
                progress?.Invoke(epochCounter++);
                if (!double.IsFinite(train))
                {
                    throw new InvalidOperationException($"Dragonnet: the training loss became {train} in epoch {epoch + 1}; lower the learning rate.");
                }
                // Halve the rate when the training loss stalls (Keras' ReduceLROnPlateau).
                if (train < bestTrain)
                {
                    (bestTrain, sinceTrainBest) = (train, 0);
                }
                else if (++sinceTrainBest >= options.PlateauPatience)
                {
                    setRate(rate() * 0.5);
                    sinceTrainBest = 0;
                }
                double held = ValidationLoss();
                if (held < best)
                {
                    (best, sinceBest) = (held, 0);
                }
                else if (++sinceBest >= patience)
                {
                    done++;
                    break;
                }
            }
            return done;
        }

        var adam = new Adam(parameters, options.AdamLearningRate);
        int adamEpochs = Phase(adam, () => adam.LearningRate, r => adam.LearningRate = r, options.AdamEpochs, options.AdamPatience);
        var sgd = new Sgd(parameters, options.SgdLearningRate, momentum: 0.9, nesterov: true);
        int sgdEpochs = Phase(sgd, () => sgd.LearningRate, r => sgd.LearningRate = r, options.SgdEpochs, options.SgdPatience);
        model.Epochs = (adamEpochs, sgdEpochs);
        return model;
    }

    /// <summary>The predicted potential outcomes (Q(0, x), Q(1, x)) and propensities g(x) for each row of x.</summary>
    public (double[] Mu0, double[] Mu1, double[] Propensity) Predict(double[,] x)
    {
        using var _ = GradMode.NoGrad();
        var z = _representation.Forward(CounterfactualRegression.ToTensor(x));
        double[] Map(Tensor q) => [.. q.ToDoubleArray().Select(v => _yMean + _yScale * v)];
        return (Map(_control.Forward(z)), Map(_treated.Forward(z)), _propensity.Forward(z).Sigmoid().ToDoubleArray());
    }

    /// <summary>τ̂(x) = Q(1, x) − Q(0, x) for each row of x, in the outcome's units.</summary>
    public double[] Effects(double[,] x)
    {
        var (mu0, mu1, _) = Predict(x);
        return [.. mu1.Zip(mu0, (a, b) => a - b)];
    }

    /// <summary>The plug-in ATE, mean(Q(1, x) − Q(0, x)) over the rows whose propensity lies in [level, 1 − level] (all when none does).</summary>
    public double Ate(double[,] x, double level = 0.01)
    {
        var (mu0, mu1, g) = Predict(x);
        var kept = Enumerable.Range(0, g.Length).Where(i => g[i] >= level && g[i] <= 1 - level).ToArray();
        var rows = kept.Length > 0 ? kept : [.. Enumerable.Range(0, g.Length)];
        return rows.Average(i => mu1[i] - mu0[i]);
    }
}
