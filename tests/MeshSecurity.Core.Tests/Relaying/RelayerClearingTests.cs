using System.Collections.Immutable;
using System.Text;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Relaying;
using static MeshSecurity.Core.Tests.RelayerMachine.RelayerRig;

namespace MeshSecurity.Core.Tests.RelayerMachine;

/// <summary>Clearing after the relayer was down: what is owed is rebuilt from both ends' committed state alone.</summary>
public class RelayerClearingTests
{
    private const ulong T = StartSeconds + 100;
    private const ulong HeightA = 50;
    private const ulong HeightB = 60;

    private static RelayerRig Opened()
    {
        var rig = new RelayerRig();
        rig.Open();
        return rig;
    }

    private static ChannelEnd EndOn(
        string chain, ChannelState state = ChannelState.Open, IbcOrder order = IbcOrder.Unordered, ulong nextRecv = 1) =>
        chain == A
            ? new(new(PortA, ChanA), state, order, new(PortB, ChanB), ConnA, "v1", 2, nextRecv, 1)
            : new(new(PortB, ChanB), state, order, new(PortA, ChanA), ConnB, "v1", 2, nextRecv, 1);

    private static EndSnapshot Snap(string chain, ulong seconds, ChannelEnd end, IbcPacket[]? pending = null, ulong[]? receipts = null,
        (ulong Seq, string Ack)[]? acks = null) =>
        new(Header(chain, chain == A ? HeightA : HeightB, seconds), end, [.. pending ?? []], [.. receipts ?? []],
            (acks ?? []).ToImmutableSortedDictionary(a => a.Seq, a => Encoding.UTF8.GetBytes(a.Ack)));

    [Theory]
    [InlineData("success: not received, timeout ahead", IbcOrder.Unordered, ChannelState.Open, 1UL, false, null, T, "recv")]
    [InlineData("success: received and acked: the ack goes back", IbcOrder.Unordered, ChannelState.Open, 1UL, true, "ok", T, "ack")]
    [InlineData("success: received, ack not written yet", IbcOrder.Unordered, ChannelState.Open, 1UL, true, null, T, "none")]
    [InlineData("success: the destination passed the timeout", IbcOrder.Unordered, ChannelState.Open, 1UL, false, null, T + 4_000,
        "timeout")]
    [InlineData("success: the destination closed", IbcOrder.Unordered, ChannelState.Closed, 1UL, false, null, T, "timeout-on-close")]
    [InlineData("success: timeout before the landing: wait", IbcOrder.Unordered, ChannelState.Open, 1UL, false, null, T + 3_599, "wait")]
    [InlineData("success: ordered, next receive past it, acked", IbcOrder.Ordered, ChannelState.Open, 2UL, false, "ok", T, "ack")]
    [InlineData("success: ordered, next receive at it", IbcOrder.Ordered, ChannelState.Open, 1UL, false, null, T, "recv")]
    [InlineData("success: ordered, closed by a timeout", IbcOrder.Ordered, ChannelState.Closed, 1UL, false, null, T, "timeout-on-close")]
    public void A_commitment_pending_on_the_source_is_cleared_by_what_the_destination_did_with_it(
        string label, IbcOrder order, ChannelState dstState, ulong nextRecv, bool receipt, string? ack, ulong dstSeconds, string expected)
    {
        _ = label;
        var rig = Opened();
        var p = Packet(1, timeoutSeconds: T + 3_600);
        // clearing a second after the destination's last block: a landing at +1 s passes T + 3600 in the "wait" row
        var now = dstSeconds + 1;
        var a = Snap(A, T, EndOn(A, order: order), pending: [p]);
        var b = Snap(B, dstSeconds, EndOn(B, dstState, order, nextRecv), receipts: receipt ? [1] : [], acks: ack is null ? [] : [(1, ack)]);

        var subs = rig.Machine.Clear(a, b, At(now));

        Assert.All(subs, s => Assert.True(s.NotBefore > At(now)));
        Assert.All(subs, s => Assert.StartsWith("clear0.1/", s.Key, StringComparison.Ordinal));
        switch (expected)
        {
            case "none" or "wait":
                Assert.Empty(subs);
                Assert.Equal(expected == "wait" ? 1 : 0, rig.Machine.Owed);
                Assert.Equal(expected == "wait", rig.Machine.AwaitsBlockOn(B));
                return;
            case "recv":
                var recv = Assert.Single(subs);
                Assert.Equal(B, recv.Chain);
                Assert.Equal([new IbcRelayMsg.UpdateClient(ClientB, a.Header), new IbcRelayMsg.RecvPacket(p, HeightA, RelayerB)],
                    Msgs(recv));
                break;
            case "ack":
                var back = Assert.Single(subs);
                Assert.Equal(A, back.Chain);
                Assert.Equal(new IbcRelayMsg.UpdateClient(ClientA, b.Header), Msgs(back)[0]);
                var m = Assert.IsType<IbcRelayMsg.AcknowledgePacket>(Assert.Single(Body(back)));
                Assert.Equal((p, "ok", HeightB, RelayerA),
                    (m.Packet, Encoding.UTF8.GetString(m.Acknowledgement), m.ProofHeight, m.Relayer));
                break;
            case "timeout":
                var timeout = Assert.Single(subs);
                Assert.Equal(A, timeout.Chain);
                Assert.Equal(new IbcRelayMsg.TimeoutPacket(p, HeightB, ReceiptAbsent: true, nextRecv, RelayerA),
                    Assert.Single(Body(timeout)));
                break;
            default:
                // B's end closed and A's is open: the close is confirmed on A in the same transaction
                var onClose = Assert.Single(subs);
                Assert.Equal(A, onClose.Chain);
                Assert.Equal([new IbcRelayMsg.TimeoutOnClose(p, HeightB, ReceiptAbsent: true, nextRecv, RelayerA),
                    new IbcRelayMsg.ChannelCloseConfirm(PortA, ChanA)], Body(onClose));
                Assert.Equal(2, rig.Machine.Owed);
                Assert.True(rig.Machine.AwaitsBlockOn(A));
                return;
        }
        Assert.Equal(1, rig.Machine.Owed);
        Assert.True(rig.Machine.AwaitsBlockOn(subs[0].Chain));
    }

