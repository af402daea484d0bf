using Leibniz.Cli;
using System.Text.Json;
using Leibniz.Experiments;
using Leibniz.Experiments.Parity;
using Leibniz.Lab;

namespace Leibniz.Tests.Experiments;

/// <summary>Every registered experiment runs in its quick configuration; configurations are fully described.</summary>
public sealed class ExperimentTests() : TemporaryFolderTests("leibniz-exp-")
{
    public static TheoryData<string> Names => [.. ExperimentRegistry.All.Select(e => e.Name)];

    /// <summary>
    /// Every experiment's quick run completes with results and figures and reproduces one claim of its paper (or, where
    /// the quick scale is too small for the paper's phenomenon, a precondition or mechanism of it), decided by numbers
    /// the run reports.
    /// </summary>
    [Theory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(Names))]
    public void Every_experiment_completes_its_quick_configuration_and_reproduces_its_claim(string name)
    {
        var experiment = ExperimentRegistry.Find(name)!;
        var (folder, status, error) = ExperimentRunner.Run(experiment, experiment.QuickConfig(), 1, Folder, quick: true);
        Assert.True(status == RunStatus.Completed, error);
        using var summary = JsonDocument.Parse(File.ReadAllText(folder.File("summary.json")));
        var results = summary.RootElement.GetProperty("results");
        var final = summary.RootElement.GetProperty("final");
        Assert.NotEmpty(results.EnumerateObject());
        Assert.True(summary.RootElement.GetProperty("verdicts").GetArrayLength() > 0, $"{name} says nothing about whether it reproduces its paper");
        Assert.Contains("## Does this run reproduce the paper?", File.ReadAllText(folder.File("report.md")));
        Assert.NotEmpty(Directory.GetFiles(folder.File("figures/x").Replace("/x", "", StringComparison.Ordinal), "*.svg"));
        double R(string key) => results.GetProperty(key).GetDouble();
        double F(string series, string metric) => final.GetProperty(series).GetProperty(metric).GetDouble();
        using var config = JsonDocument.Parse(File.ReadAllText(folder.File("config.json")));
        int C(string key) => config.RootElement.GetProperty("config").GetProperty(key).GetInt32();
        var (claim, holds) = name switch
        {
            "parity" => ("the one-hidden-layer ReLU construction computes parity on every string", R("exact_network_mistakes") == 0),
            "randomization" => ("2n + d weights fit n random real labels exactly (Zhang et al.'s construction)",
                R("expressivity_max_residual") < 1e-8 && R("expressivity_weights") == 2 * C("train") + C("dimension")),
            "mobius" => ("μ(n) is not learned (best test accuracy below 90 %), though residues modulo small primes beat the class prior (they reveal divisibility by p², where μ = 0)",
                R("test_acc_residues") > R("class_prior_baseline") + 0.02 && new[] { "binary", "decimal", "residues" }.All(e => R($"test_acc_{e}") < 0.9)),
            "descents" => ("the MLP learns whole descent sets (≥ 95 % of test permutations) and its attribution falls on positions i and i + 1 (≥ 80 %)", R("test_set_acc") >= 0.95 && R("attribution_band_fraction") >= 0.8),
            "grokking" => ("with weight decay λ = 2 the held-out pairs reach 99 % at least twice as late as the training set; with λ = 0 never (Power et al.)",
                R("weight_decay=2/step_train_99") > 0 && R("weight_decay=2/step_test_99") >= 2 * R("weight_decay=2/step_train_99") && R("weight_decay=0/step_test_99") < 0
                && F("weight_decay=2", "weight_norm") < F("weight_decay=0", "weight_norm")),
            "sequences" => ("the GRU learns running digit sums mod 10 at the training length and the plain RNN does not; balanced brackets do not carry to twice the length",
                R("digitsum/gru/acc@4") >= 0.95 && R("digitsum/rnn/acc@4") < 0.5 && R("dyck/gru/acc@8") < R("dyck/gru/acc@4") - 0.1),
            "hessian-spectrum" => ("after training, C − 1 = 2 eigenvalues stand clear of the bulk (Sagun et al.)", R("outliers_trained@12") == 2 && summary.RootElement.GetProperty("preconditions").GetProperty("width 12 trained").GetProperty("holds").GetBoolean()),
            "sharpness" => ("edge of stability: at η = 0.4 the sharpness settles near 2/η, at η = 0.1 it stays below 2/η",
                Math.Abs(R("late_sharpness@0.4") * 0.4 / 2 - 1) < 0.2 && R("late_sharpness@0.1") < R("two_over_eta@0.1")),
            "ntk-evolution" => ("the wider network's kernel moves less (lazy training)", R("final_kernel_distance@64") < R("final_kernel_distance@16")),
            "width-sweep" => ("the NTK moves less in training at width 256 than at width 16, at both learning rates (lazy training)",
                new[] { "0.02", "0.08" }.All(lr => F($"width=256,scale=1,lr={lr}", "ntk_distance") < F($"width=16,scale=1,lr={lr}", "ntk_distance"))),
            "landscape" => ("the optimisation trajectory lies almost in a plane: two PCA directions explain most of it (Li et al.)", R("pca_explained_1") + R("pca_explained_2") >= 0.8),
            "longsteps" => ("the silver schedule ends closer to the optimum than constant steps 1/L on every problem",
                new[] { "least", "logistic", "log-sum-exp" }.All(p => R($"final_gap@{p}|silver") < R($"final_gap@{p}|constant 1/L"))),
            "mean-field" => ("the wider student fits the teacher better", R("final_loss@m16") < R("final_loss@m4")),
            "mimic" => ("the wider student mimicking the teacher's logits beats the same student trained on the labels, and the teacher beats both (Ba & Caruana; the default run: at 128 and 512 units)",
                R("test_acc_logits@128") > R("test_acc_labels@128") && R("teacher_test_acc") > R("test_acc_logits@128")),
            "glorot" => ("with the standard rule the back-propagated gradients' variance falls more than 10× from the top layer down for tanh; with the normalised rule by less",
                R("gradient_var_init@tanh-standard_layer3") / R("gradient_var_init@tanh-standard_layer1") >= 10
                && R("gradient_var_init@tanh-normalised_layer3") / R("gradient_var_init@tanh-normalised_layer1") <= 10),
            "cem" => ("a certified counterexample is found", R("found") >= 1),
            "curvature" => ("after training the Gauss–Newton matrix's top eigenvalue is the Hessian's within 25 %, for the MLP and the CNN",
                new[] { "mlp", "cnn" }.All(m => Math.Abs(Math.Log(R($"ggn_top@{m}") / R($"hessian_top@{m}"))) <= Math.Log(1.25))),
            "causal-discovery" => ("standardising the data raises NOTEARS's and DAGMA's mean SHD on both graph families (Reisach et al.) and leaves PC's unchanged, and the variance grows along most true edges",
                new[] { "ER2", "SF2" }.All(f => new[] { "notears", "dagma" }.All(m => R($"shd_standardised@linear|{f}|6|{m}") > R($"shd_raw@linear|{f}|6|{m}"))
                    && R($"shd_standardised@linear|{f}|6|pc") == R($"shd_raw@linear|{f}|6|pc") && R($"varsortability@linear|{f}|6") >= 0.8)),
            "interventions" => ("the back-door set {Z} gives the total effect to within 0.05 and the naive regression is off by more than 0.3",
                Math.Abs(R("mean_estimate@{Z}") - R("total_effect")) < 0.05 && Math.Abs(R("mean_estimate@none") - R("total_effect")) > 0.3 && R("back_door@{Z}") == 1 && R("back_door@none") == 0),
            "treatment-effects" => ("CFR-Wasserstein's representation is better balanced between the arms than TARNet's (the mechanism of Shalit et al.'s bound)",
                R("balance_cfr_wasserstein") < R("balance_tarnet")),
            "buchberger" => ("on 3-20-10-weighted, degree and normal selection need at least 20 % fewer polynomial additions than first, and every basis checked is a Gröbner basis",
                new[] { "degree", "normal" }.All(x => R($"mean_additions@3-20-10-weighted|{x}") <= 0.8 * R("mean_additions@3-20-10-weighted|first"))
                && summary.RootElement.GetProperty("preconditions").GetProperty("the bases checked are Gröbner bases of their ideals").GetProperty("holds").GetBoolean()),
            "buchberger-rl" => ("the baselines the agent is measured against are in place (degree below first on the held-out ideals) and the last PPO update stayed within twice the KL limit",
                R("mean_additions@degree") < R("mean_additions@first") && F("training", "kl") < 0.02 && R("agent_mean_additions") > 0),
            _ => throw new InvalidOperationException($"{name} has no claim in this test: add one."),
        };
        Assert.True(holds, $"{name}: the quick run does not reproduce its claim: {claim}.");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_parameter_has_a_description_and_a_valid_default(string name)
    {
        var experiment = ExperimentRegistry.Find(name)!;
        var parameters = ConfigBinder.Describe(experiment);
        Assert.Equal(parameters.Count, parameters.Select(p => p.Key).Distinct().Count());
        foreach (var p in parameters)
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Description), $"{name}.{p.Key} has no description");
            Assert.False(string.IsNullOrEmpty(p.Default), $"{name}.{p.Key} has no default");
        }
        ConfigBinder.Validate(experiment.DefaultConfig());
        ConfigBinder.Validate(experiment.QuickConfig());
    }

    [Fact]
    public void Parity_data_holds_every_string_with_its_parity()
    {
        var (x, y) = ParityExperiment.AllStrings(5);
        Assert.Equal([32, 5], x.Shape.ToArray());
        var xs = x.ToArray<float>();
        var ys = y.ToArray<float>();
        for (int s = 0; s < 32; s++)
        {
            Assert.Equal(Enumerable.Range(0, 5).Sum(i => (int)xs[s * 5 + i]) % 2, (int)ys[s]);
        }
        Assert.Equal(32, Enumerable.Range(0, 32).Select(s => string.Concat(xs.Skip(s * 5).Take(5))).Distinct().Count());
    }

    [Fact]
    public void Set_parses_arrays_enums_and_numbers_invariantly()
    {
        var config = new ParityConfig();
        ConfigBinder.Set(config, ["hidden=16, 8", "learningRate=2.5e-3", "trainFractions=[0.5,0.75]"]);
        Assert.Equal([16, 8], config.Model.Hidden);
        Assert.Equal(2.5e-3, config.Training.LearningRate);
        Assert.Equal([0.5, 0.75], config.TrainFractions);
        var e = Assert.Throws<ConfigException>(() => ConfigBinder.Set(config, ["trainFractions=0.5,1.5"]));
        Assert.Contains("[0.01, 0.99]", e.Message);
    }

    [Fact]
    public void Setting_groups_take_flat_keys_and_enum_names_in_any_spelling()
    {
        var config = new ParityConfig();
        ConfigBinder.Set(config, ["activation=leaky_relu", "epochs=7", "batchSize=3"]);
        Assert.Equal(Leibniz.Nn.Activation.LeakyRelu, config.Model.Activation);
        Assert.Equal(7, config.Training.Epochs);
        Assert.Equal(3, config.Training.BatchSize);
        Assert.Contains("one of Relu, LeakyRelu", Assert.Throws<ConfigException>(() => ConfigBinder.Set(config, ["activation=5"])).Message);
        var keys = ConfigBinder.Keys(typeof(ParityConfig));
        Assert.Equal(["bits", "hidden", "activation", "trainFractions", "epochs", "batchSize", "learningRate", "logEvery"], keys.Take(8));
        var json = ConfigBinder.ToJson(config);
        Assert.Equal("LeakyRelu", json["activation"]!.GetValue<string>());
        Assert.Equal(7, json["epochs"]!.GetValue<int>());
    }
}

