using Akka.Actor;
using Akka.Configuration;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// Which journal a member writes its chains to, as a text two members share exactly when a chain moved between them finds
/// its history: "memory" (each member's own), "sqlite:HOST:FULL-PATH" (a file on one machine), or
/// "postgres:DATABASE/SEARCH-PATH" (hosts are left out, since members may name one server differently: a compose
/// service name, 127.0.0.1, localhost). Never holds a password.
/// </summary>
public static class JournalIdentity
{
    public const string Memory = "memory";

    public static string Of(Config config, Address self)
    {
        if (config.GetString("akka.persistence.journal.plugin") != "akka.persistence.journal.sql") return Memory;
        var provider = config.GetString("akka.persistence.journal.sql.provider-name") ?? "";
        var connection = config.GetString("akka.persistence.journal.sql.connection-string") ?? "";
        if (provider.StartsWith("SQLite", StringComparison.Ordinal))
            return $"sqlite:{self.Host}:{Path.GetFullPath(new SqliteConnectionStringBuilder(connection).DataSource)}";
        if (provider.StartsWith("PostgreSQL", StringComparison.Ordinal))
        {
            var b = new NpgsqlConnectionStringBuilder(connection);
            return $"postgres:{b.Database ?? b.Username}/{b.SearchPath ?? "public"}";
        }
        return $"{provider}:unknown";
    }
}
