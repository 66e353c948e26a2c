using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Relaying;

namespace MeshSecurity.Core.Tests.IbcModule;

/// <summary>
/// Racing relayers and reordered deliveries against real chains (Core's synchronous path): effects stay exactly once,
/// redundant relays are counted, and an ordered channel refuses what comes out of turn.
/// </summary>
public class RelayRaceTests
{
    private readonly TwoChains _t = new();

    [Fact]
    public void Racing_relayers_apply_each_packet_once_and_the_chains_count_the_redundant_copies()
    {
        var path = _t.OpenPath();
        path.Machine!.Faults = new RelayFaults(Racers: 3);
        foreach (var i in Enumerable.Range(1, 4)) _t.Send(path, $"p{i}");

        var stats = path.Relay();

        // each packet's effect and acknowledgement callback once, though three relayers delivered each
        Assert.Equal((4, 4, 0), (stats.Received, stats.Acknowledged, stats.Failed));
        Assert.Equal(4, _t.StateB.Counter);
        Assert.Equal(4, _t.StateA.Log.Count(l => l.StartsWith("ack ", StringComparison.Ordinal)));
        Assert.Empty(_t.A.State.Ibc.PendingPackets(path.A.PortId, path.A.ChannelId));
        Assert.Equal(new RedundantRelayCount(Receives: 8), _t.B.State.Ibc.RedundantRelays[$"{path.B.PortId}/{path.B.ChannelId}"]);
        Assert.Equal(new RedundantRelayCount(Acks: 8), _t.A.State.Ibc.RedundantRelays[$"{path.A.PortId}/{path.A.ChannelId}"]);

        // one relayer again: no more copies
        path.Machine.Faults = RelayFaults.None;
        _t.Send(path, "p5");
        path.Relay();
        Assert.Equal(5, _t.StateB.Counter);
        Assert.Equal(8, _t.B.State.Ibc.RedundantRelays.Values.Single().Receives);
    }

    [Fact]
    public void An_unordered_channel_takes_reordered_packets_each_once()
    {
        var path = _t.OpenPath();
        path.Machine!.Faults = new RelayFaults(Reorder: true);
        foreach (var i in Enumerable.Range(1, 8)) _t.Send(path, $"p{i}");

        var stats = path.Relay();

        Assert.Equal((8, 8, 0), (stats.Received, stats.Acknowledged, stats.Failed));
        var received = _t.StateB.Log.Where(l => l.StartsWith("recv", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"recv p{i}"), received.Order(StringComparer.Ordinal));
        Assert.NotEqual(Enumerable.Range(1, 8).Select(i => $"recv p{i}"), received);
    }

    [Fact]
    public void An_ordered_channel_refuses_packets_out_of_turn_and_still_receives_only_in_order()
    {
        var path = _t.OpenPath(IbcOrder.Ordered);
        path.Machine!.Faults = new RelayFaults(Reorder: true);
        foreach (var i in Enumerable.Range(1, 8)) _t.Send(path, $"p{i}", timeoutSeconds: 60);

        var stats = path.Relay(maxRounds: 200);

        // the shuffled batch fails as a whole (SequenceMismatch, ibc-go's ErrPacketSequenceOutOfOrder), so do the retries
        // out of turn; what the chain took, it took in sequence order
        Assert.True(stats.Failed > 0, stats.ToString());
        var received = _t.StateB.Log.Where(l => l.StartsWith("recv", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(1, received.Count).Select(i => $"recv p{i}"), received);
        Assert.True(received.Count < 8, string.Join(", ", received));
        // the rest timed out on A, which closes an ordered channel
        Assert.Equal(8 - received.Count, stats.TimedOut);
        Assert.Equal(ChannelState.Closed, path.A.Channel!.State);
    }
}
