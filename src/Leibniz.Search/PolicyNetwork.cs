using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Numerics.Blas;
using Leibniz.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Leibniz.Search;

/// <summary>
/// The policy of a construction search: an MLP from the state (the word so far, undecided letters 0, then the
/// one-hot of the current position: 2L inputs) through ReLU hidden layers to one logit; the probability of
/// writing 1 is σ(logit). Initialised as Keras's Dense layers (Glorot uniform weights
/// U[±√(6/(fan_in + fan_out))], zero biases).
/// </summary>
/// <remarks>
/// Both playing and training exploit the state's structure. The first layer's pre-activation is
/// z₁ = b₁ + Σ_{j written 1} W₁[:, j] + W₁[:, L + t], so a session keeps the running sum and adds one column when
/// it writes a 1 — O(h₁) per step instead of O(2L·h₁). The first weight matrix is therefore stored transposed,
/// one input per row ([2L, h₁], <see cref="FirstWeightTransposed"/>); the optimisers update it element by
/// element, so the layout does not matter to them. <see cref="ToModule"/> gives the same network as a
/// <see cref="Mlp"/> in PyTorch layout.
/// </remarks>
public sealed class PolicyNetwork
{
    private readonly Tensor[] _weights;
    private readonly Tensor[] _biases;
    private readonly Tensor[] _weightGrads;
    private readonly Tensor[] _biasGrads;
    private Workspace? _workspace;

    /// <summary>A policy for words of length <paramref name="wordLength"/> with the given hidden widths.</summary>
    /// <exception cref="ArgumentException">A width is not positive or there is no hidden layer.</exception>
    public PolicyNetwork(int wordLength, IReadOnlyList<int> hidden, Generator generator)
    {
        if (wordLength < 1 || hidden.Count == 0 || hidden.Any(h => h < 1))
        {
            throw new ArgumentException($"PolicyNetwork: needs a positive word length and at least one positive hidden width; got L = {wordLength}, hidden = [{string.Join(", ", hidden)}].");
        }
        WordLength = wordLength;
        Widths = [2 * wordLength, .. hidden, 1];
        int layers = Widths.Length - 1;
        _weights = new Tensor[layers];
        _biases = new Tensor[layers];
        for (int l = 0; l < layers; l++)
        {
            _weights[l] = l == 0 ? Tensor.Zeros(Widths[0], Widths[1]) : Tensor.Zeros(Widths[l + 1], Widths[l]);
            _biases[l] = Tensor.Zeros(Widths[l + 1]);
        }
        Reinitialise(generator);
        _weightGrads = [.. _weights.Select(w => Tensor.Zeros(w.Shape.ToArray()))];
        _biasGrads = [.. _biases.Select(b => Tensor.Zeros(b.Shape.ToArray()))];
        foreach (var t in Parameters)
        {
            t.RequiresGrad = true;
        }
    }

    /// <summary>Draws all weights afresh (Glorot uniform, zero biases), in place.</summary>
    public void Reinitialise(Generator generator)
    {
        for (int l = 0; l < _weights.Length; l++)
        {
            int fanIn = Widths[l], fanOut = Widths[l + 1];
            double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
            // Drawn in PyTorch layout [out, in] so the numbers match an Mlp initialised the same way.
            var w = Tensor.Rand(generator, -limit, limit, [fanOut, fanIn]);
            (l == 0 ? w.T.Contiguous() : w).ToArray<float>().CopyTo(_weights[l].AsSpan<float>());
            _biases[l].AsSpan<float>().Clear();
        }
    }

    /// <summary>L, the number of letters of a word.</summary>
    public int WordLength { get; }

    /// <summary>Layer widths: 2L, the hidden widths, 1.</summary>
    public int[] Widths { get; }

    /// <summary>The parameters in optimiser order: first weight (transposed), first bias, then weight and bias of each further layer.</summary>
    public IReadOnlyList<Tensor> Parameters => [.. _weights.Zip(_biases).SelectMany(p => new[] { p.First, p.Second })];

    /// <summary>W₁ᵀ [2L, h₁]: row j is the first layer's weights from input j.</summary>
    public Tensor FirstWeightTransposed => _weights[0];

    /// <summary>The number of parameters.</summary>
    public int ParameterCount => Parameters.Sum(p => p.Numel);

