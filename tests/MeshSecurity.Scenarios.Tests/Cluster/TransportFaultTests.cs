using System.Collections.Immutable;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Running;

namespace MeshSecurity.Scenarios.Tests.Cluster;

/// <summary>
/// A transport fault between members (<see cref="MemberFaults"/>, Akka.Remote's throttler under the cluster) slows a run
/// down and changes nothing in its history: throttled from a third of its timeline on, with chains spread so that most
/// messages cross members, the run writes the report and events of one node, byte for byte.
/// </summary>
public sealed class TransportFaultTests
{
    private const string Example = "slash-propagation.conf";

    [Fact]
    public async Task A_throttled_transport_between_members_leaves_the_report_and_events_of_one_node()
    {
        var single = await RunAsync(null);

        await using var cluster = LoopbackCluster.Start(2, transportFaults: true);
        var faults = new MemberFaults(cluster.Members[0]);
        Assert.True(faults.Available, "the members remote through the throttler");
        var seed = Akka.Cluster.Cluster.Get(cluster.Members[0]).SelfAddress.ToString();
        Assert.StartsWith(NodeSettings.FaultProtocol + "://", seed, StringComparison.Ordinal);
        Task<ImmutableArray<string>>? throttled = null;
        var clustered = await RunAsync(new ClusterTarget([seed], MeshPlacement.Spread, MinMembers: 2), p =>
        {
            if (p.Phase != "running" || p.Elapsed.Nanos * 3 < p.Total.Nanos || throttled is not null) return;
            var (members, problem) = faults.Targets(null);
            Assert.Null(problem);
            throttled = faults.ThrottleAsync(members, 200_000);
        });

        Assert.NotNull(throttled);
        var applied = await throttled;
        // the other member, the loopback cluster's driver and the run's own
        Assert.Equal(3, applied.Length);
        Assert.All(applied, f => Assert.StartsWith("node.throttle 200000 B/s to akka.trttl.tcp://", f, StringComparison.Ordinal));
        Assert.Equal(applied.ToArray(), faults.InForce.ToArray());
        Assert.True(single.Report.AsSpan().SequenceEqual(clustered.Report), "report.json differs from one node's");
        Assert.True(single.Events.AsSpan().SequenceEqual(clustered.Events), "events.jsonl differs from one node's");
        Assert.Equal(applied.ToArray(), (await faults.HealAsync()).ToArray());
        Assert.Empty(faults.InForce);
    }

    private static Task<ExampleRuns.Outcome> RunAsync(ClusterTarget? target, Action<RunProgress>? progress = null) =>
        ExampleRuns.RunAsync(Example, target, progress);
}
