using MeshSecurity.Core.Errors;

namespace MeshSecurity.Core.Ibc;

/// <summary>Errors of the IBC core module (ibc-go's registered errors, by meaning).</summary>
public abstract record IbcError : MeshError
{
    private IbcError() { }

    public override string Codespace => "ibc";

    public sealed record ClientNotFound(string ClientId) : IbcError { public override string Message => $"light client {ClientId} not found"; }
    public sealed record InvalidHeader(string Reason) : IbcError { public override string Message => $"invalid header: {Reason}"; }
    /// <summary>
    /// A header at or past the chain's block time plus the client's max clock drift (CometBFT light client's check, as
    /// ibc-go's 07-tendermint client runs it). Relayers read <see cref="FromTheFuture"/> in the failure to wait and retry.
    /// </summary>
    public sealed record HeaderFromFuture(Types.Timestamp HeaderTime, Types.Timestamp Now, ulong MaxClockDriftSeconds) : IbcError
    {
        public override string Message =>
            $"invalid header: {FromTheFuture} {HeaderTime} (now: {Now}; max clock drift: {MaxClockDriftSeconds}s)";
    }

    /// <summary>The words of <see cref="HeaderFromFuture"/>'s message (CometBFT's).</summary>
    public const string FromTheFuture = "new header has a time from the future";

    public sealed record ConnectionNotFound(string ConnectionId) : IbcError { public override string Message => $"connection {ConnectionId} not found"; }
    public sealed record InvalidConnectionState(string ConnectionId, string Expected, string Actual) : IbcError
    { public override string Message => $"connection {ConnectionId} is {Actual}, expected {Expected}"; }
    public sealed record ChannelNotFound(string PortId, string ChannelId) : IbcError { public override string Message => $"channel {PortId}/{ChannelId} not found"; }
    public sealed record InvalidChannelState(string PortId, string ChannelId, string Expected, string Actual) : IbcError
    { public override string Message => $"channel {PortId}/{ChannelId} is {Actual}, expected {Expected}"; }
    public sealed record PortNotBound(string PortId) : IbcError { public override string Message => $"port {PortId} is not bound to any module or contract"; }
    public sealed record PortNotOwned(string PortId, string Sender) : IbcError { public override string Message => $"{Sender} does not own port {PortId}"; }
    public sealed record InvalidPacket(string Reason) : IbcError { public override string Message => $"invalid packet: {Reason}"; }
    public sealed record PacketTimedOut(string Packet) : IbcError { public override string Message => $"{Packet} has timed out on this chain and cannot be received"; }
    public sealed record TimeoutNotReached(string Packet) : IbcError { public override string Message => $"{Packet}: the destination has not passed the timeout at the proof height"; }
    public sealed record PacketReceived(string Packet) : IbcError { public override string Message => $"{Packet} was received by the destination: it cannot time out"; }
    public sealed record SequenceMismatch(string Packet, ulong Expected) : IbcError { public override string Message => $"{Packet}: out of order, expected sequence {Expected}"; }
    public sealed record CommitmentMismatch(string Packet) : IbcError { public override string Message => $"{Packet} does not match the commitment"; }
    public sealed record ClientFrozen(string ClientId) : IbcError
    { public override string Message => $"light client {ClientId} is frozen: it takes no header and verifies no proof until recovered"; }
    public sealed record ProofHeightNotTrusted(ulong ProofHeight, ulong ClientHeight) : IbcError
    { public override string Message => $"proof height {ProofHeight} is above the light client's height {ClientHeight}: update the client first"; }
    public sealed record InvalidVersion(string Expected, string Actual) : IbcError { public override string Message => $"invalid channel version {Actual}, expected {Expected}"; }
    public sealed record InvalidOrder(string Expected) : IbcError { public override string Message => $"invalid channel ordering, expected {Expected}"; }
    public sealed record Forbidden(string What) : IbcError { public override string Message => What; }
}
