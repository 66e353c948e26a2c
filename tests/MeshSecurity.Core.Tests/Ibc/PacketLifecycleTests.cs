using System.Text;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.IbcModule;

public class PacketLifecycleTests
{
    private readonly TwoChains _t = new();

    [Fact]
    public void A_packet_is_sent_relayed_received_and_acknowledged()
    {
        var path = _t.OpenPath();

        var packet = _t.Send(path, "hello");
        Assert.Equal([packet], _t.A.State.Ibc.PendingPackets(path.A.PortId, path.A.ChannelId));
        var stats = path.Relay();

        Assert.Equal((1, 1, 0, 0), (stats.Received, stats.Acknowledged, stats.TimedOut, stats.Failed));
        Assert.Equal(1, _t.StateB.Counter);
        Assert.Equal(["connect " + path.B.ChannelId, "recv hello"], _t.StateB.Log);
        Assert.Contains("ack 1 ok", _t.StateA.Log);
        Assert.Empty(_t.A.State.Ibc.PendingPackets(path.A.PortId, path.A.ChannelId));
        Assert.True(_t.B.State.Ibc.HasReceipt(path.B.PortId, path.B.ChannelId, 1));
        var ack = TwoChains.AckOn(path.B, 1);
        Assert.True(ack.IsSuccess);
        Assert.Equal("hello", TwoChains.Text(ack.Result!));
    }

    [Fact]
    public void The_send_packet_event_carries_the_packet_exactly_as_committed()
    {
        var path = _t.OpenPath();

        var fromEvent = _t.Send(path, "payload", timeoutSeconds: 321);

        var committed = _t.A.State.Ibc.PendingPackets(path.A.PortId, path.A.ChannelId).Single();
        Assert.Equal(committed, fromEvent);
        Assert.Equal(new IbcEndpoint(path.A.PortId, path.A.ChannelId), fromEvent.Source);
        Assert.Equal(new IbcEndpoint(path.B.PortId, path.B.ChannelId), fromEvent.Destination);
        Assert.Equal(1UL, fromEvent.Sequence);
        Assert.Equal("payload", TwoChains.Text(fromEvent.Data));
        Assert.Null(fromEvent.Timeout.Height);
        Assert.Equal(_t.A.Time.PlusSeconds(321), fromEvent.Timeout.Time);
    }

