using Leibniz.Numerics;

namespace Leibniz.Causal.Models;

/// <summary>The additive noise of a structural equation, each of scale s (NOTEARS' simulator's choices).</summary>
public enum NoiseKind
{
    /// <summary>Normal with standard deviation s.</summary>
    Gaussian,

    /// <summary>Exponential with mean s (not centred, as in NOTEARS).</summary>
    Exponential,

    /// <summary>Gumbel with location 0 and scale s.</summary>
    Gumbel,

    /// <summary>Uniform on [−s, s].</summary>
    Uniform,

    /// <summary>Logistic with location 0 and scale s.</summary>
    Logistic,
}

/// <summary>Draws from a <see cref="NoiseKind"/> by inverse transforms of the generator's uniforms.</summary>
public static class Noise
{
    /// <summary>One draw of noise of the given kind and scale.</summary>
    public static double Draw(NoiseKind kind, double scale, Generator generator)
    {
        double u = generator.NextDouble();
        // Open interval (0, 1) for the logarithms.
        double open = (u * (1 - 2e-16)) + 1e-16;
        return kind switch
        {
            NoiseKind.Gaussian => scale * generator.NextNormal(),
            NoiseKind.Exponential => -scale * Math.Log(open),
            NoiseKind.Gumbel => -scale * Math.Log(-Math.Log(open)),
            NoiseKind.Uniform => scale * (2 * u - 1),
            NoiseKind.Logistic => scale * Math.Log(open / (1 - open)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Noise: unknown kind."),
        };
    }
}
