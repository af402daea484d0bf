using System.CommandLine;

namespace Leibniz.Cli;

/// <summary>Builds the command tree: one <see cref="Command"/> per verb.</summary>
public static class CommandLine
{
    /// <summary>The root command, writing results to <paramref name="output"/>.</summary>
    public static RootCommand Build(TextWriter output)
    {
        var root = new RootCommand("Leibniz: a laboratory for mathematical machine learning.");
        root.Subcommands.Add(BenchCommand.Create(output));
        return root;
    }
}
