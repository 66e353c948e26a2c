using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Emulator.Channels;

/// <summary>
/// One thing the relayer owes the network: receive a packet on its destination, bring an acknowledgement back, time a
/// packet out on its source, or confirm a close. <see cref="Due"/> is when the relayer gets to it (latency included).
/// </summary>
internal sealed record Delivery(DeliveryKind Kind, string SourceChain, ulong Sequence, IbcPacket? Packet, byte[]? Ack, Timestamp Due)
{
    /// <summary>The transaction it is in, while that transaction has not been seen in a block.</summary>
    public string? InFlightTx { get; init; }

    /// <summary>After a batch failed, each of its messages goes alone, so one bad message cannot block the others.</summary>
    public bool Single { get; init; }

    public (DeliveryKind, string, ulong) Key => (Kind, SourceChain, Sequence);
}

internal enum DeliveryKind
{
    Recv,
    Ack,
    Timeout,
    CloseConfirm,
}
