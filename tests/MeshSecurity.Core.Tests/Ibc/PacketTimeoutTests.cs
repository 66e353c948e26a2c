using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.IbcModule;

public class PacketTimeoutTests
{
    private readonly TwoChains _t = new();

    [Fact]
    public void A_packet_not_relayed_before_its_timeout_is_timed_out_back_to_the_sender()
    {
        var path = _t.OpenPath();
        path.Paused = true;
        _t.Send(path, "late", timeoutSeconds: 10);
        Assert.True(path.Relay().IsEmpty);

        _t.AdvanceB(60);
        path.Paused = false;
        var stats = path.Relay();

        Assert.Equal((0, 0, 1), (stats.Received, stats.Acknowledged, stats.TimedOut));
        Assert.Contains("timeout 1", _t.StateA.Log);
        Assert.DoesNotContain(_t.StateA.Log, l => l.StartsWith("ack", StringComparison.Ordinal));
        Assert.Empty(_t.A.State.Ibc.PendingPackets(path.A.PortId, path.A.ChannelId));
        Assert.Equal(0, _t.StateB.Counter);
        Assert.False(_t.B.State.Ibc.HasReceipt(path.B.PortId, path.B.ChannelId, 1));
        Assert.Equal(ChannelState.Open, path.A.Channel!.State);
        Assert.True(path.Relay().IsEmpty);
    }

    [Fact]
    public void A_packet_relayed_in_time_is_not_timed_out_later()
    {
        var path = _t.OpenPath();
        _t.Send(path, "quick", timeoutSeconds: 60);
        path.Relay();

        _t.AdvanceB(600);
        var stats = path.Relay();

        Assert.True(stats.IsEmpty);
        Assert.DoesNotContain(_t.StateA.Log, l => l.StartsWith("timeout", StringComparison.Ordinal));
    }

