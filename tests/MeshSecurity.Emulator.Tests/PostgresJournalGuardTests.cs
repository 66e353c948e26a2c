using MeshSecurity.Emulator.Hosting;

namespace MeshSecurity.Emulator.Tests;

/// <summary>
/// On PostgreSQL a schema is shared with other applications: a new run drops only a journal meshsec wrote, and --resume
/// continues only one stamped for the same scenario and seed.
/// </summary>
public class PostgresJournalGuardTests
{
    private static readonly JournalStamp Claims = new("claims", new string('a', 64));

    [PostgresFact]
    public async Task Another_applications_tables_named_like_the_journal_are_refused_and_kept()
    {
        await using var schema = await PostgresSchema.CreateAsync();
        var journal = JournalSettings.Postgres(schema.ConnectionString);
        await schema.ExecuteAsync($"CREATE TABLE {schema.Name}.journal (id int); INSERT INTO {schema.Name}.journal VALUES (7)");

        var refused = await Assert.ThrowsAsync<JournalRefusedException>(() =>
            JournalGuard.StartNewAsync(journal, Claims, CancellationToken.None));

        Assert.Contains("not an Akka journal", refused.Message);
        Assert.DoesNotContain("Password=akka", refused.Message);
        Assert.Equal(1, await schema.CountAsync("journal"));
    }

    [PostgresFact]
    public async Task Another_applications_akka_journal_is_refused_and_kept()
    {
        await using var schema = await PostgresSchema.CreateAsync();
        var journal = JournalSettings.Postgres(schema.ConnectionString);
        await schema.ExecuteAsync($"CREATE TABLE {schema.Name}.journal (ordering bigint, persistence_id varchar(255), " +
                                  $"sequence_number bigint); INSERT INTO {schema.Name}.journal VALUES (1, 'order-42', 1)");

        var refused = await Assert.ThrowsAsync<JournalRefusedException>(() =>
            JournalGuard.StartNewAsync(journal, Claims, CancellationToken.None));

        Assert.Contains("another application's Akka journal", refused.Message);
        Assert.Equal(1, await schema.CountAsync("journal"));
    }

    [PostgresFact]
    public async Task A_stamped_journal_resumes_only_for_its_own_run_and_only_with_records()
    {
        await using var schema = await PostgresSchema.CreateAsync();
        var journal = JournalSettings.Postgres(schema.ConnectionString);
        var missing = await Assert.ThrowsAsync<JournalRefusedException>(() =>
            JournalGuard.CheckResumeAsync(journal, Claims, CancellationToken.None));
        Assert.Contains("is missing", missing.Message);

        await JournalGuard.StartNewAsync(journal, Claims, CancellationToken.None);
        var empty = await Assert.ThrowsAsync<JournalRefusedException>(() =>
            JournalGuard.CheckResumeAsync(journal, Claims, CancellationToken.None));
        Assert.Contains("holds no records", empty.Message);

        await JournalTests.RunTransfers(journal);
        await JournalGuard.CheckResumeAsync(journal, Claims, CancellationToken.None);
        var other = await Assert.ThrowsAsync<JournalRefusedException>(() =>
            JournalGuard.CheckResumeAsync(journal, new JournalStamp("quickstart", new string('b', 64)), CancellationToken.None));
        Assert.Contains("written by a run of scenario 'claims'", other.Message);

        // a new run on it is allowed (it is ours), and starts from nothing
        await JournalGuard.StartNewAsync(journal, Claims, CancellationToken.None);
        Assert.False(await schema.TableExistsAsync("journal"));
    }
}
