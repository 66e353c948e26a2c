namespace MeshSecurity.Core.Ibc;

/// <summary>A packet as committed by the sender (ICS-004): source, destination, sequence, opaque data, timeout.</summary>
public sealed record IbcPacket(
    IbcEndpoint Source,
    IbcEndpoint Destination,
    ulong Sequence,
    byte[] Data,
    IbcTimeout Timeout)
{
    public bool Equals(IbcPacket? other) =>
        other is not null && Source == other.Source && Destination == other.Destination && Sequence == other.Sequence
        && Timeout == other.Timeout && Data.AsSpan().SequenceEqual(other.Data);

    public override int GetHashCode() => HashCode.Combine(Source, Destination, Sequence);

    public override string ToString() => $"packet {Source}->{Destination} #{Sequence}";
}
