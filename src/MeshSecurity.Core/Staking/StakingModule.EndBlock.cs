using System.Collections.Immutable;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Math;
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
    /// <remarks>
    /// Every block of a chain with traffic gets here (a delegation moves a validator's tokens), so the collections of
    /// the last EndBlock are kept wherever they come out the same, and a changed power rewrites one entry: the LINQ and
    /// rebuilt sorted trees this replaced were 3.7 % of the ring's CPU (docs/bench.md, figure e, session 16).
    /// StakingEndBlockPropertyTests pins it to the rebuilding version. The sorted trees are walked by their pairs: their
    /// Values and Keys are LINQ Selects, a boxed iterator per walk, and a block walked them seven times (session 21).
    /// </remarks>
    public static (ChainState State, ValidatorSetUpdate Update) EndBlock(this ChainState chain, IList<Event> events)
    {
        var s = chain.CompleteMatureUnbondings(events);
        var validators = s.Staking.Validators;
        if (ReferenceEquals(validators, s.Staking.EndBlockValidators) && !AnyUnbondingDue(validators, s.Time))
            return (s, ValidatorSetUpdate.Empty);
        var staking = s.Staking;
        var last = staking.LastValidatorPowers;
        var newPowers = NewPowers(validators, last, s.Config.PowerReduction, s.Config.MaxValidators);

        foreach (var (_, v) in s.Staking.Validators)
        {
            var next = v;
            if (next.Status == BondStatus.Unbonding && next.UnbondingCompletesAt <= s.Time)
                next = next with { Status = BondStatus.Unbonded, UnbondingCompletesAt = Timestamp.Zero };
            var inSet = newPowers.ContainsKey(v.Operator);
            if (inSet && next.Status != BondStatus.Bonded)
                next = next with { Status = BondStatus.Bonded, UnbondingCompletesAt = Timestamp.Zero };
            else if (!inSet && next.Status == BondStatus.Bonded)
                next = next with { Status = BondStatus.Unbonding, UnbondingCompletesAt = s.Time.PlusSeconds(s.Config.UnbondingPeriodSeconds) };
            if (!ReferenceEquals(next, v) && next != v) validators = validators.SetItem(v.Operator, next);
        }

        var sameSet = ReferenceEquals(newPowers, last) || SameKeys(newPowers, last);
        var changes = PowerChanges(last, newPowers, sameSet, events);
        var jailed = Flagged(validators, staking.LastJailed, v => v.Jailed);
        var tombstoned = Flagged(validators, staking.LastTombstoned, v => v.Tombstoned);
        var update = new ValidatorSetUpdate(
            Added: sameSet ? [] : [.. newPowers.Keys.Where(op => !last.ContainsKey(op))],
            Removed: sameSet ? [] : [.. last.Keys.Where(op => !newPowers.ContainsKey(op))],
            Jailed: ReferenceEquals(jailed, staking.LastJailed) ? [] : [.. jailed.Except(staking.LastJailed)],
            Unjailed: ReferenceEquals(jailed, staking.LastJailed) ? [] : [.. staking.LastJailed.Except(jailed)],
            Tombstoned: ReferenceEquals(tombstoned, staking.LastTombstoned) ? [] : [.. tombstoned.Except(staking.LastTombstoned)],
            PowerChanges: changes);

        s = s.WithStaking(staking with
        {
            Validators = validators,
            LastValidatorPowers = newPowers,
            LastJailed = jailed,
            LastTombstoned = tombstoned,
            EndBlockValidators = validators,
        });
        return (s, update);
    }

    private static bool AnyUnbondingDue(ImmutableSortedDictionary<Addr, Validator> validators, Timestamp now)
    {
        foreach (var (_, v) in validators)
            if (v.Status == BondStatus.Unbonding && v.UnbondingCompletesAt <= now) return true;
        return false;
    }

    /// <summary>
    /// The powers of the top <paramref name="max"/> eligible validators by tokens (ties by operator, ordinal). When they
    /// are the same validators as <paramref name="last"/>'s, the result is <paramref name="last"/> with only the changed
    /// powers written (itself when none changed).
    /// </summary>
    private static ImmutableSortedDictionary<Addr, ulong> NewPowers(
        ImmutableSortedDictionary<Addr, Validator> validators, ImmutableSortedDictionary<Addr, ulong> last, Amount reduction, int max)
    {
        var eligible = new List<Validator>(validators.Count);
        foreach (var (_, v) in validators)
            if (!v.Jailed && !v.Tokens.IsZero && v.Tokens >= reduction) eligible.Add(v);
        eligible.Sort(ByTokensDescending);
        var take = System.Math.Min(eligible.Count, System.Math.Max(0, max));
        var same = take == last.Count;
        for (var i = 0; same && i < take; i++) same = last.ContainsKey(eligible[i].Operator);
        if (same)
        {
            var powers = last;
            for (var i = 0; i < take; i++)
            {
                var v = eligible[i];
                var p = PowerOf(v.Tokens, reduction);
                if (last[v.Operator] != p) powers = powers.SetItem(v.Operator, p);
            }
            return powers;
        }
        var built = ImmutableSortedDictionary.CreateBuilder<Addr, ulong>(StakingState.AddrOrder);
        for (var i = 0; i < take; i++) built[eligible[i].Operator] = PowerOf(eligible[i].Tokens, reduction);
        return built.ToImmutable();
    }

    private static readonly Comparison<Validator> ByTokensDescending = (a, b) =>
        b.Tokens.CompareTo(a.Tokens) is var c and not 0 ? c : a.Operator.CompareTo(b.Operator);

    /// <summary>
    /// The new power of every validator whose power differs from the last EndBlock's (0 for one that left), with a
    /// "power_change" event each, in operator order.
    /// </summary>
    private static ImmutableSortedDictionary<Addr, ulong> PowerChanges(
        ImmutableSortedDictionary<Addr, ulong> last, ImmutableSortedDictionary<Addr, ulong> newPowers, bool sameKeys, IList<Event> events)
    {
        if (ReferenceEquals(last, newPowers)) return ValidatorSetUpdate.Empty.PowerChanges;
        var changes = ImmutableSortedDictionary.CreateBuilder<Addr, ulong>(StakingState.AddrOrder);
        if (sameKeys)
        {
            // the same operators, both trees in Addr order: walked side by side
            using var after = newPowers.GetEnumerator();
            foreach (var (op, before) in last)
            {
                after.MoveNext();
                Change(changes, op, before, after.Current.Value, events);
            }
        }
        else
            foreach (var op in last.Keys.ToImmutableSortedSet(StakingState.AddrOrder).Union(newPowers.Keys))
                Change(changes, op, last.GetValueOrDefault(op), newPowers.GetValueOrDefault(op), events);
        return changes.Count == 0 ? ValidatorSetUpdate.Empty.PowerChanges : changes.ToImmutable();
    }

    private static void Change(
        ImmutableSortedDictionary<Addr, ulong>.Builder changes, Addr op, ulong before, ulong after, IList<Event> events)
    {
        if (before == after) return;
        changes[op] = after;
        events.Add(PowerChangeFields.Event(op, after, before));
    }

    private static bool SameKeys(ImmutableSortedDictionary<Addr, ulong> a, ImmutableSortedDictionary<Addr, ulong> b)
    {
        if (a.Count != b.Count) return false;
        foreach (var (op, _) in a)
            if (!b.ContainsKey(op)) return false;
        return true;
    }

    /// <summary>The validators with a flag set: <paramref name="last"/> itself when they are the same ones.</summary>
    private static ImmutableSortedSet<Addr> Flagged(
        ImmutableSortedDictionary<Addr, Validator> validators, ImmutableSortedSet<Addr> last, Func<Validator, bool> flag)
    {
        var count = 0;
        var same = true;
        foreach (var (_, v) in validators)
        {
            if (!flag(v)) continue;
            count++;
            same = same && last.Contains(v.Operator);
        }
        if (same && count == last.Count) return last;
        return validators.Values.Where(flag).Select(v => v.Operator).ToImmutableSortedSet(StakingState.AddrOrder);
    }
}
