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

    /// <summary>
    /// Whether a relayed packet matches this one, stored as its commitment: what ICS-004's commitment hash covers (the
    /// timeout height and timestamp, an unset one as 0, and the data), compared field by field rather than hashed. The
    /// sequence and channel are the commitment's key.
    /// </summary>
    public bool MatchesCommitment(IbcPacket relayed) =>
        ReferenceEquals(this, relayed)
        || ((Timeout.Height ?? 0) == (relayed.Timeout.Height ?? 0) && (Timeout.Time?.Nanos ?? 0) == (relayed.Timeout.Time?.Nanos ?? 0)
            && Data.AsSpan().SequenceEqual(relayed.Data));

    public override int GetHashCode() => HashCode.Combine(Source, Destination, Sequence);

    /// <summary>
    /// The value the sender encoded <see cref="Data"/> from, when it was sent in this process
    /// (<see cref="Wasm.CosmosMsg.IbcSendPacket.Of{T}"/>); lost with the process (the journal, the wire), where the data is
    /// decoded. Immutable records whose JSON reads back to them, so either way a receiver sees the same value.
    /// </summary>
    internal object? Decoded { get; init; }

    /// <summary>The data as <typeparamref name="T"/>: the sender's value where the packet carries it, else decoded.</summary>
    public T DataAs<T>() where T : class => Decoded as T ?? Wire.Decode<T>(Data);

    public override string ToString() => $"packet {Source}->{Destination} #{Sequence}";
}
