using System.Runtime.InteropServices;

namespace MeshSecurity.Cli.Commands;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM ask the running command to stop cleanly: the token is cancelled and the process lives on
/// until the command has written what it has. A second Ctrl-C ends the process at once, as usual.
/// </summary>
public sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration? _term;

    public StopSignals()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        if (!OperatingSystem.IsWindows()) _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            _stop.Cancel();
        });
    }

    public CancellationToken Token => _stop.Token;

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (_stop.IsCancellationRequested) return; // the second one is not held back
        e.Cancel = true;
        Console.Error.WriteLine("meshsec: stopping (Ctrl-C again to end at once)");
        _stop.Cancel();
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _term?.Dispose();
        _stop.Dispose();
    }
}
