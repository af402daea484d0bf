using Leibniz.Data;
using Leibniz.Nn;
using Leibniz.Optim;
using Leibniz.Tensors;

namespace Leibniz.Lab;

/// <summary>
/// The usual training loop: for each epoch one pass of mini-batch steps (zero the gradients, loss, backward, step);
/// at the first epoch, every <see cref="EvaluateEvery"/> epochs and at the last, the epoch's mean mini-batch loss as
/// <c>train_loss</c> (unless <see cref="TrackTrainLoss"/> is off) and whatever <see cref="Evaluate"/> measures are tracked
/// under the series' name; progress shows the latest values; a Ctrl-C stops between epochs.
/// </summary>
/// <param name="model">The network.</param>
/// <param name="optimizer">Its optimiser.</param>
/// <param name="loss">The objective of a batch: <c>loss(model output, targets)</c>.</param>
public sealed class Trainer(Module model, Optimizer optimizer, Func<Tensor, Tensor, Tensor> loss)
{
    /// <summary>Evaluate and track every this many epochs (and at the first and the last).</summary>
    public int EvaluateEvery { get; init; } = 1;

    /// <summary>Measurements taken at evaluation epochs, tracked after <c>train_loss</c> (null: none).</summary>
    public Func<IReadOnlyDictionary<string, double>>? Evaluate { get; init; }

    /// <summary>Whether the epoch's mean mini-batch loss is tracked as <c>train_loss</c>.</summary>
    public bool TrackTrainLoss { get; init; } = true;

    /// <summary>
    /// Trains up to <paramref name="epochs"/> epochs on <paramref name="loader"/>, tracking under <paramref name="series"/>;
    /// <paramref name="afterEpoch"/> runs after every epoch with its number and may stop training by returning false.
    /// Returns the number of epochs run.
    /// </summary>
    public int Fit(DataLoader loader, int epochs, RunContext context, string series, Func<int, bool>? afterEpoch = null, string? task = null)
    {
        var progress = context.Progress.Start(task ?? $"training ({series})", epochs);
        string status = "";
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
                    if (TrackTrainLoss)
                    {
                        sum += value.Item();
                    }
                    count++;
                }
                if (epoch == 1 || epoch % EvaluateEvery == 0 || epoch == epochs)
                {
                    var record = new Dictionary<string, double>();
                    if (TrackTrainLoss)
                    {
                        record["train_loss"] = sum / Math.Max(count, 1);
                    }
                    foreach (var (name, value) in Evaluate?.Invoke() ?? new Dictionary<string, double>())
                    {
                        record[name] = value;
                    }
                    if (record.Count > 0)
                    {
                        context.Track(series, epoch, record);
                        status = string.Join("  ", record.Select(kv => $"{kv.Key} {kv.Value:G4}"));
                    }
                }
                progress.Advance(1, status);
                if (afterEpoch is not null && !afterEpoch(epoch))
                {
                    break;
                }
            }
        }
        finally
        {
            progress.Complete();
        }
        return epoch;
    }
}
