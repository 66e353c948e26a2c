using System.Collections.Immutable;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Apis;

/// <summary>
/// Packets the mesh-consumer sends to its mesh-provider. The provider answers each with an empty success ack
/// (<see cref="ConsumerPacketAck"/>) or an error ack.
/// </summary>
[ExternallyTagged]
public abstract record ConsumerPacket
{
    private ConsumerPacket() { }

    /// <summary>
    /// Every change of the consumer chain's validator set in one block (at <paramref name="Height"/> and
    /// <paramref name="Time"/> of the consumer), sent at that block's end: production's ValsetUpdate. The seed only has
    /// added / removed (and never sends it); jailed, unjailed, tombstoned and slashed extend it. The provider applies
    /// the lists in production's order (ProviderIbc.cs).
    /// </summary>
    public sealed record UpdateValidators(
        ImmutableArray<string> Added,
        ImmutableArray<string> Removed,
        ImmutableArray<string> Jailed,
        ImmutableArray<string> Unjailed,
        ImmutableArray<string> Tombstoned,
        ImmutableArray<ValsetSlash> Slashed,
        ulong Height,
        Timestamp Time) : ConsumerPacket;

    /// <summary>Rewards of the provider's stake on a validator; the tokens follow over ICS-20.</summary>
    public sealed record Rewards(string Validator, Coin TotalFunds) : ConsumerPacket;

    /// <summary>
    /// The consumer's governance evicted this provider (a zero cap): the consumer no longer holds <paramref name="Amount"/>
    /// (provider tokens, its whole record) on <paramref name="Validator"/>. The provider turns every active stake on the
    /// validator into an unbonding claim released at once (production's InternalUnstake, docs/scenarios.md "Caps").
    /// </summary>
    public sealed record InternalUnstake(string Validator, Amount Amount) : ConsumerPacket;
}
