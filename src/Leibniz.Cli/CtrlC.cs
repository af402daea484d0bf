namespace Leibniz.Cli;

/// <summary>
/// Ctrl-C as a cancellation token for the length of a command: while it lives, Ctrl-C cancels <see cref="Token"/>
/// instead of killing the process, so the work in progress can stop cleanly and keep what it wrote.
/// </summary>
internal sealed class CtrlC : IDisposable
{
    private readonly CancellationTokenSource _source = new();

    public CtrlC() => Console.CancelKeyPress += OnCancel;

    /// <summary>Cancelled by Ctrl-C.</summary>
    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        _source.Dispose();
    }

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _source.Cancel();
    }
}