/// <summary>The exact pieces of the randomisation tests (Zhang et al.).</summary>
public class RandomizationPiecesTests
{
    [Fact]
    public void Corruption_redraws_about_a_fraction_p_and_leaves_the_rest()
    {
        var labels = Leibniz.Tensors.Tensor.FromArray(Enumerable.Range(0, 20000).Select(i => (long)(i % 10)).ToArray());
        foreach (double p in new[] { 0.0, 0.3, 1.0 })
        {
            var (corrupted, redrawn) = Leibniz.Experiments.Randomization.RandomizationExperiment.Corrupt(labels, p, 10, new Leibniz.Numerics.Generator(1));
            double fraction = redrawn.Count(r => r) / 20000.0;
            Assert.InRange(fraction, p - 0.015, p + 0.015);
            var before = labels.ToArray<long>();
            var after = corrupted.ToArray<long>();
            for (int i = 0; i < before.Length; i++)
            {
                if (!redrawn[i])
                {
                    Assert.Equal(before[i], after[i]);
                }
                Assert.InRange(after[i], 0, 9);
            }
            // A redrawn label keeps its class with probability 1/10.
            double changed = Enumerable.Range(0, before.Length).Count(i => before[i] != after[i]) / 20000.0;
            Assert.InRange(changed, 0.9 * p - 0.015, 0.9 * p + 0.015);
        }
    }

