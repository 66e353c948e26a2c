using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Staking;

/// <summary>Errors of the staking and distribution module (messages follow the Cosmos SDK's x/staking where it has one).</summary>
public abstract record StakingError : MeshError
{
    private StakingError() { }

    public override string Codespace => "staking";

    public sealed record ValidatorNotFound(Addr Validator) : StakingError
    {
        public override string Message => $"validator does not exist ({Validator})";
    }

    public sealed record ValidatorExists(Addr Validator) : StakingError
    {
        public override string Message => $"validator already exist for this operator address; must use new validator operator address ({Validator})";
    }

    public sealed record PubKeyExists(Addr ExistingValidator) : StakingError
    {
        public override string Message => $"validator already exist for this pubkey; must use new validator pubkey (used by {ExistingValidator})";
    }

    public sealed record DelegationNotFound(Addr Delegator, Addr Validator) : StakingError
    {
        public override string Message => $"no delegation for (address, validator) tuple ({Delegator}, {Validator})";
    }

    public sealed record ZeroAmount : StakingError
    {
        public override string Message => "invalid delegation amount: must be positive";
    }

    public sealed record InsufficientShares(Addr Delegator, Addr Validator, Amount Requested, Amount Available) : StakingError
    {
        public override string Message => $"invalid shares amount: {Requested} exceeds the {Available} delegated by {Delegator} to {Validator}";
    }

    public sealed record InvalidExchangeRate(Addr Validator) : StakingError
    {
        public override string Message => $"cannot delegate to validators with invalid (zero) ex-rate ({Validator})";
    }

    public sealed record ValidatorTombstoned(Addr Validator) : StakingError
    {
        public override string Message => $"validator is tombstoned ({Validator})";
    }

    public sealed record AlreadyTombstoned(Addr Validator) : StakingError
    {
        public override string Message => $"validator already tombstoned; cannot be punished twice for double signing ({Validator})";
    }

    public sealed record NotJailed(Addr Validator) : StakingError
    {
        public override string Message => $"validator not jailed; cannot be unjailed ({Validator})";
    }

    public sealed record StillJailed(Addr Validator, Timestamp JailedUntil) : StakingError
    {
        public override string Message => $"validator still jailed until {JailedUntil}; cannot be unjailed ({Validator})";
    }

    public sealed record InvalidSlashFraction(Dec Fraction) : StakingError
    {
        public override string Message => $"slash fraction must be between 0 and 1, got {Fraction}";
    }

    public sealed record InfractionInFuture(ulong InfractionHeight, ulong Height) : StakingError
    {
        public override string Message => $"impossible attempt to slash future infraction at height {InfractionHeight} (current height {Height})";
    }
}
