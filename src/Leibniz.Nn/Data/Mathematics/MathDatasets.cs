using Leibniz.Numerics;
using Leibniz.Tensors;

namespace Leibniz.Data.Mathematics;

/// <summary>Seeded, generated data sets of mathematical objects (no download).</summary>
public static class MathDatasets
{
    /// <summary>
    /// Sparse parity: n random bits, target the parity of the bits at <paramref name="relevant"/> (k positions);
    /// the full parity when all n are relevant.
    /// </summary>
    public static TensorDataset SparseParity(int count, int bits, int[] relevant, Generator generator)
    {
        foreach (int r in relevant)
        {
            if (r < 0 || r >= bits)
            {
                throw new ArgumentOutOfRangeException(nameof(relevant), r, $"Sparse parity: relevant positions must lie in 0..{bits - 1}.");
            }
        }
        var x = new float[count * bits];
        var y = new float[count];
        for (int i = 0; i < count; i++)
        {
            int parity = 0;
            for (int b = 0; b < bits; b++)
            {
                int bit = (int)generator.NextInt64(2);
                x[i * bits + b] = bit;
                if (Array.IndexOf(relevant, b) >= 0)
                {
                    parity ^= bit;
                }
            }
            y[i] = parity;
        }
        return new TensorDataset(Tensor.FromArray(x, count, bits), Tensor.FromArray(y, count, 1));
    }

    /// <summary>The features of the integers 1..N in an encoding; see <see cref="IntegerEncoding"/>.</summary>
    public static Tensor EncodeIntegers(IReadOnlyList<int> numbers, IntegerEncoding encoding, int digits = 0, int primes = 10)
    {
        int max = numbers.Max();
        int width = encoding switch
        {
            IntegerEncoding.Binary => digits > 0 ? digits : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)max),
            IntegerEncoding.Decimal => 10 * (digits > 0 ? digits : max.ToString(System.Globalization.CultureInfo.InvariantCulture).Length),
            _ => ArithmeticFunctions.FirstPrimes(primes).Sum(),
        };
        var features = new float[numbers.Count * width];
        var ps = ArithmeticFunctions.FirstPrimes(primes);
        for (int i = 0; i < numbers.Count; i++)
        {
            int n = numbers[i];
            var row = features.AsSpan(i * width, width);
            switch (encoding)
            {
                case IntegerEncoding.Binary:
                    for (int b = 0; b < width; b++)
                    {
                        row[b] = (n >> b) & 1;
                    }
                    break;
                case IntegerEncoding.Decimal:
                    for (int d = 0, v = n; d < width / 10; d++, v /= 10)
                    {
                        row[d * 10 + v % 10] = 1;
                    }
                    break;
                default:
                    int offset = 0;
                    foreach (int p in ps)
                    {
                        row[offset + n % p] = 1;
                        offset += p;
                    }
                    break;
            }
        }
        return Tensor.FromArray(features, numbers.Count, width);
    }

    /// <summary>μ(n) for n = 1..N as classes 0, 1, 2 for μ = −1, 0, +1, with the chosen encoding of n.</summary>
    public static TensorDataset Mobius(int limit, IntegerEncoding encoding, int primes = 10) =>
        new(EncodeIntegers([.. Enumerable.Range(1, limit)], encoding, primes: primes), MobiusClasses(limit));

    /// <summary>The classes μ(n) + 1 ∈ {0, 1, 2} of n = 1..N, as int64 [N].</summary>
    public static Tensor MobiusClasses(int limit)
    {
        var sieve = new ArithmeticFunctions(limit);
        return Tensor.FromArray(Enumerable.Range(1, limit).Select(n => (long)(sieve.Mobius(n) + 1)).ToArray());
    }

    /// <summary>
    /// Random permutations of S_n with their descent numbers (targets 0..n−1) and descent sets (bit masks
    /// [count, n−1]). X is the one-hot matrix [count, n·n] (row i one-hot at σ(i)), or with
    /// <see cref="PermutationEncoding.Sequence"/> the sequence σ(0..n−1) as numbers [count, n] (take <c>.To(Int64)</c>
    /// for an embedding, <c>.Reshape(count, n, 1)</c> for a recurrent network).
    /// </summary>
    public static (Tensor X, Tensor DescentNumber, Tensor DescentSet) Permutations(int count, int n, Generator generator,
        PermutationEncoding encoding = PermutationEncoding.OneHot)
    {
        if (n < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "Permutations: n must be at least 2 to have descents.");
        }
        var x = new float[count * n * (encoding == PermutationEncoding.OneHot ? n : 1)];
        var numbers = new long[count];
        var sets = new float[count * (n - 1)];
        for (int s = 0; s < count; s++)
        {
            var sigma = generator.Permutation(n);
            for (int i = 0; i < n; i++)
            {
                if (encoding == PermutationEncoding.OneHot)
                {
                    x[s * n * n + i * n + sigma[i]] = 1;
                }
                else
                {
                    x[s * n + i] = sigma[i];
                }
            }
            var descents = PermutationStatistics.Descents(sigma);
            numbers[s] = descents.Length;
            foreach (int d in descents)
            {
                sets[s * (n - 1) + d] = 1;
            }
        }
        var inputs = encoding == PermutationEncoding.OneHot ? Tensor.FromArray(x, count, n * n) : Tensor.FromArray(x, count, n);
        return (inputs, Tensor.FromArray(numbers), Tensor.FromArray(sets, count, n - 1));
    }

    /// <summary>
    /// The full table a ∘ b mod p (p prime) for grokking (Power et al., 2022): inputs one-hot a and one-hot b
    /// [p², 2p] (b ≠ 0 for division), targets the class of the result.
    /// </summary>
    public static TensorDataset Modular(int p, ModularOperation operation)
    {
        if (p < 2 || !new ArithmeticFunctions(p).IsPrime(p))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Modular tables need a prime modulus p (for example 97), so that every b ≠ 0 has an inverse.");
        }
        var rows = new List<(int A, int B, int C)>();
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < p; b++)
            {
                if (operation == ModularOperation.Divide && b == 0)
                {
                    continue;
                }
                rows.Add((a, b, ModularArithmetic.Apply(operation, a, b, p)));
            }
        }
        var x = new float[rows.Count * 2 * p];
        var y = new long[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            x[i * 2 * p + rows[i].A] = 1;
            x[i * 2 * p + p + rows[i].B] = 1;
            y[i] = rows[i].C;
        }
        return new TensorDataset(Tensor.FromArray(x, rows.Count, 2 * p), Tensor.FromArray(y));
    }
}
