using Leibniz.Autograd;
using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>Batch normalisation of [N, C] or [N, C, L] inputs.</summary>
public sealed class BatchNorm1d(int features, double eps = 1e-5, double momentum = 0.1, bool affine = true, DType dtype = Tensor.DefaultDType)
    : BatchNorm(features, 2, eps, momentum, affine, dtype);
