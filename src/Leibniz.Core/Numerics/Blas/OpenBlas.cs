using System.Runtime.InteropServices;

namespace Leibniz.Numerics.Blas;

/// <summary>
/// OpenBLAS loaded at run time (Debian: <c>apt-get install libopenblas0-pthread</c>), called through unmanaged
/// function pointers. Nothing throws when the library is absent: <see cref="IsAvailable"/> is then false.
/// </summary>
internal static unsafe partial class OpenBlas
{
    private const int RowMajor = 101;
    private const int NoTrans = 111;
    private const int Trans = 112;

    private static readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> s_sgemm;
    private static readonly delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> s_dgemm;
    private static readonly delegate* unmanaged<int, void> s_setThreads;

    static OpenBlas()
    {
        CoreType = ChooseCoreType();
        foreach (string name in (string[])["libopenblas.so.0", "libopenblas.so", "libopenblas.dylib", "openblas"])
        {
            if (NativeLibrary.TryLoad(name, out nint handle)
                && NativeLibrary.TryGetExport(handle, "cblas_sgemm", out nint sgemm)
                && NativeLibrary.TryGetExport(handle, "cblas_dgemm", out nint dgemm))
            {
                s_sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemm;
                s_dgemm = (delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)dgemm;
                if (NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out nint setThreads))
                {
                    s_setThreads = (delegate* unmanaged<int, void>)setThreads;
                }
                LibraryName = name;
                return;
            }
        }
    }

    /// <summary>
    /// The kernel family OpenBLAS was told to use, or null when it chose itself. OpenBLAS 0.3.21 (Debian 12) does
    /// not recognise recent Intel cores and falls back to its SSE3 "Prescott" kernels, several times slower than
    /// the machine allows. Unless <c>OPENBLAS_CORETYPE</c> is already set, it is set from the instructions this
    /// CPU really has (SkylakeX for AVX-512 F/BW/DQ/VL, Haswell for AVX2 + FMA) before the library loads. This
    /// goes through libc's setenv because OpenBLAS reads the native environment when it loads.
    /// </summary>
    public static string? CoreType { get; }

    private static string? ChooseCoreType()
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
        {
            return null;
        }
        string? existing = Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE");
        if (!string.IsNullOrEmpty(existing))
        {
            return existing;
        }
        string? core = null;
        if (System.Runtime.Intrinsics.X86.Avx512F.IsSupported && System.Runtime.Intrinsics.X86.Avx512BW.IsSupported
            && System.Runtime.Intrinsics.X86.Avx512DQ.IsSupported && System.Runtime.Intrinsics.X86.Avx512F.VL.IsSupported)
        {
            core = "SkylakeX";
        }
        else if (System.Runtime.Intrinsics.X86.Avx2.IsSupported && System.Runtime.Intrinsics.X86.Fma.IsSupported)
        {
            core = "Haswell";
        }
        if (core is null)
        {
            return null;
        }
        try
        {
            return SetNativeEnvironment("OPENBLAS_CORETYPE", core, 0) == 0 ? core : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetNativeEnvironment(string name, string value, int overwrite);

    /// <summary>True when an OpenBLAS with cblas_sgemm and cblas_dgemm was found.</summary>
    public static bool IsAvailable => s_sgemm != null;

    /// <summary>The name under which the library was loaded, or null.</summary>
    public static string? LibraryName { get; }

    public static void SetThreads(int threads)
    {
        if (s_setThreads != null)
        {
            s_setThreads(threads);
        }
    }

    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
        => s_sgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    public static void Dgemm(bool transA, bool transB, int m, int n, int k, double alpha, double* a, int lda, double* b, int ldb, double beta, double* c, int ldc)
        => s_dgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
