using Npgsql;

namespace MeshSecurity.Emulator.Hosting;

/// <summary>
/// Where chains journal their blocks: a SQLite file (the default), a PostgreSQL database, or memory.
/// <see cref="ToString"/> hides the PostgreSQL password (it ends up in logs); <see cref="ToFullString"/> keeps it,
/// for run.json, which --resume parses back.
/// </summary>
public sealed record JournalSettings
{
    private const string SqlitePrefix = "sqlite:";
    private const string PostgresPrefix = "postgres:";
    private const string Usage = "--journal must be 'sqlite:PATH', 'postgres:CONNECTION-STRING' or 'memory'";

    /// <summary>A SQLite file at <paramref name="sqlitePath"/>, or memory when it is null (the original form, kept for its callers).</summary>
    public JournalSettings(string? sqlitePath) : this(sqlitePath is null ? JournalKind.Memory : JournalKind.Sqlite, sqlitePath, null)
    {
    }

    private JournalSettings(JournalKind kind, string? sqlitePath, string? postgresConnectionString)
    {
        Kind = kind;
        SqlitePath = sqlitePath;
        PostgresConnectionString = postgresConnectionString;
    }

    public static readonly JournalSettings Memory = new((string?)null);

    public JournalKind Kind { get; }

    /// <summary>The SQLite file; null unless <see cref="Kind"/> is <see cref="JournalKind.Sqlite"/>.</summary>
    public string? SqlitePath { get; }

    /// <summary>The Npgsql connection string, password included; null unless <see cref="Kind"/> is <see cref="JournalKind.Postgres"/>.</summary>
    public string? PostgresConnectionString { get; }

    public bool InMemory => Kind == JournalKind.Memory;

    /// <summary>A PostgreSQL journal; the connection string is checked now so a typo fails before any actor starts.</summary>
    public static JournalSettings Postgres(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        NpgsqlConnectionStringBuilder b;
        try
        {
            b = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // Npgsql's messages name the bad keyword or value, never the password
            throw new FormatException($"--journal postgres: bad connection string: {ex.Message}", ex);
        }
        if (string.IsNullOrWhiteSpace(b.Host))
            throw new FormatException("--journal postgres: the connection string needs a Host, e.g. 'postgres:Host=127.0.0.1;Port=5432;Username=akka;Password=akka;Database=akka'");
        return new JournalSettings(JournalKind.Postgres, null, connectionString);
    }

    /// <summary>Parses "sqlite:PATH", "postgres:CONNECTION-STRING" (Npgsql's form) or "memory".</summary>
    public static JournalSettings Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == "memory") return Memory;
        if (text.StartsWith(SqlitePrefix, StringComparison.Ordinal) && text.Length > SqlitePrefix.Length) return new JournalSettings(text[SqlitePrefix.Length..]);
        if (text.StartsWith(PostgresPrefix, StringComparison.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(text[PostgresPrefix.Length..]))
                throw new FormatException($"{Usage}: 'postgres:' needs a connection string, e.g. 'postgres:Host=127.0.0.1;Port=5432;Username=akka;Password=akka;Database=akka'");
            return Postgres(text[PostgresPrefix.Length..]);
        }
        // the text is not echoed when it looks like a connection string, as it may hold a password
        var shown = text.Contains("password", StringComparison.OrdinalIgnoreCase) ? "(a connection string without the 'postgres:' prefix?)" : $"'{text}'";
        throw new FormatException($"{Usage}, got {shown}");
    }

    /// <summary>The form <see cref="Parse"/> reads back, password included: for run.json only, never for logs.</summary>
    public string ToFullString() => Kind switch
    {
        JournalKind.Memory => "memory",
        JournalKind.Sqlite => SqlitePrefix + SqlitePath,
        _ => PostgresPrefix + PostgresConnectionString,
    };

    /// <summary>As <see cref="ToFullString"/>, with PostgreSQL passwords replaced by ***, so it is safe to log.</summary>
    public override string ToString() => Kind == JournalKind.Postgres ? PostgresPrefix + Masked(PostgresConnectionString!) : ToFullString();

    private static string Masked(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(b.Password)) b.Password = "***";
        if (!string.IsNullOrEmpty(b.SslPassword)) b.SslPassword = "***";
        return b.ConnectionString;
    }
}