    /// <summary>The weights in PyTorch's <see cref="Mlp"/> naming and layout ("0.weight" [out, in], "0.bias", "2.weight", …).</summary>
    public Dictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>();
        for (int l = 0; l < _weights.Length; l++)
        {
            state[$"{2 * l}.weight"] = (l == 0 ? _weights[l].T : _weights[l]).Detach().Contiguous().Clone();
            state[$"{2 * l}.bias"] = _biases[l].Detach().Clone();
        }
        return state;
    }

    /// <summary>Loads weights saved by <see cref="StateDict"/> (or from an <see cref="Mlp"/> of the same widths).</summary>
    /// <exception cref="ArgumentException">A name is missing or a shape differs.</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        for (int l = 0; l < _weights.Length; l++)
        {
            var w = Get($"{2 * l}.weight", [Widths[l + 1], Widths[l]]);
            var b = Get($"{2 * l}.bias", [Widths[l + 1]]);
            (l == 0 ? w.T.Contiguous() : w.Contiguous()).ToArray<float>().CopyTo(_weights[l].AsSpan<float>());
            b.Contiguous().ToArray<float>().CopyTo(_biases[l].AsSpan<float>());
        }

        Tensor Get(string name, int[] shape)
        {
            if (!state.TryGetValue(name, out var t))
            {
                throw new ArgumentException($"PolicyNetwork: the weights have no '{name}'; expected {string.Join(", ", Enumerable.Range(0, _weights.Length).Select(l => $"{2 * l}.weight, {2 * l}.bias"))}.");
            }
            if (!t.Shape.SequenceEqual(shape))
            {
                throw new ArgumentException($"PolicyNetwork: '{name}' has shape [{string.Join(", ", t.Shape.ToArray())}]; expected [{string.Join(", ", shape)}].");
            }
            return t.DType == DType.Float32 ? t : t.To(DType.Float32);
        }
    }

    /// <summary>The same network as an <see cref="Mlp"/> (ReLU between layers, logit output), for checks and export.</summary>
    public Mlp ToModule()
    {
        var mlp = new Mlp(Widths, Activation.Relu, new Generator(0));
        mlp.LoadStateDict(StateDict());
        return mlp;
    }

    /// <summary>Scratch space for playing <paramref name="sessions"/> sessions in lock-step.</summary>
    public PlayState BeginPlay(int sessions) => new(this, sessions);

    /// <summary>
    /// Runs one minibatch of the construction's training data forward and backward: samples are (word, step t,
    /// letter written at t); the loss is the mean binary cross-entropy of σ(logit) against the letter. Leaves
    /// the gradients in the parameters' <see cref="Tensor.Grad"/> for an optimiser; returns the loss.
    /// </summary>
    public double Backward(IReadOnlyList<byte[]> words, ReadOnlySpan<int> sessionOf, ReadOnlySpan<int> stepOf)
    {
        int batch = sessionOf.Length;
        int layers = _weights.Length;
        if (_workspace is null || _workspace.Batch != batch)
        {
            _workspace = new Workspace(Widths, batch);
        }
        var activations = _workspace.Activations;
        var pre = _workspace.Pre;
        // Layer 1: b₁ + Σ_{j < t, word[j] = 1} W₁ᵀ[j] + W₁ᵀ[L + t], a sum of rows of W₁ᵀ per sample.
        int h1 = Widths[1];
        var w1 = _weights[0].AsReadOnlySpan<float>();
        var b1 = _biases[0].AsReadOnlySpan<float>();
        var rows = _workspace.ActiveRows;
        var starts = _workspace.ActiveStarts;
        int count = 0;
        for (int b = 0; b < batch; b++)
        {
            starts[b] = count;
            var word = words[sessionOf[b]];
            int t = stepOf[b];
            for (int j = 0; j < t; j++)
            {
                if (word[j] != 0)
                {
                    rows[count++] = j;
                }
            }
            rows[count++] = WordLength + t;
        }
        starts[batch] = count;
        for (int b = 0; b < batch; b++)
        {
            RowKernels.Sum(w1, h1, rows.AsSpan(starts[b], starts[b + 1] - starts[b]), b1, pre[0].AsSpan(b * h1, h1));
        }
        TensorPrimitives.Max(pre[0], 0f, activations[0]);
        for (int l = 1; l < layers; l++)
        {
            int inW = Widths[l], outW = Widths[l + 1];
            Gemm.Multiply(false, true, batch, outW, inW, 1f, activations[l - 1], inW, _weights[l].AsReadOnlySpan<float>(), inW, 0f, pre[l], outW);
            RowKernels.AddRowVector(pre[l], _biases[l].AsReadOnlySpan<float>(), pre[l], relu: false);
            if (l + 1 < layers)
            {
                TensorPrimitives.Max(pre[l], 0f, activations[l]);
            }
        }
        // Loss and dL/dlogit = (σ(z) − y)/B.
        var logits = pre[layers - 1];
        var delta = _workspace.Deltas[layers - 1];
        double loss = 0;
        for (int b = 0; b < batch; b++)
        {
            double z = logits[b];
            double y = words[sessionOf[b]][stepOf[b]];
            loss += Math.Max(z, 0) - z * y + Math.Log(1 + Math.Exp(-Math.Abs(z)));
            delta[b] = (float)((1 / (1 + Math.Exp(-z)) - y) / batch);
        }
        for (int l = layers - 1; l >= 1; l--)
        {
            int inW = Widths[l], outW = Widths[l + 1];
            // dW = δᵀ·a [out, in]; db = Σ_b δ; δ_prev = (δ·W) ⊙ 1[z_prev > 0].
            Gemm.Multiply(true, false, outW, inW, batch, 1f, delta, outW, activations[l - 1], inW, 0f, _weightGrads[l].AsSpan<float>(), inW);
            ColumnSums(delta, batch, outW, _biasGrads[l].AsSpan<float>());
            var previous = _workspace.Deltas[l - 1];
            Gemm.Multiply(false, false, batch, inW, outW, 1f, delta, outW, _weights[l].AsReadOnlySpan<float>(), inW, 0f, previous, inW);
            RowKernels.ReluMask(pre[l - 1], previous);
            delta = previous;
        }
        // First layer: dW₁ᵀ[j] = Σ over samples with input j active of δ₁.
        // dW₁ᵀ[j] = Σ over samples with input j active of δ₁. Rows active in the previous batch are cleared first
        // (no other row can be non-zero).
        var g1 = _weightGrads[0].AsSpan<float>();
        var touched = _workspace.Touched;
        for (int j = 0; j < touched.Length; j++)
        {
            if (touched[j])
            {
                g1.Slice(j * h1, h1).Clear();
                touched[j] = false;
            }
        }
        for (int i = 0; i < count; i++)
        {
            touched[rows[i]] = true;
        }
        for (int b = 0; b < batch; b++)
        {
            RowKernels.Scatter(g1, h1, rows.AsSpan(starts[b], starts[b + 1] - starts[b]), delta.AsSpan(b * h1, h1));
        }
        ColumnSums(delta, batch, h1, _biasGrads[0].AsSpan<float>());
        for (int l = 0; l < layers; l++)
        {
            _weights[l].Grad = _weightGrads[l];
            _biases[l].Grad = _biasGrads[l];
        }
        return loss / batch;
    }

    private static void ColumnSums(ReadOnlySpan<float> x, int rows, int cols, Span<float> sums)
    {
        sums.Clear();
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(sums, x.Slice(r * cols, cols), sums);
        }
    }

    /// <summary>Buffers of one minibatch size, reused across calls (a network trains on one thread).</summary>
    private sealed class Workspace
    {
        public Workspace(int[] widths, int batch)
        {
            Batch = batch;
            Pre = [.. widths.Skip(1).Select(w => new float[batch * w])];
            Activations = [.. widths.Skip(1).Select(w => new float[batch * w])];
            Deltas = [.. widths.Skip(1).Select(w => new float[batch * w])];
            ActiveRows = new int[batch * (widths[0] / 2 + 1)];
            ActiveStarts = new int[batch + 1];
            Touched = new bool[widths[0]];
            Array.Fill(Touched, true);
        }

        public int[] ActiveRows { get; }

        public int[] ActiveStarts { get; }

        public bool[] Touched { get; }

        public int Batch { get; }

        public float[][] Pre { get; }

        public float[][] Activations { get; }

        public float[][] Deltas { get; }

    }

    /// <summary>
    /// Sessions played in lock-step: each keeps the running first-layer sum b₁ + Σ_{j written 1} W₁ᵀ[j].
    /// </summary>
    public sealed class PlayState
    {
        private readonly PolicyNetwork _network;
        private readonly float[] _sums;
        private readonly float[][] _buffers;

        internal PlayState(PolicyNetwork network, int sessions)
        {
            _network = network;
            Sessions = sessions;
            int h1 = network.Widths[1];
            _sums = new float[sessions * h1];
            var b1 = network._biases[0].AsReadOnlySpan<float>();
            for (int s = 0; s < sessions; s++)
            {
                b1.CopyTo(_sums.AsSpan(s * h1, h1));
            }
            _buffers = [.. network.Widths.Skip(1).Select(w => new float[sessions * w])];
        }

        /// <summary>The number of sessions.</summary>
        public int Sessions { get; }

        /// <summary>
        /// Plays step <paramref name="step"/> for every session: computes p = σ(logit) from its state, writes
        /// letter 1 when <paramref name="uniforms"/>[s] &lt; p (else 0) into <paramref name="letters"/>[s], and adds
        /// W₁ᵀ[step] to the running sum of the sessions that wrote 1. Blocks of sessions run in parallel.
        /// </summary>
        public void Advance(int step, float[] uniforms, byte[] letters)
        {
            Parallelism.For(Sessions, 64, (start, count) => AdvanceBlock(step, start, count, uniforms, letters));
        }

        /// <summary>Writes σ(logit) at step <paramref name="step"/> for every session into <paramref name="probabilities"/> (no letters written).</summary>
        public void Probabilities(int step, float[] probabilities) => Forward(step, 0, Sessions, probabilities.AsSpan(0, Sessions));

        private void AdvanceBlock(int step, int start, int count, float[] uniforms, byte[] letters)
        {
            var p = new float[count];
            Forward(step, start, count, p);
            for (int i = 0; i < count; i++)
            {
                int s = start + i;
                letters[s] = uniforms[s] < p[i] ? (byte)1 : (byte)0;
                if (letters[s] == 1)
                {
                    WriteOne(s, step);
                }
            }
        }

        /// <summary>σ(logit) of sessions start … start + count − 1 at <paramref name="step"/>, into <paramref name="probabilities"/>.</summary>
        private void Forward(int step, int start, int count, Span<float> probabilities)
        {
            var net = _network;
            int h1 = net.Widths[1];
            var column = net._weights[0].AsReadOnlySpan<float>().Slice((net.WordLength + step) * h1, h1);
            RowKernels.AddRowVector(_sums.AsSpan(start * h1, count * h1), column, _buffers[0].AsSpan(start * h1, count * h1), relu: true);
            int layers = net._weights.Length;
            for (int l = 1; l < layers; l++)
            {
                int inW = net.Widths[l], outW = net.Widths[l + 1];
                var x = _buffers[l - 1].AsSpan(start * inW, count * inW);
                var y = _buffers[l].AsSpan(start * outW, count * outW);
                var bias = net._biases[l].AsReadOnlySpan<float>();
                var w = net._weights[l].AsReadOnlySpan<float>();
                if (outW == 1)
                {
                    // The output layer is a dot product per session.
                    for (int i = 0; i < count; i++)
                    {
                        var xi = x.Slice(i * inW, inW);
                        float sum = bias[0];
                        for (int k = 0; k < inW; k++)
                        {
                            sum += xi[k] * w[k];
                        }
                        y[i] = sum;
                    }
                }
                else
                {
                    Gemm.Multiply(false, true, count, outW, inW, 1f, x, inW, w, inW, 0f, y, outW);
                    RowKernels.AddRowVector(y, bias, y, relu: l + 1 < layers);
                }
            }
            TensorPrimitives.Sigmoid(_buffers[layers - 1].AsSpan(start, count), probabilities);
        }

        /// <summary>Records that session <paramref name="session"/> wrote 1 at <paramref name="step"/>.</summary>
        public void WriteOne(int session, int step)
        {
            int h1 = _network.Widths[1];
            var row = _sums.AsSpan(session * h1, h1);
            TensorPrimitives.Add(row, _network._weights[0].AsReadOnlySpan<float>().Slice(step * h1, h1), row);
        }
    }
}
