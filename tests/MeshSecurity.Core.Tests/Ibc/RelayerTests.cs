using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.IbcModule;

/// <summary>The test relayer (<see cref="Testing.Path.Relay"/>) must settle whatever the chains' state is.</summary>
public class RelayerTests
{
    private readonly TwoChains _t = new();

    [Fact]
    public void A_paused_relayer_moves_nothing_and_resumes_where_it_stopped()
    {
        var path = _t.OpenPath();
        path.Paused = true;
        _t.Send(path, "one");
        _t.Send(path, "two");

        Assert.True(path.Relay().IsEmpty);
        Assert.Equal(0, _t.StateB.Counter);

        path.Paused = false;
        var stats = path.Relay();
        Assert.Equal((2, 2), (stats.Received, stats.Acknowledged));
    }

    [Fact]
    public void Relaying_in_both_directions_settles_in_one_call()
    {
        var path = _t.OpenPath();
        _t.Send(path, "from a");
        var fromB = _t.Coord.Execute(_t.B, _t.Bob, new CosmosMsg.WasmExecute(_t.AppB, new MockApp.Exec.Send(path.B.ChannelId, "from b", 600), Coins.Empty));
        Assert.True(fromB.IsSuccess, fromB.ToString());

        var stats = path.Relay();

        Assert.Equal((2, 2), (stats.Received, stats.Acknowledged));
        Assert.Contains("recv from a", _t.StateB.Log);
        Assert.Contains("recv from b", _t.StateA.Log);
        Assert.Contains("ack 1 ok", _t.StateA.Log);
        Assert.Contains("ack 1 ok", _t.StateB.Log);
    }

    [Fact]
    public void On_an_ordered_channel_a_timed_out_packet_followed_by_a_live_one_still_settles()
    {
        var path = _t.OpenPath(IbcOrder.Ordered);
        path.Paused = true;
        _t.Send(path, "late", timeoutSeconds: 10);
        _t.Send(path, "live", timeoutSeconds: 100_000);
        _t.AdvanceB(60);
        path.Paused = false;

        var stats = path.Relay();

        Assert.True(stats.TimedOut >= 1);
        Assert.Equal(ChannelState.Closed, path.A.Channel!.State);
        Assert.Contains("timeout 1", _t.StateA.Log);
        Assert.Equal(0, _t.StateB.Counter);
    }

    [Fact]
    public void A_packet_left_pending_on_a_closed_channel_does_not_wedge_the_relayer()
    {
        var path = _t.OpenPath();
        path.Paused = true;
        _t.Send(path, "stranded");
        var close = _t.Coord.Execute(_t.A, _t.Alice, new CosmosMsg.WasmExecute(_t.AppA,
            new MockApp.Exec.Dispatch(new CosmosMsg.IbcCloseChannel(path.A.ChannelId), ReplyOn.Never, 0), Coins.Empty));
        Assert.True(close.IsSuccess, close.ToString());
        Assert.True(_t.Relay(_t.B, new IbcRelayMsg.ChannelCloseConfirm(path.B.PortId, path.B.ChannelId)).IsSuccess);
        path.Paused = false;

        var stats = path.Relay();

        Assert.Equal(0, stats.Received);
        Assert.Equal(0, _t.StateB.Counter);
    }

    [Fact]
    public void Packets_pending_together_are_received_in_one_transaction_and_acknowledged_in_one()
    {
        var path = _t.OpenPath();
        path.Paused = true;
        foreach (var data in new[] { "one", "two", "three" }) _t.Send(path, data);
        path.Paused = false;
        var (heightA, heightB) = (_t.A.Height, _t.B.Height);

        var stats = path.Relay();

        Assert.Equal((3, 3), (stats.Received, stats.Acknowledged));
        var own = path.Machine!.PathId + "/";
        IEnumerable<Core.Execution.TxResult> Own(Core.Chain.ChainApp chain, ulong since) => chain.Blocks.Where(b => b.Height > since)
            .SelectMany(b => b.TxResults).Where(t => t.TxId.StartsWith(own, StringComparison.Ordinal));
        var (onA, onB) = (Own(_t.A, heightA), Own(_t.B, heightB));
        Assert.Equal(3, Assert.Single(onB).Events.Count(e => e.Type == IbcEvents.RecvPacket));
        Assert.Equal(3, Assert.Single(onA).Events.Count(e => e.Type == IbcEvents.AcknowledgePacket));
    }

    [Fact]
    public void Every_relayer_transaction_carries_its_paths_id_and_two_paths_never_share_one()
    {
        var first = _t.OpenPath();
        var second = _t.OpenPath();
        _t.Send(first, "hello");
        first.Relay();

        Assert.NotEqual(first.Machine!.PathId, second.Machine!.PathId);
        string[] relayed = [IbcEvents.RecvPacket, IbcEvents.AcknowledgePacket,
            IbcEvents.ChannelOpenInit, IbcEvents.ChannelOpenTry, IbcEvents.ChannelOpenAck, IbcEvents.ChannelOpenConfirm];
        var relayerTxs = _t.A.Blocks.Concat(_t.B.Blocks).SelectMany(b => b.TxResults)
            .Where(t => t.Events.Any(e => relayed.Contains(e.Type))).ToList();
        Assert.Equal(2 * 4 + 1 + 1, relayerTxs.Count); // the four handshake steps of each channel; one receive, one ack
        bool OfAPath(string id) =>
            id.StartsWith(first.Machine.PathId + "/", StringComparison.Ordinal)
                || id.StartsWith(second.Machine.PathId + "/", StringComparison.Ordinal);
        Assert.All(relayerTxs, t => Assert.True(OfAPath(t.TxId), t.TxId));
        Assert.Equal(relayerTxs.Count, relayerTxs.Select(t => t.TxId).Distinct().Count());
    }

    [Fact]
    public void A_relay_that_does_not_settle_within_its_rounds_throws()
    {
        var path = _t.OpenPath();
        _t.Send(path, "needs a receive block and an ack block");

        var e = Assert.Throws<InvalidOperationException>(() => path.Relay(maxRounds: 1));

        Assert.Contains("did not settle after 1 rounds", e.Message);
    }

    [Fact]
    public void Relaying_a_path_whose_channel_is_not_open_is_refused()
    {
        var unopened = _t.NewPath();
        var refused = _t.NewPath(version: "bad");
        Assert.NotNull(refused.TryOpenChannel());

        Assert.Throws<InvalidOperationException>(() => unopened.Relay());
        Assert.Throws<InvalidOperationException>(() => refused.Relay());
    }

    [Fact]
    public void The_same_steps_give_the_same_blocks_and_relayer_transactions()
    {
        static string[] Run()
        {
            var t = new TwoChains();
            var path = t.OpenPath(IbcOrder.Ordered);
            path.Paused = true;
            t.Send(path, "one");
            t.Send(path, "late", timeoutSeconds: 10);
            t.AdvanceB(60);
            path.Paused = false;
            path.Relay();
            return [.. t.A.Blocks.Concat(t.B.Blocks)
                .Select(b => $"{b.ChainId}@{b.Height}:{b.AppHash}:{string.Join(",", b.TxResults.Select(x => x.TxId))}")];
        }

        var first = Run();

        Assert.Equal(first, Run());
        Assert.Contains(first, l => l.Contains("/clear0.1/", StringComparison.Ordinal));
    }
}
