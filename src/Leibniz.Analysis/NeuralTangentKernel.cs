using Leibniz.Autograd;
using Leibniz.Nn;
using Leibniz.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Leibniz.Analysis;

/// <summary>
/// The empirical neural tangent kernel <c>Θ(x, x′) = J(x)·J(x′)ᵀ</c>, J the Jacobian of the network's outputs
/// with respect to its parameters, on a fixed probe set; kernel distance and kernel regression (Fort et al.,
/// 2020; Jacot et al., 2018).
/// </summary>
public static class NeuralTangentKernel
{
    /// <summary>
    /// The Jacobian [n·k, P] of the model's k outputs on the n probe inputs (row i·k + j is ∂f_j(xᵢ)/∂θ), one
    /// backward pass per example and output.
    /// </summary>
    public static Tensor Jacobian(Module model, Tensor inputs)
    {
        using var recording = GradMode.EnableGrad();
        var parameters = model.Parameters();
        int total = parameters.Sum(p => p.Numel);
        int n = inputs.Size(0);
        Tensor? jacobian = null;
        int outputs = 0;
        for (int i = 0; i < n; i++)
        {
            var output = model.Forward(inputs[i..(i + 1)]).Reshape(-1);
            if (jacobian is null)
            {
                outputs = output.Numel;
                jacobian = Tensor.Zeros([n * outputs, total], parameters[0].DType);
            }
            for (int j = 0; j < outputs; j++)
            {
                var grads = AutoDiff.Grad([output[j]], parameters, retainGraph: j + 1 < outputs, allowUnused: true);
                int offset = 0;
                var row = jacobian[i * outputs + j];
                for (int p = 0; p < parameters.Length; p++)
                {
                    int size = parameters[p].Numel;
                    if (grads[p] is { } g)
                    {
                        row.Narrow(0, offset, size).CopyFrom(g.Reshape(-1));
                    }
                    offset += size;
                }
            }
        }
        return jacobian ?? Tensor.Zeros(0, total);
    }

    /// <summary>
    /// Θ = J·Jᵀ on the probe set: [n·k, n·k]. For a stack of Linear layers and elementwise activations (an
    /// <see cref="Mlp"/>) by the structured rule of <see cref="StructuredKernel"/>, without forming J; otherwise from the Jacobian.
    /// </summary>
    public static Tensor Kernel(Module model, Tensor inputs) => CrossKernel(model, inputs, inputs);

    /// <summary>Θ from the Jacobian J·Jᵀ, whatever the model (the reference for the structured rule).</summary>
    public static Tensor KernelFromJacobian(Module model, Tensor inputs)
    {
        var j = Jacobian(model, inputs);
        using (GradMode.NoGrad())
        {
            return j.Matmul(j.T);
        }
    }

    /// <summary>Θ(a, b) = J(a)·J(b)ᵀ between two input sets: [n_a·k, n_b·k] (structured where <see cref="Kernel"/> is).</summary>
    public static Tensor CrossKernel(Module model, Tensor a, Tensor b)
    {
        if (StructuredKernel.Applies(model))
        {
            return StructuredKernel.Cross((Sequential)model, a, b);
        }
        var ja = Jacobian(model, a);
        var jb = ReferenceEquals(a, b) ? ja : Jacobian(model, b);
        using (GradMode.NoGrad())
        {
            return ja.Matmul(jb.T);
        }
    }

    /// <summary>Kernel distance <c>S(K₁, K₂) = 1 − ⟨K₁, K₂⟩_F / (‖K₁‖_F·‖K₂‖_F)</c>: 0 for kernels equal up to scale.</summary>
    public static double Distance(Tensor k1, Tensor k2)
    {
        using (GradMode.NoGrad())
        {
            var a = k1.To(DType.Float64);
            var b = k2.To(DType.Float64);
            double inner = (a * b).Sum().Item();
            return 1 - inner / (a.Norm().Item() * b.Norm().Item());
        }
    }

    /// <summary>Kernel velocity between two measurements: <c>S(Θ_t, Θ_t′) / (t′ − t)</c> (Fort et al., 2020).</summary>
    public static double Velocity(Tensor earlier, Tensor later, double elapsed) => Distance(earlier, later) / elapsed;

    /// <summary>
    /// Kernel regression predictions <c>Θ(test, train)·(Θ(train, train) + ridge·I)⁻¹·y</c> (the linearised network at
    /// infinite training time from zero output).
    /// </summary>
    public static double[] Regression(Tensor trainKernel, Tensor testTrainKernel, double[] targets, double ridge = 1e-6)
    {
        int n = trainKernel.Size(0);
        var k = Matrix<double>.Build.DenseOfRowMajor(n, n, trainKernel.ToDoubleArray()) + Matrix<double>.Build.DenseIdentity(n) * ridge;
        var alpha = k.Solve(Vector<double>.Build.DenseOfArray(targets));
        var cross = Matrix<double>.Build.DenseOfRowMajor(testTrainKernel.Size(0), n, testTrainKernel.ToDoubleArray());
        return (cross * alpha).ToArray();
    }
}
