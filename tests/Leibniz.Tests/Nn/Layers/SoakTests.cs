using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Optim;
using Leibniz.Tensors;

namespace Leibniz.Tests.Nn;

/// <summary>
/// A thousand training steps must leave nothing behind. Measured on this test's own objects only, so that nothing
/// else running in the process can move the result: weak references to every step's logits and loss (each must be
/// collectable once its step is over, which fails when a graph is kept alive through a parameter's gradient or the
/// optimiser), gradients that carry no graph, and an optimiser state that does not grow.
/// </summary>
public class SoakTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void A_thousand_training_steps_leave_nothing_reachable_behind()
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
        Steps(10);
        int stateSize = optimizer.StateDict().Count;
        Steps(1000);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        int alive = stepOutputs.Count(reference => reference.IsAlive);
        Assert.True(alive == 0, $"{alive} of {stepOutputs.Count} step outputs (logits and losses) are still reachable after their steps");
        Assert.All(model.Parameters(), p => Assert.Null(p.Grad!.GradFn));
        Assert.Equal(stateSize, optimizer.StateDict().Count);
    }
}
