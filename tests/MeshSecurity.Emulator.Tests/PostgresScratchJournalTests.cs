using MeshSecurity.Emulator.Hosting;
using Npgsql;

namespace MeshSecurity.Emulator.Tests;

/// <summary>
/// <see cref="NodeHost.CreateScratchJournalAsync"/>, as the bench uses it: a run on a scratch journal must leave the
/// database's own journal alone, so a user's <c>journal</c> table in the connection's default schema stands in for a real
/// run's.
/// </summary>
public class PostgresScratchJournalTests
{
    [PostgresFact]
    public async Task A_run_on_a_scratch_journal_writes_only_its_own_schema_and_the_drop_leaves_the_users_journal_untouched()
    {
        var server = PostgresFactAttribute.ConnectionString!;
        var id = Guid.NewGuid().ToString("N")[..12];
        // the user's journal: a journal table in a schema of this test's own, found through the connection's search path
        // as the user's own default schema would be (public.journal may be another test's live journal: never touched)
        var users = "meshsec_user_test_" + id;
        var conn = new NpgsqlConnectionStringBuilder(server) { SearchPath = users }.ConnectionString;
        var postgres = JournalSettings.Postgres(conn);
        var schema = "meshsec_scratch_test_" + id;
        var marker = "user row " + Guid.NewGuid().ToString("N");

        await ExecuteAsync(server, $"CREATE SCHEMA \"{users}\"");
        try
        {
            await ExecuteAsync(conn, "CREATE TABLE journal (marker text NOT NULL)");
            await ExecuteAsync(conn, "INSERT INTO journal (marker) VALUES (@p)", marker);

            var scratch = await NodeHost.CreateScratchJournalAsync(postgres, schema, CancellationToken.None);
            Assert.True(await SchemaExistsAsync(conn, schema));
            Assert.Null(await NodeHost.ProbeJournalAsync(scratch, CancellationToken.None));

            var run = await JournalTests.RunTransfers(scratch);
            Assert.Equal(0, run.Diverged);
            var rows = await ScalarAsync<long>(conn, $"SELECT COUNT(*) FROM \"{schema}\".journal");
            Assert.True(rows > 5, $"expected the chains' blocks in the scratch schema's journal, found {rows} rows");
            Assert.Equal([marker], await MarkersAsync(conn));

            await NodeHost.DropScratchJournalAsync(postgres, schema, CancellationToken.None);
            Assert.False(await SchemaExistsAsync(conn, schema));
            Assert.Equal([marker], await MarkersAsync(conn));
        }
        finally
        {
            // a failed assertion above must not leave either schema behind for the next run
            await ExecuteAsync(server, $"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
            await ExecuteAsync(server, $"DROP SCHEMA IF EXISTS \"{users}\" CASCADE");
        }
    }

    private static async Task<bool> SchemaExistsAsync(string conn, string schema) =>
        await ScalarAsync<long>(conn, "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = @p", schema) == 1;

    private static async Task<List<string>> MarkersAsync(string conn)
    {
        await using var c = new NpgsqlConnection(conn);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT marker FROM journal", c);
        await using var reader = await cmd.ExecuteReaderAsync();
        var markers = new List<string>();
        while (await reader.ReadAsync()) markers.Add(reader.GetString(0));
        return markers;
    }

    private static async Task<T> ScalarAsync<T>(string conn, string sql, string? parameter = null)
    {
        await using var c = new NpgsqlConnection(conn);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        if (parameter is not null) cmd.Parameters.AddWithValue("p", parameter);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string conn, string sql, string? parameter = null)
    {
        await using var c = new NpgsqlConnection(conn);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        if (parameter is not null) cmd.Parameters.AddWithValue("p", parameter);
        await cmd.ExecuteNonQueryAsync();
    }
}
