using System.Collections.Immutable;

namespace MeshSecurity.Core.Relaying;

/// <summary>
/// The result of one of the relayer's own transactions, as it reads it from a block: success or the chain's error, and
/// the identifiers the handshake messages returned (client, connection and channel ids, one entry per message).
/// </summary>
public sealed record RelayTxOutcome(string TxId, string? Error, ImmutableArray<string> Data)
{
    public bool IsSuccess => Error is null;
}
