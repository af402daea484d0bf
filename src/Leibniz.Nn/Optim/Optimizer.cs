using System.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Optim;

/// <summary>
/// Updates parameters in place from their gradients. Subclasses implement one update rule on spans; state
/// (momentum buffers, moment estimates) lives in named tensors per parameter and can be saved and restored
/// with <see cref="StateDict"/> and <see cref="LoadStateDict"/>.
/// </summary>
public abstract class Optimizer
{
    private readonly Dictionary<string, Tensor> _state = [];

    /// <exception cref="ArgumentException">A parameter is not a contiguous floating point tensor, or the learning rate is negative.</exception>
    protected Optimizer(IEnumerable<Tensor> parameters, double learningRate)
    {
        Parameters = parameters.ToArray();
        foreach (var p in Parameters)
        {
            if (!p.DType.IsFloating() || !p.IsContiguous)
            {
                throw new ArgumentException($"{GetType().Name}: parameters must be contiguous float32/float64 tensors; got {p.DType.Name()} {ShapeHelper.Format(p.Shape)}.", nameof(parameters));
            }
        }
        if (!(learningRate >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, $"{GetType().Name}: the learning rate must be non-negative.");
        }
        LearningRate = learningRate;
    }

    /// <summary>The parameters being optimised.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>The step size used by the next <see cref="Step"/> (schedules change it).</summary>
    public double LearningRate { get; set; }

    /// <summary>Completed steps.</summary>
    public int StepCount { get; private set; }

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters)
        {
            p.Grad = null;
        }
    }

    /// <summary>Applies one update to every parameter that has a gradient.</summary>
    public void Step()
    {
        StepCount++;
        for (int i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            if (p.Grad is null)
            {
                continue;
            }
            var g = p.Grad.DType == p.DType ? p.Grad.Contiguous() : p.Grad.To(p.DType).Contiguous();
            if (p.DType == DType.Float32)
            {
                Update(i, p.AsSpan<float>(), g.AsReadOnlySpan<float>());
            }
            else
            {
                Update(i, p.AsSpan<double>(), g.AsReadOnlySpan<double>());
            }
        }
    }

    /// <summary>Updates parameter <paramref name="index"/> (values <paramref name="p"/>) in place from its gradient <paramref name="g"/> at step <see cref="StepCount"/>.</summary>
    protected abstract void Update<T>(int index, Span<T> p, ReadOnlySpan<T> g) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>A named state buffer of parameter <paramref name="index"/>, created as zeros on first use.</summary>
    protected Span<T> State<T>(int index, string name, out bool created)
    {
        string key = $"state.{index}.{name}";
        created = !_state.TryGetValue(key, out var t);
        if (t is null)
        {
            t = Tensor.ZerosLike(Parameters[index]);
            _state[key] = t;
        }
        return t.AsSpan<T>();
    }

    /// <summary>The optimiser's state: the step count, the learning rate and every state buffer by name.</summary>
    public Dictionary<string, Tensor> StateDict()
    {
        var result = new Dictionary<string, Tensor>
        {
            ["step"] = Tensor.Scalar(StepCount, DType.Int64),
            ["lr"] = Tensor.Scalar(LearningRate, DType.Float64),
        };
        foreach (var (k, v) in _state)
        {
            result[k] = v.Clone();
        }
        return result;
    }

    /// <summary>Restores a state saved by <see cref="StateDict"/> from an optimiser over parameters of the same shapes.</summary>
    /// <exception cref="ArgumentException">A buffer's shape does not match its parameter.</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        foreach (var (k, v) in state)
        {
            if (k == "step")
            {
                StepCount = (int)v.Item();
            }
            else if (k == "lr")
            {
                LearningRate = v.Item();
            }
            else
            {
                var parts = k.Split('.');
                if (parts.Length != 3 || !int.TryParse(parts[1], out int index) || index < 0 || index >= Parameters.Count
                    || !v.Shape.SequenceEqual(Parameters[index].Shape))
                {
                    throw new ArgumentException($"{GetType().Name}: state entry '{k}' ({ShapeHelper.Format(v.Shape)}) does not belong to these parameters.", nameof(state));
                }
                _state[k] = v.To(Parameters[index].DType).Clone();
            }
        }
    }

    /// <summary>Converts a double to the element type.</summary>
    protected static T C<T>(double value) where T : IFloatingPointIeee754<T> => T.CreateTruncating(value);
}
