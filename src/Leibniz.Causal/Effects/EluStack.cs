using Leibniz.Nn;
using Leibniz.Numerics;

namespace Leibniz.Causal.Effects;

/// <summary>The fully connected ELU networks of the effect estimators (cfrnet, Dragonnet): layers of Linear + ELU, optionally a final Linear to one output.</summary>
internal static class EluStack
{
    /// <summary><paramref name="layers"/> × (Linear(previous → width), ELU), then Linear(width → 1) when <paramref name="output"/>.</summary>
    public static Sequential Build(int inputs, int width, int layers, Generator generator, bool output)
    {
        var modules = new List<Module>();
        int previous = inputs;
        for (int l = 0; l < layers; l++)
        {
            modules.Add(new Linear(previous, width, generator));
            modules.Add(new Elu());
            previous = width;
        }
        if (output)
        {
            modules.Add(new Linear(previous, 1, generator));
        }
        return new Sequential([.. modules]);
    }
}
