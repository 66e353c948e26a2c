using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Staking;

/// <summary>Delegating, undelegating and paying out unbonding entries.</summary>
public static partial class StakingModule
{
    /// <summary>
    /// Moves <paramref name="amount"/> of the bond denom from the delegator to the bonded pool and issues
    /// floor(amount × shares / tokens) new shares (amount itself while the validator has no shares). An existing
    /// delegation's rewards are settled and its whole part paid first. Refuses zero amounts, unknown or tombstoned
    /// validators, and validators slashed to zero tokens that still have shares; the bank refuses missing funds.
    /// </summary>
    public static ChainState Delegate(this ChainState chain, Addr delegator, Addr validator, Amount amount, IList<Event> events)
    {
        if (amount.IsZero) throw new StakingError.ZeroAmount().Raise();
        var v = chain.RequireValidator(validator);
        if (v.Tombstoned) throw new StakingError.ValidatorTombstoned(validator).Raise();
        if (v.IsInsolvent) throw new StakingError.InvalidExchangeRate(validator).Raise();

        chain.Bank.Send(delegator, chain.BondedPool(), chain.Bond(amount));
        var s = chain;
        var existing = s.Staking.Delegation(delegator, validator);
        var kept = existing is null ? Dec.Zero : s.SettleBeforeChange(existing, v, events);

        var newShares = v.DelegatorShares.IsZero ? Dec.FromInteger(amount) : SharesFromTokensFloor(v, amount);
        var paidPerShare = v.RewardsPerShare;
        v = v with { Tokens = v.Tokens + amount, DelegatorShares = v.DelegatorShares + newShares };
        // one record, settled and with its new shares
        var d = existing is null
            ? new Delegation(delegator, validator, newShares, paidPerShare, Dec.Zero)
            : existing with { Shares = existing.Shares + newShares, PaidRewardsPerShare = paidPerShare, PendingRewards = kept };
        events.Add(DelegateFields.Event(validator, delegator, s.BondString(amount), newShares));
        return s.WithValidator(v).WithDelegation(d);
    }

    /// <summary>
    /// Removes the shares worth <paramref name="amount"/> tokens and starts unbonding what they are worth:
    /// the bonded pool sends the tokens to the not-bonded pool and an entry completes at Time + UnbondingPeriodSeconds;
    /// when the validator is Unbonded the tokens go straight to the delegator and the completion time is now.
    /// Refuses with InsufficientShares when floor(amount × shares / tokens) exceeds the delegation's shares.
    /// The shares removed are ceil(amount × shares / tokens), capped at the delegation, so the delegator receives
    /// exactly <paramref name="amount"/> (rounding favours the validator's other delegators); if what would be left is
    /// worth less than one token the whole delegation is removed. Rewards are settled and paid first.
    /// </summary>
    public static (ChainState State, Timestamp CompletionTime) Undelegate(
        this ChainState chain, Addr delegator, Addr validator, Amount amount, IList<Event> events)
    {
        if (amount.IsZero) throw new StakingError.ZeroAmount().Raise();
        var v = chain.RequireValidator(validator);
        var existing = chain.Staking.Delegation(delegator, validator)
                       ?? throw new StakingError.DelegationNotFound(delegator, validator).Raise();
        if (v.Tokens.IsZero || SharesFromTokensFloor(v, amount) > existing.Shares)
            throw new StakingError.InsufficientShares(delegator, validator, amount, TokensFromShares(v, existing.Shares)).Raise();

        var kept = chain.SettleBeforeChange(existing, v, events);
        var s = chain;
        var shares = Dec.Min(SharesFromTokensCeil(v, amount), existing.Shares);
        if (TokensFromShares(v, existing.Shares - shares).IsZero) shares = existing.Shares;
        var tokens = TokensFromShares(v, shares);
        var left = existing.Shares - shares;

        var settled = left.IsZero ? null : existing with { Shares = left, PaidRewardsPerShare = v.RewardsPerShare, PendingRewards = kept };
        v = v with { Tokens = v.Tokens - tokens, DelegatorShares = v.DelegatorShares - shares };
        s = (settled is null ? s.WithoutDelegation(existing.Key) : s.WithDelegation(settled)).WithValidator(v);

        var immediate = v.Status == BondStatus.Unbonded;
        var completion = immediate ? s.Time : s.Time.PlusSeconds(s.Config.UnbondingPeriodSeconds);
        events.Add(UnbondFields.Event(validator, delegator, s.BondString(tokens), completion));
        if (immediate)
        {
            s.Bank.Send(s.BondedPool(), delegator, s.Bond(tokens));
            events.Add(CompleteUnbondingEvent(s, validator, delegator, tokens));
            return (s, completion);
        }

        s.Bank.Send(s.BondedPool(), s.NotBondedPool(), s.Bond(tokens));
        if (!tokens.IsZero)
        {
            var entry = new UnbondingEntry(delegator, validator, s.Height, completion, tokens, tokens);
            s.Staking.UnbondingQueue.Add(entry);
        }
        return (s, completion);
    }

    /// <summary>
    /// Pays every entry whose CompletionTime ≤ Time from the not-bonded pool to its delegator, by completion time (the
    /// order they were created in, for equal times), and removes it (an entry slashed to zero is removed with nothing to
    /// pay). The queue is a min-heap by completion time, so this reads only the due entries. Called by
    /// <see cref="EndBlock"/>.
    /// </summary>
    public static ChainState CompleteMatureUnbondings(this ChainState chain, IList<Event> events)
    {
        foreach (var e in chain.Staking.UnbondingQueue.TakeDue(chain.Time))
        {
            chain.Bank.Send(chain.NotBondedPool(), e.Delegator, chain.Bond(e.Balance));
            events.Add(CompleteUnbondingEvent(chain, e.Validator, e.Delegator, e.Balance));
        }
        return chain;
    }

    private static Event CompleteUnbondingEvent(ChainState chain, Addr validator, Addr delegator, Amount amount) =>
        DelegationAmountFields.Event(StakingEvents.CompleteUnbonding, validator, delegator, chain.BondString(amount));
}
