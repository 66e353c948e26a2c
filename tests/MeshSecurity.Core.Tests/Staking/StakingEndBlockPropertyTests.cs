using System.Collections.Immutable;
using CsCheck;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;
using static MeshSecurity.Core.Tests.Staking.StakingHarness;

namespace MeshSecurity.Core.Tests.Staking;

/// <summary>
/// EndBlock keeps the last EndBlock's powers, jailed and tombstoned sets where they come out the same and rewrites only
/// changed powers (docs/bench.md, figure e). Driven by random delegations, undelegations, jails, unjails, tombstones,
/// clock moves and end blocks under random set sizes, it must give what the version that rebuilt everything gave (kept
/// below as the reference model): the same update, events and staking state, block after block.
/// </summary>
public sealed class StakingEndBlockPropertyTests
{
    private enum Op { Delegate, Undelegate, Jail, Unjail, Tombstone, Skip, EndBlock }

    private static readonly Addr[] Operators = [ValA, ValB, ValC];
    private static readonly Addr[] Delegators = [Alice, Bob, Carol];

    private static readonly Gen<(Op Op, int Who, ulong Amount)> Step = Gen.Select(
        Gen.Frequency((5, Gen.Const(Op.Delegate)), (3, Gen.Const(Op.Undelegate)), (1, Gen.Const(Op.Jail)), (1, Gen.Const(Op.Unjail)),
            (1, Gen.Const(Op.Tombstone)), (2, Gen.Const(Op.Skip)), (6, Gen.Const(Op.EndBlock))),
        Gen.Int[0, 2], Gen.ULong[1, 400]);

    [Fact]
    public void EndBlock_gives_the_update_events_and_state_of_the_rebuilding_version_after_any_staking_history()
    {
        var seen = new int[7];
        var changed = 0;
        Gen.Select(Gen.Int[1, 4], Gen.ULong[1, 60], Step.Array[1, 50]).SampleSeeded((max, reduction, steps) =>
        {
            var config = DefaultConfig with { MaxValidators = max, PowerReduction = reduction, UnbondingPeriodSeconds = 30 };
            var (mine, model) = (new StakingHarness(config), new StakingHarness(config));
            for (var i = 0; i < Operators.Length; i++)
                foreach (var h in new[] { mine, model }) h.CreateValidator(Operators[i], Delegators[i], 100 + 70 * (ulong)i);
            foreach (var (op, who, amount) in steps)
            {
                seen[(int)op]++;
                if (op != Op.EndBlock)
                {
                    Both(mine, model, s => Apply(s, op, who, amount));
                    continue;
                }
                mine.Events.Clear();
                model.Events.Clear();
                var update = mine.Apply(s => s.EndBlock(mine.Events));
                var expected = model.Apply(s => Reference.EndBlock(s, model.Events));
                Assert.Equal(expected, update);
                Assert.Equal(model.Events, mine.Events);
                Assert.Equal(model.State.Staking.Validators.ToImmutable(), mine.State.Staking.Validators.ToImmutable());
                Assert.Equal(model.State.Staking.EndBlockValidators, mine.State.Staking.EndBlockValidators);
                Assert.Equal(model.State.Staking.LastValidatorPowers, mine.State.Staking.LastValidatorPowers);
                Assert.Equal(model.State.Staking.LastJailed, mine.State.Staking.LastJailed);
                Assert.Equal(model.State.Staking.LastTombstoned, mine.State.Staking.LastTombstoned);
                if (!update.IsEmpty) changed++;
            }
        }, iter: 300);
        Assert.All(seen, n => Assert.True(n > 0));
        Assert.True(changed > 100, $"only {changed} end blocks changed the set");
    }

    private static ChainState Apply(ChainState s, Op op, int who, ulong amount)
    {
        var events = new List<Event>();
        return op switch
        {
            Op.Delegate => s.Delegate(Delegators[who], Operators[(who + (int)amount) % 3], amount, events),
            Op.Undelegate => s.Undelegate(Delegators[who], Operators[(who + (int)amount) % 3], amount, events).Item1,
            Op.Jail => s.Jail(Operators[who], s.Time.PlusSeconds(amount % 20), events),
            Op.Unjail => s.Unjail(Operators[who], events),
            Op.Tombstone => s.Tombstone(Operators[who], events),
            _ => s.WithBlock(s.Height + 1, s.Time.PlusSeconds(amount % 20)),
        };
    }

