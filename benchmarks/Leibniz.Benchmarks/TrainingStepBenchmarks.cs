using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using BenchmarkDotNet.Attributes;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Optim;
using Leibniz.Tensors;
using Leibniz.Tensors.Kernels;

namespace Leibniz.Benchmarks;

/// <summary>
/// The pieces of a small training step (W2's sizes: 256 × 128 activations): float32 tanh as a rational function
/// against TensorPrimitives' exponential form, and one whole W2 step (MLP 20-128-128-1, tanh, BCE, Adam).
/// </summary>
public class TrainingStepBenchmarks
{
    private readonly float[] _x = new float[256 * 128];
    private readonly float[] _y = new float[256 * 128];
    private Tensor _bits = Tensor.Zeros(1);
    private Tensor _labels = Tensor.Zeros(1);
    private Mlp? _model;
    private Adam? _optimizer;

    [GlobalSetup]
    public void Setup()
    {
        var g = new Generator(0);
        for (int i = 0; i < _x.Length; i++)
        {
            _x[i] = (float)(3 * g.NextNormal());
        }
        Parallelism.MaxThreads = 1;
        _bits = Tensor.RandInt(g, 0, 2, 256, 20).To(DType.Float32);
        _labels = Tensor.RandInt(g, 0, 2, 256, 1).To(DType.Float32);
        _model = new Mlp([20, 128, 128, 1], Activation.Tanh, g);
        _optimizer = new Adam(_model.Parameters(), 1e-3);
    }

    [Benchmark(Baseline = true)]
    public void TanhTensorPrimitives() => TensorPrimitives.Tanh(_x, _y);

    [Benchmark]
    public void TanhRational() => RationalTanh.Apply(_x, _y);

    [Benchmark]
    public void TinyMlpStep()
    {
        _optimizer!.ZeroGrad();
        Loss.BinaryCrossEntropyWithLogits(_model!.Forward(_bits), _labels).Backward();
        _optimizer.Step();
    }
}
