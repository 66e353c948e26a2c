using CsCheck;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Tests.Support;
using Path = MeshSecurity.Core.Testing.Path;

namespace MeshSecurity.Core.Tests.IbcModule;

/// <summary>
/// Pruning never forgets a receipt that could still be replayed: packets on an unordered channel are received in any
/// order, twice or more, timed out, acknowledged, and the receiving chain prunes by the sender's settled marks as its
/// client follows the sender; every receive, first or replayed, ends as ibc-go's rules say without pruning (received
/// once, then a no-op; refused once its timeout passed), and a clearing relayer finds every ack it still needs.
/// </summary>
public sealed class ReceiptPruningPropertyTests
{
    // op 0-5: receive packet `Which` (modulo the count); 6: time passes on the receiver; 7: settle (acks and timeouts
    // relayed to the sender, the receiver's client updated)
    private static readonly Gen<(int Op, int Which, ulong Seconds)> Op = Gen.Select(Gen.Int[0, 7], Gen.Int[0, 7], Gen.ULong[1, 30]);

    private static readonly Gen<(ulong[] Timeouts, (int Op, int Which, ulong Seconds)[] Ops)> Case =
        Gen.Select(Gen.ULong[15, 90].Array[1, 8], Op.Array[1, 40]);

    private enum Outcome { Received, NoOp, Refused, NoOpPruned }

    [Fact]
    public void A_receive_of_any_sequence_ends_as_without_pruning_and_a_settled_channel_keeps_no_receipt_or_ack()
    {
        var seen = new int[4];
        Case.SampleSeeded(c =>
        {
            var run = new Run(c.Timeouts);
            foreach (var (op, which, seconds) in c.Ops)
            {
                if (op <= 5) seen[(int)run.Receive(run.Packets[which % run.Packets.Length])]++;
                else if (op == 6) run.T.AdvanceB(seconds);
                else run.Settle();
            }
            run.Settle();
            foreach (var p in run.Packets) seen[(int)run.Receive(p)]++;

            // every packet settled: the receiver keeps one mark for the channel and nothing per packet
            run.T.AdvanceB(100);
            run.Settle();
            var ibc = run.T.B.State.Ibc;
            var (port, channel) = (run.Path.B.PortId, run.Path.B.ChannelId);
            Assert.Empty(run.T.A.State.Ibc.PendingPackets(run.Path.A.PortId, run.Path.A.ChannelId));
            Assert.Equal((ulong)run.Packets.Length + 1, ibc.ReceiptMark(port, channel));
            Assert.DoesNotContain(ibc.Receipts.Keys, k => k.PortId == port && k.ChannelId == channel);
            Assert.DoesNotContain(ibc.Acks.Keys, k => k.PortId == port && k.ChannelId == channel);
            foreach (var p in run.Packets) Assert.Equal(Outcome.Refused, run.Receive(p));
        }, iter: 150, print: c => $"timeouts [{string.Join(",", c.Timeouts)}] ops [{string.Join(",", c.Ops)}]");
        Assert.True(seen.All(n => n > 0), "every outcome occurs: " + string.Join(",", seen));
    }

    private sealed class Run
    {
        private readonly HashSet<ulong> _received = [];

        public Run(ulong[] timeouts)
        {
            Path = T.OpenPath();
            Packets = [.. timeouts.Select((s, i) => T.Send(Path, $"p{i}", s))];
        }

        public TwoChains T { get; } = new();
        public Path Path { get; }
        public IbcPacket[] Packets { get; }

        /// <summary>Relays the packet to the receiver and checks the outcome against the rules without pruning.</summary>
        public Outcome Receive(IbcPacket p)
        {
            var pruned = !T.B.State.Ibc.Receipts.ContainsKey(new PacketKey(Path.B.PortId, Path.B.ChannelId, p.Sequence));
            var timedOut = p.Timeout.HasPassed(T.B.State.Height + 1, T.Coord.Now);
            var r = T.Relay(T.B, T.Recv(Path, p));
            if (timedOut)
            {
                Assert.Equal("PacketTimedOut", r.Error?.Kind);
                return Outcome.Refused;
            }
            Assert.True(r.IsSuccess, r.ToString());
            var delivered = r.Events.Any(e => e.Type == IbcEvents.RecvPacket);
            Assert.Equal(!_received.Contains(p.Sequence), delivered);
            if (delivered)
            {
                _received.Add(p.Sequence);
                return Outcome.Received;
            }
            return pruned ? Outcome.NoOpPruned : Outcome.NoOp;
        }

        /// <summary>
        /// What a clearing relayer does with the receiver's end: acks what it received (the ack must still be there),
        /// times out what passed its timeout unreceived; then the receiver's client takes the sender's header.
        /// </summary>
        public void Settle()
        {
            foreach (var p in T.A.State.Ibc.PendingPackets(Path.A.PortId, Path.A.ChannelId).ToList())
            {
                var end = EndSnapshot.Of(T.B.State, Path.B.PortId, Path.B.ChannelId);
                Assert.Equal(_received.Contains(p.Sequence), end.HasReceived(p));
                IbcRelayMsg? msg = null;
                if (end.HasReceived(p))
                {
                    Assert.True(end.Acks.TryGetValue(p.Sequence, out var ack), $"the ack of {p.Sequence} is kept while its commitment is");
                    msg = new IbcRelayMsg.AcknowledgePacket(p, ack!, 0, Path.A.Relayer);
                }
                else if (p.Timeout.HasPassed(T.B.State.Height, T.B.State.Time))
                {
                    msg = new IbcRelayMsg.TimeoutPacket(p, 0, ReceiptAbsent: true, NextSequenceRecv: 1, Path.A.Relayer);
                }
                if (msg is null) continue;
                Path.UpdateClient(Path.A);
                var proven = msg switch
                {
                    IbcRelayMsg.AcknowledgePacket a => a with { ProofHeight = TwoChains.ClientHeight(Path.A) },
                    IbcRelayMsg.TimeoutPacket t => t with { ProofHeight = TwoChains.ClientHeight(Path.A) },
                    _ => msg,
                };
                var r = T.Relay(T.A, proven);
                Assert.True(r.IsSuccess, r.ToString());
            }
            Path.UpdateClient(Path.B);
        }
    }
}
