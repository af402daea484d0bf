namespace Leibniz.Numerics;

/// <summary>
/// Leibniz's seedable random number generator: xoshiro256** (Blackman and Vigna, 2018), seeded through
/// SplitMix64. The stream is defined by integer arithmetic and IEEE basic operations only, so a seed gives
/// bit-identical numbers on every machine and every .NET version. Stream version: <see cref="StreamVersion"/>.
/// </summary>
/// <remarks>
/// <para>Uniform doubles are <c>(next() &gt;&gt; 11) * 2^-53</c> in [0, 1); uniform floats <c>(next() &gt;&gt; 40) * 2^-24</c>.</para>
/// <para>Normals use Marsaglia's polar method with <see cref="DeterministicMath.Log"/>, never the platform's libm.</para>
/// <para><see cref="Split"/> returns an independent generator for parallel work (the 2^128 jump), advancing this one.</para>
/// </remarks>
public sealed class Generator
{
    /// <summary>Changes whenever the numbers produced for a given seed change.</summary>
    public const int StreamVersion = 1;

    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpare;

    /// <summary>Creates a generator whose whole stream is determined by <paramref name="seed"/>.</summary>
    public Generator(ulong seed)
    {
        Seed = seed;
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>A generator with its raw xoshiro256** state set (for reference test vectors).</summary>
    internal static Generator FromState(ulong s0, ulong s1, ulong s2, ulong s3) => new(0, s0, s1, s2, s3);

    private Generator(ulong seed, ulong s0, ulong s1, ulong s2, ulong s3)
    {
        Seed = seed;
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>The generator's whole state, for checkpoints: after <see cref="Restore"/> it continues the same stream.</summary>
    public GeneratorState State => new(_s0, _s1, _s2, _s3, _hasSpare, _spareNormal);

    /// <summary>Sets the state saved by <see cref="State"/>; the next numbers are those that followed it.</summary>
    public void Restore(GeneratorState state)
    {
        (_s0, _s1, _s2, _s3, _hasSpare, _spareNormal) = (state.S0, state.S1, state.S2, state.S3, state.HasSpareNormal, state.SpareNormal);
    }

    /// <summary>The seed this generator (or the one it was split from) was created with.</summary>
    public ulong Seed { get; }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, 1) with 24 random bits.</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>Uniform integer in [0, <paramref name="bound"/>), without modulo bias (Lemire's method).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is not positive.</exception>
    public long NextInt64(long bound)
    {
        if (bound <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bound), bound, "The upper bound of a random integer must be positive.");
        }
        ulong b = (ulong)bound;
        ulong threshold = (0 - b) % b;
        while (true)
        {
            ulong r = NextUInt64();
            ulong hi = Math.BigMul(r, b, out ulong lo);
            if (lo >= threshold)
            {
                return (long)hi;
            }
        }
    }

    /// <summary>Standard normal N(0, 1) by Marsaglia's polar method; pairs are cached.</summary>
    public double NextNormal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareNormal;
        }
        while (true)
        {
            double u = 2.0 * NextDouble() - 1.0;
            double v = 2.0 * NextDouble() - 1.0;
            double s = u * u + v * v;
            if (s >= 1.0 || s == 0.0)
            {
                continue;
            }
            double factor = Math.Sqrt(-2.0 * DeterministicMath.Log(s) / s);
            _spareNormal = v * factor;
            _hasSpare = true;
            return u * factor;
        }
    }

    /// <summary>
    /// Returns a generator for independent work and jumps this one 2^128 steps ahead, so the two streams never overlap.
    /// </summary>
    public Generator Split()
    {
        var child = new Generator(Seed, _s0, _s1, _s2, _s3);
        Jump();
        return child;
    }

    /// <summary>A uniformly random permutation of 0..n-1 (Fisher–Yates).</summary>
    public int[] Permutation(int n)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--)
        {
            int j = (int)NextInt64(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }

    private void Jump()
    {
        ReadOnlySpan<ulong> jump = [0x180ec6d33cfd0abaUL, 0xd5a61266f0c9392cUL, 0xa9582618e03fc9aaUL, 0x39abdc4529b1661cUL];
        ulong s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        foreach (ulong word in jump)
        {
            for (int b = 0; b < 64; b++)
            {
                if ((word & (1UL << b)) != 0)
                {
                    s0 ^= _s0;
                    s1 ^= _s1;
                    s2 ^= _s2;
                    s3 ^= _s3;
                }
                NextUInt64();
            }
        }
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
        _hasSpare = false;
    }

    internal static ulong SplitMix64(ref ulong x)
    {
        x += 0x9e3779b97f4a7c15UL;
        ulong z = x;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}

/// <summary>The four xoshiro256** words and the cached second normal of a <see cref="Generator"/>.</summary>
public readonly record struct GeneratorState(ulong S0, ulong S1, ulong S2, ulong S3, bool HasSpareNormal, double SpareNormal);
