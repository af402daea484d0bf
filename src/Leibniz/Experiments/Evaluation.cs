using Leibniz.Autograd;
using Leibniz.Data;
using Leibniz.Nn;
using Leibniz.Tensors;

namespace Leibniz.Experiments;

/// <summary>Evaluation helpers the classification experiments share.</summary>
public static class Evaluation
{
    /// <summary>Classification accuracy: the fraction of rows whose largest logit is at the target class.</summary>
    public static double Accuracy(Module model, TensorDataset data)
    {
        using (GradMode.NoGrad())
        {
            return model.Forward(data.Inputs).Argmax(1).Eq(data.Targets).To(DType.Float64).Mean().Item();
        }
    }
}
