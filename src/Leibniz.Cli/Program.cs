using Spectre.Console;

namespace Leibniz.Cli;

/// <summary>The <c>leibniz</c> command's entry point.</summary>
public static class Program
{
    /// <summary>Parses the arguments and runs the chosen verb; returns the exit code (0 success, 1 failure, 2 bad usage).</summary>
    public static int Main(string[] args)
    {
        // Numbers in files and reports are the same on every machine, whatever its locale.
        System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            Interactive = Console.IsOutputRedirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        return CommandLine.Run(args, console);
    }
}
