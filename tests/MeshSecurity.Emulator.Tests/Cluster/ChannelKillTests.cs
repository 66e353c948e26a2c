using System.Text.RegularExpressions;
using Akka.Actor;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Network;
using MeshSecurity.Emulator.Time;
using Xunit.Abstractions;

namespace MeshSecurity.Emulator.Tests.Cluster;

/// <summary>
/// A channel stopped without a hand-off (a PoisonPill: what its member's kill would leave) recovers alone from its
/// snapshot and journal (docs/decisions/0017-a-killed-member-is-carried-on-in-place.md): stopped between windows, or in
/// a phase of one (a digest reaching it, its relay window reaching it, its submissions reaching the chains, the seal after
/// it answered), and started again by sharding, it gives the single node's history, event for event. Without its journal
/// it starts empty, keeps no digest and relays nothing, and the history differs.
/// </summary>
public sealed partial class ChannelKillTests(ITestOutputHelper output)
{
    // re-sends come a stall timeout apart: a message lost with a stopped channel is sent again soon (as DeliveryTests)
    private static readonly NetworkSettings Settings =
        new(Seed: "killed", Clock: new ClockSettings(StallTimeout: TimeSpan.FromMilliseconds(20)) { MaxResends = 1_000 });

    [Theory]
    [InlineData(HopFault.KillChannelAtDigest)]
    [InlineData(HopFault.KillChannelAtRelay)]
    [InlineData(HopFault.KillChannelAtSubmission)]
    [InlineData(HopFault.KillChannelAtSeal)]
    public async Task A_channel_stopped_in_a_phase_of_a_window_gives_the_single_nodes_history(HopFault hop)
    {
        var single = await ClusterDeterminismTests.SingleNodeHistoryAsync(Settings);

        var (history, said) = await OnOneMemberAsync(Settings, $"kill-{hop}", hop, between: null);

        var recoveries = Recoveries(said);
        output.WriteLine($"{recoveries.Count} recoveries");
        Assert.True(recoveries.Count >= 2, $"{recoveries.Count} recoveries");
        Assert.Equal(single, history);
    }

    /// <summary>
    /// Every channel stopped while the clock stands, after a long first run: each recovers from its latest snapshot and the
    /// records after it. A channel that relays (a link's mesh channel) has a snapshot every 2 relayed windows here, so it
    /// reads fewer records than its snapshot covers, not its journal from the open; an idle one (a transfer channel) reads
    /// the digests it kept since its last relay, as its snapshot would hold them.
    /// </summary>
    [Fact]
    public async Task Channels_stopped_between_windows_recover_from_a_recent_snapshot_and_give_the_single_nodes_history()
    {
        var single = await ClusterDeterminismTests.SingleNodeHistoryAsync(Settings);
        const string run = "kill-between";

        var (history, said) = await OnOneMemberAsync(Settings with { ChannelSnapshotEvery = 2 }, run, HopFault.None,
            (cluster, _) =>
            {
                // every channel entity of the run, under whichever shard: they start again at their next message
                cluster.Members[0].ActorSelection($"/system/sharding/channels-{run}/*/*").Tell(PoisonPill.Instance);
                return Task.CompletedTask;
            });

        var recoveries = Recoveries(said);
        foreach (var (channel, at, after) in recoveries) output.WriteLine($"{channel}: snapshot at {at}, {after} records after it");
        Assert.Equal(4, recoveries.Count);
        Assert.All(recoveries.Where(r => r.Channel.EndsWith("/mesh", StringComparison.Ordinal)),
            r => Assert.True(r.After < r.At, $"{r.Channel}: {r.After} records after its snapshot at {r.At}"));
        Assert.Equal(single, history);
    }

    private async Task<(List<string> History, string Said)> OnOneMemberAsync(NetworkSettings settings, string run, HopFault hop,
        Func<LoopbackCluster, MeshNetwork, Task>? between)
    {
        var log = Path.Combine(Path.GetTempPath(), $"meshsec-{run}.log");
        File.Delete(log);
        output.WriteLine($"member's log: {log}");
        await using (var cluster = LoopbackCluster.Start(1, new FileLoggerFactory(log)))
        {
            await using var net = (await cluster.StartNetworkAsync(settings, MeshPlacement.Spread, run, hop)).KeepingHistory();
            var history = await DeterminismTests.DriveAsync(net, between: between is null ? null : n => between(cluster, n));
            return ([.. history.Select(DeterminismTests.Render)], await File.ReadAllTextAsync(log));
        }
    }

    private static List<(string Channel, long At, long After)> Recoveries(string said) =>
    [
        .. RecoveryLine().Matches(said).Select(m => (m.Groups[1].Value, long.Parse(m.Groups[2].Value), long.Parse(m.Groups[3].Value))),
    ];

    [GeneratedRegex(@"channel (\S+): recovered from its snapshot at (\d+) and (\d+) records after it")]
    private static partial Regex RecoveryLine();
}
