using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Optim;
using Leibniz.Tensors;

namespace Leibniz.Tests.Nn;

/// <summary>
/// A thousand training steps must leave nothing behind. Two measurements, neither of which another test can disturb:
/// weak references to every step's loss and logits (each must be collectable once its step is over), and the
/// process's managed heap, read only inside <see cref="GlobalStateCollection"/>, which xunit runs after every
/// parallel collection and alone, so no other test allocates while it is read.
/// </summary>
[Collection(GlobalStateCollection.Name)]
public class SoakTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void A_thousand_training_steps_leave_the_managed_heap_flat()
    {
        var generator = new Generator(5);
        var x = Tensor.Randn(generator, [64, 16]);
        var y = Tensor.RandInt(generator, 0, 3, 64);
        var model = new Mlp([16, 64, 64, 3], Activation.Tanh, generator);
        var optimizer = new Adam(model.Parameters(), 1e-3);
        var stepOutputs = new List<WeakReference>();
        void Steps(int count)
        {
            for (int step = 0; step < count; step++)
            {
                optimizer.ZeroGrad();
                var logits = model.Forward(x);
                var loss = Loss.CrossEntropy(logits, y);
                loss.Backward();
                optimizer.Step();
                stepOutputs.Add(new WeakReference(logits));
                stepOutputs.Add(new WeakReference(loss));
            }
        }
        Steps(100);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        Steps(1000);
        long after = GC.GetTotalMemory(forceFullCollection: true);
        int alive = stepOutputs.Count(reference => reference.IsAlive);
        Assert.True(alive == 0, $"{alive} of {stepOutputs.Count} step outputs (logits and losses) are still reachable after their steps");
        Assert.True(after - before < 1 << 20, $"the managed heap grew by {(after - before) / 1024} KiB over 1,000 steps");
    }
}
