using System.Runtime.CompilerServices;
using Leibniz.Tensors;

namespace Leibniz.Tests.Autograd;

public class GraphReleaseTests
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (Tensor Loss, WeakReference Hidden) Forward(Tensor x)
    {
        var hidden = (x * 3.0).Tanh();
        return ((hidden * hidden).Sum(), new WeakReference(hidden));
    }

    [Fact]
    public void After_backward_the_activations_are_garbage_while_the_loss_is_still_held()
    {
        var x = Tensor.FromArray(new double[] { 0.1, 0.2, 0.3 }).RequireGrad();
        var (loss, hidden) = Forward(x);
        loss.Backward();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(hidden.IsAlive, "the graph of a finished backward pass still holds an intermediate tensor");
        Assert.NotNull(x.Grad);
        GC.KeepAlive(loss);
    }

    [Fact]
    public void With_retain_graph_the_activations_stay_and_a_second_pass_accumulates()
    {
        var x = Tensor.FromArray(new double[] { 0.5 }).RequireGrad();
        var (loss, hidden) = Forward(x);
        loss.Backward(retainGraph: true);
        GC.Collect();
        Assert.True(hidden.IsAlive);
        double first = x.Grad!.Item();
        loss.Backward();
        Assert.Equal(2 * first, x.Grad!.Item(), 12);
    }
}
