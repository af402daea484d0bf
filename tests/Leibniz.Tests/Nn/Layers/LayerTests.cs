using Leibniz.Autograd;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Tensors;
using Leibniz.Tests.Autograd;

namespace Leibniz.Tests.Nn;

/// <summary>Each layer's forward against an independent computation, and its input gradients against finite differences.</summary>
public class LayerTests
{
    private static Tensor Normal(ulong seed, params int[] shape) => Tensor.Randn(new Generator(seed), shape, DType.Float64);

    [Fact]
    public void Linear_computes_x_times_W_transposed_plus_b()
    {
        var layer = new Linear(3, 2, new Generator(1), dtype: DType.Float64);
        var x = Normal(2, 4, 3);
        var w = layer.Weight.ToDoubleArray();
        var b = layer.Bias!.ToDoubleArray();
        var xs = x.ToDoubleArray();
        var y = layer.Forward(x).ToDoubleArray();
        for (int i = 0; i < 4; i++)
        {
            for (int o = 0; o < 2; o++)
            {
                double expected = b[o];
                for (int k = 0; k < 3; k++)
                {
                    expected += xs[i * 3 + k] * w[o * 3 + k];
                }
                Assert.Equal(expected, y[i * 2 + o], 12);
            }
        }
    }

    [Fact]
    public void Linear_gradients_match_finite_differences_for_input_weight_and_bias()
    {
        GradCheck.Check("Linear 3-D input", xs => Tensor.Linear(xs[0], xs[1], xs[2]).Tanh(),
            [Normal(4, 2, 3, 5), Normal(5, 4, 5), Normal(6, 4)]);
    }

    [Theory]
    [InlineData(1, 1, 0, 1)]
    [InlineData(2, 1, 1, 1)]
    [InlineData(1, 2, 2, 1)]
    [InlineData(1, 1, 1, 2)]
    public void Conv2d_matches_a_direct_loop(int stride, int dilation, int padding, int groups)
    {
        int n = 2, c = 2 * groups, h = 7, w = 6, o = 2 * groups, k = 3;
        var x = Normal(7, n, c, h, w);
        var weight = Normal(8, o, c / groups, k, k);
        var bias = Normal(9, o);
        var y = Tensor.Conv2d(x, weight, bias, (stride, stride), (padding, padding), (dilation, dilation), groups);
        int oh = (h + 2 * padding - dilation * (k - 1) - 1) / stride + 1;
        int ow = (w + 2 * padding - dilation * (k - 1) - 1) / stride + 1;
        Assert.Equal([n, o, oh, ow], y.Shape.ToArray());
        var xv = x.ToDoubleArray();
        var wv = weight.ToDoubleArray();
        var bv = bias.ToDoubleArray();
        var yv = y.ToDoubleArray();
        int cg = c / groups, og = o / groups;
        for (int b = 0; b < n; b++)
        {
            for (int oc = 0; oc < o; oc++)
            {
                int group = oc / og;
                for (int yy = 0; yy < oh; yy++)
                {
                    for (int xx = 0; xx < ow; xx++)
                    {
                        double s = bv[oc];
                        for (int ci = 0; ci < cg; ci++)
                        {
                            for (int i = 0; i < k; i++)
                            {
                                for (int j = 0; j < k; j++)
                                {
                                    int hy = yy * stride - padding + i * dilation, wx = xx * stride - padding + j * dilation;
                                    if (hy >= 0 && hy < h && wx >= 0 && wx < w)
                                    {
                                        s += wv[((oc * cg + ci) * k + i) * k + j] * xv[((b * c + group * cg + ci) * h + hy) * w + wx];
                                    }
                                }
                            }
                        }
                        Assert.Equal(s, yv[((b * o + oc) * oh + yy) * ow + xx], 10);
                    }
                }
            }
        }
    }

