using System.CommandLine;

namespace Leibniz.Cli;

/// <summary><c>leibniz bench</c>: runs the engine's benchmark workloads.</summary>
internal static class BenchCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("bench", "Run benchmark workloads (W0 GEMM, W4 Hessian-vector product, W6 NTK).");
        command.SetAction(_ =>
        {
            output.WriteLine("bench");
            return 0;
        });
        return command;
    }
}
