using Npgsql;

namespace MeshSecurity.Emulator.Hosting;

/// <summary>The few things the host does on a PostgreSQL journal directly, outside Akka: probe it and empty it.</summary>
internal static class PostgresJournal
{
    /// <summary>
    /// How long a probe waits for the server: long enough for a busy local one (three cluster nodes starting together on
    /// two cores took over 3 s), short enough for the bench to move on. A wrong host or port fails at once anyway.
    /// </summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    // Akka.Persistence.Sql's default table names (table-mapping = default); unqualified, so the search path picks the schema
    private const string DropTables = "DROP TABLE IF EXISTS journal, journal_metadata, tags, snapshot, " + JournalTables.Stamp;

    // the tables of the schema new tables go to (the first existing one on the search path)
    private const string ListTables = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()";

    public static async Task<string?> ProbeAsync(string connectionString, CancellationToken ct)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        b.Timeout = b.Timeout is > 0 and < 10 ? b.Timeout : (int)ProbeTimeout.TotalSeconds;
        b.Pooling = false; // the probe's connection should not linger in a pool the journal never uses
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(ProbeTimeout + TimeSpan.FromSeconds(1));
        try
        {
            await using var c = new NpgsqlConnection(b.ConnectionString);
            await c.OpenAsync(cts.Token);
            await using var cmd = new NpgsqlCommand("SELECT current_setting('server_version_num')::int", c);
            var version = (int)(await cmd.ExecuteScalarAsync(cts.Token))!;
            // the provider is PostgreSQL.15 (docs/cluster.md names the version); older servers lack some of the SQL it may emit
            return version < 150000 ? $"PostgreSQL at {Where(b)} is version {version / 10000}; the journal needs 15 or newer" : null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"PostgreSQL at {Where(b)} did not answer within {ProbeTimeout.TotalSeconds:0} s";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Npgsql's messages name host, user and database, never the password
            return $"PostgreSQL at {Where(b)} is not usable: {OneLine(ex)}";
        }
    }

    /// <summary>Drops the journal's tables, so a new run starts from an empty journal (the plugin recreates them).</summary>
    public static async Task DropAsync(string connectionString, CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(DropTables, c);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>What the connection's schema holds: no journal tables, a journal of this tool's, or another application's.</summary>
    public static async Task<JournalInspection> InspectAsync(string connectionString, CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync(ct);
        var tables = JournalTables.List(c, ListTables);
        if (!tables.Contains(JournalTables.Stamp) && !tables.Overlaps(JournalTables.Akka)) return JournalInspection.Absent;
        var stamp = tables.Contains(JournalTables.Stamp) ? JournalTables.ReadStamp(c) : null;
        var schema = (string?)await new NpgsqlCommand("SELECT current_schema()", c).ExecuteScalarAsync(ct);
        return JournalTables.Judge(c, tables, stamp, $"schema '{schema}' of {Where(new NpgsqlConnectionStringBuilder(connectionString))}",
            wholeDatabase: false);
    }

    /// <summary>Drops the journal's tables and stamps the empty journal for a new run, in one transaction.</summary>
    public static async Task StartNewAsync(string connectionString, JournalStamp stamp, CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await using (var drop = new NpgsqlCommand(DropTables, c, tx)) await drop.ExecuteNonQueryAsync(ct);
        JournalTables.WriteStamp(c, stamp);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// A new schema of its own on the server, and the connection string whose search path puts the journal's tables
    /// there: a run that must not touch the tables already in the database (the benchmarks) writes only there.
    /// </summary>
    public static async Task<string> CreateScratchSchemaAsync(string connectionString, string schema, CancellationToken ct)
    {
        await using (var c = new NpgsqlConnection(connectionString))
        {
            await c.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand($"CREATE SCHEMA \"{schema}\"", c);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        return new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ConnectionString;
    }

    public static async Task DropScratchSchemaAsync(string connectionString, string schema, CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", c);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string Where(NpgsqlConnectionStringBuilder b) => $"{b.Host}:{b.Port}/{b.Database ?? b.Username}";

    private static string OneLine(Exception ex)
    {
        var inner = ex.InnerException is { } i && !ex.Message.Contains(i.Message, StringComparison.Ordinal) ? $" ({i.Message})" : "";
        return (ex.Message + inner).ReplaceLineEndings(" ");
    }
}
