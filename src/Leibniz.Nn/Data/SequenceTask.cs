using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Data;

/// <summary>
/// A sequence task with a target after every symbol: inputs [B, T, InputSize], targets [B, T, 1] of 0/1 floats when
/// <see cref="Classes"/> is 1 (binary), else [B, T] class indices.
/// </summary>
public abstract class SequenceTask
{
    /// <summary>The task's name in the configuration.</summary>
    public abstract string Name { get; }

    /// <summary>Features per symbol.</summary>
    public abstract int InputSize { get; }

    /// <summary>1 for a binary target, else the number of classes.</summary>
    public abstract int Classes { get; }

    /// <summary>What is predicted, for the report.</summary>
    public abstract string Rule { get; }

    /// <summary>A seeded batch of <paramref name="count"/> sequences of the given length.</summary>
    public abstract (Tensor X, Tensor Y) Batch(int count, int length, Generator generator);

    /// <summary>The task of that name: parity, digitsum or dyck.</summary>
    public static SequenceTask Create(string name) => name.ToLowerInvariant() switch
    {
        "parity" => new RunningParity(),
        "digitsum" => new DigitSum(),
        "dyck" => new Dyck(),
        _ => throw new ArgumentException($"Unknown sequence task '{name}'; choose from parity, digitsum, dyck.", nameof(name)),
    };
}

/// <summary>Bits x_t; target y_t = x₁ ⊕ … ⊕ x_t.</summary>
internal sealed class RunningParity : SequenceTask
{
    public override string Name => "parity";

    public override int InputSize => 1;

    public override int Classes => 1;

    public override string Rule => "running parity of bits (a two-state automaton)";

    public override (Tensor X, Tensor Y) Batch(int count, int length, Generator generator)
    {
        var x = new float[count * length];
        var y = new float[count * length];
        for (int s = 0; s < count; s++)
        {
            int parity = 0;
            for (int t = 0; t < length; t++)
            {
                int bit = (int)generator.NextInt64(2);
                parity ^= bit;
                x[s * length + t] = bit;
                y[s * length + t] = parity;
            }
        }
        return (Tensor.FromArray(x, count, length, 1), Tensor.FromArray(y, count, length, 1));
    }
}

/// <summary>Decimal digits d_t (one-hot); target (d₁ + … + d_t) mod 10.</summary>
internal sealed class DigitSum : SequenceTask
{
    public override string Name => "digitsum";

    public override int InputSize => 10;

    public override int Classes => 10;

    public override string Rule => "running digit sum mod 10 (a ten-state automaton)";

    public override (Tensor X, Tensor Y) Batch(int count, int length, Generator generator)
    {
        var x = new float[count * length * 10];
        var y = new long[count * length];
        for (int s = 0; s < count; s++)
        {
            int sum = 0;
            for (int t = 0; t < length; t++)
            {
                int digit = (int)generator.NextInt64(10);
                sum = (sum + digit) % 10;
                x[(s * length + t) * 10 + digit] = 1;
                y[s * length + t] = sum;
            }
        }
        return (Tensor.FromArray(x, count, length, 10), Tensor.FromArray(y, count, length));
    }
}

/// <summary>
/// Brackets ( = 1, ) = 0; target: the prefix is a balanced (Dyck) word. Half the sequences are random Dyck walks
/// (balanced at the end when the length is even), half the same walks with one symbol flipped.
/// </summary>
internal sealed class Dyck : SequenceTask
{
    public override string Name => "dyck";

    public override int InputSize => 1;

    public override int Classes => 1;

    public override string Rule => "whether the brackets so far are balanced (needs an unbounded counter)";

    public override (Tensor X, Tensor Y) Batch(int count, int length, Generator generator)
    {
        var x = new float[count * length];
        var y = new float[count * length];
        var word = new int[length];
        for (int s = 0; s < count; s++)
        {
            int depth = 0;
            for (int t = 0; t < length; t++)
            {
                // Open only while the walk can still close back to depth 0 in the steps that remain.
                bool open = depth == 0 || (depth + 1 < length - t && generator.NextInt64(2) == 0);
                word[t] = open ? 1 : 0;
                depth += open ? 1 : -1;
            }
            if (s % 2 == 1)
            {
                int flip = (int)generator.NextInt64(length);
                word[flip] = 1 - word[flip];
            }
            depth = 0;
            bool valid = true;
            for (int t = 0; t < length; t++)
            {
                depth += word[t] == 1 ? 1 : -1;
                valid &= depth >= 0;
                x[s * length + t] = word[t];
                y[s * length + t] = valid && depth == 0 ? 1 : 0;
            }
        }
        return (Tensor.FromArray(x, count, length, 1), Tensor.FromArray(y, count, length, 1));
    }
}