    [Fact]
    public void Input_randomisations_keep_the_values_or_the_statistics()
    {
        var g = new Leibniz.Numerics.Generator(2);
        var x = Leibniz.Tensors.Tensor.Randn(g, [50, 12]);
        var shuffled = Leibniz.Experiments.Randomization.RandomizationExperiment.ShuffledPixels(x, new Leibniz.Numerics.Generator(3));
        var random = Leibniz.Experiments.Randomization.RandomizationExperiment.RandomPixels(x, new Leibniz.Numerics.Generator(4));
        for (int i = 0; i < 50; i++)
        {
            Assert.Equal(x[i].ToArray<float>().Order(), shuffled[i].ToArray<float>().Order());
            Assert.Equal(x[i].ToArray<float>().Order(), random[i].ToArray<float>().Order());
        }
        var column = shuffled.Select(1, 0).ToArray<float>();
        Assert.Contains(Enumerable.Range(0, 12), j => x.Select(1, j).ToArray<float>().SequenceEqual(column));
        var gaussian = Leibniz.Experiments.Randomization.RandomizationExperiment.GaussianInputs(x * 3.0 + 5.0, new Leibniz.Numerics.Generator(5));
        Assert.InRange(gaussian.Mean().Item(), 4.0, 6.0);
    }

