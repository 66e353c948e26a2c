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
/// run goes on without failing: its history is the single node's, event for event. The oldest member hands the clock
/// singleton over with its state (ClockHost). A leave that cannot be carried on (a journal in memory) fails the run as a
/// loss, so that it starts again from its checkpoint.
/// </summary>
public sealed class GracefulLeaveTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task A_member_leaving_mid_run_is_carried_on_and_the_history_is_one_nodes()
    {
        // a member hosting a chain that is not the oldest (which hosts the clock singleton and the shard coordinators): spread
        // places osmosis on the first region in address order (MeshPlacementStrategy's hash), the coordinator's own region
        // (a local address, "akka://...") sorting after the others ("akka.tcp://...")
        var log = await LeaveMidRunAsync("leave", members =>
            members.Skip(1).MinBy(m => Akka.Cluster.Cluster.Get(m).SelfAddress.ToString(), StringComparer.Ordinal)!);

        Assert.Contains("restarted from its snapshot", log, StringComparison.Ordinal);
    }

    /// <summary>
    /// The oldest member leaves: it hosts the clock singleton, handed over with its state to the next oldest member (the
    /// driver's hold kept by id, and released there), and the shard coordinators, whose state is in the shared journal.
    /// </summary>
    [PostgresFact]
    public async Task The_oldest_member_leaving_mid_run_hands_the_clock_over_and_the_history_is_one_nodes()
    {
        var log = await LeaveMidRunAsync("leave-oldest", members => members[0]);

        Assert.Contains("goes on from its hand-over", log, StringComparison.Ordinal);
        Assert.Contains("held by member.leave", log, StringComparison.Ordinal);
        Assert.DoesNotContain("is handed over without its state", log, StringComparison.Ordinal);
    }

    /// <summary>
    /// A leave that cannot be carried on (the chains would start elsewhere without their history) says why and fails the
    /// run as a loss.
    /// </summary>
    [Fact]
    public async Task A_member_journaling_in_memory_leaving_fails_the_run_as_a_loss_and_says_why()
    {
        var log = Path.Combine(Path.GetTempPath(), $"meshsec-memory-leave-{Guid.NewGuid():N}.log");
        await using var cluster = LoopbackCluster.Start(3, new FileLoggerFactory(log));
        await using var net = await cluster.StartNetworkAsync(new NetworkSettings(Seed: "leave-memory"), MeshPlacement.Spread);
        await net.AddChainsAsync(StandardMesh.Juno);
        await net.RunForAsync(30);
        var oldest = cluster.Members[0];
        var address = Akka.Cluster.Cluster.Get(oldest).SelfAddress.ToString();

        await CoordinatedShutdown.Get(oldest).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);

        var failure = await Assert.ThrowsAsync<ClusterMemberLostException>(() => net.Failure.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(address, failure.Address);
        Assert.Contains("is not carried on in place (its journal is in memory", await File.ReadAllTextAsync(log),
            StringComparison.Ordinal);
        File.Delete(log);
    }

    /// <summary>
    /// A run on three members sharing a PostgreSQL journal, whose member <paramref name="leaving"/> picks leaves once the
    /// clock has moved: the run does not fail and its history is the single node's, event for event. Returns the members' logs.
    /// </summary>
    private async Task<string> LeaveMidRunAsync(string seed, Func<IReadOnlyList<ActorSystem>, ActorSystem> leaving)
    {
        var settings = new NetworkSettings(Seed: seed);
        var single = await ClusterDeterminismTests.SingleNodeHistoryAsync(settings);

        await using var schema = await PostgresSchema.CreateAsync();
        var log = Path.Combine(Path.GetTempPath(), $"meshsec-graceful-{seed}.log");
        File.Delete(log);
        output.WriteLine($"members' logs: {log}");
        await using var cluster = LoopbackCluster.Start(3, new FileLoggerFactory(log), JournalSettings.Postgres(schema.ConnectionString));
        await using var net = (await cluster.StartNetworkAsync(settings, MeshPlacement.Spread)).KeepingHistory();
        var member = leaving(cluster.Members);

        var history = await DeterminismTests.DriveAsync(net, n => LeaveWhileRunningAsync(n, member));

        Assert.False(net.Failure.IsCompleted, "the run did not fail");
        Assert.Equal(single, history.Select(DeterminismTests.Render).ToList());
        var said = await File.ReadAllTextAsync(log);
        Assert.Contains("has left: the run goes on in place", said, StringComparison.Ordinal);
        Assert.DoesNotContain("is not carried on in place", said, StringComparison.Ordinal);
        return said;
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
