using System.Collections.Immutable;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Contracts.Provider.ProviderState;

namespace MeshSecurity.Core.Contracts.Provider;

/// <summary>Slashes (from the slasher) and cuts (from the lockup): both lower stake without the owner asking.</summary>
public sealed partial class ProviderContract
{
    /// <summary>
    /// Contract: only the slasher. B11: 0 &lt; percentage ≤ 1. multiplier × (1 − p); force_unbond tombstones the validator.
    /// Without <see cref="MeshProfile.EagerSlashPropagation"/> that is all (the seed: realised lazily at unstake).
    /// Eager (README): rewards are settled on the old tokens, every staker's locked falls to its shares' new value, and
    /// the rest of the stake slashable at the infraction (<see cref="SlashWarranty"/>: every in-flight unstake of the
    /// validator, and its unbonding claims the consumer let go at or after the infraction, B12) loses p, rounded up.
    /// The lockup gets one slash_claims for all of it; the consumer a Burn of the active part only (the in-flight
    /// unstakes leave its record anyway, or come back with their own Burn if they fail). The event reports the slashable
    /// total beside the amount slashed, which the run's invariant compares.
    /// </summary>
    private static (ProviderState, Response) Slash(ContractContext ctx, MessageInfo info, ProviderState state, ProviderMsg.Execute.Slash m)
    {
        if (state.Config.Slasher is not { } slasher || info.Sender != slasher) throw new ProviderError.Unauthorized().Raise();
        if (m.Percentage.IsZero) throw new ProviderError.ZeroAmount().Raise();
        if (m.Percentage > Dec.One) throw new ProviderError.InvalidPercentage(m.Percentage).Raise();
        var v = state.ValidatorOf(m.Validator) ?? throw new ProviderError.UnknownValidator(m.Validator).Raise();
        var eager = state.Config.Profile.EagerSlashPropagation;
        var stakers = state.Stakes.Where(kv => kv.Key.Validator == m.Validator).Select(kv => kv.Key).ToImmutableArray();
        var slashable = SlashWarranty.Slashable(state, m.Validator, m.InfractionTime);

        if (eager)
            foreach (var key in stakers)
                state = state.WithStake(key, Settle(state.Stakes[key], v, v.SharesToTokens(state.Stakes[key].Shares)));
        var keep = Dec.One - m.Percentage;
        v = v with
        {
            Multiplier = v.Multiplier * keep,
        };
        // a force-unbond is this provider's own decision, so its history entry has no consumer height
        state = state.WithStatus(m.Validator, v, m.ForceUnbond ? ValidatorStatus.Tombstoned : v.Status, null, ctx.Env.Time);
        var response = Response.WithAttribute(ProviderEvents.ActionKey, ProviderEvents.Slash)
            .AddAttribute(ProviderEvents.ValidatorKey, m.Validator)
            .AddAttribute(ProviderEvents.PercentageKey, m.Percentage);
        if (!eager) return (state, response);

        var perOwner = new SortedDictionary<Addr, Amount>();
        void Charge(Addr owner, Amount amount) => perOwner[owner] = perOwner.GetValueOrDefault(owner, Amount.Zero) + amount;

        var active = Amount.Zero;
        foreach (var key in stakers)
        {
            var s = state.Stakes[key];
            var value = v.SharesToTokens(s.Shares);
            if (s.Locked <= value) continue;
            Charge(key.Owner, s.Locked - value);
            active += s.Locked - value;
            state = state.WithStake(key, s with { Locked = value });
        }

        foreach (var (owner, claims) in state.Claims)
        {
            var cut = claims
                .Select(c => SlashWarranty.Covers(c, m.Validator, m.InfractionTime) ? c with { Amount = c.Amount.MulFloor(keep) } : c)
                .ToImmutableList();
            var lost = claims.Zip(cut, (a, b) => a.Amount - b.Amount).Aggregate(Amount.Zero, (x, y) => x + y);
            if (lost.IsZero) continue;
            Charge(owner, lost);
            state = state.WithClaims(owner, cut.RemoveAll(c => c.Amount.IsZero));
        }
        var unstakes = state.InFlightUnstakes;
        for (var i = 0; i < unstakes.Count; i++)
        {
            var u = unstakes[i];
            if (u.Validator != m.Validator) continue;
            var left = u.Amount.MulFloor(keep);
            if (left == u.Amount) continue;
            Charge(u.Owner, u.Amount - left);
            unstakes = unstakes.SetItem(i, u with { Amount = left });
        }
        state = state with { InFlightUnstakes = unstakes };

        if (perOwner.Count > 0)
        {
            var slashes = perOwner.Select(kv => new LockupMsg.OwnerAmount(kv.Key.Value, kv.Value)).ToImmutableArray();
            response = response.AddMessage(ToLockup(state, new LockupMsg.Execute.SlashClaims(slashes)));
        }
        response = response.AddAttribute(ProviderEvents.AmountKey, perOwner.Values.Aggregate(Amount.Zero, (x, y) => x + y))
            .AddAttribute(ProviderEvents.SlashableKey, slashable);
        return SendBurn(ctx, state, response, m.Validator, active);
    }

