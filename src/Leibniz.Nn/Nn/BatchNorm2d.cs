using Leibniz.Autograd;
using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>Batch normalisation of [N, C, H, W] inputs.</summary>
public sealed class BatchNorm2d(int features, double eps = 1e-5, double momentum = 0.1, bool affine = true, DType dtype = Tensor.DefaultDType)
    : BatchNorm(features, 4, eps, momentum, affine, dtype);
