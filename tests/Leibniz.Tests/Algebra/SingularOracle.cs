using System.Diagnostics;
using System.Text;
using Leibniz.Algebra.Polynomials;

namespace Leibniz.Tests.Algebra;

/// <summary>
/// Singular (Debian's <c>singular</c>) as an independent oracle: one process computes, for each ideal, the reduced
/// standard basis (<c>option(redSB)</c>, <c>std</c>) in the same ring and order, <c>dim</c> and <c>mult</c>; the
/// elements come back as strings that Leibniz parses in its own ring.
/// </summary>
internal static class SingularOracle
{
    public static bool IsAvailable { get; } = Find() is not null;

    private static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            var path = Path.Combine(dir, "Singular");
            if (File.Exists(path))
            {
                return path;
            }
        }
        return null;
    }

    /// <summary>Singular's answer for one ideal.</summary>
    public sealed record Answer(IReadOnlyList<string> Basis, int Dimension, int Multiplicity);

    /// <summary>Singular's ring declaration for <paramref name="ring"/>.</summary>
    public static string RingLine<T>(PolynomialRing<T> ring) =>
        $"ring r = {ring.Field.Characteristic}, ({string.Join(",", ring.Variables)}), {ring.Order.SingularName};";

    /// <summary>Runs Singular on each (ring, generators) and returns its answers in order.</summary>
    public static IReadOnlyList<Answer> Compute(IEnumerable<(string RingLine, IReadOnlyList<string> Generators)> ideals)
    {
        var script = new StringBuilder("option(redSB);\n");
        int count = 0;
        foreach (var (ringLine, generators) in ideals)
        {
            script.AppendLine(ringLine + " short = 0;");
            script.AppendLine($"ideal i = {string.Join(", ", generators)};");
            script.AppendLine("ideal g = std(i);");
            script.AppendLine($"print(\"@@ideal {count}\"); print(dim(g)); print(mult(g));");
            script.AppendLine("for (int k = 1; k <= size(g); k++) { print(string(g[k])); } kill k;");
            script.AppendLine("kill r;");
            count++;
        }
        script.AppendLine("print(\"@@end\"); quit;");
        var file = Path.Combine(Path.GetTempPath(), $"leibniz-singular-{Guid.NewGuid():N}.sing");
        File.WriteAllText(file, script.ToString());
        try
        {
            var start = new ProcessStartInfo(Find() ?? throw new InvalidOperationException("Singular is not installed."), ["-q", "--no-rc", "--no-warn", file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (!lines.Contains("@@end"))
            {
                throw new InvalidOperationException($"Singular did not finish the script:\n{output}\n{stderr.Result}");
            }
            var answers = new List<Answer>();
            for (int k = 0; k < lines.Length; k++)
            {
                if (!lines[k].StartsWith("@@ideal", StringComparison.Ordinal))
                {
                    continue;
                }
                int dim = int.Parse(lines[k + 1]);
                int mult = int.Parse(lines[k + 2]);
                var basis = new List<string>();
                for (int m = k + 3; m < lines.Length && !lines[m].StartsWith("@@", StringComparison.Ordinal); m++)
                {
                    basis.Add(lines[m]);
                }
                answers.Add(new Answer(basis, dim, mult));
            }
            return answers;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
