using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Contracts.Lockup;

/// <summary>Errors of mesh-lockup: the seed's catalogue (names spelt right, messages as the seed) and the local-staking ones.</summary>
public abstract record LockupError : MeshError
{
    private LockupError() { }

    public override string Codespace => "lockup";

    public sealed record ClaimsLocked(Amount Free) : LockupError
    {
        public override string Message => $"Claim is locked, only {Free} can be unbonded";
    }

    /// <summary>Seed: InsufficentBalance.</summary>
    public sealed record InsufficientBalance : LockupError
    {
        public override string Message => "The address doesn't have sufficient balance for this operation";
    }

    /// <summary>Seed: UnknownLeinholder.</summary>
    public sealed record UnknownLienholder : LockupError
    {
        public override string Message => "The leinholder doesn't have any claims";
    }

    /// <summary>Seed: InsufficientLein.</summary>
    public sealed record InsufficientLien : LockupError
    {
        public override string Message => "The leinholder doesn't have enough claims for the action";
    }

    /// <summary>The seed panics here (unbond of an account that never bonded) or answers not-found (query).</summary>
    public sealed record UnknownAccount(string Account) : LockupError
    {
        public override string Message => $"No tokens were ever bonded by {Account}";
    }

    /// <summary>The lockup's own address holds the local-staking claim; users cannot grant it one.</summary>
    public sealed record InvalidLienholder(string Lienholder) : LockupError
    {
        public override string Message => $"{Lienholder} cannot hold a claim granted by a user";
    }

    public sealed record ZeroAmount : LockupError
    {
        public override string Message => "Cannot stake or unstake zero tokens";
    }

    public sealed record InsufficientLocalStake(string Validator, Amount Staked) : LockupError
    {
        public override string Message => $"Only {Staked} is staked locally on {Validator}";
    }

    public sealed record NothingToRelease : LockupError
    {
        public override string Message => "No local unbonding is ready to be released";
    }

    /// <summary>Slash ratios and transactions belong to the vault; this lockup counts collateral by the seed's rule.</summary>
    public sealed record NotAVault : LockupError
    {
        public override string Message => "This lockup follows the seed's collateral rule: it keeps no slash ratios or pending stakes";
    }

    /// <summary>Vault: a lien holder must declare its slash ratio before it can hold a lien.</summary>
    public sealed record NoSlashRatio(string Lienholder) : LockupError
    {
        public override string Message => $"{Lienholder} declared no slash ratio, so the vault cannot hold a lien for it";
    }

    public sealed record InvalidSlashRatio(string Ratio) : LockupError
    {
        public override string Message => $"A slash ratio is from 0 to 1, got {Ratio}";
    }
}
