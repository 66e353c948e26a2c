using System.Collections.Immutable;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.Lockup;

/// <summary>
/// Slashing: a lienholder's slash_claim(s), the chain's validator_slashed hook for local stake, and what follows
/// both: the lockup's own claim is kept within bonded (undelegating what a slash took), and with
/// <see cref="MeshProfile.EagerSlashPropagation"/> every other claim above bonded is cut to it (cut_stake).
/// </summary>
public sealed partial class LockupContract
{
    /// <summary>
    /// Contract: the sender is the lienholder. Each slash lowers its claim and bonded by the amount (L3) in order; the
    /// whole batch fails if one does. B13 (<see cref="MeshProfile.BurnSlashedTokens"/>): the slashed tokens held by the
    /// lockup are burned at once (those delegated locally are undelegated and burned when they come back) and a claim
    /// that reaches zero is dropped; otherwise the tokens stay stranded in the lockup and a zero claim is kept.
    /// </summary>
    private static (LockupState, Response) SlashClaims(
        ContractContext ctx, MessageInfo info, LockupState state, IEnumerable<LockupMsg.OwnerAmount> slashes, string action, Effects fx)
    {
        info.Funds.MustBeEmpty();
        var total = Amount.Zero;
        var burned = Amount.Zero;
        foreach (var s in slashes)
        {
            var owner = ctx.Validate(s.Owner);
            var (next, burnedNow) = SlashOwner(ctx, state, info.Sender, owner, s.Amount, fx);
            state = next;
            total += s.Amount;
            burned += burnedNow;
        }
        if (!burned.IsZero) fx.Messages.Add(new CosmosMsg.BankBurn(Coins.Of(state.Config.Denom, burned)));
        var response = Response.WithAttribute(LockupEvents.ActionKey, action)
            .AddAttribute(LockupEvents.LienholderKey, info.Sender.Value)
            .AddAttribute(LockupEvents.AmountKey, total)
            .AddAttribute(LockupEvents.BurnedKey, burned);
        return (state, response);
    }

    /// <summary>One owner's slash; returns the tokens to burn now (the part the lockup holds, B13 only).</summary>
    private static (LockupState, Amount Burned) SlashOwner(ContractContext ctx, LockupState state, Addr lienholder, Addr owner, Amount amount, Effects fx)
    {
        if (state.Config.IsVault)
        {
            var before = state.AccountOf(owner) ?? throw new LockupError.UnknownLienholder().Raise();
            var after = VaultSlash(ctx, state.Config, owner, before, lienholder, amount, fx);
            return (state.WithAccount(owner, after), before.Liquid.SaturatingSub(after.Liquid));
        }
        var profile = state.Config.Profile;
        var acc = state.AccountOf(owner);
        var claim = acc?.ClaimOf(lienholder) ?? throw new LockupError.UnknownLienholder().Raise();
        if (amount > claim.Amount) throw new LockupError.InsufficientLien().Raise();
        var left = claim.Amount - amount;
        acc = acc!.WithClaim(lienholder, left, remove: left.IsZero && profile.BurnSlashedTokens);

        // Tokens the lockup holds for the owner go first; the rest of the slash is delegated or unbonding and is cut below.
        var taken = Amount.Min(amount, acc.Bonded);
        var burnNow = profile.BurnSlashedTokens ? Amount.Min(taken, acc.Liquid) : Amount.Zero;
        acc = Rebalance(ctx, state.Config, owner, acc with { Bonded = acc.Bonded - taken }, lienholder, fx);
        return (state.WithAccount(owner, acc), burnNow);
    }

