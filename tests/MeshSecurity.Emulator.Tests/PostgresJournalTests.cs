using MeshSecurity.Emulator.Hosting;
using Npgsql;

namespace MeshSecurity.Emulator.Tests;

/// <summary>
/// The SQLite journal test on PostgreSQL. Each test journals into a schema of its own (the plugin's table names are
/// unqualified, so the connection's search path picks it) and drops it after, so reruns and parallel tests don't collide.
/// </summary>
public class PostgresJournalTests
{
    [PostgresFact]
    public async Task Blocks_with_transactions_are_journaled_in_postgres_and_a_rerun_verifies_them()
    {
        await using var schema = await PostgresSchema.CreateAsync();
        var journal = JournalSettings.Postgres(schema.ConnectionString);
        Assert.Null(await NodeHost.ProbeJournalAsync(journal, CancellationToken.None));

        var first = await JournalTests.RunTransfers(journal);
        var rows = await schema.CountAsync("journal");
        Assert.True(rows > 5, $"expected the chains' blocks in the journal, found {rows} rows");

        // the same run on the same journal re-produces every journaled block and finds them equal
        var second = await JournalTests.RunTransfers(journal);
        Assert.Equal(first.AppHashA, second.AppHashA);
        Assert.Equal(first.AppHashB, second.AppHashB);
        Assert.Equal(0, second.Diverged);
        Assert.Equal(rows, await schema.CountAsync("journal"));
    }

    [PostgresFact]
    public async Task Postgres_and_memory_journals_end_with_the_same_app_hashes_and_a_reset_empties_the_journal()
    {
        await using var schema = await PostgresSchema.CreateAsync();
        var journal = JournalSettings.Postgres(schema.ConnectionString);
        var pg = await JournalTests.RunTransfers(journal);
        var memory = await JournalTests.RunTransfers(JournalSettings.Memory);
        Assert.Equal(memory.AppHashA, pg.AppHashA);
        Assert.Equal(memory.AppHashB, pg.AppHashB);

        // a new `meshsec run` empties its journal first; the plugin then creates the tables again
        await JournalGuard.StartNewAsync(journal, new JournalStamp("transfers", "00"), CancellationToken.None);
        Assert.False(await schema.TableExistsAsync("journal"));
        Assert.True(await schema.TableExistsAsync("meshsec_journal"));
        var again = await JournalTests.RunTransfers(journal);
        Assert.Equal(pg.AppHashA, again.AppHashA);
        Assert.True(await schema.CountAsync("journal") > 5);
    }

    [PostgresFact]
    public async Task A_missing_database_is_reported_by_the_probe_without_the_password()
    {
        // a missing database fails under any authentication method (the CI cluster trusts every local login)
        var b = new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString) { Database = "meshsec_no_such_db", Password = "not-the-password-x7" };
        var reason = await NodeHost.ProbeJournalAsync(JournalSettings.Postgres(b.ConnectionString), CancellationToken.None);
        Assert.NotNull(reason);
        Assert.Contains("meshsec_no_such_db", reason);
        Assert.DoesNotContain("not-the-password-x7", reason);
        Assert.DoesNotContain('\n', reason);
    }
}
