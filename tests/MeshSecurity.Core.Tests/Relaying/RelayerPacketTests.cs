using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Types;
using static MeshSecurity.Core.Tests.RelayerMachine.RelayerRig;

namespace MeshSecurity.Core.Tests.RelayerMachine;

/// <summary>Packets, acknowledgements, timeouts and closes on an open channel, fed as hand-built digests.</summary>
public class RelayerPacketTests
{
    /// <summary>When the open channel's machine has seen its last handshake block (B's, at +20 s).</summary>
    private const ulong T = StartSeconds + 100;

    private static RelayerRig Opened(ChannelSpec? spec = null)
    {
        var rig = new RelayerRig(spec);
        rig.Open();
        return rig;
    }

    public static TheoryData<string, LatencyModel, ulong, ulong> Latencies => new()
    {
        { "success: no latency lands a nanosecond later, never at the observed instant", LatencyModel.Zero, 1, 1 },
        { "success: a constant latency", new LatencyModel.Constant(2), 2_000_000_000, 2_000_000_000 },
        { "success: a uniform latency stays within its bounds", new LatencyModel.Uniform(1.5, 3), 1_500_000_000, 3_000_000_000 },
    };

    [Theory]
    [MemberData(nameof(Latencies))]
    public void A_sent_packet_is_received_at_the_block_time_plus_the_latency_never_earlier(
        string label, LatencyModel latency, ulong minNanos, ulong maxNanos)
    {
        _ = label;
        var rig = Opened(Spec(latency));
        for (ulong seq = 1; seq <= 20; seq++)
        {
            var p = Packet(seq);
            var at = T + seq * 5;

            var recv = Assert.Single(rig.Block(A, at, [Sent(p)]));

            Assert.Equal(B, recv.Chain);
            Assert.InRange(recv.NotBefore.Nanos - At(at).Nanos, minNanos, maxNanos);
            Assert.True(recv.CarriesPackets);
            Assert.Equal(new IbcRelayMsg.UpdateClient(ClientB, Header(A, rig.Height(A), at)), Msgs(recv)[0]);
            Assert.Equal(new IbcRelayMsg.RecvPacket(p, rig.Height(A), RelayerB), Assert.Single(Body(recv)));
            Assert.True(rig.Machine.AwaitsBlockOn(B));
        }
        Assert.Equal(20, rig.Machine.Counters.Sent);
    }

    [Fact]
    public void A_packet_is_received_its_ack_written_brought_back_and_acknowledged()
    {
        var rig = Opened();
        var p = Packet(1);
        var recv = Assert.Single(rig.Block(A, T, [Sent(p)]));

        var ack = Assert.Single(rig.Block(B, T + 5, [Received(p), AckWritten(p, "done")], Ok(recv)));

        Assert.Equal(A, ack.Chain);
        Assert.False(ack.CarriesPackets);
        var msg = Assert.IsType<IbcRelayMsg.AcknowledgePacket>(Assert.Single(Body(ack)));
        Assert.Equal((p, "done", rig.Height(B), RelayerA),
            (msg.Packet, System.Text.Encoding.UTF8.GetString(msg.Acknowledgement), msg.ProofHeight, msg.Relayer));
        Assert.Equal(1, rig.Machine.Owed);
        Assert.True(rig.Machine.AwaitsBlockOn(A));

        Assert.Empty(rig.Block(A, T + 10, [Acknowledged(p)], Ok(ack)));
        Assert.Equal(new RelayerCounters(1, 1, 1, 0, 0, 0), rig.Machine.Counters);
        Assert.Equal(0, rig.Machine.Owed);
        Assert.False(rig.Machine.AwaitsBlockOn(A) || rig.Machine.AwaitsBlockOn(B));
    }

    [Theory]
    [InlineData("success: fewer than a batch go in one transaction", 3, 30, new[] { 3 })]
    [InlineData("success: exactly a batch", 4, 4, new[] { 4 })]
    [InlineData("success: more than a batch split in order", 5, 2, new[] { 2, 2, 1 })]
    [InlineData("success: a batch of one", 3, 1, new[] { 1, 1, 1 })]
    public void Packets_observed_in_one_block_go_out_in_batches_of_at_most_BatchSize(string label, int packets, int batchSize, int[] sizes)
    {
        _ = label;
        var rig = Opened(Spec(batchSize: batchSize));

        var txs = rig.Block(A, T, [.. Enumerable.Range(1, packets).Select(i => Sent(Packet((ulong)i)))]);

        Assert.Equal(sizes, txs.Select(s => Body(s).Count));
        Assert.All(txs, s => Assert.Equal(B, s.Chain));
        Assert.Equal(Enumerable.Range(1, packets).Select(i => (ulong)i),
            txs.SelectMany(Body).Cast<IbcRelayMsg.RecvPacket>().Select(r => r.Packet.Sequence));
        Assert.Equal(txs.Select(s => s.Key).Order(StringComparer.Ordinal), txs.Select(s => s.Key));
        Assert.Equal(txs.Count, txs.Select(s => s.Tx.Id).Distinct().Count());
    }

