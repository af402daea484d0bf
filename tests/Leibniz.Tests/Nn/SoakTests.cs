using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Optim;
using Leibniz.Tensors;

namespace Leibniz.Tests.Nn;

public class SoakTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void A_thousand_training_steps_leave_the_managed_heap_flat()
    {
        var generator = new Generator(5);
        var x = Tensor.Randn(generator, [64, 16]);
        var y = Tensor.RandInt(generator, 0, 3, 64);
        var model = new Mlp([16, 64, 64, 3], "tanh", generator);
        var optimizer = new Adam(model.Parameters(), 1e-3);
        void Steps(int count)
        {
            for (int step = 0; step < count; step++)
            {
                optimizer.ZeroGrad();
                Loss.CrossEntropy(model.Forward(x), y).Backward();
                optimizer.Step();
            }
        }
        Steps(100);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        Steps(1000);
        long after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(after - before < 1 << 20, $"the managed heap grew by {(after - before) / 1024} KiB over 1,000 steps");
    }
}
