using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Apis;

/// <summary>
/// Packets the mesh-provider (on the provider chain) sends to its mesh-consumer (on the consumer chain) over the
/// mesh channel. The consumer must answer each with the matching ack in <see cref="ProviderPacketAck"/>, or an error ack.
/// </summary>
[ExternallyTagged]
public abstract record ProviderPacket
{
    private ProviderPacket() { }

    /// <summary>Asks for the consumer chain's validators. Sent on channel connect.</summary>
    public sealed record ListValidators : ProviderPacket;

    /// <summary>
    /// A cross-stake of <paramref name="Amount"/> provider tokens by <paramref name="Key"/> (the staker on the provider).
    /// The consumer raises its record of this provider's stake on the validator and delegates the difference in local tokens.
    /// </summary>
    public sealed record Stake(string Validator, Amount Amount, string Key) : ProviderPacket;

    /// <summary>The reverse of <see cref="Stake"/>: the consumer lowers its record and undelegates the difference.</summary>
    public sealed record Unstake(string Validator, Amount Amount, string Key) : ProviderPacket;

    /// <summary>
    /// Stake on a validator was slashed or cut on the provider (not a user's choice): the consumer lowers its record
    /// of this provider's stake, and so the validator's power, by <paramref name="Amount"/> provider tokens.
    /// Not in the 2022 prototype: it carries the README's slash propagation.
    /// </summary>
    public sealed record Burn(string Validator, Amount Amount) : ProviderPacket;
}