    [Fact]
    public void A_close_the_counterparty_has_not_confirmed_is_confirmed_and_a_confirmed_one_is_left_alone()
    {
        var rig = Opened();

        var confirm = Assert.Single(rig.Machine.Clear(Snap(A, T, EndOn(A, ChannelState.Closed)), Snap(B, T, EndOn(B)), At(T + 1)));
        Assert.Equal(B, confirm.Chain);
        Assert.Equal(new IbcRelayMsg.ChannelCloseConfirm(PortB, ChanB), Assert.Single(Body(confirm)));

        Assert.Empty(rig.Machine.Clear(Snap(A, T, EndOn(A, ChannelState.Closed)), Snap(B, T, EndOn(B, ChannelState.Closed)), At(T + 2)));
        Assert.Equal(0, rig.Machine.Owed);
    }

    [Fact]
    public void Both_directions_are_cleared_at_once_and_what_goes_to_one_chain_shares_a_transaction()
    {
        var rig = Opened();
        var p = Packet(1);
        var q = Packet(1, fromA: false);

        var subs = rig.Machine.Clear(Snap(A, T, EndOn(A, nextRecv: 2), pending: [p], receipts: [1], acks: [(1, "ok")]),
            Snap(B, T, EndOn(B), pending: [q]), At(T + 1));

        var toB = Assert.Single(subs);
        Assert.Equal(B, toB.Chain);
        var body = Body(toB);
        Assert.Equal(new IbcRelayMsg.RecvPacket(p, HeightA, RelayerB), body[0]);
        Assert.Equal(q, Assert.IsType<IbcRelayMsg.AcknowledgePacket>(body[1]).Packet);
        Assert.True(toB.CarriesPackets);
    }

    [Fact]
    public void A_clearing_forgets_what_was_in_flight_and_gets_new_ids_each_time()
    {
        var rig = Opened();
        var p = Packet(1);
        var recv = Assert.Single(rig.Block(A, T, [Sent(p)]));

        // down while B received it and wrote the ack; the relayer comes back and clears
        var b = Snap(B, T + 30, EndOn(B, nextRecv: 2), receipts: [1], acks: [(1, "ok")]);
        var first = Assert.Single(rig.Machine.Clear(Snap(A, T + 30, EndOn(A), pending: [p]), b, At(T + 31)));
        var second = Assert.Single(rig.Machine.Clear(Snap(A, T + 30, EndOn(A), pending: [p]), b, At(T + 32)));

        Assert.Equal([A, A], new[] { first.Chain, second.Chain });
        Assert.Equal(("path-1/clear0.1/00000000000000000000/0000", "path-1/clear0.2/00000000000000000000/0000"),
            (first.Tx.Id, second.Tx.Id));
        Assert.False(rig.Machine.AwaitsBlockOn(B), "the receive in flight before the clearing is forgotten");
        // the old receive's outcome, if it ever shows up, changes nothing
        Assert.Empty(rig.Machine.Observe(Digest(B, HeightB + 1, T + 35, null, Ok(recv))));
        Assert.Equal(1, rig.Machine.Owed);
        var restarted = new RelayerRig(generation: 1);
        restarted.Open();
        Assert.StartsWith("path-1/clear1.1/",
            Assert.Single(restarted.Machine.Clear(Snap(A, T + 30, EndOn(A), pending: [p]), b, At(T + 31))).Tx.Id,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_clearing_before_the_channel_is_known_does_nothing()
    {
        var rig = new RelayerRig();
        Assert.Single(rig.Start());

        Assert.Empty(rig.Machine.Clear(Snap(A, T, EndOn(A), pending: [Packet(1)]), Snap(B, T, EndOn(B)), At(T + 1)));
        Assert.Equal(0, rig.Machine.Owed);
    }
}
