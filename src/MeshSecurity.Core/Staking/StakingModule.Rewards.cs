using System.Numerics;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Staking;

/// <summary>
/// Distribution: block rewards credited per share of each validator, settled into delegations lazily.
/// Why the distribution account can always pay: a validator's share s raises RewardsPerShare by floor(s / S) for its
/// S shares, so its delegations together are owed at most S × floor(s / S) ≤ s (each product floored again); payouts
/// are floors of what is owed. The account therefore always holds at least everything owed, plus the dust the floors
/// leave (never lost, just never paid).
/// </summary>
public static partial class StakingModule
{
    /// <summary>Seconds in the year an annual reward rate counts (365 days).</summary>
    public const ulong YearSeconds = 365UL * 24 * 3600;

    /// <summary>
    /// Mints the block's rewards into the distribution account and credits each bonded, non-jailed validator its share,
    /// RewardsPerShare += share / shares (18 digits, floored). Two models, which add up when both are set:
    /// fixed (Config.BlockReward b): share = floor(b × tokens / total bonded tokens), b minted, the floors' dust kept;
    /// annual rate (Config.BlockRewardRate r): share = floor(tokens × r × elapsed / 365 days), with elapsed the time since
    /// the previous block, and exactly the shares minted. No-op when both are zero or nothing is bonded.
    /// Contract: called once per block by the chain (begin block) with the time since the previous block.
    /// </summary>
    public static ChainState DistributeBlockRewards(this ChainState chain, IList<Event> events, ulong elapsedNanos = 0)
    {
        var (reward, rate) = (chain.Config.BlockReward, chain.Config.BlockRewardRate);
        if (reward.IsZero && (rate.IsZero || elapsedNanos == 0)) return chain;
        var recipients = chain.Staking.Validators.Values
            .Where(v => v.IsBonded && !v.Jailed && !v.Tokens.IsZero && !v.DelegatorShares.IsZero)
            .ToList();
        var total = recipients.Aggregate(Amount.Zero, (sum, v) => sum + v.Tokens);
        if (total.IsZero) return chain;

        var fixedShares = recipients.Select(v => reward.IsZero ? Amount.Zero : reward.MultiplyRatio(v.Tokens, total)).ToList();
        var rateShares = recipients.Select(v => RateShare(v.Tokens, rate, elapsedNanos)).ToList();
        var minted = rateShares.Aggregate(reward, (sum, x) => sum + x);
        if (!minted.IsZero) chain.Bank.Mint(chain.DistributionAccount(), chain.Bond(minted));
        var s = chain;
        for (var i = 0; i < recipients.Count; i++)
        {
            var (v, share) = (recipients[i], fixedShares[i] + rateShares[i]);
            if (share.IsZero) continue;
            s = s.WithValidator(v with { RewardsPerShare = v.RewardsPerShare + Dec.FromInteger(share) / v.DelegatorShares });
            events.Add(ValidatorAmountFields.Event(StakingEvents.Rewards, v.Operator, s.BondString(share)));
        }
        return s;
    }

    /// <summary>floor(tokens × rate × elapsed / 365 days), computed exactly.</summary>
    internal static Amount RateShare(Amount tokens, Dec rate, ulong elapsedNanos)
    {
        if (rate.IsZero || elapsedNanos == 0) return Amount.Zero;
        var n = (BigInteger)tokens.Value * (BigInteger)rate.Atomics * elapsedNanos;
        var d = (BigInteger)Dec.AtomicsPerUnit * YearSeconds * Timestamp.NanosPerSecond;
        return new Amount((UInt128)(n / d));
    }

    /// <summary>
    /// Settles the delegation's rewards and pays their whole part from the distribution account, keeping the fraction.
    /// Emits "withdraw_rewards" even when nothing is paid. Refuses when there is no such delegation.
    /// </summary>
    public static (ChainState State, Coins Paid) WithdrawRewards(this ChainState chain, Addr delegator, Addr validator, IList<Event> events)
    {
        var d = chain.Staking.Delegation(delegator, validator)
                ?? throw new StakingError.DelegationNotFound(delegator, validator).Raise();
        var v = chain.RequireValidator(validator);
        var (kept, paid) = chain.SettleAndPay(d, v);
        events.Add(WithdrawEvent(chain, d, paid));
        return (chain.WithDelegation(d with { PendingRewards = kept, PaidRewardsPerShare = v.RewardsPerShare }), chain.Bond(paid));
    }

    /// <summary>What <see cref="WithdrawRewards"/> would pay now; empty when there is no such delegation. Changes nothing.</summary>
    public static Coins AccumulatedRewards(this ChainState chain, Addr delegator, Addr validator)
    {
        var d = chain.Staking.Delegation(delegator, validator);
        var v = chain.Staking.Validator(validator);
        return d is null || v is null ? Coins.Empty : chain.Bond(SettledPending(d, v).ToAmountFloor());
    }

    /// <summary>The rewards settled now: pending + shares × (validator's RewardsPerShare − paid), floored.</summary>
    private static Dec SettledPending(Delegation d, Validator v) =>
        d.PendingRewards + d.Shares * (v.RewardsPerShare - d.PaidRewardsPerShare);

    /// <summary>
    /// Settles, pays floor(pending) to the delegator and returns the fraction kept, which is the delegation's pending
    /// rewards from now on, paid up to the validator's RewardsPerShare. The caller stores the delegation in one record
    /// with its other changes (a record per step before: docs/bench.md, session 21).
    /// </summary>
    internal static (Dec Kept, Amount Paid) SettleAndPay(this ChainState chain, Delegation d, Validator v)
    {
        var pending = SettledPending(d, v);
        var pay = pending.ToAmountFloor();
        if (!pay.IsZero) chain.Bank.Send(chain.DistributionAccount(), d.Delegator, chain.Bond(pay));
        return (pending.Fraction(), pay);
    }

    /// <summary>
    /// Before a delegation changes: settle and auto-withdraw like the SDK, with an event only when something is paid.
    /// Returns the pending rewards kept (see <see cref="SettleAndPay"/>).
    /// </summary>
    internal static Dec SettleBeforeChange(this ChainState chain, Delegation d, Validator v, IList<Event> events)
    {
        var (kept, paid) = chain.SettleAndPay(d, v);
        if (!paid.IsZero) events.Add(WithdrawEvent(chain, d, paid));
        return kept;
    }

    private static Event WithdrawEvent(ChainState chain, Delegation d, Amount paid) =>
        DelegationAmountFields.Event(StakingEvents.WithdrawRewards, d.Validator, d.Delegator, chain.BondString(paid));
}
