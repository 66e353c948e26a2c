namespace MeshSecurity.Cli.Commands;

/// <summary>
/// Where an unexpected exception's trace goes: the run's own log when the run had one (the command puts its path in
/// <see cref="Exception.Data"/> under <see cref="LogKey"/>), otherwise a file of its own in the temporary folder.
/// The user sees one line naming it, never the trace.
/// </summary>
public static class CrashLog
{
    public const string LogKey = "meshsec.log";

    /// <summary>Returns the path of the log holding <paramref name="ex"/>'s trace, writing it when no run log has it.</summary>
    public static string Record(Exception ex)
    {
        if (ex.Data[LogKey] is string runLog) return runLog;
        var dir = Path.Combine(Path.GetTempPath(), "meshsec");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"crash-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.log");
        File.WriteAllText(path, $"meshsec {string.Join(' ', Environment.GetCommandLineArgs().Skip(1))}\n{ex}\n");
        return path;
    }

    /// <summary>The line the user sees: what failed, in one line, and where the trace is.</summary>
    public static string Line(Exception ex, string logPath) =>
        $"meshsec: internal error: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")} (this is a bug; the trace is in {logPath})";
}
