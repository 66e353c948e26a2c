using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Contracts.Provider.ProviderState;

namespace MeshSecurity.Core.Contracts.Provider;

/// <summary>Cross-staking, unstaking, unbonding and rewards, and the share and reward math they share.</summary>
public sealed partial class ProviderContract
{
    /// <summary>
    /// Contract: only the lockup, which has recorded the claim. B6: only an Active validator. Sends Stake; the stake is
    /// recorded as in flight and counts only on the success ack (P3).
    /// </summary>
    private static (ProviderState, Response) ReceiveClaim(ContractContext ctx, MessageInfo info, ProviderState state, ProviderMsg.Execute.ReceiveClaim m)
    {
        if (info.Sender != state.Config.Lockup) throw new ProviderError.Unauthorized().Raise();
        var owner = ctx.Validate(m.Owner);
        if (m.Amount.IsZero) throw new ProviderError.ZeroAmount().Raise();
        var v = state.ValidatorOf(m.Validator) ?? throw new ProviderError.UnknownValidator(m.Validator).Raise();
        if (v.Status != ValidatorStatus.Active) throw new ProviderError.RemovedValidator(m.Validator).Raise();
        var channel = state.Channel ?? throw new ProviderError.NoChannel().Raise();

        var key = new StakeKey(owner, m.Validator);
        var inFlight = state.InFlightStakes.GetValueOrDefault(key) ?? new InFlightStake(Amount.Zero, Amount.Zero);
        state = state.WithInFlightStake(key, inFlight with { Amount = inFlight.Amount + m.Amount });
        var response = Attributes(ProviderEvents.ReceiveClaim, owner, m.Validator, m.Amount)
            .AddMessage(SendPacket(ctx, state, channel, new ProviderPacket.Stake(m.Validator, m.Amount, owner.Value)));
        return (state, response);
    }

    /// <summary>
    /// B9: checks the sender's stake now (InsufficientStake) and moves the amount out of the active stake into an
    /// in-flight unstake at once, so a later ack cannot fail on it. Allowed whatever the validator's status (B6).
    /// Without eager slashing the seed's lazy take_slash runs first, here instead of at the ack.
    /// </summary>
    private static (ProviderState, Response) Unstake(ContractContext ctx, MessageInfo info, ProviderState state, Amount amount, string validator)
    {
        if (amount.IsZero) throw new ProviderError.ZeroAmount().Raise();
        _ = state.ValidatorOf(validator) ?? throw new ProviderError.UnknownValidator(validator).Raise();
        var channel = state.Channel ?? throw new ProviderError.NoChannel().Raise();
        var key = new StakeKey(info.Sender, validator);
        if (state.StakeOf(key) is null) throw new ProviderError.InsufficientStake().Raise();

        var response = Attributes(ProviderEvents.Unstake, info.Sender, validator, amount);
        if (!state.Config.Profile.EagerSlashPropagation) (state, response) = TakeSlash(state, key, response);
        if (amount > state.StakeOf(key)!.Locked) throw new ProviderError.InsufficientStake().Raise();

        (state, var shares) = RemoveStake(state, key, amount);
        var record = new InFlightUnstake(info.Sender, validator, amount, amount, shares);
        state = state with { InFlightUnstakes = state.InFlightUnstakes.Add(record) };
        return (state, response.AddMessage(SendPacket(ctx, state, channel, new ProviderPacket.Unstake(validator, amount, info.Sender.Value))));
    }

    /// <summary>
    /// Hands all matured claims back to the lockup: D1 (<see cref="MeshProfile.UnbondReleasesClaim"/>) release_claim,
    /// or the seed's slash_claim (B1).
    /// </summary>
    private static (ProviderState, Response) Unbond(ContractContext ctx, MessageInfo info, ProviderState state)
    {
        var now = ctx.Env.Time;
        var claims = state.ClaimsOf(info.Sender);
        var sum = claims.Where(c => c.ReleaseAt <= now).Aggregate(Amount.Zero, (s, c) => s + c.Amount);
        if (sum.IsZero) throw new ProviderError.NothingToClaim().Raise();
        state = state.WithClaims(info.Sender, claims.RemoveAll(c => c.ReleaseAt <= now));
        LockupMsg.Execute back = state.Config.Profile.UnbondReleasesClaim
            ? new LockupMsg.Execute.ReleaseClaim(info.Sender.Value, sum)
            : new LockupMsg.Execute.SlashClaim(info.Sender.Value, sum);
        var response = Response.WithAttribute(ProviderEvents.ActionKey, ProviderEvents.Unbond)
            .AddAttribute(ProviderEvents.OwnerKey, info.Sender.Value)
            .AddAttribute(ProviderEvents.AmountKey, sum)
            .AddMessage(ToLockup(state, back));
        return (state, response);
    }

