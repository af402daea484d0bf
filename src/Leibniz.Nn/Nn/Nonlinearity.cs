using Leibniz.Autograd;
using Leibniz.Numerics;
using Leibniz.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Leibniz.Nn;

/// <summary>The non-linearities whose recommended initialisation gains <see cref="Init.Gain"/> knows.</summary>
public enum Nonlinearity
{
    /// <summary>No non-linearity (also convolutions and sigmoid): gain 1.</summary>
    Linear,

    /// <summary>Sigmoid: gain 1.</summary>
    Sigmoid,

    /// <summary>tanh: gain 5/3.</summary>
    Tanh,

    /// <summary>ReLU: gain √2.</summary>
    Relu,

    /// <summary>Leaky ReLU with negative slope a: gain √(2 / (1 + a²)).</summary>
    LeakyRelu,

    /// <summary>SELU: gain 3/4.</summary>
    Selu,
}
