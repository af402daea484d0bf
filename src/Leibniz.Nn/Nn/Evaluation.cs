using Leibniz.Autograd;
using Leibniz.Data;
using Leibniz.Nn;
using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>Evaluation helpers the classification experiments and workloads share.</summary>
public static class Evaluation
{
    /// <summary>
    /// Classification accuracy: the fraction of rows whose largest logit is at the target class, in evaluation mode
    /// (dropout off, batch statistics frozen); the model's mode is restored afterwards.
    /// </summary>
    public static double Accuracy(Module model, Tensor x, Tensor y)
    {
        using (GradMode.NoGrad())
        {
            bool training = model.IsTraining;
            model.Eval();
            try
            {
                return model.Forward(x).Argmax(1).Eq(y).To(DType.Float64).Mean().Item();
            }
            finally
            {
                model.Train(training);
            }
        }
    }

    /// <summary><see cref="Accuracy(Module, Tensor, Tensor)"/> on a data set's inputs and targets.</summary>
    public static double Accuracy(Module model, TensorDataset data) => Accuracy(model, data.Inputs, data.Targets);
}
