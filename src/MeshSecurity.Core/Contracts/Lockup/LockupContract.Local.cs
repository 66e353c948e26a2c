using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.Lockup;

/// <summary>
/// Local staking (README "Features to add"): owners delegate bonded tokens to validators of this chain from the lockup's
/// own balance. The lockup is the lienholder of those tokens (its claim = local stake + owned unbondings), so
/// free = bonded − max claim covers them like any remote claim.
/// </summary>
public sealed partial class LockupContract
{
    /// <summary>The lockup's own claim after adding the amount must stay within bonded (InsufficientBalance, L1).</summary>
    private static (LockupState, Response) StakeLocal(ContractContext ctx, MessageInfo info, LockupState state, string validator, Amount amount)
    {
        info.Funds.MustBeEmpty();
        if (amount.IsZero) throw new LockupError.ZeroAmount().Raise();
        var acc = state.AccountOf(info.Sender) ?? LockupState.Account.Empty;
        if (acc.LocalClaim + amount > acc.Bonded) throw new LockupError.InsufficientBalance().Raise();
        // the vault's second rule (slashable is 0 under the seed's): the local lien reserves its ratio of the stake
        if (acc.Slashable.High + amount.MulFloor(state.Config.LocalRatio) > acc.Bonded) throw new LockupError.InsufficientBalance().Raise();
        acc = acc.WithLocalStake(validator, acc.LocalStakeOn(validator) + amount).SyncLocalClaim(ctx.Self, state.Config.LocalRatio);
        var response = Attributes(LockupEvents.StakeLocal, info.Sender, amount, (LockupEvents.ValidatorKey, validator))
            .AddMessage(new CosmosMsg.StakingDelegate(new Addr(validator), new Coin(state.Config.Denom, amount)));
        return (state.WithAccount(info.Sender, acc), response);
    }

    /// <summary>Moves local stake into an unbonding that matures after the unbonding period; the claim stays until release_local.</summary>
    private static (LockupState, Response) UnstakeLocal(ContractContext ctx, MessageInfo info, LockupState state, string validator, Amount amount, Effects fx)
    {
        info.Funds.MustBeEmpty();
        if (amount.IsZero) throw new LockupError.ZeroAmount().Raise();
        var acc = state.AccountOf(info.Sender) ?? LockupState.Account.Empty;
        var staked = acc.LocalStakeOn(validator);
        if (amount > staked) throw new LockupError.InsufficientLocalStake(validator, staked).Raise();
        var unbonding = Undelegate(ctx, state.Config, validator, amount, burn: false, fx);
        acc = acc.WithLocalStake(validator, staked - amount) with { Unbondings = acc.Unbondings.Add(unbonding) };
        var response = Attributes(LockupEvents.UnstakeLocal, info.Sender, amount, (LockupEvents.ValidatorKey, validator));
        return (state.WithAccount(info.Sender, acc), response);
    }

    /// <summary>Releases the sender's owned unbondings whose release time has come: their tokens count as free again.</summary>
    private static (LockupState, Response) ReleaseLocal(ContractContext ctx, MessageInfo info, LockupState state)
    {
        info.Funds.MustBeEmpty();
        var now = ctx.Env.Time;
        var acc = state.AccountOf(info.Sender) ?? throw new LockupError.NothingToRelease().Raise();
        var matured = acc.Unbondings.Where(u => !u.Burn && u.ReleaseAt <= now).ToList();
        if (matured.Count == 0) throw new LockupError.NothingToRelease().Raise();
        var released = matured.Aggregate(Amount.Zero, (s, u) => s + u.Amount);
        acc = (acc with { Unbondings = acc.Unbondings.RemoveAll(u => !u.Burn && u.ReleaseAt <= now) })
            .SyncLocalClaim(ctx.Self, state.Config.LocalRatio);
        return (state.WithAccount(info.Sender, acc), Attributes(LockupEvents.ReleaseLocal, info.Sender, released));
    }

    /// <summary>
    /// Sends the undelegation and returns the unbonding to record. The message asks for no more than the lockup's
    /// delegation is worth on the chain (less what this call already undelegated): rounding in the staking module can
    /// leave it a token short of the books, and asking for more would fail the whole call.
    /// </summary>
    private static LockupState.LocalUnbonding Undelegate(
        ContractContext ctx, LockupState.Settings config, string validator, Amount amount, bool burn, Effects fx)
    {
        var already = fx.Undelegated.GetValueOrDefault(validator, Amount.Zero);
        var worth = ctx.Querier.Delegation(ctx.Self, new Addr(validator))?.Tokens;
        var send = worth is { } w ? Amount.Min(amount, w.SaturatingSub(already)) : amount;
        if (!send.IsZero)
        {
            fx.Messages.Add(new CosmosMsg.StakingUndelegate(new Addr(validator), new Coin(config.Denom, send)));
            fx.Undelegated[validator] = already + send;
        }
        return new LockupState.LocalUnbonding(validator, amount, ctx.Env.Time.PlusSeconds(config.UnbondingPeriod), ctx.Env.Height, burn);
    }
}
