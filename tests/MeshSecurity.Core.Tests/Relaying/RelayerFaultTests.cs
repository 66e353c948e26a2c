using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Relaying;
using static MeshSecurity.Core.Tests.RelayerMachine.RelayerRig;

namespace MeshSecurity.Core.Tests.RelayerMachine;

/// <summary>The relayer's chaos switches: lag on every landing, and packets lost before they are received.</summary>
public class RelayerFaultTests
{
    private const ulong T = StartSeconds + 100;

    private static RelayerRig Opened(LatencyModel latency)
    {
        var rig = new RelayerRig(Spec(latency, seed: "chaos"));
        rig.Open();
        return rig;
    }

    [Fact]
    public void Lag_adds_to_every_landing_and_ends_when_switched_off()
    {
        var rig = Opened(new LatencyModel.Constant(2));
        rig.Machine.Faults = new RelayFaults(LagNanos: 90 * 1_000_000_000UL);

        var lagged = Assert.Single(rig.Block(A, T, [Sent(Packet(1))]));
        Assert.Equal(At(T + 92), lagged.NotBefore);

        rig.Machine.Faults = RelayFaults.None;
        var prompt = Assert.Single(rig.Block(A, T + 5, [Sent(Packet(2))]));
        Assert.Equal(At(T + 7), prompt.NotBefore);
    }

    [Fact]
    public void A_lost_packet_is_never_received_and_times_out_on_its_source_the_others_go_through()
    {
        var rig = Opened(new LatencyModel.Constant(2));
        rig.Machine.Faults = new RelayFaults(Loss: 0.5);
        var packets = Enumerable.Range(1, 40).Select(s => Packet((ulong)s, timeoutSeconds: T + 600)).ToList();

        var recvs = rig.Block(A, T, packets.Select(Sent));

        var received = recvs.SelectMany(Body).OfType<IbcRelayMsg.RecvPacket>().Select(r => r.Packet.Sequence).ToHashSet();
        Assert.Equal(40 - rig.Machine.LostCount, received.Count);
        Assert.InRange(rig.Machine.LostCount, 10, 30);
        // the same draw for the same seed, path and sequence: a second machine loses the same packets
        var again = Opened(new LatencyModel.Constant(2));
        again.Machine.Faults = new RelayFaults(Loss: 0.5);
        Assert.Equal(received, again.Block(A, T, packets.Select(Sent)).SelectMany(Body).OfType<IbcRelayMsg.RecvPacket>()
            .Select(r => r.Packet.Sequence).ToHashSet());

        // B receives what was relayed; once it passes the timeout, exactly the lost ones time out on A
        rig.Block(B, T + 5, packets.Where(p => received.Contains(p.Sequence)).Select(Received), [.. recvs.Select(r => Ok(r))]);
        var timeouts = rig.Block(B, T + 601).SelectMany(Body).OfType<IbcRelayMsg.TimeoutPacket>().Select(t => t.Packet.Sequence);
        Assert.Equal(packets.Select(p => p.Sequence).Where(s => !received.Contains(s)).Order(), timeouts.Order());
    }

    [Fact]
    public void A_paused_direction_holds_its_packets_and_acks_while_the_other_flows_and_releases_them_when_it_ends()
    {
        var rig = Opened(new LatencyModel.Constant(2));
        rig.Machine.Faults = new RelayFaults(PausedTo: [B]);
        var toB = Packet(1);
        var toA = Packet(1, fromA: false);

        // A's packet to B is held; B's packet to A goes, and the ack A writes for it travels to B: held too
        Assert.Empty(rig.Block(A, T, [Sent(toB)]));
        var recvOnA = Assert.Single(rig.Block(B, T + 1, [Sent(toA)]));
        Assert.Equal(A, recvOnA.Chain);
        Assert.Empty(rig.Block(A, T + 5, [Received(toA), AckWritten(toA)], Ok(recvOnA)));
        Assert.Equal(2, rig.Machine.Owed);

        // a plain block matters once the pause is off: the next window delivers both, in one batch
        rig.Machine.Faults = RelayFaults.None;
        Assert.True(rig.Machine.Matters(Digest(A, rig.Height(A) + 1, T + 20)));
        var released = Assert.Single(rig.Block(A, T + 20));
        Assert.Equal(B, released.Chain);
        Assert.Equal(At(T + 22), released.NotBefore);
        Assert.Equal(["AcknowledgePacket", "RecvPacket"], Body(released).Select(m => m.GetType().Name).Order());
        Assert.False(rig.Machine.Matters(Digest(A, rig.Height(A) + 1, T + 21)));
    }

