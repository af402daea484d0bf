using Leibniz.Data;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Workloads;

/// <summary>
/// The problem of W4 and W8: an untrained MLP 784-128-128-10 (ReLU, 118,282 parameters) and the first 2048
/// Fashion-MNIST images, with the normalised standard-normal vector v0 drawn after the model from the same generator.
/// </summary>
internal sealed record HvpProblem(Tensor X, Tensor Y, Mlp Model, Generator Generator, Tensor V0)
{
    public static HvpProblem Create(int seed)
    {
        var (x, y) = FashionMnist.Load(2048);
        var generator = new Generator((ulong)seed);
        var model = new Mlp([784, 128, 128, 10], Activation.Relu, generator);
        var v0 = Tensor.Randn(generator, [model.Parameters().Sum(p => p.Numel)]);
        return new HvpProblem(x, y, model, generator, v0 / v0.Norm());
    }

    /// <summary>The mean cross-entropy at the model's current parameters.</summary>
    public Tensor Loss() => Nn.Loss.CrossEntropy(Model.Forward(X), Y);
}