    [Fact]
    public void Conv1d_matches_a_direct_loop()
    {
        var x = Normal(10, 2, 3, 9);
        var w = Normal(11, 4, 3, 3);
        var y = Tensor.Conv1d(x, w, null, stride: 2, padding: 1).ToDoubleArray();
        var xv = x.ToDoubleArray();
        var wv = w.ToDoubleArray();
        int ol = (9 + 2 - 3) / 2 + 1;
        for (int b = 0; b < 2; b++)
        {
            for (int o = 0; o < 4; o++)
            {
                for (int t = 0; t < ol; t++)
                {
                    double s = 0;
                    for (int c = 0; c < 3; c++)
                    {
                        for (int j = 0; j < 3; j++)
                        {
                            int p = t * 2 - 1 + j;
                            if (p >= 0 && p < 9)
                            {
                                s += wv[(o * 3 + c) * 3 + j] * xv[(b * 3 + c) * 9 + p];
                            }
                        }
                    }
                    Assert.Equal(s, y[(b * 4 + o) * ol + t], 10);
                }
            }
        }
    }

    [Theory]
    [InlineData(8, 20)]
    [InlineData(6, 34)]
    [InlineData(5, 7)]
    [InlineData(24, 24)]
    [InlineData(8, 8)]
    public void Float32_max_pooling_agrees_with_float64_and_routes_the_gradient_to_the_first_maximum(int h, int w)
    {
        var x64 = Normal(12, 2, 3, h, w);
        // Ties on purpose: a block of zeros (as after a ReLU) must send its gradient to one element only.
        var x = x64.Relu().To(DType.Float32).RequireGrad();
        var y = x.MaxPool2d((2, 2));
        var expected = x64.Relu().MaxPool2d((2, 2)).ToDoubleArray();
        Assert.Equal(expected.Select(v => (double)(float)v), y.ToDoubleArray());
        y.Sum().Backward();
        var grad = x.Grad!.ToDoubleArray();
        Assert.Equal(y.Numel, grad.Sum(), 6);
        Assert.All(grad, v => Assert.True(v == 0 || v == 1));
        var xv = x.ToDoubleArray();
        int oh = h / 2, ow = w / 2;
        for (int p = 0; p < 6; p++)
        {
            for (int i = 0; i < oh; i++)
            {
                for (int j = 0; j < ow; j++)
                {
                    int[] window = [(2 * i) * w + 2 * j, (2 * i) * w + 2 * j + 1, (2 * i + 1) * w + 2 * j, (2 * i + 1) * w + 2 * j + 1];
                    double max = window.Max(a => xv[p * h * w + a]);
                    int first = window.First(a => xv[p * h * w + a] == max);
                    Assert.Equal(1.0, grad[p * h * w + first]);
                }
            }
        }
    }

    [Fact]
    public void Average_pooling_matches_window_means()
    {
        var x = Tensor.Arange(0, 16, 1, DType.Float64).Reshape(1, 1, 4, 4);
        Assert.Equal([2.5, 4.5, 10.5, 12.5], new AvgPool2d(2).Forward(x).ToDoubleArray());
    }

