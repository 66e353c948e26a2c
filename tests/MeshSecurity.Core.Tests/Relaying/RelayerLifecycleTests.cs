using System.Collections.Immutable;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Types;
using static MeshSecurity.Core.Tests.RelayerMachine.RelayerRig;

namespace MeshSecurity.Core.Tests.RelayerMachine;

/// <summary>Closes, repeated observations, client refresh and determinism of the relayer machine.</summary>
public class RelayerLifecycleTests
{
    private const ulong T = StartSeconds + 100;

    private static RelayerRig Opened(ChannelSpec? spec = null, ulong unbonding = Weeks3)
    {
        var rig = new RelayerRig(spec);
        rig.Open(unbonding, unbonding);
        return rig;
    }

    [Fact]
    public void A_closed_end_is_confirmed_on_the_counterparty_and_counted_once_both_are_closed()
    {
        var rig = Opened();

        var confirm = Assert.Single(rig.Block(A, T, [Closed()]));

        Assert.Equal(B, confirm.Chain);
        Assert.Equal(new IbcRelayMsg.ChannelCloseConfirm(PortB, ChanB), Assert.Single(Body(confirm)));
        Assert.Equal(0, rig.Machine.Counters.Closed);
        Assert.Empty(rig.Block(B, T + 5, [Closed()], Ok(confirm)));
        Assert.Equal((1L, 0), (rig.Machine.Counters.Closed, rig.Machine.Owed));
        Assert.False(rig.Machine.AwaitsBlockOn(A) || rig.Machine.AwaitsBlockOn(B));
    }

    [Fact]
    public void A_packet_to_an_end_that_closed_is_timed_out_on_close_and_the_close_confirmed_in_the_same_transaction()
    {
        var rig = Opened();
        var p = Packet(1);
        var recv = Assert.Single(rig.Block(A, T, [Sent(p)]));

        // B's app closed its end: the receive is refused, and the packet can never be received
        var back = Assert.Single(rig.Block(B, T + 5, [Closed()], Failed(recv)));

        Assert.Equal(A, back.Chain);
        Assert.Equal([new IbcRelayMsg.TimeoutOnClose(p, rig.Height(B), ReceiptAbsent: true, NextSequenceRecv: 1, RelayerA),
            new IbcRelayMsg.ChannelCloseConfirm(PortA, ChanA)], Body(back));
        Assert.Empty(rig.Block(A, T + 10, [TimedOut(p), Closed()], Ok(back)));
        Assert.Equal(new RelayerCounters(1, 0, 0, 1, 1, 1), rig.Machine.Counters);
        Assert.Equal(0, rig.Machine.Owed);
        Assert.False(rig.Machine.AwaitsBlockOn(A) || rig.Machine.AwaitsBlockOn(B));
    }

    [Fact]
    public void A_block_observed_twice_changes_nothing_the_second_time()
    {
        var rig = Opened();
        var p = Packet(1);
        var send = Digest(A, rig.Height(A) + 1, T, [Sent(p)]);
        var recv = Assert.Single(rig.Machine.Observe(send));
        var received = Digest(B, rig.Height(B) + 1, T + 5, [Received(p), AckWritten(p)], Ok(recv));
        var ack = Assert.Single(rig.Machine.Observe(received));
        var (counters, owed) = (rig.Machine.Counters, rig.Machine.Owed);

        Assert.Empty(rig.Machine.Observe(send));
        Assert.Empty(rig.Machine.Observe(received));

        Assert.Equal((counters, owed), (rig.Machine.Counters, rig.Machine.Owed));
        Assert.Equal(new RelayerCounters(1, 1, 0, 0, 0, 0), counters);
        Assert.True(rig.Machine.AwaitsBlockOn(A));
        Assert.Equal(A, ack.Chain);
    }

    [Theory]
    [InlineData("success: our receive lands after another relayer's", true)]
    [InlineData("success: our receive succeeds as a no-op with no event", false)]
    public void A_packet_another_relayer_delivered_is_neither_delivered_again_nor_counted_as_a_failure(string label, bool otherFirst)
    {
        _ = label;
        var rig = Opened();
        var p = Packet(1);
        var recv = Assert.Single(rig.Block(A, T, [Sent(p)]));

        if (otherFirst)
        {
            // the other relayer's receive is in B's block before ours; ours is a no-op in the next one
            var ack = Assert.Single(rig.Block(B, T + 5, [Received(p), AckWritten(p)]));
            Assert.IsType<IbcRelayMsg.AcknowledgePacket>(Assert.Single(Body(ack)));
            Assert.Empty(rig.Block(B, T + 10, null, Ok(recv)));
            Assert.Equal((1L, 1), (rig.Machine.Counters.Received, rig.Machine.Owed));
        }
        else
        {
            Assert.Empty(rig.Block(B, T + 5, null, Ok(recv)));
            Assert.Equal((0L, 0), (rig.Machine.Counters.Received, rig.Machine.Owed));
            Assert.False(rig.Machine.AwaitsBlockOn(B));
        }
        Assert.Equal(0, rig.Machine.Counters.FailedTxs);
    }

    /// <summary>Both chains unbond in 3 days: their clients trust 2 days and are refreshed every 16 hours (57,600 s).</summary>
    private sealed record RefreshRow(string Chain, ulong Seconds, bool Refreshes);

    private const ulong Refresh = 57_600;

