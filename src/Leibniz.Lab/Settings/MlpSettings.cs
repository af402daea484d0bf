using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Lab;

/// <summary>A multilayer perceptron's hidden widths and activation.</summary>
public sealed record MlpSettings : Settings
{
    [Description("Hidden layer widths of the MLP, e.g. 128,128.")]
    [Range(1, 8192)]
    public int[] Hidden { get; set; } = [256, 256];

    [Description("Activation between layers: relu, tanh, gelu, sigmoid, softsign, softplus, leaky_relu, identity.")]
    public Activation Activation { get; set; } = Activation.Relu;

    /// <summary>A new MLP <c>inputs → Hidden… → outputs</c>.</summary>
    public Mlp Build(int inputs, int outputs, Generator generator, DType dtype = Tensor.DefaultDType)
        => new([inputs, .. Hidden, outputs], Activation, generator, dtype: dtype);

    /// <summary>The architecture as text, e.g. <c>12-256-256-1 (relu)</c>.</summary>
    public string Describe(int inputs, int outputs) => $"{inputs}-{string.Join("-", Hidden)}-{outputs} ({Activations.NameOf(Activation)})";
}
