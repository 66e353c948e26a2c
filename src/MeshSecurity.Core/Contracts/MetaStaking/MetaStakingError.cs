using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Contracts.MetaStaking;

/// <summary>
/// Errors of meta-staking: the seed's catalogue (docs/seed-contracts.md §4) with its messages, plus <see cref="InvalidDenom"/> (B10) and
/// <see cref="CapExceeded"/> (the cap policies, docs/scenarios.md "Caps").
/// </summary>
public abstract record MetaStakingError : MeshError
{
    private MetaStakingError() { }

    public override string Codespace => "meta-staking";

    public sealed record Unauthorized : MetaStakingError
    {
        public override string Message => "Unauthorized";
    }

    public sealed record NoConsumer : MetaStakingError
    {
        public override string Message => "Consumer does not exists";
    }

    public sealed record ConsumerAlreadyExists : MetaStakingError
    {
        public override string Message => "Consumer already exists";
    }

    public sealed record NotEnoughFunds : MetaStakingError
    {
        public override string Message => "Contract does not have enough funds for consumer";
    }

    public sealed record NoFundsToDelegate : MetaStakingError
    {
        public override string Message => "Contract has run out of funds to delegate for consumer chain";
    }

    public sealed record InsufficientDelegation : MetaStakingError
    {
        public override string Message => "Cannot undelegate more than you previously delegated";
    }

    public sealed record NoDelegationsForValidator : MetaStakingError
    {
        public override string Message => "No delegations for this validator";
    }

    public sealed record ZeroRewardsToSend : MetaStakingError
    {
        public override string Message => "Rewards amount is 0";
    }

    /// <summary>B10: a consumer's funds must be in the bond denom, the only one the contract can delegate.</summary>
    public sealed record InvalidDenom(string Expected, string Actual) : MetaStakingError
    {
        public override string Message => $"Funds must be in '{Expected}', got '{Actual}'";
    }

    /// <summary>A delegation that would take the consumer past its cap's limit (over-cap = fail), or any under a zero cap.</summary>
    public sealed record CapExceeded(Amount Limit, Amount Wanted) : MetaStakingError
    {
        public override string Message => $"Delegating {Wanted} in all would pass the consumer's cap of {Limit}";
    }

    /// <summary>A local minimum power is a share above 0 (0 is no floor: leave it out) and below 1.</summary>
    public sealed record InvalidLocalMinPower(Dec Share) : MetaStakingError
    {
        public override string Message => $"A local minimum power must be above 0 and below 1, got {Share}";
    }

    /// <summary>A cap given as a fraction of the chain's bonded stake must be below 1.</summary>
    public sealed record InvalidCap(Dec Share) : MetaStakingError
    {
        public override string Message => $"A cap fraction must be below 1, got {Share}";
    }
}
