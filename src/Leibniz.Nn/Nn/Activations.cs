using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>Activation modules for an <see cref="Activation"/>, and the names configurations write them with.</summary>
public static class Activations
{
    /// <summary>The names <see cref="Parse"/> accepts: relu, leaky_relu, tanh, sigmoid, softsign, softplus, gelu, elu, identity.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<Activation>().Select(NameOf)];

    /// <summary>A new activation module.</summary>
    public static Module Create(Activation activation) => activation switch
    {
        Activation.Relu => new Relu(),
        Activation.LeakyRelu => new LeakyRelu(),
        Activation.Tanh => new Tanh(),
        Activation.Sigmoid => new Sigmoid(),
        Activation.Softsign => new Softsign(),
        Activation.Softplus => new Softplus(),
        Activation.Gelu => new Gelu(),
        Activation.Elu => new Elu(),
        _ => new Identity(),
    };

    /// <summary>The activation called <paramref name="name"/> (case-insensitive; <c>leaky_relu</c>, <c>leakyrelu</c> and <c>linear</c> for identity also work).</summary>
    /// <exception cref="ArgumentException">An unknown name; the message lists the known ones.</exception>
    public static Activation Parse(string name) => name.ToLowerInvariant().Replace("_", "", StringComparison.Ordinal) switch
    {
        "linear" => Activation.Identity,
        var key when Enum.TryParse<Activation>(key, ignoreCase: true, out var activation) && !int.TryParse(key, out _) => activation,
        _ => throw new ArgumentException($"Unknown activation '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>The lower-case name of an activation: <c>relu</c>, <c>leaky_relu</c>, …</summary>
    public static string NameOf(Activation activation) => activation == Activation.LeakyRelu ? "leaky_relu" : activation.ToString().ToLowerInvariant();

    /// <summary>The initialisation gain family matching an activation.</summary>
    public static Nonlinearity NonlinearityOf(Activation activation) => activation switch
    {
        Activation.Relu or Activation.Gelu or Activation.Softplus or Activation.Elu => Nonlinearity.Relu,
        Activation.LeakyRelu => Nonlinearity.LeakyRelu,
        Activation.Tanh or Activation.Softsign => Nonlinearity.Tanh,
        Activation.Sigmoid => Nonlinearity.Sigmoid,
        _ => Nonlinearity.Linear,
    };
}
