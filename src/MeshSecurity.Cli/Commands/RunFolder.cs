namespace MeshSecurity.Cli.Commands;

/// <summary>
/// A run's output folder, held for the run: created if needed, and locked (an advisory lock on a file inside, released
/// by the system even when the process is killed), and so is its SQLite journal (through "JOURNAL.lock" beside it), so a
/// second run into the same folder or onto the same journal is refused instead of interleaving its files.
/// </summary>
public sealed class RunFolder : IDisposable
{
    private const string LockName = ".meshsec.lock";
    private readonly List<FileStream> _locks = [];

    private RunFolder()
    {
    }

    /// <summary>Creates and locks <paramref name="outDir"/> (and the folder of a SQLite journal outside it); one-line IOException
    /// otherwise.</summary>
    public static RunFolder Open(string outDir, string? sqliteJournal)
    {
        var folder = new RunFolder();
        try
        {
            folder.Lock(outDir, LockName, $"--out {outDir}", $"--out {outDir}");
            // the journal has a lock of its own: another run's --out may be elsewhere while its journal is this one
            if (sqliteJournal is not null && Path.GetFullPath(sqliteJournal) is var journal)
                folder.Lock(Path.GetDirectoryName(journal)!, Path.GetFileName(journal) + ".lock", $"the folder of journal {journal}",
                    $"journal {journal}");
            return folder;
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    private void Lock(string dir, string lockName, string folder, string user)
    {
        if (File.Exists(dir)) throw new IOException($"{folder} is a file, not a folder");
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{folder} cannot be created: {Reason(ex)}");
        }
        try
        {
            // FileShare.None takes an exclusive lock that another process cannot get while this one lives
            _locks.Add(new FileStream(Path.Combine(dir, lockName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new IOException($"{folder} is not writable: {Reason(ex)}");
        }
        catch (IOException)
        {
            throw new IOException($"{user} is in use by another meshsec run; wait for it to end, or choose another");
        }
    }

    private static string Reason(Exception ex) => ex is UnauthorizedAccessException ? "permission denied"
        : ex.Message.ReplaceLineEndings(" ");

    public void Dispose()
    {
        foreach (var l in _locks) l.Dispose();
        _locks.Clear();
    }
}
