using MeshSecurity.Core.Mesh;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Emulator.Network;
using MeshSecurity.Emulator.Time;
using Xunit.Abstractions;

namespace MeshSecurity.Emulator.Tests.Cluster;

/// <summary>
/// A cluster's chain journals each relayer's submission before it answers it
/// (docs/decisions/0017-a-killed-member-is-carried-on-in-place.md, step 2a-2): its actor killed (stopped with no hand-off,
/// its writes in flight lost) after it answered a relayer and before the window's seal, or just after the seal, starts
/// again holding the submission, and the run's history is the single node's, event for event; a copy of the submission
/// delivered to the next incarnation is not applied twice.
/// </summary>
public sealed class KilledChainTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(ChainKill.Point.BeforeSeal, false)]
    [InlineData(ChainKill.Point.AfterSeal, false)]
    [InlineData(ChainKill.Point.AfterSeal, true)]
    public Task A_chain_killed_after_answering_a_relayer_holds_its_submission_and_the_history_is_one_nodes(
        ChainKill.Point point, bool copy) => KillAsync(point, copy, null);

    /// <summary>
    /// The same on PostgreSQL, the cluster's journal (every record through its serializer), killed before the seal: the
    /// writes it made were answered, so none is lost in flight.
    /// </summary>
    [PostgresFact]
    public async Task A_chain_killed_before_the_seal_holds_its_submission_on_postgres_and_the_history_is_one_nodes()
    {
        await using var schema = await PostgresSchema.CreateAsync();
        await KillAsync(ChainKill.Point.BeforeSeal, copy: true, JournalSettings.Postgres(schema.ConnectionString));
    }

    /// <summary>The drive of DeterminismTests on a one-member cluster whose chain juno is killed as given.</summary>
    private async Task KillAsync(ChainKill.Point point, bool copy, JournalSettings? journal)
    {
        // a seal lost with the killed actor is re-sent after the stall timeout (wall time: it bounds the test's length only)
        var settings = new NetworkSettings(Seed: "killed-chain", Clock: new ClockSettings(StallTimeout: TimeSpan.FromSeconds(2)));
        var single = await ClusterDeterminismTests.SingleNodeHistoryAsync(settings);

        var name = $"meshsec-killed-chain-{point}-{copy}-{journal?.Kind ?? JournalKind.Memory}";
        var config = Path.Combine(Path.GetTempPath(), name + ".conf");
        // the memory journal loses the dead incarnation's writes; PostgreSQL is killed only before the seal (nothing then in flight)
        await File.WriteAllTextAsync(config, string.Join('\n', ChainKillMailbox.Hocon, journal is null ? LosingJournal.Hocon : "",
            "akka.cluster.sharding.entity-restart-backoff = 1s"));
        var log = Path.Combine(Path.GetTempPath(), name + ".log");
        File.Delete(log);
        output.WriteLine($"member's log: {log}");
        List<string> history;
        ChainKill kill;
        await using (var cluster = LoopbackCluster.Start(1, new FileLoggerFactory(log), journal, configFile: config))
        {
            kill = ChainKill.Arm(cluster.Members[0], StandardMesh.Juno, point, copy);
            await using var net = (await cluster.StartNetworkAsync(settings, MeshPlacement.CoLocated)).KeepingHistory();
            history = [.. (await DeterminismTests.DriveAsync(net)).Select(DeterminismTests.Render)];
        }
        output.WriteLine($"killed in window {kill.KilledIn}; writes lost at the seal: {LosingJournal.Lost("chain-juno")}");

        Assert.True(kill.KilledIn >= 0, "the chain was killed");
        Assert.Equal(copy, kill.Copied);
        Assert.Contains($"{StandardMesh.Juno}: restarted from its snapshot at height", await File.ReadAllTextAsync(log),
            StringComparison.Ordinal);
        Assert.Equal(single, history);
        File.Delete(config);
    }
}