    [Fact]
    public void A_packet_held_past_its_timeout_is_timed_out_on_its_source_instead()
    {
        var rig = Opened(new LatencyModel.Constant(2));
        rig.Machine.Faults = new RelayFaults(PausedTo: [B]);
        var p = Packet(1, timeoutSeconds: T + 60);

        Assert.Empty(rig.Block(A, T, [Sent(p)]));
        var timeout = Assert.Single(rig.Block(B, T + 61));

        Assert.Equal(A, timeout.Chain);
        Assert.IsType<IbcRelayMsg.TimeoutPacket>(Assert.Single(Body(timeout)));
        rig.Machine.Faults = RelayFaults.None;
        Assert.Empty(rig.Block(A, T + 62));
    }

    [Fact]
    public void A_starve_withholds_the_first_matching_packet_until_it_times_out_and_relays_the_rest()
    {
        var rig = Opened(new LatencyModel.Constant(2));
        rig.Machine.Faults = new RelayFaults(Starve: new StarveSpec(From: A));
        var (first, second) = (Packet(1, timeoutSeconds: T + 60), Packet(2, timeoutSeconds: T + 60));
        var fromB = Packet(1, timeoutSeconds: T + 60, fromA: false);

        // B's packet is not of the direction starved; A's first is withheld, its second goes
        var toA = Assert.Single(rig.Block(B, T, [Sent(fromB)]));
        var toB = Assert.Single(rig.Block(A, T + 1, [Sent(first), Sent(second)]));
        Assert.Equal([fromB.Sequence], Body(toA).OfType<IbcRelayMsg.RecvPacket>().Select(r => r.Packet.Sequence));
        Assert.Equal([2UL], Body(toB).OfType<IbcRelayMsg.RecvPacket>().Select(r => r.Packet.Sequence));
        Assert.Equal(1, rig.Machine.LostCount);

        // the same switch sent again takes no other packet; B passes the timeout and the starved one times out on A
        rig.Machine.Faults = new RelayFaults(Starve: new StarveSpec(From: A));
        rig.Block(B, T + 5, [Received(second)], Ok(toB));
        var timeout = Assert.Single(rig.Block(B, T + 61));
        Assert.Equal([1UL], Body(timeout).OfType<IbcRelayMsg.TimeoutPacket>().Select(t => t.Packet.Sequence));
    }

    [Fact]
    public void Under_a_clear_interval_the_relayer_submits_only_at_each_intervals_end_and_per_block_again_after_it()
    {
        var rig = Opened(new LatencyModel.Constant(2));
        rig.Machine.Faults = new RelayFaults(ClearIntervalNanos: 60 * 1_000_000_000UL, ClearFromNanos: At(T).Nanos);

        // the intervals count from the fault's start (T): nothing goes until a block at or after T + 60
        Assert.Empty(rig.Block(A, T, [Sent(Packet(1))]));
        Assert.Empty(rig.Block(A, T + 30, [Sent(Packet(2))]));
        Assert.False(rig.Machine.Matters(Digest(B, rig.Height(B) + 1, T + 59)));
        Assert.True(rig.Machine.Matters(Digest(B, rig.Height(B) + 1, T + 61)));
        var cleared = Assert.Single(rig.Block(B, T + 61));
        Assert.Equal(At(T + 63), cleared.NotBefore);
        Assert.Equal([1UL, 2UL], Body(cleared).OfType<IbcRelayMsg.RecvPacket>().Select(r => r.Packet.Sequence));

        // the next clearing is at T + 120; after the fault, the next block relays what is owed and then every block relays
        Assert.Empty(rig.Block(A, T + 90, [Sent(Packet(3))]));
        rig.Machine.Faults = RelayFaults.None;
        Assert.Equal([3UL], Body(Assert.Single(rig.Block(A, T + 95))).OfType<IbcRelayMsg.RecvPacket>().Select(r => r.Packet.Sequence));
        Assert.Single(rig.Block(A, T + 96, [Sent(Packet(4))]));
    }
}

