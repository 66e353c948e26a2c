using MeshSecurity.Core.Ibc;

namespace MeshSecurity.Core.Relaying;

/// <summary>
/// One thing the relayer owes, keyed by (kind, the chain the packet was sent from, sequence). It is submitted when it
/// becomes known; a failed batch is retried message by message once; a receive that would land past its timeout waits
/// for the destination to pass it and becomes a timeout.
/// </summary>
internal sealed class Delivery(DeliveryKind kind, string source, ulong sequence, IbcPacket? packet, byte[]? ack)
{
    public DeliveryKind Kind { get; } = kind;
    public string Source { get; } = source;
    public ulong Sequence { get; } = sequence;
    public IbcPacket? Packet { get; } = packet;
    public byte[]? Ack { get; } = ack;

    /// <summary>The transaction it is in, until that transaction's outcome is observed.</summary>
    public string? InFlightTx { get; set; }

    public int Attempts { get; set; }

    /// <summary>Owed but held back by a fault (relayer.pause): submitted once the fault lets it go.</summary>
    public bool Held { get; set; }

    public (DeliveryKind, string, ulong) Key => (Kind, Source, Sequence);
}
