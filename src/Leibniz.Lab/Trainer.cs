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
/// <remarks>
/// Each <see cref="Fit"/> is a resumable unit (<c>checkpoints/fit-k/</c>): after an epoch, once
/// <see cref="RunCheckpoints.Interval"/> has passed since the last save, and when it ends, it saves the model's and the
/// optimiser's state, the loader's generator, the epoch, and what <see cref="ExperimentState"/> binds. A resumed run restores
/// them and goes on from the next epoch (a finished fit is not repeated), so the experiment must keep any other state
/// it builds in <c>afterEpoch</c> in those tensors, or read it back from <see cref="RunContext.Metrics"/>.
/// </remarks>
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

    /// <summary>The experiment's own state to checkpoint with the fit (e.g. a trajectory built in <c>afterEpoch</c>), bound with <see cref="UnitState"/>'s <c>Bind</c> methods.</summary>
    public Action<UnitState>? ExperimentState { get; init; }

    /// <summary>
    /// Trains up to <paramref name="epochs"/> epochs on <paramref name="loader"/>, tracking under <paramref name="series"/>;
    /// <paramref name="afterEpoch"/> runs after every epoch with its number and may stop training by returning false.
    /// Returns the number of epochs run.
    /// </summary>
    public int Fit(DataLoader loader, int epochs, RunContext context, string series, Func<int, bool>? afterEpoch = null, string? task = null)
    {
        var progress = context.Progress.Start(task ?? $"training ({series})", epochs);
        string status = "";
        string unit = context.Checkpoints.NextName("fit");
        var (epoch, finished) = (0, false);
        if (context.Checkpoints.TryRestore(unit) is { } restored)
        {
            Exchange(restored, loader);
            (epoch, finished) = (restored.Step, restored.Finished);
            progress.Advance(epoch, $"resumed after epoch {epoch}");
        }
        var lastSave = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            while (!finished && epoch < epochs)
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
                finished = epoch == epochs || (afterEpoch is not null && !afterEpoch(epoch));
                if (finished || lastSave.Elapsed >= context.Checkpoints.Interval)
                {
                    var state = new UnitState { Step = epoch, Finished = finished };
                    Exchange(state, loader);
                    context.Checkpoints.Save(unit, state);
                    lastSave.Restart();
                }
            }
        }
        finally
        {
            progress.Complete();
        }
        return epoch;
    }

    private void Exchange(UnitState state, DataLoader loader)
    {
        state.Bind("model", model);
        state.Bind("optimizer", optimizer);
        state.Bind("shuffle", loader.Generator);
        ExperimentState?.Invoke(state);
    }
}