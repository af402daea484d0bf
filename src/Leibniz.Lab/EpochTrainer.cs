using System.Globalization;
using Leibniz.Data;
using Leibniz.Nn;
using Leibniz.Optim;
using Leibniz.Tensors;

namespace Leibniz.Lab;

/// <summary>
/// The training loop experiments share: for each epoch, one pass of mini-batch steps
/// (zero the gradients, loss, backward, step), the epoch's mean loss logged as <c>train_loss</c> under the run's
/// name, a progress task advanced, and an optional callback (which may stop training by returning false).
/// </summary>
public static class EpochTrainer
{
    /// <summary>Trains <paramref name="epochs"/> epochs; returns the number of epochs run.</summary>
    public static int Train(Module model, Optimizer optimizer, DataLoader loader, int epochs, Func<Tensor, Tensor, Tensor> loss,
        RunContext context, string name, Func<int, bool>? afterEpoch = null)
    {
        var task = context.Progress.Start($"training ({name})", epochs);
        int epoch = 0;
        try
        {
            while (epoch < epochs)
            {
                context.ThrowIfCancelled();
                epoch++;
                double sum = 0;
                int count = 0;
                foreach (var (x, y) in loader)
                {
                    optimizer.ZeroGrad();
                    var value = loss(model.Forward(x), y);
                    value.Backward();
                    optimizer.Step();
                    sum += value.Item();
                    count++;
                }
                double mean = sum / Math.Max(count, 1);
                context.LogMetrics(name, epoch, new Dictionary<string, double> { ["train_loss"] = mean });
                task.Advance(1, string.Create(CultureInfo.InvariantCulture, $"loss {mean:G4}"));
                if (afterEpoch is not null && !afterEpoch(epoch))
                {
                    break;
                }
            }
        }
        finally
        {
            task.Complete();
        }
        return epoch;
    }
}
