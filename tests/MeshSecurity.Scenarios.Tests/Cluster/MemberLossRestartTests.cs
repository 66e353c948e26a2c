using Akka.Actor;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Running;

namespace MeshSecurity.Scenarios.Tests.Cluster;

/// <summary>
/// A scenario run on a cluster survives losing a member mid-run and writes the report and events of the same scenario on
/// one node, byte for byte: the run starts again on the members left. The first member is the oldest: it holds the run's
/// clock singleton and the shard coordinators, which move; it is downed without handing anything off (as the
/// split-brain resolver downs a killed process) and its actor system ends. The last holds only entities; it leaves
/// gracefully, handing its shards off. Without checkpoints the run starts again from genesis; with one at the end of every
/// slice, and the loss two thirds of the way, it goes on from the lost attempt's latest checkpoint
/// (docs/decisions/0012-a-lost-member-resumes-from-the-checkpoint.md). (tests/MeshSecurity.Cli.Tests/Cluster kills a
/// node process with SIGKILL.)
/// </summary>
public sealed class MemberLossRestartTests
{
    private const string Example = "slash-propagation.conf";

    [Theory]
    [InlineData(0, false, false)]
    [InlineData(2, true, false)]
    [InlineData(0, false, true)]
    [InlineData(2, true, true)]
    // chaos steps: the loss at 40m, net.partition (18m-58m), relayer.lag and relayer.duplicate (19m-49m) in force at the
    // cut, so the next attempt goes on with the runner's faults in force from the checkpoint
    [InlineData(0, false, true, "chaos-steps.conf", 19)]
    public async Task A_member_lost_mid_run_leaves_the_report_and_events_of_one_node(int victim, bool leaves, bool checkpoints,
        string example = Example, int faultsFromMinute = 0)
    {
        var single = await RunAsync(null, example: example);

        await using var cluster = LoopbackCluster.Start(3, configFile: QuickRemoval);
        var lost = Akka.Cluster.Cluster.Get(cluster.Members[victim]).SelfAddress;
        var survivor = cluster.Members[victim == 0 ? 1 : 0];
        var killed = new TaskCompletionSource();
        var removed = RemovalOf(survivor, lost);
        var seed = Akka.Cluster.Cluster.Get(survivor).SelfAddress.ToString();
        var clustered = await RunAsync(new ClusterTarget([seed], MeshPlacement.Spread, MinMembers: 3), p =>
        {
            // once, a third (two thirds, after a checkpoint) of the way through the run's timeline
            if (p.Phase != "running" || p.Elapsed.Nanos * 3 < p.Total.Nanos * (checkpoints ? 2UL : 1UL) || !killed.TrySetResult()) return;
            if (leaves)
                Akka.Cluster.Cluster.Get(cluster.Members[victim]).Leave(lost);
            else
            {
                Akka.Cluster.Cluster.Get(survivor).Down(lost);
                _ = cluster.Members[victim].Terminate();
            }
            // the run's clock waits for this thread, so the rest of the run cannot finish before the loss is known: the
            // leader removes a member only once every member, the run's driver too, has seen it exiting or downed
            Assert.True(removed.Wait(TimeSpan.FromSeconds(60)), "the lost member was not removed within 60 s");
        }, checkpoints ? TimeSpan.Zero : TimeSpan.MaxValue, example);

        Assert.True(killed.Task.IsCompleted, "the member was never lost: the run ended before a third of its timeline");
        Assert.Equal(2, clustered.Attempts);
        var from = Assert.Single(clustered.RestartedFrom);
        if (checkpoints) Assert.True(from is { Nanos: > 0 }, "the second attempt started from genesis, not from the lost one's checkpoint");
        else Assert.Null(from);
        if (faultsFromMinute > 0)
            Assert.True(from > Model.Duration.FromMinutes((ulong)faultsFromMinute), $"the cut ({from}) is before the faults");
        Assert.True(single.Report.AsSpan().SequenceEqual(clustered.Report), "report.json differs from one node's");
        Assert.True(single.Events.AsSpan().SequenceEqual(clustered.Events), "events.jsonl differs from one node's");
    }