    /// <summary>
    /// The chain slashed a validator the lockup delegates to (it already burned the tokens). Each owner's local stake on
    /// it, and owned unbondings from it that started at or after the infraction height and are not yet mature (those the
    /// chain slashes too), fall by ceil(amount × fraction): rounding up keeps the lockup's books at or below what the
    /// chain holds. Bonded falls by the same, then the other claims are cut (propagation).
    /// </summary>
    private static (LockupState, Response) ValidatorSlashed(ContractContext ctx, LockupState state, ChainHook.ValidatorSlashed hook, Effects fx)
    {
        var now = ctx.Env.Time;
        var total = Amount.Zero;
        foreach (var (owner, before) in state.Accounts)
        {
            var acc = before;
            var lost = Amount.Zero;
            var stake = acc.LocalStakeOn(hook.Validator);
            if (!stake.IsZero)
            {
                var loss = Amount.Min(stake, stake.MulCeil(hook.Fraction));
                acc = acc.WithLocalStake(hook.Validator, stake - loss);
                lost += loss;
            }
            var unbondings = acc.Unbondings;
            for (var i = 0; i < unbondings.Count; i++)
            {
                var u = unbondings[i];
                if (u.Validator != hook.Validator || u.StartedHeight < hook.InfractionHeight || u.ReleaseAt <= now) continue;
                var loss = Amount.Min(u.Amount, u.Amount.MulCeil(hook.Fraction));
                unbondings = unbondings.SetItem(i, u with { Amount = u.Amount - loss });
                if (!u.Burn) lost += loss;
            }
            if (ReferenceEquals(acc, before) && unbondings == before.Unbondings) continue;
            acc = acc with { Unbondings = unbondings.RemoveAll(u => u.Amount.IsZero) };
            acc = !state.Config.IsVault ? Rebalance(ctx, state.Config, owner, acc with { Bonded = acc.Bonded - lost }, null, fx)
                : lost.IsZero ? acc.SyncLocalClaim(ctx.Self, state.Config.LocalRatio)
                : VaultSlash(ctx, state.Config, owner, acc, ctx.Self, lost, fx);
            state = state.WithAccount(owner, acc);
            total += lost;
        }
        var response = Response.WithAttribute(LockupEvents.ActionKey, LockupEvents.ValidatorSlashed)
            .AddAttribute(LockupEvents.ValidatorKey, hook.Validator)
            .AddAttribute(LockupEvents.FractionKey, hook.Fraction)
            .AddAttribute(LockupEvents.AmountKey, total);
        return (state, response);
    }

    /// <summary>
    /// After bonded fell: the lockup's own claim must stay within bonded (always, so its books hold), so local stake above
    /// bonded is undelegated and burned later; then, with eager propagation, every other lienholder whose claim exceeds
    /// bonded is cut to it and told with cut_stake (a plain message: a refusal reverts the slash). The slasher itself
    /// (<paramref name="except"/>) is not cut: its claim fell with bonded.
    /// </summary>
    private static LockupState.Account Rebalance(
        ContractContext ctx, LockupState.Settings config, Addr owner, LockupState.Account acc, Addr? except, Effects fx)
    {
        var excess = acc.LocalClaim.SaturatingSub(acc.Bonded);
        if (!excess.IsZero) acc = CutLocal(ctx, config, owner, acc, excess, fx);
        acc = acc.SyncLocalClaim(ctx.Self, config.LocalRatio);
        if (!config.Profile.EagerSlashPropagation) return acc;

        foreach (var c in acc.Claims.ToImmutableArray())
        {
            if (c.Lienholder == except || c.Lienholder == ctx.Self || c.Amount <= acc.Bonded) continue;
            var cut = c.Amount - acc.Bonded;
            acc = acc.WithClaim(c.Lienholder, acc.Bonded, remove: acc.Bonded.IsZero && config.Profile.BurnSlashedTokens);
            fx.Messages.Add(new CosmosMsg.WasmExecute(c.Lienholder, new ProviderMsg.Execute.CutStake(owner.Value, cut), Coins.Empty));
            fx.Events.Add(ClaimCutFields.Event(owner, c.Lienholder, cut));
        }
        return acc;
    }

    /// <summary>
    /// The vault's slash of <paramref name="amount"/> against one lien (<see cref="VaultRule.Slash"/>); each cut it
    /// propagates is burned by its holder: a provider gets cut_stake, the lockup's own lien (local staking) undelegates
    /// the tokens to burn them when they come back. The caller burns at once what the owner's liquid tokens lost.
    /// A local slash (the lockup as <paramref name="lienholder"/>) comes with the local stake already lowered by the chain.
    /// </summary>
    private static LockupState.Account VaultSlash(
        ContractContext ctx, LockupState.Settings config, Addr owner, LockupState.Account acc, Addr lienholder, Amount amount, Effects fx)
    {
        (acc, var cuts) = VaultRule.Slash(acc, lienholder, amount);
        foreach (var (holder, cut) in cuts)
        {
            if (holder == ctx.Self)
            {
                acc = CutLocal(ctx, config, owner, acc, cut, fx);
                continue;
            }
            fx.Messages.Add(new CosmosMsg.WasmExecute(holder, new ProviderMsg.Execute.CutStake(owner.Value, cut), Coins.Empty));
            fx.Events.Add(ClaimCutFields.Event(owner, holder, cut));
        }
        return acc.SyncLocalClaim(ctx.Self, config.LocalRatio);
    }

