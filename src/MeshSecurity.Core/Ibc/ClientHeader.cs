using System.Collections.Immutable;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Ibc;

/// <summary>
/// A chain's header as a light client consumes it: chain id, height, time and the validator set that signs it
/// (operator address to consensus public key).
/// </summary>
public sealed record ClientHeader(string ChainId, ulong Height, Timestamp Time, ImmutableSortedDictionary<string, byte[]> ValidatorKeys)
{
    /// <summary>
    /// The chain's settled marks at this height (<see cref="IbcState.SettledFloors"/>, by "port/channel"): what a proof
    /// of absent commitments against the header's root would show. The client's chain prunes by them; null while the
    /// chain has sent no packet.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ImmutableSortedDictionary<string, ulong>? Settled { get; init; }
}
