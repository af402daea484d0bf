using System.CommandLine;
using Leibniz.Graphs;
using Leibniz.Graphs.Certification;
using Spectre.Console;

namespace Leibniz.Cli;

/// <summary><c>leibniz verify FILE</c>: re-checks a certificate file with the independent exact algorithms.</summary>
internal static class VerifyCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var file = new Argument<string>("file") { Description = "A certificate file (a run's certificates/*.json)." };
        var command = new Command("verify", "Re-check a certified result from its file with the independent exact algorithms; exit code 0 when the claim is proven.") { file };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(file)!;
            try
            {
                var certificate = CertificateFile.Verify(path);
                console.MarkupLine($"{(certificate.Certified ? "[green]proven[/]" : "[red]not proven[/]")}: {Markup.Escape($"{Graph6.Encode(certificate.Graph)} (n = {certificate.Graph.Order}) against '{certificate.Conjecture.Text}'")}");
                console.WriteLine(certificate.Verdict);
                return certificate.Certified ? CommandLine.Success : 1;
            }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
            {
                return CommandLine.Fail(console, e.Message);
            }
        });
        return command;
    }
}