    [Fact]
    public void A_timeout_before_the_destination_passed_the_timeout_is_refused()
    {
        var path = _t.OpenPath();
        var packet = _t.Send(path, "patient", timeoutSeconds: 600);
        path.UpdateClient(path.A);

        var r = _t.Relay(_t.A, new IbcRelayMsg.TimeoutPacket(packet, TwoChains.ClientHeight(path.A), ReceiptAbsent: true, NextSequenceRecv: 1, path.A.Relayer));

        Assert.Equal("TimeoutNotReached", r.Error!.Kind);
        Assert.Single(_t.A.State.Ibc.PendingPackets(path.A.PortId, path.A.ChannelId));
        Assert.DoesNotContain(_t.StateA.Log, l => l.StartsWith("timeout", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("failure: an unordered channel where the receipt exists", IbcOrder.Unordered)]
    [InlineData("failure: an ordered channel whose receive sequence moved past the packet", IbcOrder.Ordered)]
    public void A_timeout_for_a_packet_the_destination_received_is_refused(string label, IbcOrder order)
    {
        _ = label;
        var path = _t.OpenPath(order);
        var packet = _t.Send(path, "received", timeoutSeconds: 30);
        path.UpdateClient(path.B);
        Assert.True(_t.Relay(_t.B, _t.Recv(path, packet)).IsSuccess);
        _t.AdvanceB(120);
        path.UpdateClient(path.A);
        var dst = path.B.Channel!;

        var r = _t.Relay(_t.A, new IbcRelayMsg.TimeoutPacket(packet, TwoChains.ClientHeight(path.A),
            ReceiptAbsent: !_t.B.State.Ibc.HasReceipt(path.B.PortId, path.B.ChannelId, packet.Sequence),
            NextSequenceRecv: dst.NextSequenceRecv, path.A.Relayer));

        Assert.Equal("PacketReceived", r.Error!.Kind);
        Assert.Single(_t.A.State.Ibc.PendingPackets(path.A.PortId, path.A.ChannelId));
        Assert.Equal(ChannelState.Open, path.A.Channel!.State);
        Assert.DoesNotContain(_t.StateA.Log, l => l.StartsWith("timeout", StringComparison.Ordinal));

        // the honest relayer acknowledges it instead
        Assert.Equal(1, path.Relay().Acknowledged);
        Assert.Contains("ack 1 ok", _t.StateA.Log);
    }

    [Fact]
    public void A_packet_cannot_be_received_after_its_timeout()
    {
        var path = _t.OpenPath();
        path.Paused = true;
        var packet = _t.Send(path, "too late", timeoutSeconds: 10);
        _t.AdvanceB(60);
        path.UpdateClient(path.B);

        var r = _t.Relay(_t.B, _t.Recv(path, packet));

        Assert.Equal("PacketTimedOut", r.Error!.Kind);
        Assert.Equal(0, _t.StateB.Counter);
        Assert.False(_t.B.State.Ibc.HasReceipt(path.B.PortId, path.B.ChannelId, 1));
        Assert.Null(_t.B.State.Ibc.Acknowledgement(path.B.PortId, path.B.ChannelId, 1));
    }

    [Theory]
    [InlineData("success: below both limits", 9UL, 99UL, false)]
    [InlineData("success: at the height limit", 10UL, 99UL, true)]
    [InlineData("success: past the height limit", 11UL, 0UL, true)]
    [InlineData("success: at the time limit", 1UL, 100UL, true)]
    [InlineData("success: past the time limit only", 1UL, 500UL, true)]
    public void A_timeout_with_a_height_and_a_time_passes_when_the_destination_reaches_either(string label, ulong height, ulong seconds, bool passed)
    {
        _ = label;
        var timeout = new IbcTimeout(10, Timestamp.FromSeconds(100));

        Assert.Equal(passed, timeout.HasPassed(height, Timestamp.FromSeconds(seconds)));
    }

    [Fact]
    public void A_timeout_of_zeros_is_not_set_and_never_passes()
    {
        var none = new IbcTimeout(0, Timestamp.Zero);

        Assert.False(none.IsSet);
        Assert.False(none.HasPassed(ulong.MaxValue, new Timestamp(ulong.MaxValue)));
        Assert.True(IbcTimeout.AtHeight(1).IsSet);
        Assert.True(IbcTimeout.AtTime(new Timestamp(1)).IsSet);
    }

    [Fact]
    public void An_ordered_channel_closes_after_a_timeout()
    {
        var path = _t.OpenPath(IbcOrder.Ordered);
        path.Paused = true;
        _t.Send(path, "late", timeoutSeconds: 10);
        _t.AdvanceB(60);
        path.Paused = false;

        var stats = path.Relay();

        Assert.Equal(1, stats.TimedOut);
        Assert.Equal(ChannelState.Closed, path.A.Channel!.State);
        Assert.Contains("timeout 1", _t.StateA.Log);
        Assert.Contains(_t.A.Blocks[^1].TxResults.SelectMany(t => t.Events), e => e.Type == IbcEvents.ChannelClosed);
        var send = _t.Coord.Execute(_t.A, _t.Alice, new CosmosMsg.WasmExecute(_t.AppA, new MockApp.Exec.Send(path.A.ChannelId, "more", 600), Coins.Empty));
        Assert.Equal("InvalidChannelState", send.Error!.Kind);

        // the counterparty learns of it with a close confirm
        var confirm = _t.Relay(_t.B, new IbcRelayMsg.ChannelCloseConfirm(path.B.PortId, path.B.ChannelId));
        Assert.True(confirm.IsSuccess, confirm.ToString());
        Assert.Equal(ChannelState.Closed, path.B.Channel!.State);
        Assert.Contains("close " + path.B.ChannelId, _t.StateB.Log);
    }

    [Fact]
    public void An_unordered_channel_stays_open_after_a_timeout()
    {
        var path = _t.OpenPath();
        path.Paused = true;
        _t.Send(path, "late", timeoutSeconds: 10);
        _t.AdvanceB(60);
        path.Paused = false;
        path.Relay();

        _t.Send(path, "next");
        var stats = path.Relay();

        Assert.Equal(ChannelState.Open, path.A.Channel!.State);
        Assert.Equal(1, stats.Received);
        Assert.Contains("ack 2 ok", _t.StateA.Log);
    }

    [Fact]
    public void Sending_with_a_timeout_the_counterparty_already_passed_is_refused()
    {
        var path = _t.OpenPath();
        // B's clock runs half a minute ahead (within the client's 40 s drift), and A's light client of B has seen it
        _t.B.ProduceBlock(_t.Coord.Now.PlusSeconds(30));
        path.UpdateClient(path.A);

        var send = new MockApp.Exec.Send(path.A.ChannelId, "hi", 20);
        var r = _t.Coord.Execute(_t.A, _t.Alice, new CosmosMsg.WasmExecute(_t.AppA, send, Coins.Empty));

        Assert.Equal("InvalidPacket", r.Error!.Kind);
        Assert.Contains("timeout already passed", r.Error.Message);
        Assert.Empty(_t.A.State.Ibc.PendingPackets(path.A.PortId, path.A.ChannelId));
        Assert.Equal(1UL, path.A.Channel!.NextSequenceSend);
    }

    [Fact]
    public void A_timeout_for_a_packet_already_timed_out_is_a_no_op()
    {
        var path = _t.OpenPath();
        path.Paused = true;
        var packet = _t.Send(path, "late", timeoutSeconds: 10);
        _t.AdvanceB(60);
        path.UpdateClient(path.A);
        var timeout = new IbcRelayMsg.TimeoutPacket(packet, TwoChains.ClientHeight(path.A), true, 1, path.A.Relayer);

        var first = _t.Relay(_t.A, timeout);
        var second = _t.Relay(_t.A, timeout);

        Assert.True(first.IsSuccess, first.ToString());
        Assert.True(second.IsSuccess, second.ToString());
        Assert.Empty(second.Events);
        Assert.Single(_t.StateA.Log, l => l == "timeout 1");
        Assert.Equal(new RedundantRelayCount(Timeouts: 1), _t.A.State.Ibc.RedundantRelays.Values.Single());
    }
}
