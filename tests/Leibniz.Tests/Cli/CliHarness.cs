using Leibniz.Cli;
using Spectre.Console;

namespace Leibniz.Tests.Cli;

/// <summary>Runs the <c>leibniz</c> command in-process on a plain console 250 columns wide and captures what it writes.</summary>
internal static class CliHarness
{
    public static (int Code, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 250;
        int code = CommandLine.Run(args, console);
        return (code, writer.ToString());
    }
}
