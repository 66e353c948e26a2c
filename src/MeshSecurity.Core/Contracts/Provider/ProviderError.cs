using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Contracts.Provider;

/// <summary>Errors of mesh-provider: the seed's catalogue with its messages, then the emulator's own.</summary>
public abstract record ProviderError : MeshError
{
    private ProviderError() { }

    public override string Codespace => "provider";

    public sealed record Unauthorized : ProviderError
    {
        public override string Message => "Unauthorized";
    }

    public sealed record ChannelExists(string Channel) : ProviderError
    {
        public override string Message => $"Contract already has a bound channel: {Channel}";
    }

    public sealed record WrongConnection(string Connection) : ProviderError
    {
        public override string Message => $"Unauthorized counterparty chain, awaiting connection '{Connection}'";
    }

    public sealed record UnknownChannel(string Channel) : ProviderError
    {
        public override string Message => $"Refuse to respond on unregistered channel '{Channel}'";
    }

    public sealed record InsufficientStake : ProviderError
    {
        public override string Message => "Insufficient stake to withdraw this";
    }

    public sealed record ZeroAmount : ProviderError
    {
        public override string Message => "Cannot send zero tokens to any methods";
    }

    public sealed record NothingToClaim : ProviderError
    {
        public override string Message => "No tokens are ready to be unbonded";
    }

    public sealed record NoRewardsToClaim : ProviderError
    {
        public override string Message => "No rewards to be claimed";
    }

    public sealed record WrongBalance(Amount Balance, Amount Rewards) : ProviderError
    {
        public override string Message => $"Balance is too low: {Rewards} > {Balance}";
    }

    public sealed record UnknownValidator(string Validator) : ProviderError
    {
        public override string Message => $"Validator was never registered: {Validator}";
    }

    public sealed record NoStakedTokens(string Validator) : ProviderError
    {
        public override string Message => $"No staked tokens for this validator: {Validator}";
    }

    public sealed record RemovedValidator(string Validator) : ProviderError
    {
        public override string Message => $"Validator was removed from valset: {Validator}";
    }

    public sealed record InvalidChannelOrder : ProviderError
    {
        public override string Message => "Only supports unordered channels";
    }

    public sealed record InvalidChannelVersion : ProviderError
    {
        public override string Message => $"Counterparty version must be '{Apis.MeshProtocol.Version}'";
    }

    /// <summary>B11: the seed panics on a percentage above 1.</summary>
    public sealed record InvalidPercentage(Dec Percentage) : ProviderError
    {
        public override string Message => $"Slash percentage must be above 0 and at most 1: {Percentage}";
    }

    /// <summary>Seed: a storage load error when no channel is bound.</summary>
    public sealed record NoChannel : ProviderError
    {
        public override string Message => "No channel to the consumer is bound";
    }

    public sealed record InvalidReplyId(ulong Id) : ProviderError
    {
        public override string Message => $"Invalid reply id: {Id}";
    }

    /// <summary>B7: a Rewards packet in another denom than the consumer's rewards denom.</summary>
    public sealed record WrongRewardsDenom(string Expected, string Actual) : ProviderError
    {
        public override string Message => $"Rewards must be paid in '{Expected}', got '{Actual}'";
    }

    /// <summary>An ack for an Unstake this provider has no record of: the views have diverged, the ack is refused.</summary>
    public sealed record UnknownInFlight(string Packet) : ProviderError
    {
        public override string Message => $"No in-flight packet matches the acknowledged {Packet}";
    }
}
