using System.Data.Common;

namespace MeshSecurity.Emulator.Hosting;

/// <summary>
/// The tables of a journal this tool writes, the same on SQLite and PostgreSQL: Akka.Persistence.Sql's (default names)
/// and <see cref="Stamp"/>, a key/value table holding the <see cref="JournalStamp"/> of the run that wrote it.
/// </summary>
internal static class JournalTables
{
    public const string Stamp = "meshsec_journal";

    /// <summary>Akka.Persistence.Sql's tables (table-mapping = default) and SQLite's own autoincrement table.</summary>
    public static readonly IReadOnlySet<string> Akka = new HashSet<string>(StringComparer.Ordinal)
    {
        "journal", "journal_metadata", "tags", "snapshot", "sqlite_sequence",
    };

    public static HashSet<string> List(DbConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (r.Read())
            if (!r.IsDBNull(0)) names.Add(r.GetString(0));
        return names;
    }

    /// <summary>
    /// Ours when stamped, or when every record belongs to a chain of this tool (the persistence ids ChainActor uses) and,
    /// for a SQLite file (<paramref name="wholeDatabase"/>), every table is Akka's: a journal written before stamps
    /// existed, or by the runner used as a library. A PostgreSQL schema may hold other tables next to the journal.
    /// </summary>
    public static JournalInspection Judge(DbConnection c, IReadOnlySet<string> tables, JournalStamp? stamp, string container,
        bool wholeDatabase)
    {
        var records = tables.Contains("journal") ? Scalar(c, "SELECT count(*) FROM journal") : 0;
        if (stamp is not null) return new JournalInspection(true, null, stamp, records);
        var others = wholeDatabase ? tables.Where(t => !Akka.Contains(t)).Order(StringComparer.Ordinal).ToList() : [];
        if (others.Count > 0)
            return JournalInspection.NotOurs($"is a {container} with other tables " +
                $"({string.Join(", ", others.Take(5))}{(others.Count > 5 ? ", ..." : "")}), not a MeshSecurity journal");
        try
        {
            if (records > 0 && Scalar(c, "SELECT count(*) FROM journal WHERE persistence_id NOT LIKE 'chain-%' " +
                    "AND persistence_id NOT LIKE 'network-%/chain-%'") > 0)
                return JournalInspection.NotOurs(
                    $"is a {container} holding another application's Akka journal, not a MeshSecurity journal");
        }
        catch (DbException)
        {
            return JournalInspection.NotOurs($"is a {container} with a table named journal that is not an Akka journal");
        }
        return new JournalInspection(true, null, null, records);
    }

    public static JournalStamp? ReadStamp(DbConnection c)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT key, value FROM {Stamp}";
        using var r = cmd.ExecuteReader();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        while (r.Read()) values[r.GetString(0)] = r.GetString(1);
        return values.GetValueOrDefault("format") == JournalStamp.Format.ToString(System.Globalization.CultureInfo.InvariantCulture)
               && values.TryGetValue("scenario", out var name) && values.TryGetValue("run-hash", out var hash)
            ? new JournalStamp(name, hash)
            : null;
    }

    public static void WriteStamp(DbConnection c, JournalStamp stamp)
    {
        using var create = c.CreateCommand();
        create.CommandText = $"CREATE TABLE IF NOT EXISTS {Stamp} (key VARCHAR(64) PRIMARY KEY, value VARCHAR(1024) NOT NULL)";
        create.ExecuteNonQuery();
        using var clear = c.CreateCommand();
        clear.CommandText = $"DELETE FROM {Stamp}";
        clear.ExecuteNonQuery();
        foreach (var (key, value) in new[] { ("format", JournalStamp.Format.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("scenario", stamp.ScenarioName), ("run-hash", stamp.RunHash) })
        {
            using var insert = c.CreateCommand();
            insert.CommandText = $"INSERT INTO {Stamp} (key, value) VALUES (@k, @v)";
            AddParameter(insert, "@k", key);
            AddParameter(insert, "@v", value);
            insert.ExecuteNonQuery();
        }
    }

    private static void AddParameter(DbCommand cmd, string name, string value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    private static long Scalar(DbConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
