using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Emulator.Network;
using Npgsql;

namespace MeshSecurity.Emulator.Tests.Cluster;

/// <summary>
/// The oldest member downed rather than leaving: its singleton manager still sends the clock <see cref="ClockHost.HandOver"/>,
/// but the run is abandoned (its driver starts it again as a new attempt), so the clock saves no state under the run's
/// <c>run-&lt;id&gt;/clock</c>: one saved there would never be read, nor deleted
/// (docs/decisions/0016-a-member-that-leaves-is-carried-on-in-place.md).
/// </summary>
public sealed class DownedClockTests
{
    [PostgresFact]
    public async Task A_downed_oldest_member_leaves_no_clock_state_in_the_journal()
    {
        await using var schema = await PostgresSchema.CreateAsync();
        var log = Path.Combine(Path.GetTempPath(), $"meshsec-downed-clock-{Guid.NewGuid():N}.log");
        var runId = Guid.NewGuid().ToString("N")[..12];
        await using (var cluster = LoopbackCluster.Start(3, new FileLoggerFactory(log), JournalSettings.Postgres(schema.ConnectionString)))
        {
            await using var net = await cluster.StartNetworkAsync(new NetworkSettings(Seed: "downed-clock"), MeshPlacement.Spread, runId);
            await net.AddChainsAsync(StandardMesh.Juno);
            // the clock has run windows and stands between them: a hand-over would save its state
            await net.RunForAsync(30);
            var oldest = cluster.Members[0];

            Akka.Cluster.Cluster.Get(cluster.Members[1]).Down(Akka.Cluster.Cluster.Get(oldest).SelfAddress);

            await Assert.ThrowsAsync<ClusterMemberLostException>(() => net.Failure.WaitAsync(TimeSpan.FromSeconds(60)));
            // the downed member shuts itself down, its singleton stopped on the way
            await oldest.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(60));
        }
        var said = await File.ReadAllTextAsync(log);
        // a state saved stays in the journal, unless a next singleton of the abandoned run went on from it. (The manager does
        // not always send HandOver to a downed member's clock: in some runs it stopped without, and nothing was saved.)
        Assert.Equal(0, await SnapshotsAsync(schema, $"run-{runId}/clock"));
        Assert.DoesNotContain("goes on from its hand-over", said, StringComparison.Ordinal);
        // a downed member does not announce a leave to drivers that removed it (it waited 8 s for each before)
        Assert.Contains("downed: no run is announced as leaving (1 hosted)", said, StringComparison.Ordinal);
        Assert.DoesNotContain("leaving: run", said, StringComparison.Ordinal);
        File.Delete(log);
    }

    /// <summary>The snapshots saved under <paramref name="persistenceId"/> (none when no snapshot was ever saved).</summary>
    private static async Task<long> SnapshotsAsync(PostgresSchema schema, string persistenceId)
    {
        if (!await schema.TableExistsAsync("snapshot")) return 0;
        await using var c = new NpgsqlConnection(schema.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT COUNT(*) FROM {schema.Name}.snapshot WHERE persistence_id = @id", c);
        cmd.Parameters.AddWithValue("id", persistenceId);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