    [Fact]
    public void Batch_norm_normalises_in_training_and_uses_running_statistics_in_evaluation()
    {
        var bn = new BatchNorm1d(3, momentum: 0.5);
        var x = Tensor.Randn(new Generator(13), [64, 3], DType.Float32, mean: 2, std: 3);
        var y = bn.Forward(x);
        var mean = y.Mean(0).ToDoubleArray();
        var variance = y.Var(0, correction: 0).ToDoubleArray();
        Assert.All(mean, m => Assert.InRange(m, -1e-5, 1e-5));
        Assert.All(variance, v => Assert.InRange(v, 0.999, 1.0001));
        var batchMean = x.Mean(0).ToDoubleArray();
        var batchVar = x.Var(0, correction: 1).ToDoubleArray();
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(0.5 * batchMean[c], bn.RunningMean.At(c), 4);
            Assert.Equal(0.5 + 0.5 * batchVar[c], bn.RunningVar.At(c), 3);
        }
        bn.Eval();
        var z = bn.Forward(x).ToDoubleArray();
        var xv = x.ToDoubleArray();
        Assert.Equal((xv[0] - bn.RunningMean.At(0)) / Math.Sqrt(bn.RunningVar.At(0) + 1e-5), z[0], 4);
        Assert.Equal(1L, (long)bn.BatchesTracked.Item());
    }

    [Fact]
    public void Batch_norm_2d_gradients_match_finite_differences()
    {
        var bn = new BatchNorm2d(2);
        GradCheck.Check("BatchNorm2d", xs => bn.Forward(xs[0]), [Normal(14, 3, 2, 2, 2)], tolerance: 1e-4);
    }

    [Fact]
    public void Layer_norm_normalises_each_sample_and_has_correct_gradients()
    {
        var ln = new LayerNorm(5);
        var x = Normal(15, 3, 5);
        var y = ln.Forward(x);
        Assert.All(y.Mean(1).ToDoubleArray(), m => Assert.InRange(m, -1e-6, 1e-6));
        GradCheck.Check("LayerNorm", xs => ln.Forward(xs[0]), [x], tolerance: 1e-4);
    }

    [Fact]
    public void Embedding_looks_up_rows()
    {
        var e = new Embedding(5, 3, new Generator(16));
        var y = e.Forward(Tensor.FromArray(new long[] { 4, 0, 4 }, 3, 1));
        Assert.Equal([3, 1, 3], y.Shape.ToArray());
        Assert.Equal(e.Weight[4].ToDoubleArray(), y[0][0].ToDoubleArray());
        Assert.Equal(e.Weight[0].ToDoubleArray(), y[1][0].ToDoubleArray());
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    [Fact]
    public void Lstm_step_follows_its_equations()
    {
        var lstm = new Lstm(2, 3, new Generator(17));
        var x = Tensor.Randn(new Generator(18), [1, 1, 2]);
        var (output, hidden, cell) = lstm.ForwardWithState(x);
        var p = lstm.StateDict();
        double[] wih = p["weight_ih_l0"].ToDoubleArray(), whh = p["weight_hh_l0"].ToDoubleArray();
        double[] bih = p["bias_ih_l0"].ToDoubleArray(), bhh = p["bias_hh_l0"].ToDoubleArray();
        double[] xv = x.ToDoubleArray();
        var gate = new double[12];
        for (int r = 0; r < 12; r++)
        {
            gate[r] = bih[r] + bhh[r] + wih[r * 2] * xv[0] + wih[r * 2 + 1] * xv[1];   // h0 = 0, so W_hh plays no part
        }
        Assert.Equal(12 * 3, whh.Length);
        for (int j = 0; j < 3; j++)
        {
            double i = Sigmoid(gate[j]), g = Math.Tanh(gate[6 + j]), o = Sigmoid(gate[9 + j]);
            double c = i * g;   // c0 = 0
            Assert.Equal(c, cell!.At(0, 0, j), 5);
            Assert.Equal(o * Math.Tanh(c), hidden.At(0, 0, j), 5);
            Assert.Equal(o * Math.Tanh(c), output.At(0, 0, j), 5);
        }
    }

    [Fact]
    public void Gru_and_rnn_follow_their_equations_over_two_steps()
    {
        var gru = new Gru(1, 2, new Generator(19), batchFirst: false);
        var rnn = new Rnn(1, 2, new Generator(20));
        var x = Tensor.FromArray(new float[] { 0.5f, -1.0f }, 2, 1, 1);
        var gp = gru.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.ToDoubleArray());
        var rp = rnn.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.ToDoubleArray());
        double[] h = [0, 0], hr = [0, 0];
        foreach (double xt in new[] { 0.5, -1.0 })
        {
            var next = new double[2];
            var nextR = new double[2];
            for (int j = 0; j < 2; j++)
            {
                double Wx(int row) => gp["weight_ih_l0"][row] * xt + gp["bias_ih_l0"][row];
                double Wh(int row) => gp["weight_hh_l0"][row * 2] * h[0] + gp["weight_hh_l0"][row * 2 + 1] * h[1] + gp["bias_hh_l0"][row];
                double r = Sigmoid(Wx(j) + Wh(j)), z = Sigmoid(Wx(2 + j) + Wh(2 + j));
                double n = Math.Tanh(Wx(4 + j) + r * Wh(4 + j));
                next[j] = (1 - z) * n + z * h[j];
                nextR[j] = Math.Tanh(rp["weight_ih_l0"][j] * xt + rp["bias_ih_l0"][j] + rp["weight_hh_l0"][j * 2] * hr[0] + rp["weight_hh_l0"][j * 2 + 1] * hr[1] + rp["bias_hh_l0"][j]);
            }
            h = next;
            hr = nextR;
        }
        var gruOut = gru.Forward(x);
        Assert.Equal(h[0], gruOut.At(1, 0, 0), 5);
        Assert.Equal(h[1], gruOut.At(1, 0, 1), 5);
        var rnnOut = rnn.Forward(x.Transpose(0, 1));
        Assert.Equal(hr[0], rnnOut.At(0, 1, 0), 5);
        Assert.Equal(hr[1], rnnOut.At(0, 1, 1), 5);
    }

    [Fact]
    public void Recurrent_input_gradients_match_finite_differences()
    {
        var lstm = new Lstm(2, 3, new Generator(21), layers: 2);
        GradCheck.Check("LSTM", xs => lstm.Forward(xs[0]), [Normal(22, 2, 3, 2)], tolerance: 1e-3, secondOrder: false);
        var gru = new Gru(2, 2, new Generator(23));
        GradCheck.Check("GRU", xs => gru.Forward(xs[0]), [Normal(24, 1, 3, 2)], tolerance: 1e-3, secondOrder: false);
    }

    [Fact]
    public void Dropout_scales_in_training_and_is_the_identity_in_evaluation()
    {
        var dropout = new Dropout(0.25, new Generator(25));
        var x = Tensor.Ones(100_000);
        var y = dropout.Forward(x).ToArray<float>();
        Assert.All(y, v => Assert.True(v == 0 || Math.Abs(v - 1 / 0.75) < 1e-6));
        Assert.InRange(y.Count(v => v == 0) / 100_000.0, 0.24, 0.26);
        dropout.Eval();
        Assert.Same(x, dropout.Forward(x));
    }

    [Fact]
    public void Mlp_names_parameters_like_nn_Sequential_and_summarises_itself()
    {
        var mlp = new Mlp([4, 8, 2], Activation.Relu, new Generator(26));
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], mlp.NamedParameters().Select(p => p.Key));
        Assert.Equal(4 * 8 + 8 + 8 * 2 + 2, mlp.ParameterCount);
        string summary = mlp.Summary([5, 4]);
        Assert.Contains("[5, 8]", summary);
        Assert.Contains("[5, 2]", summary);
        Assert.Contains("Total parameters: 58", summary);
    }

    [Fact]
    public void Linear_with_the_wrong_input_size_names_both_sizes()
    {
        var layer = new Linear(3, 2, new Generator(27));
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros(4, 5)));
        Assert.Contains("[4, 5]", e.Message);
        Assert.Contains("[2, 3]", e.Message);
    }

    [Fact]
    public void Load_state_dict_lists_every_mismatch_and_changes_nothing()
    {
        var mlp = new Mlp([3, 4, 2], Activation.Tanh, new Generator(28));
        var before = mlp.StateDict()["0.weight"].ToDoubleArray();
        var bad = new Dictionary<string, Tensor>
        {
            ["0.weight"] = Tensor.Zeros(4, 3),
            ["0.bias"] = Tensor.Zeros(5),
            ["2.weight"] = Tensor.Zeros([2, 4], DType.Float64),
            ["extra"] = Tensor.Zeros(1),
        };
        var e = Assert.Throws<ArgumentException>(() => mlp.LoadStateDict(bad));
        Assert.Contains("'0.bias' has shape [5]", e.Message);
        Assert.Contains("'2.weight' is float64", e.Message);
        Assert.Contains("missing '2.bias'", e.Message);
        Assert.Contains("unexpected 'extra'", e.Message);
        Assert.Equal(before, mlp.StateDict()["0.weight"].ToDoubleArray());
    }

    [Fact]
    public void Parameter_vectors_round_trip_exactly_and_step_along_a_direction()
    {
        var mlp = new Mlp([3, 5, 2], Activation.Tanh, new Generator(29));
        var parameters = mlp.Parameters();
        var theta = ParameterVector.Get(parameters);
        Assert.Equal(mlp.ParameterCount, theta.Numel);
        var direction = Tensor.Randn(new Generator(30), [theta.Numel]);
        ParameterVector.SetAlong(parameters, theta, direction, 0.5);
        Assert.Equal((theta + direction * 0.5).ToArray<float>(), ParameterVector.Get(parameters).ToArray<float>());
        ParameterVector.Set(parameters, theta);
        Assert.Equal(theta.ToArray<float>(), ParameterVector.Get(parameters).ToArray<float>());
        var loss = mlp.Forward(Tensor.Ones(2, 3)).Sum();
        loss.Backward();
        Assert.Equal(parameters[0].Grad!.Reshape(-1).ToArray<float>(), ParameterVector.Gradients(parameters).Narrow(0, 0, 15).ToArray<float>());
    }
}
