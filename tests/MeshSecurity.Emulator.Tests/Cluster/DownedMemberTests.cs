using Akka.Actor;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Emulator.Network;
using Xunit.Abstractions;

namespace MeshSecurity.Emulator.Tests.Cluster;

/// <summary>
/// A member downed mid-run (as the split-brain resolver downs a killed process), not the oldest, whose members share a
/// PostgreSQL journal, is carried on in place (docs/decisions/0017-a-killed-member-is-carried-on-in-place.md): its chains
/// and channels start on the others from their journals and snapshots, the clock sends the window's phase again to
/// them, and the run does not fail: its history is the single node's, event for event. The oldest downed still fails the
/// run as a loss (DownedClockTests), which then starts again from its checkpoint.
/// </summary>
public sealed class DownedMemberTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task A_member_downed_mid_run_is_carried_on_in_place_and_the_history_is_one_nodes()
    {
        var settings = new NetworkSettings(Seed: "downed");
        var single = await ClusterDeterminismTests.SingleNodeHistoryAsync(settings);

        await using var schema = await PostgresSchema.CreateAsync();
        var log = Path.Combine(Path.GetTempPath(), $"meshsec-downed-{Guid.NewGuid():N}.log");
        output.WriteLine($"members' logs: {log}");
        await using var cluster = LoopbackCluster.Start(3, new FileLoggerFactory(log), JournalSettings.Postgres(schema.ConnectionString));
        await using var net = (await cluster.StartNetworkAsync(settings, MeshPlacement.Spread)).KeepingHistory();
        // a member hosting a chain that is not the oldest (GracefulLeaveTests says why this one)
        var member = cluster.Members.Skip(1).MinBy(m => Akka.Cluster.Cluster.Get(m).SelfAddress.ToString(), StringComparer.Ordinal)!;

        var history = await DeterminismTests.DriveAsync(net, n => DownWhileRunningAsync(n, cluster.Members[0], member));

        Assert.False(net.Failure.IsCompleted, "the run did not fail");
        Assert.Equal(single, history.Select(DeterminismTests.Render).ToList());
        var said = await File.ReadAllTextAsync(log);
        Assert.Contains("was downed: the run goes on in place", said, StringComparison.Ordinal);
        Assert.DoesNotContain("is not carried on in place", said, StringComparison.Ordinal);
        File.Delete(log);
    }

    /// <summary>Once the clock has moved, <paramref name="member"/> is downed by <paramref name="by"/> and its system ends.</summary>
    private static async Task DownWhileRunningAsync(MeshNetwork net, ActorSystem by, ActorSystem member)
    {
        var start = await net.NowAsync();
        for (var tries = 0; tries < 600 && await net.NowAsync() == start; tries++) await Task.Delay(20);
        Akka.Cluster.Cluster.Get(by).Down(Akka.Cluster.Cluster.Get(member).SelfAddress);
        // the downed member shuts itself down (its regions hand nothing off: it is no longer a member)
        await member.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(60));
    }
}
