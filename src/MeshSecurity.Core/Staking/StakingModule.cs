using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Staking;

/// <summary>
/// The staking and distribution module: pure functions from a <see cref="ChainState"/> to a new one. Each operation
/// appends its SDK-like events to the caller's list and raises a <see cref="StakingError"/> (or a bank / std error)
/// when it refuses; on a raise the caller keeps its old state, which is the rollback.
/// Custody: every delegated token sits in the bonded pool whatever the validator's status; tokens of unbonding entries
/// in the not-bonded pool; minted rewards not yet paid in the distribution account. Slashes burn from the pool holding
/// the tokens, so supply falls and the bank's conservation check holds after every operation.
/// This file holds the shared helpers; the flows live in StakingModule.*.cs.
/// </summary>
public static partial class StakingModule
{
    internal static Addr BondedPool(this ChainState chain) => ModuleAccounts.BondedPool(chain.Prefix);
    internal static Addr NotBondedPool(this ChainState chain) => ModuleAccounts.NotBondedPool(chain.Prefix);
    internal static Addr DistributionAccount(this ChainState chain) => ModuleAccounts.Distribution(chain.Prefix);

    internal static Coins Bond(this ChainState chain, Amount amount) => Coins.Of(chain.Config.BondDenom, amount);

    internal static string BondString(this ChainState chain, Amount amount) => $"{amount}{chain.Config.BondDenom}";

    internal static string NanosString(Timestamp t) => t.Nanos.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static Validator RequireValidator(this ChainState chain, Addr validator) =>
        chain.Staking.Validator(validator) ?? throw new StakingError.ValidatorNotFound(validator).Raise();

    internal static ChainState WithValidator(this ChainState chain, Validator v) =>
        chain.WithStaking(chain.Staking with { Validators = chain.Staking.Validators.SetItem(v.Operator, v) });

    // the delegations are a store written in place (docs/decisions/0014-mutable-stores-with-an-undo-log.md)
    internal static ChainState WithDelegation(this ChainState chain, Delegation d)
    {
        chain.Staking.Delegations.Set(d.Key, d);
        return chain;
    }

    internal static ChainState WithoutDelegation(this ChainState chain, DelegationKey key)
    {
        chain.Staking.Delegations.Remove(key);
        return chain;
    }

    /// <summary>floor(amount × shares / tokens) to 18 digits: the shares a token amount buys. Contract: tokens &gt; 0.</summary>
    internal static Dec SharesFromTokensFloor(Validator v, Amount amount) =>
        Dec.FromAtomics(WideMath.MulDivFloor(amount.Value, v.DelegatorShares.Atomics, v.Tokens.Value, "shares_from_tokens"));

    /// <summary>ceil(amount × shares / tokens) to 18 digits. Contract: tokens &gt; 0.</summary>
    internal static Dec SharesFromTokensCeil(Validator v, Amount amount) =>
        Dec.FromAtomics(WideMath.MulDivCeil(amount.Value, v.DelegatorShares.Atomics, v.Tokens.Value, "shares_from_tokens"));

    /// <summary>floor(shares × tokens / total shares): what shares are worth; zero when the validator has no shares.</summary>
    internal static Amount TokensFromShares(Validator v, Dec shares) =>
        v.DelegatorShares.IsZero
            ? Amount.Zero
            : new Amount(WideMath.MulDivFloor(shares.Atomics, v.Tokens.Value, v.DelegatorShares.Atomics, "tokens_from_shares"));

    /// <summary>tokens / PowerReduction as consensus power; raises if it does not fit 64 bits.</summary>
    internal static ulong PowerOf(Amount tokens, Amount powerReduction)
    {
        var p = tokens / powerReduction;
        if (p.Value > ulong.MaxValue) throw new StdError.Overflow("to_power", tokens.ToString(), powerReduction.ToString()).Raise();
        return (ulong)p.Value;
    }
}