    [Fact]
    public void A_failed_batch_is_retried_message_by_message_once_then_a_receive_waits_for_its_timeout()
    {
        var rig = Opened();
        var (p1, p2) = (Packet(1, timeoutSeconds: T + 600), Packet(2, timeoutSeconds: T + 600));
        var batch = Assert.Single(rig.Block(A, T, [Sent(p1), Sent(p2)]));

        var singles = rig.Block(B, T + 5, null, Failed(batch));

        Assert.Equal([[p1], [p2]], singles.Select(s => Body(s).Cast<IbcRelayMsg.RecvPacket>().Select(r => r.Packet).ToArray()));
        Assert.Equal(1, rig.Machine.Counters.FailedTxs);

        // p1 alone succeeds; p2 fails again: not retried a third time, but still owed until B passes its timeout
        var ack = Assert.Single(rig.Block(B, T + 10, [Received(p1), AckWritten(p1)], Ok(singles[0]), Failed(singles[1])));
        Assert.Equal(p1, Assert.IsType<IbcRelayMsg.AcknowledgePacket>(Assert.Single(Body(ack))).Packet);
        Assert.Equal(2, rig.Machine.Counters.FailedTxs);
        Assert.Equal(2, rig.Machine.Owed);
        Assert.True(rig.Machine.AwaitsBlockOn(B), "a receive that failed twice waits for a destination block past its timeout");
        Assert.Empty(rig.Block(B, T + 599));

        var timeout = Assert.Single(rig.Block(B, T + 600));
        Assert.Equal(A, timeout.Chain);
        Assert.Equal(new IbcRelayMsg.TimeoutPacket(p2, rig.Height(B), ReceiptAbsent: true, NextSequenceRecv: 2, RelayerA),
            Assert.Single(Body(timeout)));
    }

    [Fact]
    public void A_failed_acknowledgement_is_retried_once_then_given_up()
    {
        var rig = Opened();
        var p = Packet(1);
        var recv = Assert.Single(rig.Block(A, T, [Sent(p)]));
        var ack = Assert.Single(rig.Block(B, T + 5, [Received(p), AckWritten(p)], Ok(recv)));

        var retry = Assert.Single(rig.Block(A, T + 10, null, Failed(ack)));
        Assert.IsType<IbcRelayMsg.AcknowledgePacket>(Assert.Single(Body(retry)));

        Assert.Empty(rig.Block(A, T + 15, null, Failed(retry)));
        Assert.Equal((2L, 0), (rig.Machine.Counters.FailedTxs, rig.Machine.Owed));
        Assert.False(rig.Machine.AwaitsBlockOn(A) || rig.Machine.AwaitsBlockOn(B));
    }

    [Theory]
    [InlineData("success: the timeout is past the landing (2 s later): receive", T + 3, true)]
    [InlineData("failure: the timeout falls between the block and the landing: wait", T + 1, false)]
    [InlineData("failure: the timeout is the block's own instant", T, false)]
    public void A_receive_that_would_land_after_the_packets_timeout_is_not_submitted(string label, ulong timeoutSeconds, bool submitted)
    {
        _ = label;
        var rig = Opened(Spec(new LatencyModel.Constant(2)));
        var p = Packet(1, timeoutSeconds);

        var recv = rig.Block(A, T, [Sent(p)]);

        Assert.Equal(submitted ? 1 : 0, recv.Count);
        Assert.Equal(1, rig.Machine.Owed);
        Assert.True(rig.Machine.AwaitsBlockOn(B));
        if (submitted) return;

        // B's next block is before the timeout: still waiting; the one at the timeout turns it into a timeout on A
        Assert.Empty(rig.Block(B, T - 1));
        var timeout = Assert.Single(rig.Block(B, timeoutSeconds + 1));
        Assert.Equal(A, timeout.Chain);
        Assert.Equal(new IbcRelayMsg.TimeoutPacket(p, rig.Height(B), true, 1, RelayerA), Assert.Single(Body(timeout)));
        Assert.Empty(rig.Block(A, timeoutSeconds + 5, [TimedOut(p)], Ok(timeout)));
        Assert.Equal((1L, 0), (rig.Machine.Counters.TimedOut, rig.Machine.Owed));
        Assert.False(rig.Machine.AwaitsBlockOn(A) || rig.Machine.AwaitsBlockOn(B));
    }

    [Theory]
    [InlineData("success: B's next block comes before the timeout: receive", T + 4, true)]
    [InlineData("failure: B announced its next block after the timeout: wait", T + 6, false)]
    public void A_receive_is_held_back_when_the_destination_announced_its_next_block_after_the_timeout(
        string label, ulong nextOnB, bool submitted)
    {
        _ = label;
        var rig = Opened(Spec(new LatencyModel.Constant(2)));
        // B's latest block says when its next one comes: a receive lands there at the earliest
        var announced = RelayerRig.Digest(B, 50, T - 1) with { NextBlockAt = At(nextOnB) };
        Assert.Empty(rig.Machine.Observe(announced));

        var recv = rig.Block(A, T, [Sent(Packet(1, T + 5))]);

        Assert.Equal(submitted ? 1 : 0, recv.Count);
        Assert.Equal(1, rig.Machine.Owed);
    }
}
