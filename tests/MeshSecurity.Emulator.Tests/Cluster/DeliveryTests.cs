using MeshSecurity.Core.Mesh;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Network;
using MeshSecurity.Emulator.Time;
using Xunit.Abstractions;

namespace MeshSecurity.Emulator.Tests.Cluster;

/// <summary>
/// A window's messages between the clock and entities, and between entities, are retried until answered and applied once
/// (docs/decisions/0013): a hop that loses the first copy of each, or delivers every message twice, leaves the history of
/// a run with cross-stakes, a slash, a chain crash and a chaos record the single node's, event for event (balances,
/// slashes, packets, app hashes, the record once).
/// </summary>
public class DeliveryTests(ITestOutputHelper output)
{
    // re-sends come a stall timeout apart: short, so a run whose every window loses messages stays short; many, so a
    // loaded machine's slow answer is not taken for a lost one
    private static readonly NetworkSettings Settings =
        new(Seed: "same", Clock: new ClockSettings(StallTimeout: TimeSpan.FromMilliseconds(20)) { MaxResends = 1_000 });

    [Theory]
    [InlineData(HopFault.DropFirst)]
    [InlineData(HopFault.Twice)]
    public async Task A_hop_that_loses_or_doubles_window_messages_leaves_the_single_nodes_history(HopFault hop)
    {
        var single = await ClusterDeterminismTests.SingleNodeHistoryAsync(Settings, DriveWithCrashAsync);

        var log = Path.Combine(Path.GetTempPath(), $"meshsec-delivery-{hop}.log");
        File.Delete(log);
        output.WriteLine($"members' logs: {log}");
        await using var cluster = LoopbackCluster.Start(2, new FileLoggerFactory(log));
        await using var onCluster = (await cluster.StartNetworkAsync(Settings, MeshPlacement.Spread, hop: hop)).KeepingHistory();
        var clustered = (await DriveWithCrashAsync(onCluster)).Select(DeterminismTests.Render).ToList();

        foreach (var kind in single.GroupBy(e => e.Split(' ')[2]).OrderBy(g => g.Key, StringComparer.Ordinal))
            output.WriteLine($"{kind.Key}: {kind.Count()}");
        Assert.True(single.Count > 250, $"{single.Count} events");
        Assert.Contains(single, e => e.Contains("PacketAcknowledged", StringComparison.Ordinal));
        Assert.Single(single, e => e.Contains("ChaosInjected", StringComparison.Ordinal));
        Assert.Equal(single, clustered);
    }

    /// <summary>
    /// The cross-stakes and the slash, then a crash of the provider chain and its chaos record (which the hop drops first
    /// or doubles, as the driver's other requests), and more windows: the crashed chain catches up as on one node.
    /// </summary>
    private static async Task<IReadOnlyList<Emulator.Events.EmulatorEvent>> DriveWithCrashAsync(MeshNetwork net)
    {
        await DeterminismTests.DriveAsync(net);
        var back = await net.CrashChainAsync(StandardMesh.Osmosis);
        Assert.Equal(StandardMesh.Osmosis, back.ChainId);
        await net.RecordChaosAsync(StandardMesh.Osmosis, "chain.crash", [StandardMesh.Osmosis], "steps[0]");
        await net.RunForAsync(60);
        return await net.HistoryAsync();
    }
}
