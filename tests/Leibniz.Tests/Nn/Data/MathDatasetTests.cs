using Leibniz.Data.Mathematics;
using Leibniz.Numerics;

namespace Leibniz.Tests.Data;

public sealed class MathDatasetTests
{
    [Fact]
    public void Mobius_matches_the_table_and_the_Mertens_function()
    {
        var sieve = new ArithmeticFunctions(1000);
        int[] expected = [1, -1, -1, 0, -1, 1, -1, 0, 0, 1, -1, 0, -1, 1, 1, 0, -1, 0, -1, 0];
        Assert.Equal(expected, Enumerable.Range(1, 20).Select(sieve.Mobius));
        // Mertens M(n) = Σ_{k≤n} μ(k): M(100) = 1, M(1000) = 2.
        Assert.Equal(1, Enumerable.Range(1, 100).Sum(sieve.Mobius));
        Assert.Equal(2, Enumerable.Range(1, 1000).Sum(sieve.Mobius));
        // 168 primes below 1000; 608 squarefree numbers up to 1000.
        Assert.Equal(168, Enumerable.Range(1, 1000).Count(sieve.IsPrime));
        Assert.Equal(608, Enumerable.Range(1, 1000).Count(sieve.IsSquarefree));
        Assert.Equal([2, 2, 2, 3, 5], sieve.Factor(120));
        Assert.Equal(-1, sieve.Liouville(120));
        Assert.Throws<ArgumentOutOfRangeException>(() => sieve.Mobius(1001));
    }

    [Fact]
    public void Mobius_dataset_labels_are_classes_of_mu_and_encodings_decode()
    {
        var data = MathDatasets.Mobius(30, IntegerEncoding.Binary);
        var labels = data.Targets.ToArray<long>();
        Assert.Equal(30, data.Count);
        Assert.Equal([2, 0, 0, 1, 0, 2], labels.Take(6));
        var binary = data.Inputs.ToArray<float>();
        int width = data.Inputs.Size(1);
        Assert.Equal(5, width);
        for (int n = 1; n <= 30; n++)
        {
            int decoded = 0;
            for (int b = 0; b < width; b++)
            {
                decoded += (int)binary[(n - 1) * width + b] << b;
            }
            Assert.Equal(n, decoded);
        }

        var residues = MathDatasets.EncodeIntegers([29], IntegerEncoding.Residues, primes: 3).ToArray<float>();
        // 29 mod 2 = 1, mod 3 = 2, mod 5 = 4 → one-hot blocks of widths 2, 3, 5.
        Assert.Equal([0, 1, 0, 0, 1, 0, 0, 0, 0, 1], residues);
        var decimalDigits = MathDatasets.EncodeIntegers([407], IntegerEncoding.Decimal).ToArray<float>();
        Assert.Equal(30, decimalDigits.Length);
        Assert.Equal(1, decimalDigits[7]);
        Assert.Equal(1, decimalDigits[10 + 0]);
        Assert.Equal(1, decimalDigits[20 + 4]);
        Assert.Equal(3, decimalDigits.Sum());
    }

