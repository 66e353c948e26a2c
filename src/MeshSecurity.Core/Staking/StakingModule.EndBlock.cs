using System.Collections.Immutable;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Staking;

/// <summary>The end-block flow: mature unbondings, status transitions and the new validator set.</summary>
public static partial class StakingModule
{
    /// <summary>
    /// Ends the block: pays mature unbonding entries; turns Unbonding validators whose time has passed into Unbonded;
    /// recomputes the bonded set as the top MaxValidators by tokens (ties by operator address, ordinal) among non-jailed
    /// validators with at least PowerReduction tokens; validators entering become Bonded, validators leaving become
    /// Unbonding until Time + UnbondingPeriodSeconds. Emits a "power_change" event per changed power and returns the
    /// diff against the previous EndBlock, then snapshots powers, jailed and tombstoned validators for the next one.
    /// Contract: called once per block, after the block's transactions.
    /// </summary>
    public static (ChainState State, ValidatorSetUpdate Update) EndBlock(this ChainState chain, IList<Event> events)
    {
        var s = chain.CompleteMatureUnbondings(events);
        var validators = s.Staking.Validators;
        if (ReferenceEquals(validators, s.Staking.EndBlockValidators)
            && !validators.Values.Any(v => v.Status == BondStatus.Unbonding && v.UnbondingCompletesAt <= s.Time))
            return (s, ValidatorSetUpdate.Empty);
        var reduction = s.Config.PowerReduction;

        var newPowers = validators.Values
            .Where(v => !v.Jailed && !v.Tokens.IsZero && v.Tokens >= reduction)
            .OrderByDescending(v => v.Tokens)
            .ThenBy(v => v.Operator, StakingState.AddrOrder)
            .Take(System.Math.Max(0, s.Config.MaxValidators))
            .ToImmutableSortedDictionary(v => v.Operator, v => PowerOf(v.Tokens, reduction), StakingState.AddrOrder);

        foreach (var v in validators.Values)
        {
            var next = v;
            if (next.Status == BondStatus.Unbonding && next.UnbondingCompletesAt <= s.Time)
                next = next with { Status = BondStatus.Unbonded, UnbondingCompletesAt = Timestamp.Zero };
            if (newPowers.ContainsKey(v.Operator) && next.Status != BondStatus.Bonded)
                next = next with { Status = BondStatus.Bonded, UnbondingCompletesAt = Timestamp.Zero };
            else if (!newPowers.ContainsKey(v.Operator) && next.Status == BondStatus.Bonded)
                next = next with { Status = BondStatus.Unbonding, UnbondingCompletesAt = s.Time.PlusSeconds(s.Config.UnbondingPeriodSeconds) };
            if (next != v) validators = validators.SetItem(v.Operator, next);
        }

        var last = s.Staking.LastValidatorPowers;
        var changes = ImmutableSortedDictionary.CreateBuilder<Addr, ulong>(StakingState.AddrOrder);
        foreach (var op in last.Keys.ToImmutableSortedSet(StakingState.AddrOrder).Union(newPowers.Keys))
        {
            var before = last.GetValueOrDefault(op);
            var after = newPowers.GetValueOrDefault(op);
            if (before == after) continue;
            changes[op] = after;
            events.Add(new Event(StakingEvents.PowerChange,
                (StakingEvents.ValidatorKey, op.Value),
                (StakingEvents.PowerKey, after),
                (StakingEvents.PreviousPowerKey, before)));
        }

        var jailed = validators.Values.Where(v => v.Jailed).Select(v => v.Operator).ToImmutableSortedSet(StakingState.AddrOrder);
        var tombstoned = validators.Values.Where(v => v.Tombstoned).Select(v => v.Operator).ToImmutableSortedSet(StakingState.AddrOrder);
        var staking = s.Staking;
        var update = new ValidatorSetUpdate(
            Added: [.. newPowers.Keys.Where(op => !last.ContainsKey(op))],
            Removed: [.. last.Keys.Where(op => !newPowers.ContainsKey(op))],
            Jailed: [.. jailed.Except(staking.LastJailed)],
            Unjailed: [.. staking.LastJailed.Except(jailed)],
            Tombstoned: [.. tombstoned.Except(staking.LastTombstoned)],
            PowerChanges: changes.ToImmutable());

        s = s with
        {
            Staking = staking with
            {
                Validators = validators,
                LastValidatorPowers = newPowers,
                LastJailed = jailed,
                LastTombstoned = tombstoned,
                EndBlockValidators = validators,
            },
        };
        return (s, update);
    }
}