    [Fact]
    public void A_light_client_is_refreshed_once_a_third_of_its_trusting_period_passed_since_its_last_update()
    {
        var rig = Opened(unbonding: 3 * 86_400);
        // after the handshake, A's client of B was last updated with B at +10, B's client of A with A at +15
        RefreshRow[] rows =
        [
            new(B, StartSeconds + 10 + Refresh - 1, false),
            new(B, StartSeconds + 10 + Refresh, true),
            new(B, StartSeconds + 10 + 2 * Refresh - 1, false),
            new(A, StartSeconds + 15 + Refresh - 1, false),
            new(A, StartSeconds + 15 + Refresh, true),
            new(B, StartSeconds + 10 + 2 * Refresh, true),
        ];
        foreach (var row in rows)
        {
            var subs = rig.Block(row.Chain, row.Seconds);
            if (!row.Refreshes)
            {
                Assert.Empty(subs);
                continue;
            }
            var s = Assert.Single(subs);
            var target = row.Chain == A ? B : A;
            Assert.Equal(target, s.Chain);
            var header = Header(row.Chain, rig.Height(row.Chain), row.Seconds);
            Assert.Equal([new IbcRelayMsg.UpdateClient(target == A ? ClientA : ClientB, header)], Msgs(s));
            Assert.False(s.CarriesPackets);
        }

        // a batch carries its own update: no separate refresh beside it, and the next refresh counts from it
        var recv = Assert.Single(rig.Block(A, StartSeconds + 3 * Refresh, [Sent(Packet(1, StartSeconds + 5 * Refresh))]));
        Assert.Single(Body(recv));
        Assert.Empty(rig.Block(A, StartSeconds + 4 * Refresh - 1));
        Assert.Single(rig.Block(A, StartSeconds + 4 * Refresh));
    }

    [Fact]
    public void On_an_ordered_channel_what_goes_to_a_chain_never_lands_before_what_went_there_earlier()
    {
        var rig = Opened(Spec(new LatencyModel.Uniform(1, 30), order: IbcOrder.Ordered, seed: "ordered"));
        var landings = new List<Timestamp>();
        for (ulong seq = 1; seq <= 30; seq++) landings.Add(Assert.Single(rig.Block(A, T + seq, [Sent(Packet(seq))])).NotBefore);

        Assert.Equal(landings.Order(), landings);
        Assert.True(landings.Distinct().Count() < landings.Count, "some draws were shorter than an earlier one and were held back");
    }

    /// <summary>A scenario of everything (handshake, packets, an ack, a failed batch, a timeout, a clearing), rendered.</summary>
    private static List<string> Run(string seed, string pathId = "path-1")
    {
        var rig = new RelayerRig(Spec(new LatencyModel.LogNormal(3, 0.8), batchSize: 2, seed: seed), pathId);
        var log = new List<string>();
        IReadOnlyList<RelaySubmission> Log(IReadOnlyList<RelaySubmission> subs)
        {
            log.AddRange(subs.Select(s => $"{s.Chain}|{s.Tx.Id}|{s.Key}|{s.NotBefore.Nanos}|{s.CarriesPackets}|{s.Tx.Signer}|"
                                          + string.Join(",", Msgs(s).Select(m => m.GetType().Name))));
            return subs;
        }
        var init = Log(rig.Start())[0];
        var tryOpen = Log(rig.Block(A, StartSeconds + 5, null, Ok(init, "", ChanA)))[0];
        var ack = Log(rig.Block(B, StartSeconds + 10, null, Ok(tryOpen, "", ChanB)))[0];
        var confirm = Log(rig.Block(A, StartSeconds + 15, null, Ok(ack)))[0];
        Log(rig.Block(B, StartSeconds + 20, null, Ok(confirm)));
        var packets = Enumerable.Range(1, 5).Select(i => Packet((ulong)i, timeoutSeconds: i == 5 ? T + 20 : T + 3600)).ToList();
        var recvs = Log(rig.Block(A, T, [.. packets.Select(Sent)]));
        Log(rig.Block(B, T + 5, [Received(packets[0]), AckWritten(packets[0]), Received(packets[1]), AckWritten(packets[1])],
            Ok(recvs[0]), Failed(recvs[1])));
        Log(rig.Block(B, T + 60));
        Log(rig.Machine.Clear(Snapshot(A, rig.Height(A), T + 60, packets), Snapshot(B, rig.Height(B), T + 60, []), At(T + 61)));
        return log;
    }

    private static EndSnapshot Snapshot(string chain, ulong height, ulong seconds, IReadOnlyList<IbcPacket> pending) =>
        new(Header(chain, height, seconds),
            new ChannelEnd(chain == A ? new(PortA, ChanA) : new(PortB, ChanB), ChannelState.Open, IbcOrder.Unordered,
                chain == A ? new(PortB, ChanB) : new(PortA, ChanA), chain == A ? ConnA : ConnB, "v1", 1, 1, 1),
            [.. pending], [], ImmutableSortedDictionary<ulong, byte[]>.Empty);

    [Fact]
    public void The_same_inputs_give_the_same_submissions_ids_keys_and_landings()
    {
        var first = Run("seed-1");

        Assert.Equal(first, Run("seed-1"));
        Assert.True(first.Count >= 10, string.Join("\n", first));
        Assert.Equal(first.Count, first.Select(l => l.Split('|')[1]).Distinct().Count());
        Assert.All(first, l => Assert.StartsWith("path-1/", l.Split('|')[1], StringComparison.Ordinal));

        // the seed moves the latency draws only; another path id renames the transactions (and draws its own latencies)
        var reseeded = Run("seed-2");
        Assert.Equal(first.Select(WithoutLanding), reseeded.Select(WithoutLanding));
        Assert.NotEqual(first, reseeded);
        Assert.Equal(first.Select(l => WithoutLanding(l).Replace("path-1/", "path-9/", StringComparison.Ordinal)),
            Run("seed-1", "path-9").Select(WithoutLanding));
    }

    private static string WithoutLanding(string line)
    {
        var parts = line.Split('|');
        parts[3] = "";
        return string.Join("|", parts);
    }
}
