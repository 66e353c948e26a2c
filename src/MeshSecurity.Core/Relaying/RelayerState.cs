using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Relaying;

/// <summary>
/// Everything a <see cref="Relayer"/> holds, as data: what a network checkpoint saves of a relayer at the cut
/// (docs/decisions/0009-a-run-resumes-from-its-checkpoint.md), so the restored relayer submits exactly what the one it
/// replaces would have. <paramref name="Deliveries"/> lists each owed or in-flight delivery once; <paramref name="Owed"/>
/// and the in-flight batches name them by index, because a batch may still hold a delivery the relayer no longer owes
/// (settled by another transaction), which its outcome must then leave alone.
/// </summary>
public sealed record RelayerState(
    string PathId,
    ChannelSpec Spec,
    int Generation,
    IReadOnlyDictionary<string, ClientHeader> Headers,
    IReadOnlyDictionary<string, Addr> Accounts,
    IReadOnlyDictionary<string, ulong> TrustSeconds,
    IReadOnlyList<RelayerState.OwedDelivery> Deliveries,
    IReadOnlyList<int> Owed,
    IReadOnlyList<RelayerState.InFlightBatch> InFlight,
    IReadOnlyDictionary<string, ulong> NextRecv,
    IReadOnlyList<string> ClosedOn,
    IReadOnlyDictionary<string, Timestamp> NextBlockAt,
    RelayerCounters Counters,
    int Clearings,
    IReadOnlyList<RelayerState.LostPacket> Lost,
    long LostCount,
    RelayFaults Faults,
    bool StarvedOne,
    ulong ClearedPeriod,
    bool ClearingNow,
    bool MayHold,
    IReadOnlyList<RelayerState.HandshakeTx> HandshakeTxs,
    IReadOnlyList<string> Ids,
    ChannelEnds? Ends,
    bool ChannelWanted,
    HandshakeStep Step,
    string? RefusedStep,
    string? RefusedError,
    string? RefusedTxId,
    IReadOnlyDictionary<string, Timestamp> LastLanding,
    IReadOnlyDictionary<string, Timestamp> LastClientUpdate)
{
    /// <summary>A delivery owed (or still in a transaction in flight), with its attempts and whether a fault holds it.</summary>
    public sealed record OwedDelivery(
        DeliveryKind Kind, string Source, ulong Sequence, IbcPacket? Packet, byte[]? Ack, string? InFlightTx, int Attempts, bool Held);

    /// <summary>A transaction of deliveries whose outcome the relayer has not observed yet.</summary>
    public sealed record InFlightBatch(string TxId, IReadOnlyList<int> Deliveries);

    /// <summary>A packet a fault withheld (lost, censored, starved): it is never relayed, only timed out.</summary>
    public sealed record LostPacket(string Source, ulong Sequence);

    /// <summary>A handshake transaction in flight: the step it does and the chain it was submitted to.</summary>
    public sealed record HandshakeTx(string TxId, HandshakeStep Step, string Chain);
}
