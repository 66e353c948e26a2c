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
/// run as a loss (DownedClockTests), which then starts again from its checkpoint. A hold the driver took for the member
/// (its shutdown announced a leave as it was downed) is released at the down, and a member that knows it is downed
/// announces no leave whatever started its shutdown.
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
        var config = Path.ChangeExtension(log, ".conf");
        // the downed member ends only when the test ends its system, as the bench's killed member does (ActorSystem.Terminate:
        // its shutdown's reason is not the cluster's downing)
        await File.WriteAllTextAsync(config, "akka.cluster.run-coordinated-shutdown-when-down = off");
        output.WriteLine($"members' logs: {log}");
        await using var cluster = LoopbackCluster.Start(3, new FileLoggerFactory(log), JournalSettings.Postgres(schema.ConnectionString),
            configFile: config);
        await using var net = (await cluster.StartNetworkAsync(settings, MeshPlacement.Spread, RunId)).KeepingHistory();
        // a member hosting a chain that is not the oldest (GracefulLeaveTests says why this one)
        var member = cluster.Members.Skip(1).MinBy(m => Akka.Cluster.Cluster.Get(m).SelfAddress.ToString(), StringComparer.Ordinal)!;

        // a clock held for a leave and never released would stand for ever: the bound turns that into a failure
        var history = await DeterminismTests.DriveAsync(net, n => DownWhileRunningAsync(n, cluster, member))
            .WaitAsync(TimeSpan.FromMinutes(10));

        Assert.False(net.Failure.IsCompleted, "the run did not fail");
        Assert.Equal(single, history.Select(DeterminismTests.Render).ToList());
        var said = await File.ReadAllTextAsync(log);
        Assert.Contains("was downed: the run goes on in place", said, StringComparison.Ordinal);
        Assert.DoesNotContain("is not carried on in place", said, StringComparison.Ordinal);
        // downed, the member's shutdown announced no leave (MeshNode.Leave.cs), though its reason was not the downing
        Assert.DoesNotContain("announced a leave after it was downed", said, StringComparison.Ordinal);
        File.Delete(log);
        File.Delete(config);
    }

    private const string RunId = "downed";

    /// <summary>
    /// Once the clock has moved, <paramref name="member"/> announces a leave (the driver holds the clock for it, as when
    /// its shutdown began just before the down), is downed by the oldest member, and once it knows that its system ends.
    /// </summary>
    private static async Task DownWhileRunningAsync(MeshNetwork net, LoopbackCluster cluster, ActorSystem member)
    {
        var start = await net.NowAsync();
        for (var tries = 0; tries < 600 && await net.NowAsync() == start; tries++) await Task.Delay(20);
        var address = Akka.Cluster.Cluster.Get(member).SelfAddress;
        var watch = member.ActorSelection(new RootActorPath(Akka.Cluster.Cluster.Get(cluster.Driver).SelfAddress) / "user" /
            $"clock-{RunId}-members");
        await watch.Ask<LeaveHeld>(new MemberLeaving(RunId, address.ToString()), TimeSpan.FromSeconds(60));
        Akka.Cluster.Cluster.Get(cluster.Members[0]).Down(address);
        for (var tries = 0; tries < 3000 && Akka.Cluster.Cluster.Get(member).SelfMember.Status != Akka.Cluster.MemberStatus.Down; tries++)
            await Task.Delay(20);
        await member.Terminate().WaitAsync(TimeSpan.FromSeconds(60));
    }
}
