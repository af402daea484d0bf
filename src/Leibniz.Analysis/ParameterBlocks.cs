using Leibniz.Nn;
using Leibniz.Tensors;

namespace Leibniz.Analysis;

/// <summary>
/// Flat vectors over a list of parameter tensors, and the blocks of a model's parameters by layer (the module that
/// owns them: <c>layers.0</c> for <c>layers.0.weight</c> and <c>layers.0.bias</c>).
/// </summary>
public static class ParameterBlocks
{
    /// <summary>The pieces of a flat vector, one per parameter, of its shape.</summary>
    public static Tensor[] Unflatten(IReadOnlyList<Tensor> parameters, Tensor v)
    {
        var result = new Tensor[parameters.Count];
        int offset = 0;
        for (int i = 0; i < result.Length; i++)
        {
            int n = parameters[i].Numel;
            result[i] = v.Narrow(0, offset, n).Reshape(parameters[i].Shape.ToArray());
            offset += n;
        }
        return result;
    }

    /// <summary>One flat vector from per-parameter pieces (a null piece is zeros of its parameter's shape).</summary>
    public static Tensor Flatten(IReadOnlyList<Tensor> parameters, IReadOnlyList<Tensor?> pieces)
    {
        var flat = new Tensor[pieces.Count];
        for (int i = 0; i < flat.Length; i++)
        {
            flat[i] = (pieces[i] ?? Tensor.ZerosLike(parameters[i])).Reshape(-1);
        }
        return Tensor.Cat(flat);
    }

    /// <summary>
    /// The model's parameters grouped by the module that owns them, in order: (name, parameters). A block's Hessian
    /// is the Hessian restricted to it: <c>new HessianOperator(block.Parameters, loss)</c>.
    /// </summary>
    public static IReadOnlyList<(string Name, Tensor[] Parameters)> ByLayer(Module model)
    {
        var blocks = new List<(string Name, List<Tensor> Parameters)>();
        foreach (var (name, parameter) in model.NamedParameters())
        {
            int dot = name.LastIndexOf('.');
            string owner = dot < 0 ? "(model)" : name[..dot];
            if (blocks.Count == 0 || blocks[^1].Name != owner)
            {
                blocks.Add((owner, []));
            }
            blocks[^1].Parameters.Add(parameter);
        }
        return [.. blocks.Select(b => (b.Name, b.Parameters.ToArray()))];
    }
}