    /// <summary>
    /// Contract: only the lockup, which has already cut this provider's claim on the owner by the amount (propagation of
    /// a slash elsewhere). Lowers the owner's exposure by as much: the active stake first, spread evenly over the owner's
    /// validators (floor each, the remainder to the first that can take it, production's distribute_burn), then unbonding
    /// claims newest first, then in-flight unstakes newest first, then in-flight stakes as debt settled at their ack.
    /// Each validator's active cut goes to the consumer as a Burn. What no exposure covers is reported, not kept.
    /// </summary>
    private static (ProviderState, Response) CutStake(ContractContext ctx, MessageInfo info, ProviderState state, Addr owner, Amount amount)
    {
        if (info.Sender != state.Config.Lockup) throw new ProviderError.Unauthorized().Raise();
        var remaining = amount;

        var stakes = state.Stakes.Where(kv => kv.Key.Owner == owner && !kv.Value.Locked.IsZero).ToImmutableArray();
        var cuts = DistributeEvenly(stakes.Select(kv => kv.Value.Locked).ToImmutableArray(), remaining);
        for (var i = 0; i < stakes.Length; i++)
        {
            if (cuts[i].IsZero) continue;
            (state, _) = RemoveStake(state, stakes[i].Key, cuts[i]);
            remaining -= cuts[i];
        }

        var claims = state.ClaimsOf(owner);
        for (var i = claims.Count - 1; i >= 0 && !remaining.IsZero; i--)
        {
            var d = Amount.Min(claims[i].Amount, remaining);
            claims = claims.SetItem(i, claims[i] with { Amount = claims[i].Amount - d });
            remaining -= d;
        }
        state = state.WithClaims(owner, claims.RemoveAll(c => c.Amount.IsZero));

        var unstakes = state.InFlightUnstakes;
        for (var i = unstakes.Count - 1; i >= 0 && !remaining.IsZero; i--)
        {
            if (unstakes[i].Owner != owner) continue;
            var d = Amount.Min(unstakes[i].Amount, remaining);
            unstakes = unstakes.SetItem(i, unstakes[i] with { Amount = unstakes[i].Amount - d });
            remaining -= d;
        }
        state = state with { InFlightUnstakes = unstakes };

        foreach (var (key, inFlight) in state.InFlightStakes.Where(kv => kv.Key.Owner == owner).ToImmutableArray())
        {
            if (remaining.IsZero) break;
            var d = Amount.Min(inFlight.Amount - inFlight.Debt, remaining);
            state = state.WithInFlightStake(key, inFlight with { Debt = inFlight.Debt + d });
            remaining -= d;
        }

        var response = Response.WithAttribute(ProviderEvents.ActionKey, ProviderEvents.CutStake)
            .AddAttribute(ProviderEvents.OwnerKey, owner.Value)
            .AddAttribute(ProviderEvents.AmountKey, amount)
            .AddAttribute(ProviderEvents.UncoveredKey, remaining);
        for (var i = 0; i < stakes.Length; i++) (state, response) = SendBurn(ctx, state, response, stakes[i].Key.Validator, cuts[i]);
        return (state, response);
    }

    /// <summary>
    /// Splits <paramref name="amount"/> over capacities: floor(amount / n) each (capped at its capacity), then what is
    /// left to the first ones that can take it, in order. The total is capped at the sum of capacities.
    /// </summary>
    internal static ImmutableArray<Amount> DistributeEvenly(ImmutableArray<Amount> capacities, Amount amount)
    {
        if (capacities.IsEmpty) return [];
        var per = amount / (ulong)capacities.Length;
        var cuts = capacities.Select(c => Amount.Min(c, per)).ToArray();
        var left = amount - cuts.Aggregate(Amount.Zero, (x, y) => x + y);
        for (var i = 0; i < cuts.Length && !left.IsZero; i++)
        {
            var extra = Amount.Min(capacities[i] - cuts[i], left);
            cuts[i] += extra;
            left -= extra;
        }
        return [.. cuts];
    }
}
