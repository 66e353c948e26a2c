using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Relaying;
using static MeshSecurity.Core.Tests.RelayerMachine.RelayerRig;

namespace MeshSecurity.Core.Tests.RelayerMachine;

/// <summary>The relayer's network switches: racing relayers, another latency, and deliveries out of sequence order.</summary>
public class RelayerNetFaultTests
{
    private const ulong T = StartSeconds + 100;
    private static readonly LatencyModel Spread = new LatencyModel.Uniform(2, 30);

    private static RelayerRig Opened(LatencyModel latency)
    {
        var rig = new RelayerRig(Spec(latency, seed: "chaos"));
        rig.Open();
        return rig;
    }

    private static ulong[] Sequences(IEnumerable<RelaySubmission> s) =>
        [.. s.SelectMany(Body).OfType<IbcRelayMsg.RecvPacket>().Select(r => r.Packet.Sequence)];

    [Fact]
    public void Racing_relayers_submit_the_same_batch_each_with_its_own_latency_draw_and_one_relayer_again_after()
    {
        var rig = Opened(Spread);
        rig.Machine.Faults = new RelayFaults(Racers: 3);

        var copies = rig.Block(A, T, [Sent(Packet(1)), Sent(Packet(2))]);

        Assert.Equal(3, copies.Count);
        Assert.All(copies, c => Assert.Equal([1UL, 2UL], Sequences([c])));
        Assert.Equal(3, copies.Select(c => c.Tx.Id).Distinct().Count());
        Assert.All(copies, c => Assert.InRange(c.NotBefore.Nanos, At(T + 2).Nanos, At(T + 30).Nanos));
        Assert.True(copies.Select(c => c.NotBefore).Distinct().Count() > 1, "every racer draws its own latency");
        // the same draws for the same seed: a second machine races the same way
        var again = Opened(Spread);
        again.Machine.Faults = new RelayFaults(Racers: 3);
        Assert.Equal(copies.Select(c => c.NotBefore), again.Block(A, T, [Sent(Packet(1)), Sent(Packet(2))]).Select(c => c.NotBefore));

        // the machine settles on its own copy; the others' outcomes are none of its business
        rig.Block(B, T + 40, [Received(Packet(1)), Received(Packet(2))], Ok(copies[0]), Ok(copies[1]));
        Assert.Equal(0, rig.Machine.Owed);
        rig.Machine.Faults = RelayFaults.None;
        Assert.Single(rig.Block(A, T + 50, [Sent(Packet(3))]));
    }

    [Fact]
    public void Another_latency_holds_while_it_is_set_and_the_paths_own_applies_again_after()
    {
        var rig = Opened(new LatencyModel.Constant(2));
        rig.Machine.Faults = new RelayFaults(Latency: new LatencyModel.Constant(45));

        Assert.Equal(At(T + 45), Assert.Single(rig.Block(A, T, [Sent(Packet(1))])).NotBefore);

        rig.Machine.Faults = RelayFaults.None;
        Assert.Equal(At(T + 7), Assert.Single(rig.Block(A, T + 5, [Sent(Packet(2))])).NotBefore);
    }

    [Fact]
    public void Reordering_shuffles_a_batch_from_the_seed_and_sequence_order_is_back_after()
    {
        var rig = Opened(new LatencyModel.Constant(2));
        rig.Machine.Faults = new RelayFaults(Reorder: true);
        var packets = Enumerable.Range(1, 12).Select(s => Packet((ulong)s)).ToList();

        var shuffled = Sequences(rig.Block(A, T, packets.Select(Sent)));

        Assert.Equal(packets.Select(p => p.Sequence), shuffled.Order());
        Assert.NotEqual(packets.Select(p => p.Sequence), shuffled);
        var again = Opened(new LatencyModel.Constant(2));
        again.Machine.Faults = new RelayFaults(Reorder: true);
        Assert.Equal(shuffled, Sequences(again.Block(A, T, packets.Select(Sent))));

        rig.Machine.Faults = RelayFaults.None;
        var later = Enumerable.Range(13, 12).Select(s => Packet((ulong)s)).ToList();
        Assert.Equal(later.Select(p => p.Sequence), Sequences(rig.Block(A, T + 5, later.Select(Sent))));
    }

    [Fact]
    public void With_a_window_each_delivery_goes_alone_up_to_the_window_later_so_they_land_out_of_order()
    {
        var rig = Opened(new LatencyModel.Constant(2));
        rig.Machine.Faults = new RelayFaults(Reorder: true, ReorderWindowNanos: 60 * 1_000_000_000UL);
        var packets = Enumerable.Range(1, 8).Select(s => Packet((ulong)s)).ToList();

        var singles = rig.Block(A, T, packets.Select(Sent));

        Assert.Equal(8, singles.Count);
        Assert.All(singles, s => Assert.InRange(s.NotBefore.Nanos, At(T + 2).Nanos, At(T + 62).Nanos));
        var byLanding = singles.OrderBy(s => s.NotBefore).SelectMany(s => Sequences([s])).ToArray();
        Assert.Equal(packets.Select(p => p.Sequence), byLanding.Order());
        Assert.NotEqual(packets.Select(p => p.Sequence), byLanding);
    }
}
