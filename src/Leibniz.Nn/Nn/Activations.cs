using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>max(x, 0).</summary>
public sealed class ReLU : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Relu();
}

/// <summary>x for x &gt; 0, slope·x otherwise.</summary>
public sealed class LeakyReLU(double negativeSlope = 0.01) : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.LeakyRelu(negativeSlope);

    /// <inheritdoc/>
    protected override string Describe() => $"slope={negativeSlope}";
}

/// <summary>tanh x.</summary>
public sealed class Tanh : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Tanh();
}

/// <summary>1 / (1 + e⁻ˣ).</summary>
public sealed class Sigmoid : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Sigmoid();
}

/// <summary>x / (1 + |x|).</summary>
public sealed class Softsign : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Softsign();
}

/// <summary>log(1 + eˣ).</summary>
public sealed class Softplus : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Softplus();
}

/// <summary>x·Φ(x) (exact GELU).</summary>
public sealed class GELU : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Gelu();
}

/// <summary>The identity.</summary>
public sealed class Identity : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input;
}

/// <summary>Activation modules by name, for configurations: relu, leaky_relu, tanh, sigmoid, softsign, softplus, gelu, identity.</summary>
public static class Activations
{
    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static readonly string[] Names = ["relu", "leaky_relu", "tanh", "sigmoid", "softsign", "softplus", "gelu", "identity"];

    /// <summary>A new activation module for <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">An unknown name; the message lists the known ones.</exception>
    public static Module Create(string name) => name.ToLowerInvariant() switch
    {
        "relu" => new ReLU(),
        "leaky_relu" or "leakyrelu" => new LeakyReLU(),
        "tanh" => new Tanh(),
        "sigmoid" => new Sigmoid(),
        "softsign" => new Softsign(),
        "softplus" => new Softplus(),
        "gelu" => new GELU(),
        "identity" or "linear" => new Identity(),
        _ => throw new ArgumentException($"Unknown activation '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>The initialisation gain family matching an activation name.</summary>
    public static Nonlinearity NonlinearityOf(string name) => name.ToLowerInvariant() switch
    {
        "relu" or "gelu" or "softplus" => Nonlinearity.Relu,
        "leaky_relu" or "leakyrelu" => Nonlinearity.LeakyRelu,
        "tanh" or "softsign" => Nonlinearity.Tanh,
        "sigmoid" => Nonlinearity.Sigmoid,
        _ => Nonlinearity.Linear,
    };
}