    /// <summary>
    /// A fault injected live (`meshsec chaos relayer.stop`) into the attempt that loses a member is not replayed by the next
    /// one: the history is the undisturbed one, and the progress says which faults were left out, so the user can inject
    /// them again.
    /// </summary>
    [Fact]
    public async Task Live_faults_of_a_lost_attempt_are_named_as_not_replayed()
    {
        var single = await RunAsync(null);

        await using var cluster = LoopbackCluster.Start(3, configFile: QuickRemoval);
        var lost = Akka.Cluster.Cluster.Get(cluster.Members[2]).SelfAddress;
        var asked = cluster.Members[0];
        var removed = RemovalOf(asked, lost);
        var seed = Akka.Cluster.Cluster.Get(asked).SelfAddress.ToString();
        ChaosReply? reply = null;
        var left = false;
        var activities = new List<string>();
        var clustered = await RunAsync(new ClusterTarget([seed], MeshPlacement.Spread, MinMembers: 3), p =>
        {
            lock (activities) activities.Add(p.Activity);
            if (p.Phase != "running" || left) return;
            if (reply is null && p.Elapsed.Nanos * 3 >= p.Total.Nanos)
            {
                // a third of the way, the fault; half way (once the run has recorded it), the loss
                var stop = new ChaosRequest.Inject(null, ChaosFault.Named("relayer.stop")!, "hub", "juno", null);
                reply = asked.ActorSelection($"/user/{MeshNode.Name}").Ask<ChaosReply>(stop, TimeSpan.FromSeconds(60))
                    .GetAwaiter().GetResult();
            }
            else if (reply is not null && p.Elapsed.Nanos * 2 >= p.Total.Nanos)
            {
                left = true;
                Akka.Cluster.Cluster.Get(cluster.Members[2]).Leave(lost);
                Assert.True(removed.Wait(TimeSpan.FromSeconds(60)), "the lost member was not removed within 60 s");
            }
        }, TimeSpan.MaxValue);

        Assert.IsType<ChaosReply.Done>(reply);
        Assert.Equal(2, clustered.Attempts);
        const string named = "not replayed (meshsec chaos, inject again): relayer.stop hub-juno/mesh";
        Assert.True(activities.Any(a => a.StartsWith(named, StringComparison.Ordinal)), string.Join("\n", activities.Distinct()));
        Assert.True(single.Report.AsSpan().SequenceEqual(clustered.Report), "report.json differs from one node's");
        Assert.True(single.Events.AsSpan().SequenceEqual(clustered.Events), "events.jsonl differs from one node's");
    }

    [Fact]
    public async Task With_no_restarts_a_lost_member_fails_the_run_naming_it()
    {
        await using var cluster = LoopbackCluster.Start(2, configFile: QuickRemoval);
        var lost = Akka.Cluster.Cluster.Get(cluster.Members[1]).SelfAddress;
        var seed = Akka.Cluster.Cluster.Get(cluster.Members[0]).SelfAddress.ToString();
        var killed = false;
        var run = RunAsync(new ClusterTarget([seed], MeshPlacement.Spread, MinMembers: 2) { Restarts = 0 }, p =>
        {
            if (p.Phase != "running" || killed) return;
            killed = true;
            Akka.Cluster.Cluster.Get(cluster.Members[0]).Down(lost);
        });

        var failure = await Assert.ThrowsAsync<ClusterMemberLostException>(() => run);
        Assert.Equal(lost.ToString(), failure.Address);
        Assert.Contains("--restarts 0", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>Completes when <paramref name="watcher"/> sees <paramref name="member"/> removed from the cluster.</summary>
    private static Task RemovalOf(ActorSystem watcher, Address member)
    {
        var removed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.ActorOf(Props.Create(() => new RemovalWatch(member, removed)));
        return removed.Task;
    }

    private sealed class RemovalWatch : ReceiveActor
    {
        public RemovalWatch(Address member, TaskCompletionSource removed)
        {
            Receive<Akka.Cluster.ClusterEvent.MemberRemoved>(m =>
            {
                if (m.Member.Address == member) removed.TrySetResult();
            });
            ReceiveAny(_ => { });
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, typeof(Akka.Cluster.ClusterEvent.MemberRemoved));
        }
    }

    /// <summary>
    /// A member whose system ended is suspected after 3 s and, once downed, removed after 1 s (hocon/cluster.conf waits longer
    /// for both, for machines that pause processes for seconds).
    /// </summary>
    private static readonly string QuickRemoval = WriteConfig(
        "akka.cluster.down-removal-margin = 1s\nakka.cluster.failure-detector.acceptable-heartbeat-pause = 3s");

    private static string WriteConfig(string hocon)
    {
        var path = Path.Combine(Path.GetTempPath(), $"meshsec-quick-removal-{Environment.ProcessId}.conf");
        File.WriteAllText(path, hocon);
        return path;
    }

    private static Task<ExampleRuns.Outcome> RunAsync(ClusterTarget? target, Action<RunProgress>? progress = null,
        TimeSpan? checkpointEvery = null, string example = Example) =>
        ExampleRuns.RunAsync(example, target, progress, checkpointEvery);
}