    [Fact]
    public void The_expressivity_construction_fits_random_labels_to_1e_9()
    {
        var x = Leibniz.Tensors.Tensor.Randn(new Leibniz.Numerics.Generator(6), [300, 20], Leibniz.Tensors.DType.Float64);
        var (residual, weights) = Leibniz.Experiments.Randomization.RandomizationExperiment.ExpressivityCheck(x, new Leibniz.Numerics.Generator(7));
        Assert.True(residual < 1e-9, $"residual {residual}");
        Assert.Equal(2 * 300 + 20, weights);
    }
}

/// <summary>Long-step schedules: published values and what one period does to a quadratic.</summary>
public class LongStepScheduleTests
{
    [Fact]
    public void Silver_steps_follow_the_2_adic_valuation()
    {
        double rho = 1 + Math.Sqrt(2);
        Assert.Equal(Math.Sqrt(2), Leibniz.Optim.StepSchedules.Silver(1), 12);   // 1 + ρ⁻¹ = √2
        Assert.Equal(2, Leibniz.Optim.StepSchedules.Silver(2), 12);
        Assert.Equal(Math.Sqrt(2), Leibniz.Optim.StepSchedules.Silver(3), 12);
        Assert.Equal(1 + rho, Leibniz.Optim.StepSchedules.Silver(4), 12);
        Assert.Equal(1 + rho * rho, Leibniz.Optim.StepSchedules.Silver(8), 9);
        Assert.Equal(1 + rho, Leibniz.Optim.StepSchedules.Silver(12), 12);
    }

    [Fact]
    public void Grimmer_patterns_have_their_lengths_symmetry_and_long_middle_step()
    {
        foreach (var (length, pattern) in Leibniz.Optim.StepSchedules.GrimmerPatterns)
        {
            Assert.Equal(length, pattern.Length);
            if (length > 2)
            {
                Assert.Equal(pattern, pattern.Reverse());
                Assert.Equal(pattern.Max(), pattern[length / 2]);
            }
        }
        Assert.Equal(7.9 / 3, Leibniz.Optim.StepSchedules.GrimmerPatterns[3].Average(), 12);
        Assert.Equal(22.4 / 7, Leibniz.Optim.StepSchedules.GrimmerPatterns[7].Average(), 12);
        Assert.Equal(370.0, Leibniz.Optim.StepSchedules.GrimmerPatterns[127][63]);
    }

    [Fact]
    public void One_period_on_a_quadratic_multiplies_each_coordinate_by_the_product_of_one_minus_h_lambda()
    {
        // f(x) = ½(λ₁x₁² + λ₂x₂²), L = λ₁: x ← x − (h/L)·∇f multiplies coordinate i by (1 − h·λᵢ/L).
        double[] lambda = [4.0, 0.5];
        double l = lambda.Max();
        var pattern = Leibniz.Optim.StepSchedules.GrimmerPatterns[7];
        double[] x = [1.0, -2.0];
        for (int k = 1; k <= pattern.Length; k++)
        {
            double h = Leibniz.Optim.StepSchedules.Periodic(pattern, k) / l;
            for (int i = 0; i < 2; i++)
            {
                x[i] -= h * lambda[i] * x[i];
            }
        }
        for (int i = 0; i < 2; i++)
        {
            double factor = pattern.Aggregate(1.0, (p, h) => p * (1 - h * lambda[i] / l));
            Assert.Equal((i == 0 ? 1.0 : -2.0) * factor, x[i], 9);
        }
    }
}

public class AugmentationTests
{
    [Fact]
    public void A_shift_moves_the_image_and_fills_with_zeros()
    {
        var image = new float[784];
        image[14 * 28 + 14] = 1;
        var batch = Leibniz.Tensors.Tensor.FromArray(image, 1, 784);
        var shifted = Leibniz.Experiments.Randomization.RandomizationExperiment.Shift(batch, 2, new Leibniz.Numerics.Generator(3)).ToArray<float>();
        Assert.Equal(1f, shifted.Sum());
        int at = Array.IndexOf(shifted, 1f);
        Assert.InRange(Math.Abs(at / 28 - 14), 0, 2);
        Assert.InRange(Math.Abs(at % 28 - 14), 0, 2);
    }
}
