using MeshSecurity.Core.Relaying;
using static MeshSecurity.Core.Tests.RelayerMachine.RelayerRig;

namespace MeshSecurity.Core.Tests.RelayerMachine;

/// <summary>
/// A relayer rebuilt from its state (a network checkpoint's part of it) goes on exactly as the one it was taken of:
/// the same submissions, ids, landing times and counters, with batches in flight, a failed batch retried and a packet
/// a fault withheld.
/// </summary>
public class RelayerStateTests
{
    private const ulong T = StartSeconds + 100;

    private static (string Chain, string Id, ulong NotBefore, string Key, string Msgs)[] Seen(IEnumerable<RelaySubmission> s) =>
        [.. s.Select(x => (x.Chain, x.Tx.Id, x.NotBefore.Nanos, x.Key, string.Join(" | ", Msgs(x))))];

    [Fact]
    public void A_relayer_rebuilt_from_its_state_submits_what_the_original_would_have()
    {
        var rig = new RelayerRig(Spec(new LatencyModel.Uniform(1, 4), batchSize: 2, seed: "state"));
        rig.Open();
        rig.Machine.Faults = new RelayFaults(Loss: 0.3, LagNanos: 500_000_000);
        var sent = rig.Block(A, T, [.. Enumerable.Range(1, 6).Select(i => Sent(Packet((ulong)i)))]);
        Assert.NotEmpty(sent);
        var more = rig.Block(A, T + 6, [Sent(Packet(7)), Sent(Packet(8, timeoutSeconds: T + 8))]);

        var restored = Relayer.FromState(rig.Machine.ToState());

        Assert.Equal(rig.Machine.Counters, restored.Counters);
        Assert.Equal(rig.Machine.Owed, restored.Owed);
        Assert.Equal(rig.Machine.LostCount, restored.LostCount);
        var (heightB, heightA) = (rig.Height(B), rig.Height(A));
        BlockDigest[] next =
        [
            // the first batch fails (each of its deliveries is retried alone), the second lands and writes acks
            Digest(B, heightB + 1, T + 10, [], Failed(sent[0])),
            Digest(B, heightB + 2, T + 12, [.. sent.Skip(1).SelectMany(s => Body(s).OfType<Ibc.IbcRelayMsg.RecvPacket>())
                .SelectMany(r => new[] { Received(r.Packet), AckWritten(r.Packet) })], [.. sent.Skip(1).Select(s => Ok(s))]),
            // past packet 8's timeout: it is timed out on A
            Digest(A, heightA + 1, T + 20, [], [.. more.Select(s => Ok(s))]),
            Digest(B, heightB + 3, T + 25),
            Digest(A, heightA + 2, T + 30),
        ];
        foreach (var d in next) Assert.Equal(Seen(rig.Machine.Observe(d)), Seen(restored.Observe(d)));
        Assert.Equal(rig.Machine.Counters, restored.Counters);
        Assert.Equal(rig.Machine.Owed, restored.Owed);
        Assert.True(restored.Owed > 0);
    }
}
