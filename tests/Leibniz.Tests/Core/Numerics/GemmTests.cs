using Leibniz.Numerics;
using Leibniz.Numerics.Blas;

namespace Leibniz.Tests.Numerics;

/// <summary>Both GEMM paths against a naive triple loop, over sizes that hit every edge of the blocking.</summary>
[Collection(GlobalStateCollection.Name)]
public class GemmTests
{
    public static TheoryData<int, int, int, bool, bool> Cases => new()
    {
        { 1, 1, 1, false, false },
        { 3, 5, 7, true, false },
        { 13, 17, 300, false, true },
        { 50, 70, 40, true, true },
        { 97, 130, 257, false, false },
        { 200, 33, 520, true, false },
        { 7, 300, 64, false, true },
        { 300, 1, 70, false, false },
        { 300, 1, 70, true, true },
        { 5, 1, 900, true, false },
        // Matrix–vector products (one output column or row, at least 2¹⁶ multiply–adds), in every layout.
        { 300, 1, 300, false, false },
        { 300, 1, 300, true, false },
        { 300, 1, 300, false, true },
        { 300, 1, 300, true, true },
        { 1, 300, 300, false, false },
        { 1, 300, 300, true, false },
        { 1, 300, 300, false, true },
        { 1, 300, 300, true, true },
        { 5000, 1, 20, true, true },
        { 1, 5000, 20, false, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Managed_gemm_matches_a_naive_loop(int m, int n, int k, bool transA, bool transB)
    {
        Check(BlasProvider.Managed, m, n, k, transA, transB);
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void OpenBlas_gemm_matches_a_naive_loop_when_installed(int m, int n, int k, bool transA, bool transB)
    {
        Skip.IfNot(Gemm.OpenBlasAvailable, "libopenblas.so.0 is not installed (apt-get install libopenblas0-pthread); only the managed GEMM was tested.");
        Check(BlasProvider.OpenBlas, m, n, k, transA, transB);
    }

    private static void Check(BlasProvider provider, int m, int n, int k, bool transA, bool transB)
    {
        var saved = Gemm.Provider;
        try
        {
            Gemm.Use(provider);
            var g = new Generator((ulong)(m * 131 + n * 7 + k));
            int lda = (transA ? m : k) + 3, ldb = (transB ? k : n) + 2, ldc = n + 1;
            var a = Random(g, (transA ? k : m) * lda);
            var b = Random(g, (transB ? n : k) * ldb);
            var c = Random(g, m * ldc);
            var cf = c.Select(v => (float)v).ToArray();
            var original = (double[])c.Clone();
            var expected = (double[])c.Clone();
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double s = 0;
                    for (int p = 0; p < k; p++)
                    {
                        s += (transA ? a[p * lda + i] : a[i * lda + p]) * (transB ? b[j * ldb + p] : b[p * ldb + j]);
                    }
                    expected[i * ldc + j] = 1.5 * s + 0.5 * c[i * ldc + j];
                }
            }
            Gemm.Multiply(transA, transB, m, n, k, 1.5, a, lda, b, ldb, 0.5, c, ldc);
            Gemm.Multiply(transA, transB, m, n, k, 1.5f, a.Select(v => (float)v).ToArray(), lda, b.Select(v => (float)v).ToArray(), ldb, 0.5f, cf, ldc);
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < ldc; j++)
                {
                    // Past column n the row is padding, which the product must leave as it was.
                    double e = j < n ? expected[i * ldc + j] : original[i * ldc + j];
                    Assert.Equal(e, c[i * ldc + j], 1e-9 * (1 + Math.Abs(e)) * k);
                    Assert.Equal(e, cf[i * ldc + j], 1e-4 * (1 + Math.Abs(e)) * Math.Sqrt(k));
                }
            }
        }
        finally
        {
            Gemm.Use(saved);
        }
    }

    private static double[] Random(Generator g, int n)
    {
        var r = new double[n];
        for (int i = 0; i < n; i++)
        {
            r[i] = g.NextNormal();
        }
        return r;
    }

    [Fact]
    public void Describe_names_the_active_provider()
    {
        Assert.Contains(Gemm.Name, Gemm.Describe());
    }
}
