using Akka.Actor;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Emulator.Network;
using Xunit.Abstractions;

namespace MeshSecurity.Emulator.Tests.Cluster;

/// <summary>
/// A member that leaves the cluster gracefully mid-run (CoordinatedShutdown, as SIGTERM or `meshsec node` stopping do) is
/// carried on in place (docs/decisions/0016-a-member-that-leaves-is-carried-on-in-place.md): its driver holds the clock
/// between windows, its chains journal and its channels snapshot what they hold and start on the other members, and the
/// run goes on without failing: its history is the single node's, event for event. A leave that cannot be carried on
/// (the member hosts the clock singleton) fails the run as a loss, so that it starts again from its checkpoint.
/// </summary>
public sealed class GracefulLeaveTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task A_member_leaving_mid_run_is_carried_on_and_the_history_is_one_nodes()
    {
        var settings = new NetworkSettings(Seed: "leave");
        var single = await ClusterDeterminismTests.SingleNodeHistoryAsync(settings);

        await using var schema = await PostgresSchema.CreateAsync();
        var log = Path.Combine(Path.GetTempPath(), "meshsec-graceful-leave.log");
        File.Delete(log);
        output.WriteLine($"members' logs: {log}");
        await using var cluster = LoopbackCluster.Start(3, new FileLoggerFactory(log), JournalSettings.Postgres(schema.ConnectionString));
        await using var net = (await cluster.StartNetworkAsync(settings, MeshPlacement.Spread)).KeepingHistory();
        // a member hosting a chain that is not the oldest (which hosts the clock singleton and the shard coordinators): spread
        // places osmosis on the first region in address order (MeshPlacementStrategy's hash), the coordinator's own region
        // (a local address, "akka://...") sorting after the others ("akka.tcp://...")
        var leaving = cluster.Members.Skip(1).MinBy(m => Akka.Cluster.Cluster.Get(m).SelfAddress.ToString(), StringComparer.Ordinal)!;

        var history = await DeterminismTests.DriveAsync(net, n => LeaveWhileRunningAsync(n, leaving));

        Assert.False(net.Failure.IsCompleted, "the run did not fail");
        Assert.Equal(single, history.Select(DeterminismTests.Render).ToList());
        var said = await File.ReadAllTextAsync(log);
        Assert.Contains("has left: the run goes on in place", said, StringComparison.Ordinal);
        Assert.Contains("restarted from its snapshot", said, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task The_member_hosting_the_clock_leaving_fails_the_run_as_a_loss()
    {
        await using var schema = await PostgresSchema.CreateAsync();
        await using var cluster = LoopbackCluster.Start(3, journal: JournalSettings.Postgres(schema.ConnectionString));
        await using var net = await cluster.StartNetworkAsync(new NetworkSettings(Seed: "leave-clock"), MeshPlacement.Spread);
        await net.AddChainsAsync(StandardMesh.Juno);
        await net.RunForAsync(30);
        var oldest = cluster.Members[0];
        var address = Akka.Cluster.Cluster.Get(oldest).SelfAddress.ToString();

        await CoordinatedShutdown.Get(oldest).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);

        var failure = await Assert.ThrowsAsync<ClusterMemberLostException>(() => net.Failure.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(address, failure.Address);
    }

    /// <summary>
    /// Once the clock has moved in this run, <paramref name="member"/> leaves, and its shutdown is awaited; meanwhile the
    /// clock's windows are watched, and the longest the clock stood (from the leave to the first window after it, at
    /// most) is written to the test's output (docs/bench.md quotes it).
    /// </summary>
    private async Task LeaveWhileRunningAsync(MeshNetwork net, ActorSystem member)
    {
        var start = await net.NowAsync();
        for (var tries = 0; tries < 600 && await net.NowAsync() == start; tries++) await Task.Delay(20);
        var leave = System.Diagnostics.Stopwatch.StartNew();
        var left = CoordinatedShutdown.Get(member).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
        var (windows, changed, stood) = ((await net.ClockStatusAsync()).Windows, TimeSpan.Zero, TimeSpan.Zero);
        // until the first window after the member is gone (the clock goes on once the driver sees it removed), or 5 s after
        // that without one (the run of the clock had ended)
        var done = TimeSpan.MaxValue;
        while (leave.Elapsed - done < TimeSpan.FromSeconds(5))
        {
            var status = await net.ClockStatusAsync();
            if (status.Windows != windows)
            {
                if (leave.Elapsed - changed > stood) stood = leave.Elapsed - changed;
                (windows, changed) = (status.Windows, leave.Elapsed);
                if (done != TimeSpan.MaxValue) break;
            }
            if (left.IsCompleted && done == TimeSpan.MaxValue) done = leave.Elapsed;
            await Task.Delay(20);
        }
        await left;
        output.WriteLine($"leave: the clock stood at most {stood.TotalSeconds:0.00} s; the member's shutdown took " +
            $"{leave.Elapsed.TotalSeconds:0.00} s");
    }
}
