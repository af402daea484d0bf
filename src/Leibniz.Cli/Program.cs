namespace Leibniz.Cli;

/// <summary>The <c>leibniz</c> command's entry point.</summary>
public static class Program
{
    /// <summary>Parses the arguments and runs the chosen verb; returns the exit code.</summary>
    public static int Main(string[] args) => CommandLine.Build(Console.Out).Parse(args).Invoke();
}