    [Fact]
    public void Descent_counts_over_S4_are_the_Eulerian_numbers()
    {
        var counts = new int[4];
        var majorIndexTotal = 0;
        var inversionTotal = 0;
        foreach (var sigma in AllPermutations(4))
        {
            counts[PermutationStatistics.Descents(sigma).Length]++;
            majorIndexTotal += PermutationStatistics.MajorIndex(sigma);
            inversionTotal += PermutationStatistics.Inversions(sigma);
        }
        Assert.Equal([1, 11, 11, 1], counts);
        Assert.Equal([1.0, 11, 11, 1], PermutationStatistics.EulerianNumbers(4));
        Assert.Equal([1.0, 26, 66, 26, 1], PermutationStatistics.EulerianNumbers(5));
        Assert.Equal(3628800.0, PermutationStatistics.EulerianNumbers(10).Sum());
        // Every one of the 2^(n−1) descent sets occurs in S₅; exactly 16 permutations have the descent set {0, 2}.
        var masks = AllPermutations(5).GroupBy(PermutationStatistics.DescentMask).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(16, masks.Count);
        Assert.Equal(120, masks.Values.Sum());
        Assert.Equal(16, masks[0b0101]);
        // Cycle types of S₄: 1 identity, 6 transpositions, 3 double transpositions, 8 three-cycles, 6 four-cycles.
        var types = AllPermutations(4).GroupBy(p => string.Join(",", PermutationStatistics.CycleType(p))).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, types["1,1,1,1"]);
        Assert.Equal(6, types["2,1,1"]);
        Assert.Equal(3, types["2,2"]);
        Assert.Equal(8, types["3,1"]);
        Assert.Equal(6, types["4"]);
        // MacMahon: maj and inv are equidistributed; both average n(n−1)/4 = 3 over S₄.
        Assert.Equal(72, majorIndexTotal);
        Assert.Equal(72, inversionTotal);
        Assert.Equal([0, 2], PermutationStatistics.Descents([2, 0, 3, 1]));
        Assert.Equal(4, PermutationStatistics.MajorIndex([2, 0, 3, 1]));
    }

    [Fact]
    public void Random_permutations_are_one_hot_with_consistent_descents()
    {
        var (x, number, set) = MathDatasets.Permutations(50, 6, new Generator(3));
        var xs = x.ToArray<float>();
        var ns = number.ToArray<long>();
        var ds = set.ToArray<float>();
        for (int s = 0; s < 50; s++)
        {
            var sigma = new int[6];
            for (int i = 0; i < 6; i++)
            {
                Assert.Equal(1, xs.Skip(s * 36 + i * 6).Take(6).Sum());
                sigma[i] = Array.IndexOf(xs, 1f, s * 36 + i * 6, 6) - (s * 36 + i * 6);
            }
            Assert.Equal(6, sigma.Distinct().Count());
            Assert.Equal(PermutationStatistics.Descents(sigma).Length, ns[s]);
            Assert.Equal(ns[s], ds.Skip(s * 5).Take(5).Sum());
        }
        Assert.Equal(xs, MathDatasets.Permutations(50, 6, new Generator(3)).X.ToArray<float>());
        var sequences = MathDatasets.Permutations(50, 6, new Generator(3), PermutationEncoding.Sequence).X;
        Assert.Equal([50, 6], sequences.Shape.ToArray());
        var values = sequences.ToArray<float>();
        for (int s = 0; s < 50; s++)
        {
            for (int i = 0; i < 6; i++)
            {
                Assert.Equal(1, xs[s * 36 + i * 6 + (int)values[s * 6 + i]]);
            }
        }
    }

    [Theory]
    [InlineData(ModularOperation.Add)]
    [InlineData(ModularOperation.Subtract)]
    [InlineData(ModularOperation.Multiply)]
    [InlineData(ModularOperation.Divide)]
    public void Modular_tables_satisfy_their_operation(ModularOperation operation)
    {
        const int p = 7;
        var data = MathDatasets.Modular(p, operation);
        Assert.Equal(operation == ModularOperation.Divide ? p * (p - 1) : p * p, data.Count);
        var xs = data.Inputs.ToArray<float>();
        var ys = data.Targets.ToArray<long>();
        for (int i = 0; i < data.Count; i++)
        {
            int a = Array.IndexOf(xs, 1f, i * 2 * p, p) - i * 2 * p;
            int b = Array.IndexOf(xs, 1f, i * 2 * p + p, p) - (i * 2 * p + p);
            long c = ys[i];
            long check = operation switch
            {
                ModularOperation.Add => (c - a - b) % p,
                ModularOperation.Subtract => (c + b - a) % p,
                ModularOperation.Multiply => (c - a * b) % p,
                _ => (c * b - a) % p,
            };
            Assert.Equal(0, check);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => MathDatasets.Modular(9, operation));
    }

    [Fact]
    public void The_exact_parity_network_is_exact_and_sparse_parity_uses_its_positions()
    {
        for (int n = 1; n <= 10; n++)
        {
            for (int mask = 0; mask < 1 << n; mask++)
            {
                var bits = Enumerable.Range(0, n).Select(b => (float)((mask >> b) & 1)).ToArray();
                Assert.Equal(System.Numerics.BitOperations.PopCount((uint)mask) % 2, ExactNetworks.Parity(bits));
            }
        }

        var data = MathDatasets.SparseParity(200, 8, [1, 4, 6], new Generator(5));
        var xs = data.Inputs.ToArray<float>();
        var ys = data.Targets.ToArray<float>();
        for (int i = 0; i < 200; i++)
        {
            Assert.Equal(((int)xs[i * 8 + 1] + (int)xs[i * 8 + 4] + (int)xs[i * 8 + 6]) % 2, ys[i]);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => MathDatasets.SparseParity(1, 8, [8], new Generator(5)));
    }

    private static IEnumerable<int[]> AllPermutations(int n)
    {
        if (n == 0)
        {
            yield return [];
            yield break;
        }
        foreach (var rest in AllPermutations(n - 1))
        {
            for (int position = 0; position <= rest.Length; position++)
            {
                var sigma = rest.Take(position).Append(n - 1).Concat(rest.Skip(position)).ToArray();
                yield return sigma;
            }
        }
    }
}