    /// <summary>
    /// Takes <paramref name="amount"/> of owned local tokens away from the owner: first delegations (validators ascending,
    /// each undelegated into an unbonding marked Burn), then owned unbondings newest first (re-marked Burn).
    /// </summary>
    private static LockupState.Account CutLocal(
        ContractContext ctx, LockupState.Settings config, Addr owner, LockupState.Account acc, Amount amount, Effects fx)
    {
        var remaining = amount;
        foreach (var (validator, staked) in acc.LocalStakes)
        {
            if (remaining.IsZero) break;
            var d = Amount.Min(staked, remaining);
            acc = acc.WithLocalStake(validator, staked - d);
            acc = acc with { Unbondings = acc.Unbondings.Add(Undelegate(ctx, config, validator, d, burn: true, fx)) };
            remaining -= d;
        }
        for (var i = acc.Unbondings.Count - 1; i >= 0 && !remaining.IsZero; i--)
        {
            var u = acc.Unbondings[i];
            if (u.Burn) continue;
            var d = Amount.Min(u.Amount, remaining);
            var list = acc.Unbondings.SetItem(i, u with { Amount = u.Amount - d }).Insert(i + 1, u with { Amount = d, Burn = true });
            acc = acc with { Unbondings = list.RemoveAll(x => x.Amount.IsZero) };
            remaining -= d;
        }
        fx.Events.Add(LocalCutFields.Event(owner, amount - remaining));
        return acc;
    }

    /// <summary>
    /// Burns matured unbondings of slashed tokens, but only out of the lockup's surplus: its bank balance minus what it
    /// owes owners there (liquid tokens plus owned unbondings that have matured). So a burn never takes an owner's
    /// tokens, even when the chain has not yet paid out an unbonding that matured this block: the burn just waits for
    /// a later call. Without B13 the matured entries are dropped and their tokens stay stranded, as in the seed.
    /// </summary>
    private static LockupState SweepBurns(ContractContext ctx, LockupState state, Effects fx) =>
        AnyMatured(state, ctx.Env.Time) ? SweepMaturedBurns(ctx, state, fx) : state;

    private static bool Matured(LockupState.LocalUnbonding u, Timestamp now) => u.Burn && u.ReleaseAt <= now;

    // loops, not lambdas: every call of the lockup asks, and a closure over the state was an allocation per call
    private static bool AnyMatured(LockupState state, Timestamp now)
    {
        foreach (var owner in state.WithBurns)
            foreach (var u in state.Accounts[owner].Unbondings)
                if (Matured(u, now)) return true;
        return false;
    }

    private static LockupState SweepMaturedBurns(ContractContext ctx, LockupState state, Effects fx)
    {
        var now = ctx.Env.Time;
        if (!state.Config.Profile.BurnSlashedTokens)
        {
            foreach (var (owner, acc) in state.Accounts)
                state = state.WithAccount(owner, acc with { Unbondings = acc.Unbondings.RemoveAll(u => Matured(u, now)) });
            return state;
        }

        var owed = state.Accounts.Values.Aggregate(Amount.Zero, (sum, a) =>
            sum + a.Bonded.SaturatingSub(a.LocalStaked + a.Unbondings.Where(u => !u.Burn && u.ReleaseAt > now).Aggregate(Amount.Zero, (s, u) => s + u.Amount)));
        var surplus = ctx.Querier.Balance(ctx.Self, state.Config.Denom).Amount.SaturatingSub(owed);
        var burned = Amount.Zero;
        foreach (var (owner, acc) in state.Accounts)
        {
            var list = acc.Unbondings;
            for (var i = 0; i < list.Count && !surplus.IsZero; i++)
            {
                if (!Matured(list[i], now)) continue;
                var b = Amount.Min(list[i].Amount, surplus);
                list = list.SetItem(i, list[i] with { Amount = list[i].Amount - b });
                surplus -= b;
                burned += b;
            }
            if (list != acc.Unbondings) state = state.WithAccount(owner, acc with { Unbondings = list.RemoveAll(u => u.Amount.IsZero) });
        }
        if (burned.IsZero) return state;
        fx.Messages.Add(new CosmosMsg.BankBurn(Coins.Of(state.Config.Denom, burned)));
        fx.Events.Add(DeferredBurnFields.Event(burned));
        return state;
    }
}