    /// <summary>An operation on both chains, or on neither when it refuses (rolled back as the executor would).</summary>
    private static void Both(StakingHarness mine, StakingHarness model, Func<ChainState, ChainState> operation)
    {
        foreach (var h in new[] { mine, model })
        {
            var savepoint = h.State.Undo.Savepoint();
            try
            {
                h.State = operation(h.State);
            }
            catch (MeshException)
            {
                h.State.Undo.RollbackTo(savepoint);
            }
        }
    }

    /// <summary>
    /// EndBlock as it was before figure e's session 16: every collection rebuilt with LINQ on every call, and skipped when
    /// the validators are what the last EndBlock left by content (before session 23, by the reference of an immutable
    /// map; now the store's change count).
    /// </summary>
    private static class Reference
    {
        public static (ChainState State, ValidatorSetUpdate Update) EndBlock(ChainState chain, IList<Event> events)
        {
            var s = chain.CompleteMatureUnbondings(events);
            var validators = s.Staking.Validators.ToImmutable();
            if (s.Staking.EndBlockValidators is { } left && left.SequenceEqual(validators)
                && !validators.Values.Any(v => v.Status == BondStatus.Unbonding && v.UnbondingCompletesAt <= s.Time))
                return (s, ValidatorSetUpdate.Empty);
            var reduction = s.Config.PowerReduction;
            var newPowers = validators.Values
                .Where(v => !v.Jailed && !v.Tokens.IsZero && v.Tokens >= reduction)
                .OrderByDescending(v => v.Tokens)
                .ThenBy(v => v.Operator, StakingState.AddrOrder)
                .Take(System.Math.Max(0, s.Config.MaxValidators))
                .ToImmutableSortedDictionary(v => v.Operator, v => (ulong)(v.Tokens / reduction).Value, StakingState.AddrOrder);
            foreach (var v in validators.Values)
            {
                var next = v;
                if (next.Status == BondStatus.Unbonding && next.UnbondingCompletesAt <= s.Time)
                    next = next with { Status = BondStatus.Unbonded, UnbondingCompletesAt = Timestamp.Zero };
                if (newPowers.ContainsKey(v.Operator) && next.Status != BondStatus.Bonded)
                    next = next with { Status = BondStatus.Bonded, UnbondingCompletesAt = Timestamp.Zero };
                else if (!newPowers.ContainsKey(v.Operator) && next.Status == BondStatus.Bonded)
                    next = next with
                    {
                        Status = BondStatus.Unbonding, UnbondingCompletesAt = s.Time.PlusSeconds(s.Config.UnbondingPeriodSeconds),
                    };
                if (next != v) validators = validators.SetItem(v.Operator, next);
            }
            var last = s.Staking.LastValidatorPowers;
            var changes = ImmutableSortedDictionary.CreateBuilder<Addr, ulong>(StakingState.AddrOrder);
            foreach (var op in last.Keys.ToImmutableSortedSet(StakingState.AddrOrder).Union(newPowers.Keys))
            {
                var (before, after) = (last.GetValueOrDefault(op), newPowers.GetValueOrDefault(op));
                if (before == after) continue;
                changes[op] = after;
                events.Add(new Event(StakingEvents.PowerChange, (StakingEvents.ValidatorKey, op.Value), (StakingEvents.PowerKey, after),
                    (StakingEvents.PreviousPowerKey, before)));
            }
            var jailed = validators.Values.Where(v => v.Jailed).Select(v => v.Operator)
                .ToImmutableSortedSet(StakingState.AddrOrder);
            var tombstoned = validators.Values.Where(v => v.Tombstoned).Select(v => v.Operator)
                .ToImmutableSortedSet(StakingState.AddrOrder);
            var staking = s.Staking;
            var update = new ValidatorSetUpdate([.. newPowers.Keys.Where(op => !last.ContainsKey(op))],
                [.. last.Keys.Where(op => !newPowers.ContainsKey(op))], [.. jailed.Except(staking.LastJailed)],
                [.. staking.LastJailed.Except(jailed)], [.. tombstoned.Except(staking.LastTombstoned)], changes.ToImmutable());
            foreach (var (op, v) in validators) staking.Validators.Set(op, v);
            staking.SetEndBlock(newPowers, jailed, tombstoned);
            return (s, update);
        }
    }
}