    [Fact]
    public void Several_packets_get_consecutive_sequences_and_are_all_acknowledged()
    {
        var path = _t.OpenPath();

        var sequences = new[] { "one", "two", "three" }.Select(d => _t.Send(path, d).Sequence).ToList();
        var stats = path.Relay();

        Assert.Equal([1UL, 2UL, 3UL], sequences);
        Assert.Equal(3, stats.Received);
        Assert.Equal(3, stats.Acknowledged);
        Assert.Equal(3, _t.StateB.Counter);
        Assert.Equal(["ack 1 ok", "ack 2 ok", "ack 3 ok"], _t.StateA.Log.Where(l => l.StartsWith("ack", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_packet_the_app_fails_on_gets_an_error_ack_its_effects_are_rolled_back_and_the_receipt_is_kept()
    {
        var path = _t.OpenPath();
        _t.Send(path, "fail");

        var stats = path.Relay();

        Assert.Equal(1, stats.Received);
        Assert.Equal(1, stats.Acknowledged);
        Assert.Equal(0, _t.StateB.Counter);
        Assert.DoesNotContain("recv fail", _t.StateB.Log);
        Assert.True(_t.B.State.Ibc.HasReceipt(path.B.PortId, path.B.ChannelId, 1));
        var ack = TwoChains.AckOn(path.B, 1);
        Assert.False(ack.IsSuccess);
        Assert.Contains("refused packet", ack.Error);
        Assert.Contains("ack 1 error", _t.StateA.Log);
        Assert.Empty(_t.A.State.Ibc.PendingPackets(path.A.PortId, path.A.ChannelId));
    }

    [Fact]
    public void The_error_ack_of_a_failed_receive_reads_codespace_kind_and_message()
    {
        var path = _t.OpenPath();
        _t.Send(path, "fail");

        path.Relay();

        Assert.Equal("mock:Boom: refused packet", TwoChains.AckOn(path.B, 1).Error);
    }

    [Fact]
    public void A_failed_receive_is_reported_in_the_write_acknowledgement_event_and_the_relay_tx_succeeds()
    {
        var path = _t.OpenPath();
        var packet = _t.Send(path, "fail");
        path.UpdateClient(path.B);

        var r = _t.Relay(_t.B, _t.Recv(path, packet));

        Assert.True(r.IsSuccess, r.ToString());
        Assert.Equal([IbcEvents.RecvPacket, IbcEvents.WriteAcknowledgement], r.Events.Select(e => e.Type));
        Assert.Equal("false", r.Events[1].Get(IbcEvents.AckSuccess));
    }

    [Fact]
    public void An_error_ack_returned_by_the_app_keeps_the_apps_state()
    {
        var path = _t.OpenPath();
        _t.Send(path, "error-ack");

        path.Relay();

        Assert.Equal(1, _t.StateB.Counter);
        Assert.Contains("recv error-ack", _t.StateB.Log);
        var ack = TwoChains.AckOn(path.B, 1);
        Assert.False(ack.IsSuccess);
        Assert.Equal("app says no", ack.Error);
        Assert.Contains("ack 1 error", _t.StateA.Log);
    }

    [Fact]
    public void A_duplicate_receive_in_a_later_transaction_is_a_successful_no_op()
    {
        var path = _t.OpenPath();
        var packet = _t.Send(path, "once");
        path.UpdateClient(path.B);
        var recv = _t.Recv(path, packet);

        var first = _t.Relay(_t.B, recv);
        var ackBytes = _t.B.State.Ibc.Acknowledgement(path.B.PortId, path.B.ChannelId, 1);
        var second = _t.Relay(_t.B, recv);

        Assert.True(first.IsSuccess, first.ToString());
        Assert.True(second.IsSuccess, second.ToString());
        Assert.NotEmpty(first.Events);
        Assert.Empty(second.Events);
        Assert.Equal(1, _t.StateB.Counter);
        Assert.Equal(ackBytes, _t.B.State.Ibc.Acknowledgement(path.B.PortId, path.B.ChannelId, 1));
        // the chain counts the redundant relay on its end, and nothing else
        Assert.Equal(new RedundantRelayCount(Receives: 1), Assert.Single(_t.B.State.Ibc.RedundantRelays).Value);
        Assert.Equal($"{path.B.PortId}/{path.B.ChannelId}", _t.B.State.Ibc.RedundantRelays.Keys.Single());
        Assert.Empty(_t.A.State.Ibc.RedundantRelays);

        var stats = path.Relay();
        Assert.Equal(0, stats.Received);
        Assert.Equal(1, stats.Acknowledged);
        Assert.Equal(1, _t.StateB.Counter);
    }

    [Fact]
    public void A_duplicate_receive_in_the_same_transaction_is_a_no_op()
    {
        var path = _t.OpenPath();
        var packet = _t.Send(path, "once");
        path.UpdateClient(path.B);
        CosmosMsg recv = new CosmosMsg.Relay(_t.Recv(path, packet));

        var r = _t.Coord.Execute(_t.B, path.B.Relayer, recv, recv);

        Assert.True(r.IsSuccess, r.ToString());
        Assert.Single(r.Events, e => e.Type == IbcEvents.RecvPacket);
        Assert.Equal(1, _t.StateB.Counter);
        Assert.Equal(1, _t.B.State.Ibc.RedundantRelays.Values.Single().Receives);
    }

    [Fact]
    public void A_second_acknowledgement_of_the_same_packet_is_a_no_op_and_the_callback_runs_once()
    {
        var path = _t.OpenPath();
        var packet = _t.Send(path, "hi");
        path.UpdateClient(path.B);
        _t.Relay(_t.B, _t.Recv(path, packet));
        path.UpdateClient(path.A);
        var ackBytes = _t.B.State.Ibc.Acknowledgement(path.B.PortId, path.B.ChannelId, 1)!;
        var ack = new IbcRelayMsg.AcknowledgePacket(packet, ackBytes, TwoChains.ClientHeight(path.A), path.A.Relayer);

        var first = _t.Relay(_t.A, ack);
        var second = _t.Relay(_t.A, ack);

        Assert.True(first.IsSuccess, first.ToString());
        Assert.True(second.IsSuccess, second.ToString());
        Assert.Contains(first.Events, e => e.Type == IbcEvents.AcknowledgePacket);
        Assert.Empty(second.Events);
        Assert.Single(_t.StateA.Log, l => l == "ack 1 ok");
        Assert.Equal(new RedundantRelayCount(Acks: 1), _t.A.State.Ibc.RedundantRelays.Values.Single());
    }

    [Fact]
    public void An_acknowledgement_for_a_packet_that_differs_from_the_commitment_is_refused()
    {
        var path = _t.OpenPath();
        var packet = _t.Send(path, "real");
        path.UpdateClient(path.B);
        _t.Relay(_t.B, _t.Recv(path, packet));
        path.UpdateClient(path.A);
        var forged = packet with { Data = Encoding.UTF8.GetBytes("forged") };

        var r = _t.Relay(_t.A, new IbcRelayMsg.AcknowledgePacket(forged, Acknowledgement.Success([1]).ToBytes(), TwoChains.ClientHeight(path.A), path.A.Relayer));

        Assert.Equal("CommitmentMismatch", r.Error!.Kind);
        Assert.Single(_t.A.State.Ibc.PendingPackets(path.A.PortId, path.A.ChannelId));
        Assert.DoesNotContain(_t.StateA.Log, l => l.StartsWith("ack", StringComparison.Ordinal));
    }

    [Fact]
    public void A_packet_whose_source_is_not_the_channels_counterparty_is_refused()
    {
        var path = _t.OpenPath();
        var packet = _t.Send(path, "hi");
        path.UpdateClient(path.B);
        var spoofed = packet with { Source = new IbcEndpoint(path.A.PortId, "channel-99") };

        var r = _t.Relay(_t.B, _t.Recv(path, spoofed));

        Assert.Equal("InvalidPacket", r.Error!.Kind);
        Assert.Equal(0, _t.StateB.Counter);
        Assert.False(_t.B.State.Ibc.HasReceipt(path.B.PortId, path.B.ChannelId, 1));
    }

    [Fact]
    public void A_packet_on_an_unknown_channel_is_refused()
    {
        var path = _t.OpenPath();
        var packet = _t.Send(path, "hi");
        path.UpdateClient(path.B);

        var r = _t.Relay(_t.B, _t.Recv(path, packet with { Destination = new IbcEndpoint(path.B.PortId, "channel-42") }));

        Assert.Equal("ChannelNotFound", r.Error!.Kind);
    }

    [Fact]
    public void On_an_ordered_channel_a_packet_delivered_ahead_of_its_turn_is_refused()
    {
        var path = _t.OpenPath(IbcOrder.Ordered);
        var first = _t.Send(path, "first");
        var second = _t.Send(path, "second");
        path.UpdateClient(path.B);

        var early = _t.Relay(_t.B, _t.Recv(path, second));
        var inOrder1 = _t.Relay(_t.B, _t.Recv(path, first));
        var inOrder2 = _t.Relay(_t.B, _t.Recv(path, second));

        Assert.Equal("SequenceMismatch", early.Error!.Kind);
        Assert.True(inOrder1.IsSuccess && inOrder2.IsSuccess);
        Assert.Equal(["recv first", "recv second"], _t.StateB.Log.Where(l => l.StartsWith("recv", StringComparison.Ordinal)));
        Assert.Equal(3UL, path.B.Channel!.NextSequenceRecv);
    }

    [Fact]
    public void On_an_unordered_channel_packets_may_arrive_in_any_order()
    {
        var path = _t.OpenPath();
        var first = _t.Send(path, "first");
        var second = _t.Send(path, "second");
        path.UpdateClient(path.B);

        var r2 = _t.Relay(_t.B, _t.Recv(path, second));
        var r1 = _t.Relay(_t.B, _t.Recv(path, first));

        Assert.True(r2.IsSuccess && r1.IsSuccess);
        Assert.Equal(["recv second", "recv first"], _t.StateB.Log.Where(l => l.StartsWith("recv", StringComparison.Ordinal)));
    }

    [Fact]
    public void On_an_ordered_channel_a_stale_duplicate_is_a_no_op()
    {
        var path = _t.OpenPath(IbcOrder.Ordered);
        var packet = _t.Send(path, "once");
        path.UpdateClient(path.B);

        _t.Relay(_t.B, _t.Recv(path, packet));
        var again = _t.Relay(_t.B, _t.Recv(path, packet));

        Assert.True(again.IsSuccess, again.ToString());
        Assert.Empty(again.Events);
        Assert.Equal(1, _t.StateB.Counter);
        Assert.Equal(new RedundantRelayCount(Receives: 1), _t.B.State.Ibc.RedundantRelays.Values.Single());
    }

    [Theory]
    [InlineData("failure: a receive proven above the light client's height", "recv")]
    [InlineData("failure: an acknowledgement proven above the light client's height", "ack")]
    [InlineData("failure: a timeout proven at a height the light client never saw", "timeout")]
    public void A_proof_height_the_light_client_does_not_trust_is_refused(string label, string which)
    {
        _ = label;
        var path = _t.OpenPath();
        var packet = _t.Send(path, "hi", timeoutSeconds: 10);
        path.UpdateClient(path.B);
        if (which != "recv") _t.Relay(_t.B, _t.Recv(path, packet));
        var aboveB = TwoChains.ClientHeight(path.B) + 1;
        var aboveA = TwoChains.ClientHeight(path.A) + 1;

        var r = which switch
        {
            "recv" => _t.Relay(_t.B, new IbcRelayMsg.RecvPacket(packet, aboveB, path.B.Relayer)),
            "ack" => _t.Relay(_t.A, new IbcRelayMsg.AcknowledgePacket(packet,
                _t.B.State.Ibc.Acknowledgement(path.B.PortId, path.B.ChannelId, 1)!, aboveA, path.A.Relayer)),
            _ => _t.Relay(_t.A, new IbcRelayMsg.TimeoutPacket(packet, aboveA, true, 1, path.A.Relayer)),
        };

        var error = Assert.IsType<IbcError.ProofHeightNotTrusted>(r.Error);
        Assert.Equal(which == "recv" ? aboveB : aboveA, error.ProofHeight);
        Assert.Single(_t.A.State.Ibc.PendingPackets(path.A.PortId, path.A.ChannelId));
        Assert.DoesNotContain(_t.StateA.Log, l => l.StartsWith("ack", StringComparison.Ordinal) || l.StartsWith("timeout", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("failure: a receive of sequence 0", "recv")]
    [InlineData("failure: an acknowledgement of sequence 0", "ack")]
    [InlineData("failure: a timeout of sequence 0", "timeout")]
    public void A_packet_of_sequence_zero_is_refused_as_ibc_go_refuses_it(string label, string which)
    {
        _ = label;
        var path = _t.OpenPath();
        var sent = _t.Send(path, "hi", timeoutSeconds: 10);
        path.UpdateClient(path.B);
        var packet = sent with { Sequence = 0 };

        var r = which switch
        {
            "recv" => _t.Relay(_t.B, new IbcRelayMsg.RecvPacket(packet, TwoChains.ClientHeight(path.B), path.B.Relayer)),
            "ack" => _t.Relay(_t.A, new IbcRelayMsg.AcknowledgePacket(packet, [1],
                TwoChains.ClientHeight(path.A), path.A.Relayer)),
            _ => _t.Relay(_t.A, new IbcRelayMsg.TimeoutPacket(packet, TwoChains.ClientHeight(path.A), true, 1, path.A.Relayer)),
        };

        var error = Assert.IsType<IbcError.InvalidPacket>(r.Error);
        Assert.Contains("sequence cannot be 0", error.Message);
        Assert.Equal(0, _t.StateB.Counter);
        Assert.Single(_t.A.State.Ibc.PendingPackets(path.A.PortId, path.A.ChannelId));
    }

    [Fact]
    public void Relaying_with_nothing_pending_does_nothing()
    {
        var path = _t.OpenPath();
        var height = _t.B.Height;

        var stats = path.Relay();

        Assert.True(stats.IsEmpty);
        Assert.Equal(height, _t.B.Height);
    }
}
