using System.Globalization;
using System.Text;
using Leibniz.Autograd;
using Leibniz.Tensors;

namespace Leibniz.Nn;

/// <summary>
/// A neural network component: named parameters and buffers, submodules, and train/eval mode. Parameters are
/// registered explicitly, in constructor order, with PyTorch-compatible names (<c>layers.0.weight</c>) and
/// shapes, so that <see cref="StateDict"/> moves to and from PyTorch through safetensors files.
/// </summary>
public abstract class Module
{
    private readonly List<KeyValuePair<string, Tensor>> _parameters = [];
    private readonly List<KeyValuePair<string, Tensor>> _buffers = [];
    private readonly List<KeyValuePair<string, Module>> _children = [];

    /// <summary>True in training mode (dropout active, batch norm uses batch statistics); the default.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Computes the module's output.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>Registers a trainable tensor under <paramref name="name"/> and sets it to require gradients.</summary>
    protected Tensor RegisterParameter(string name, Tensor value)
    {
        CheckName(name);
        value.RequiresGrad = true;
        _parameters.Add(new(name, value));
        return value;
    }

    /// <summary>Registers a tensor that is part of the state but not trained (running statistics).</summary>
    protected Tensor RegisterBuffer(string name, Tensor value)
    {
        CheckName(name);
        _buffers.Add(new(name, value));
        return value;
    }

