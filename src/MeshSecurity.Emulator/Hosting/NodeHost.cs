using System.Reflection;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Hosting.Logging;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace MeshSecurity.Emulator.Hosting;

/// <summary>
/// Starts the embedded single node: an actor system configured from hocon/node.conf and the chosen journal
/// (hocon/persistence.*.conf), with Akka's logs routed to the caller's <see cref="ILoggerFactory"/> (Serilog in the CLI).
/// </summary>
public static class NodeHost
{
    public static Config Config(JournalSettings journal, string logLevel = "INFO")
    {
        var node = Resource("node.conf");
        string persistence;
        switch (journal.Kind)
        {
            case JournalKind.Memory:
                persistence = Resource("persistence.memory.conf");
                break;
            case JournalKind.Sqlite:
                var path = Path.GetFullPath(journal.SqlitePath!);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                EnableWal(path);
                persistence = WithConnectionString(Resource("persistence.sqlite.conf"), $"Data Source={path}");
                break;
            case JournalKind.Postgres:
                persistence = WithConnectionString(Resource("persistence.postgres.conf"), journal.PostgresConnectionString!);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(journal), journal.Kind, "unknown journal kind");
        }
        return ConfigurationFactory.ParseString($"akka.loglevel = {logLevel}\n{node}\n{persistence}");
    }

    public static ActorSystem Start(string name, JournalSettings journal, ILoggerFactory loggerFactory, string logLevel = "INFO")
    {
        var setup = BootstrapSetup.Create().WithConfig(Config(journal, logLevel)).And(new LoggerFactorySetup(loggerFactory));
        return ActorSystem.Create(name, setup);
    }

    /// <summary>
    /// Null when the journal can be used, otherwise a one-line reason (never containing a password). Memory always can;
    /// SQLite needs its folder and file to open; PostgreSQL must answer within a few seconds and be version 15 or newer.
    /// </summary>
    public static async Task<string?> ProbeJournalAsync(JournalSettings journal, CancellationToken ct)
    {
        switch (journal.Kind)
        {
            case JournalKind.Memory:
                return null;
            case JournalKind.Sqlite:
                try
                {
                    var path = Path.GetFullPath(journal.SqlitePath!);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    // a file that is not there yet is created by JournalGuard, stamped; the probe never creates one
                    if (!File.Exists(path)) return null;
                    // unpooled, so no handle outlives the probe (a new run may delete the file next)
                    await using var c = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
                    await c.OpenAsync(ct);
                    return null;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException or ArgumentException)
                {
                    return $"SQLite journal {journal.SqlitePath} cannot be opened: {ex.Message.ReplaceLineEndings(" ")}";
                }
            case JournalKind.Postgres:
                return await PostgresJournal.ProbeAsync(journal.PostgresConnectionString!, ct);
            default:
                throw new ArgumentOutOfRangeException(nameof(journal), journal.Kind, "unknown journal kind");
        }
    }

    /// <summary>
    /// A PostgreSQL journal in a new schema of its own on the same server (created here; drop it with
    /// <see cref="DropScratchJournalAsync"/>): for runs that must leave the database's own journal tables alone.
    /// </summary>
    public static async Task<JournalSettings> CreateScratchJournalAsync(JournalSettings postgres, string schema, CancellationToken ct)
    {
        if (postgres.Kind != JournalKind.Postgres) throw new ArgumentException("a scratch journal is a PostgreSQL schema", nameof(postgres));
        return JournalSettings.Postgres(await PostgresJournal.CreateScratchSchemaAsync(postgres.PostgresConnectionString!, schema, ct));
    }

    public static Task DropScratchJournalAsync(JournalSettings postgres, string schema, CancellationToken ct) =>
        PostgresJournal.DropScratchSchemaAsync(postgres.PostgresConnectionString!, schema, ct);

    /// <summary>
    /// WAL lets the journal's readers and its single writer work at once (fastest of the journal modes measured for bench
    /// figure f).
    /// </summary>
    private static void EnableWal(string path)
    {
        using var c = new SqliteConnection($"Data Source={path}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL;";
        cmd.ExecuteNonQuery();
    }

    /// <summary>Fills the quoted placeholder, escaped so quotes and backslashes in a connection string survive HOCON.</summary>
    private static string WithConnectionString(string hocon, string connectionString) =>
        hocon.Replace("${connection-string}", connectionString.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal), StringComparison.Ordinal);

    internal static string Resource(string name)
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
                      ?? throw new InvalidOperationException($"missing embedded {name}");
        return new StreamReader(s).ReadToEnd();
    }
}
