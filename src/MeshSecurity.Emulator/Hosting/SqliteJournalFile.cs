using Microsoft.Data.Sqlite;

namespace MeshSecurity.Emulator.Hosting;

/// <summary>
/// A SQLite journal file, read and changed outside Akka: what is there (only SQLite's header and this tool's tables
/// make it a journal), emptying it and stamping it for a new run, and SQLite's own integrity check.
/// </summary>
internal static class SqliteJournalFile
{
    private static readonly byte[] Header = "SQLite format 3\0"u8.ToArray();

    public static JournalInspection Inspect(string path)
    {
        if (Directory.Exists(path)) return JournalInspection.NotOurs("is a folder, not a journal file");
        if (!File.Exists(path)) return JournalInspection.Absent;
        // devices, pipes and sockets report no length, so they are refused here before anything reads them
        var length = new FileInfo(path).Length;
        if (length == 0) return JournalInspection.NotOurs("is an empty file (or not a regular file), not a MeshSecurity journal");
        if (length < 512 || !StartsWithHeader(path))
            return JournalInspection.NotOurs("is not a SQLite database, so not a MeshSecurity journal");
        try
        {
            using var c = Open(path, readOnly: true);
            var tables = JournalTables.List(c, "SELECT name FROM sqlite_master WHERE type = 'table'");
            var stamp = tables.Contains(JournalTables.Stamp) ? JournalTables.ReadStamp(c) : null;
            return JournalTables.Judge(c, tables, stamp, "SQLite database", wholeDatabase: true);
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException or InvalidCastException or FormatException)
        {
            // a damaged file may answer with nulls or values of the wrong type as well as with SQLite's errors
            return JournalInspection.NotOurs($"is a SQLite database that cannot be read ({OneLine(ex.Message)})");
        }
    }

    /// <summary>Deletes the journal (and SQLite's WAL files) and writes a new one holding only <paramref name="stamp"/>.</summary>
    public static void StartNew(string path, JournalStamp stamp)
    {
        foreach (var f in new[] { path, path + "-wal", path + "-shm" })
            if (File.Exists(f)) File.Delete(f);
        // pooled connections of an earlier run in this process still hold the deleted file open: they must not be reused
        SqliteConnection.ClearAllPools();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var c = Open(path, readOnly: false);
        JournalTables.WriteStamp(c, stamp);
    }

    /// <summary>Null when SQLite finds the file sound, else what it found (one line).</summary>
    public static string? Damage(string path)
    {
        try
        {
            using var c = Open(path, readOnly: true);
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA quick_check";
            var result = cmd.ExecuteScalar() as string;
            return result == "ok" ? null : OneLine(result ?? "no answer");
        }
        catch (SqliteException ex)
        {
            return OneLine(ex.Message);
        }
    }

    private static SqliteConnection Open(string path, bool readOnly)
    {
        // unpooled, so no handle outlives the call (a new run may delete the file next)
        var b = new SqliteConnectionStringBuilder
        {
            DataSource = path, Pooling = false, Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate
        };
        var c = new SqliteConnection(b.ConnectionString);
        c.Open();
        return c;
    }

    private static bool StartsWithHeader(string path)
    {
        Span<byte> first = stackalloc byte[16];
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return f.ReadAtLeast(first, first.Length, throwOnEndOfStream: false) == first.Length && first.SequenceEqual(Header);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
