using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>The activations an <see cref="Mlp"/> and the experiments' configurations can use.</summary>
public enum Activation
{
    /// <summary>max(x, 0).</summary>
    Relu,

    /// <summary>x for x &gt; 0, 0.01·x otherwise.</summary>
    LeakyRelu,

    /// <summary>tanh x.</summary>
    Tanh,

    /// <summary>1 / (1 + e⁻ˣ).</summary>
    Sigmoid,

    /// <summary>x / (1 + |x|).</summary>
    Softsign,

    /// <summary>log(1 + eˣ).</summary>
    Softplus,

    /// <summary>x·Φ(x).</summary>
    Gelu,

    /// <summary>ELU: x for x &gt; 0, e^x − 1 otherwise (<see cref="Elu"/>).</summary>
    Elu,

    /// <summary>x.</summary>
    Identity,
}