    /// <summary>Registers a submodule; its parameters are named <c>name.…</c>.</summary>
    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        CheckName(name);
        _children.Add(new(name, module));
        return module;
    }

    private void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a valid name for a parameter, buffer or submodule: it must be non-empty and contain no '.'.", nameof(name));
        }
        foreach (var list in new[] { _parameters.Select(p => p.Key), _buffers.Select(b => b.Key), _children.Select(c => c.Key) })
        {
            if (list.Contains(name))
            {
                throw new ArgumentException($"{GetType().Name} already has a member named '{name}'.", nameof(name));
            }
        }
    }

    /// <summary>The direct submodules with their names.</summary>
    public IReadOnlyList<KeyValuePair<string, Module>> Children => _children;

    /// <summary>
    /// All parameters with dotted names, this module's first, then each submodule's in registration order; a non-empty
    /// <paramref name="prefix"/> is followed by a dot, as in PyTorch (<c>model</c> gives <c>model.0.weight</c>).
    /// </summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedParameters(string prefix = "") => Named(Dotted(prefix), m => m._parameters);

    /// <summary>All buffers with dotted names (a non-empty <paramref name="prefix"/> is followed by a dot, as in PyTorch).</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedBuffers(string prefix = "") => Named(Dotted(prefix), m => m._buffers);

    /// <summary><c>model</c> → <c>model.</c>; empty and already dotted prefixes stay as they are.</summary>
    private static string Dotted(string prefix) => prefix.Length == 0 || prefix.EndsWith('.') ? prefix : prefix + ".";

    private IEnumerable<KeyValuePair<string, Tensor>> Named(string prefix, Func<Module, List<KeyValuePair<string, Tensor>>> own)
    {
        foreach (var (name, t) in own(this))
        {
            yield return new(prefix + name, t);
        }
        foreach (var (name, child) in _children)
        {
            foreach (var entry in child.Named(prefix + name + ".", own))
            {
                yield return entry;
            }
        }
    }

    /// <summary>This module and every submodule, with dotted names (this one as "").</summary>
    public IEnumerable<KeyValuePair<string, Module>> NamedModules(string prefix = "")
    {
        yield return new(prefix.TrimEnd('.'), this);
        foreach (var (name, child) in _children)
        {
            foreach (var entry in child.NamedModules(prefix + name + "."))
            {
                yield return entry;
            }
        }
    }

    /// <summary>All parameters in a stable order (that of <see cref="NamedParameters"/>).</summary>
    public Tensor[] Parameters() => NamedParameters().Select(p => p.Value).ToArray();

    /// <summary>The total number of trainable elements.</summary>
    public int ParameterCount => NamedParameters().Sum(p => p.Value.Numel);

    /// <summary>Switches this module and all submodules to training (or evaluation) mode.</summary>
    public Module Train(bool training = true)
    {
        foreach (var (_, m) in NamedModules())
        {
            m.IsTraining = training;
        }
        return this;
    }

    /// <summary>Switches to evaluation mode.</summary>
    public Module Eval() => Train(false);

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters())
        {
            p.Grad = null;
        }
    }

    /// <summary>Parameters and buffers by dotted name: the model's whole state.</summary>
    public Dictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>();
        foreach (var (name, t) in NamedParameters().Concat(NamedBuffers()))
        {
            state[name] = t;
        }
        return state;
    }

    /// <summary>
    /// Copies <paramref name="state"/> into this module's parameters and buffers. Every name, shape and dtype
    /// must match; otherwise the exception lists all that differ and nothing is changed.
    /// </summary>
    /// <exception cref="ArgumentException">Missing or unexpected names, or shapes or dtypes that differ.</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        var own = StateDict();
        var problems = new List<string>();
        foreach (var (name, t) in own)
        {
            if (!state.TryGetValue(name, out var incoming))
            {
                if (strict)
                {
                    problems.Add($"missing '{name}' ({t.DType.Name()} {ShapeHelper.Format(t.Shape)})");
                }
                continue;
            }
            if (!incoming.Shape.SequenceEqual(t.Shape))
            {
                problems.Add($"'{name}' has shape {ShapeHelper.Format(incoming.Shape)}, the model expects {ShapeHelper.Format(t.Shape)}");
            }
            else if (incoming.DType != t.DType)
            {
                problems.Add($"'{name}' is {incoming.DType.Name()}, the model expects {t.DType.Name()}");
            }
        }
        if (strict)
        {
            foreach (var name in state.Keys.Where(k => !own.ContainsKey(k)))
            {
                problems.Add($"unexpected '{name}'");
            }
        }
        if (problems.Count > 0)
        {
            throw new ArgumentException($"The state does not fit {GetType().Name}: {string.Join("; ", problems)}.", nameof(state));
        }
        using (GradMode.NoGrad())
        {
            foreach (var (name, t) in own)
            {
                if (state.TryGetValue(name, out var incoming))
                {
                    t.CopyFrom(incoming);
                }
            }
        }
    }

    /// <summary>Extra words shown after the type name, e.g. <c>in=784, out=10</c>.</summary>
    protected virtual string Describe() => "";

    /// <inheritdoc/>
    public override string ToString()
    {
        string extra = Describe();
        return extra.Length == 0 ? GetType().Name : $"{GetType().Name}({extra})";
    }

    /// <summary>
    /// A table of the layers (name, type, output shape when <paramref name="inputShape"/> is given, parameter
    /// count) and the totals.
    /// </summary>
    public string Summary(int[]? inputShape = null)
    {
        var shapes = new Dictionary<Module, string>(ReferenceEqualityComparer.Instance);
        if (inputShape is not null && this is Sequential sequential)
        {
            using (GradMode.NoGrad())
            {
                var x = Tensor.Zeros(inputShape);
                bool training = IsTraining;
                Eval();
                foreach (var (_, layer) in sequential.Children)
                {
                    x = layer.Forward(x);
                    shapes[layer] = ShapeHelper.Format(x.Shape);
                }
                Train(training);
            }
        }
        var rows = new List<string[]> { new[] { "layer", "type", "output shape", "parameters" } };
        foreach (var (name, module) in NamedModules())
        {
            if (name.Length == 0)
            {
                continue;
            }
            int own = module._parameters.Sum(p => p.Value.Numel);
            rows.Add([name, module.ToString(), shapes.TryGetValue(module, out var s) ? s : "", own.ToString("N0", CultureInfo.InvariantCulture)]);
        }
        var widths = Enumerable.Range(0, 4).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            sb.AppendLine(string.Join("  ", row.Select((cell, c) => c == 3 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd());
        }
        sb.AppendLine(CultureInfo.InvariantCulture, $"Total parameters: {ParameterCount:N0} (trainable)");
        return sb.ToString();
    }
}