    /// <summary>
    /// Settles and pays floor(pending). D3 (<see cref="MeshProfile.RewardsWeightedByUserTokens"/>): settles with the
    /// user's tokens, or the seed's validator total shares (B3). WrongBalance guards the race where the ICS-20 tokens have
    /// not arrived yet; on any error nothing, the settlement included, is kept.
    /// </summary>
    private static (ProviderState, Response) ClaimRewards(ContractContext ctx, MessageInfo info, ProviderState state, string validator)
    {
        var v = state.ValidatorOf(validator) ?? throw new ProviderError.UnknownValidator(validator).Raise();
        var key = new StakeKey(info.Sender, validator);
        var stake = state.StakeOf(key) ?? throw new ProviderError.NoRewardsToClaim().Raise();
        stake = Settle(stake, v, RewardWeight(state, v, stake));
        var payout = stake.Pending.ToAmountFloor();
        if (payout.IsZero) throw new ProviderError.NoRewardsToClaim().Raise();
        var balance = ctx.Querier.Balance(ctx.Self, state.Config.RewardsIbcDenom).Amount;
        if (payout > balance) throw new ProviderError.WrongBalance(balance, payout).Raise();

        state = state.WithStake(key, stake with { Pending = stake.Pending - Dec.FromInteger(payout) });
        var response = Attributes(ProviderEvents.ClaimRewards, info.Sender, validator, payout)
            .AddMessage(new CosmosMsg.BankSend(info.Sender, Coins.Of(state.Config.RewardsIbcDenom, payout)));
        return (state, response);
    }

    private static Amount RewardWeight(ProviderState state, ValidatorRecord v, StakeRecord stake) =>
        state.Config.Profile.RewardsWeightedByUserTokens ? v.SharesToTokens(stake.Shares) : v.Shares;

    /// <summary>docs/seed-contracts.md §1.2.1: pending += (rpt − paid) × tokens, paid = rpt; with no tokens only paid moves.</summary>
    internal static StakeRecord Settle(StakeRecord s, ValidatorRecord v, Amount weight) => Settle(s, v, weight, s.Locked, s.Shares);

    /// <summary>Settled as above, with <paramref name="locked"/> and <paramref name="shares"/> after: one record, not two.</summary>
    private static StakeRecord Settle(StakeRecord s, ValidatorRecord v, Amount weight, Amount locked, Amount shares) =>
        new(locked, shares, weight.IsZero ? s.Pending : s.Pending + (v.RewardsPerToken - s.PaidRewardsPerToken) * weight,
            v.RewardsPerToken);

    /// <summary>Settles with the old tokens, then adds tokens (and their shares, unless given) to the owner and the validator.</summary>
    private static ProviderState AddStake(ProviderState state, StakeKey key, Amount tokens, Amount? shares = null)
    {
        var v = state.Validators[key.Validator];
        var s = state.StakeOf(key) ?? StakeRecord.Empty;
        var sh = shares ?? v.TokensToShares(tokens);
        return state.WithStake(key, Settle(s, v, v.SharesToTokens(s.Shares), s.Locked + tokens, s.Shares + sh),
            v with { Shares = v.Shares + sh });
    }

    /// <summary>
    /// Settles, then removes tokens from locked and ceil(t / m) shares (all of them when the whole stake goes; capped at
    /// the owner's shares). Rounding up keeps the shares' value at or below locked (it holds at stake time, shares being
    /// floored), so a later eager slash is never under-charged. Returns the shares removed. Contract: tokens ≤ locked.
    /// </summary>
    private static (ProviderState, Amount Shares) RemoveStake(ProviderState state, StakeKey key, Amount tokens)
    {
        var v = state.Validators[key.Validator];
        var s = state.StakeOf(key)!;
        var sh = tokens == s.Locked ? s.Shares : Amount.Min(v.TokensToSharesCeil(tokens), s.Shares);
        state = state.WithStake(key, Settle(s, v, v.SharesToTokens(s.Shares), s.Locked - tokens, s.Shares - sh),
            v with { Shares = v.Shares - sh });
        return (state, sh);
    }

    /// <summary>The seed's lazy take_slash: a locked amount above the shares' value is a slash; it goes to the lockup now.</summary>
    private static (ProviderState, Response) TakeSlash(ProviderState state, StakeKey key, Response response)
    {
        var s = state.StakeOf(key)!;
        var current = state.Validators[key.Validator].SharesToTokens(s.Shares);
        if (s.Locked <= current) return (state, response);
        var slash = s.Locked - current;
        state = state.WithStake(key, s with { Locked = current });
        return (state, response.AddMessage(ToLockup(state, new LockupMsg.Execute.SlashClaim(key.Owner.Value, slash))));
    }

    private static Response Attributes(string action, Addr owner, string validator, Amount amount) =>
        Response.WithAttributes(
            (ProviderEvents.ActionKey, action), (ProviderEvents.OwnerKey, owner),
            (ProviderEvents.ValidatorKey, validator), (ProviderEvents.AmountKey, amount));
}
