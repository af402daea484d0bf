using Leibniz.Autograd;
using Leibniz.Tensors;

namespace Leibniz.Tests.Autograd;

[Collection(GlobalStateCollection.Name)]
public class AllocationBudgetTests
{
    [Fact]
    public void A_backward_pass_past_the_budget_collects_the_young_generation()
    {
        long saved = AllocationBudget.Bytes;
        AllocationBudget.Bytes = 1 << 20;
        try
        {
            AllocationBudget.Checkpoint();
            var x = Tensor.Ones(512, 1024).RequireGrad();
            int before = GC.CollectionCount(0);
            (x * 2.0).Sum().Backward();
            Assert.True(GC.CollectionCount(0) > before, "a backward pass that allocated more than the budget did not collect");
        }
        finally
        {
            AllocationBudget.Bytes = saved;
        }
    }
}
