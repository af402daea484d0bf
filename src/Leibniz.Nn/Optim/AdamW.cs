using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Leibniz.Tensors;

namespace Leibniz.Optim;

/// <summary>AdamW (Loshchilov &amp; Hutter, 2019): Adam with decoupled weight decay (default λ = 0.01).</summary>
public sealed class AdamW(IEnumerable<Tensor> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
    double eps = 1e-8, double weightDecay = 0.01) : Adam(parameters, learningRate, beta1, beta2, eps, weightDecay, decoupled: true);
