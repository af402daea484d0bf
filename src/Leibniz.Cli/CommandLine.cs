using System.CommandLine;
using Spectre.Console;

namespace Leibniz.Cli;

/// <summary>Builds the command tree: one <see cref="Command"/> per verb. The CLI holds no experiment logic.</summary>
public static class CommandLine
{
    /// <summary>Exit code for success.</summary>
    public const int Success = 0;

    /// <summary>Exit code for a failure during a run (or an interrupted run).</summary>
    public const int Failure = 1;

    /// <summary>Exit code for bad usage or configuration.</summary>
    public const int BadUsage = 2;

    /// <summary>The root command, writing to <paramref name="console"/>.</summary>
    public static RootCommand Build(IAnsiConsole console)
    {
        var root = new RootCommand("Leibniz: a laboratory for mathematical machine learning. Experiments become reproducible run folders with figures and a report.");
        root.Subcommands.Add(ListCommand.Create(console));
        root.Subcommands.Add(DescribeCommand.Create(console));
        root.Subcommands.Add(RunCommand.Create(console));
        root.Subcommands.Add(ReportCommand.Create(console));
        root.Subcommands.Add(CompareCommand.Create(console));
        root.Subcommands.Add(BenchCommand.Create(console));
        root.Subcommands.Add(VerifyCommand.Create(console));
        root.Subcommands.Add(GroebnerCommand.Create(console));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; parse errors give exit code 2 with the messages.</summary>
    public static int Run(string[] args, IAnsiConsole console)
    {
        var parse = Build(console).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.MarkupLine($"[red]error:[/] {Markup.Escape(error.Message)}");
            }
            console.MarkupLine("Run [bold]leibniz --help[/] for the commands and options.");
            return BadUsage;
        }
        try
        {
            return parse.Invoke();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(e.GetType().Name + ": " + e.Message)}");
            return Failure;
        }
    }

    /// <summary>Writes an error (escaped) and returns <paramref name="code"/>.</summary>
    internal static int Fail(IAnsiConsole console, string message, int code = BadUsage)
    {
        console.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        return code;
    }
}
