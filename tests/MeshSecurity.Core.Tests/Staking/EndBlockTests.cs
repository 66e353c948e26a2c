using MeshSecurity.Core.Math;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;
using static MeshSecurity.Core.Tests.Staking.StakingHarness;

namespace MeshSecurity.Core.Tests.Staking;

public sealed class EndBlockTests
{
    private static Addr[] Sorted(params Addr[] addrs) => [.. addrs.Order(StakingState.AddrOrder)];

    private static StakingHarness ThreeValidators(int maxValidators, ulong a = 300, ulong b = 200, ulong c = 100)
    {
        var h = new StakingHarness(DefaultConfig with { MaxValidators = maxValidators });
        h.CreateValidator(ValA, Alice, a);
        h.CreateValidator(ValB, Bob, b);
        h.CreateValidator(ValC, Carol, c);
        return h;
    }

    [Fact]
    public void EndBlock_bonds_the_top_MaxValidators_by_tokens_and_reports_them_as_added()
    {
        var h = ThreeValidators(maxValidators: 2);
        h.Events.Clear();

        var update = h.EndBlock();

        Assert.Equal(Sorted(ValA, ValB), update.Added);
        Assert.Empty(update.Removed);
        Assert.Equal(Sorted(ValA, ValB), update.PowerChanges.Keys);
        Assert.Equal(300UL, update.PowerChanges[ValA]);
        Assert.Equal(200UL, update.PowerChanges[ValB]);
        Assert.Equal(BondStatus.Unbonded, h.Validator(ValC).Status);
        Assert.Equal(500UL, h.State.TotalVotingPower());
        Assert.Equal(2, h.Events.Count(e => e.Type == StakingEvents.PowerChange));
        Assert.Equal(update.PowerChanges, h.State.Staking.LastValidatorPowers);
    }

    [Fact]
    public void EndBlock_breaks_ties_in_tokens_by_operator_address()
    {
        var h = ThreeValidators(maxValidators: 2, a: 100, b: 100, c: 100);
        var update = h.EndBlock();
        Assert.Equal(Sorted(ValA, ValB, ValC)[..2], update.Added);
    }

    [Fact]
    public void EndBlock_leaves_out_validators_below_one_unit_of_power()
    {
        var h = new StakingHarness(DefaultConfig with { PowerReduction = 100 });
        h.CreateValidator(ValA, Alice, 250);
        h.CreateValidator(ValB, Bob, 99);

        var update = h.EndBlock();

        Assert.Equal(new[] { ValA }, update.Added);
        Assert.Equal(2UL, update.PowerChanges[ValA]);
        Assert.Equal(BondStatus.Unbonded, h.Validator(ValB).Status);
        Assert.Equal(new Wasm.ValidatorInfo(ValA, 250, 2, "bonded", false, false), h.State.ToValidatorInfo(h.Validator(ValA)));
    }

    [Fact]
    public void EndBlock_swaps_an_overtaken_validator_out_and_it_becomes_unbonded_after_the_unbonding_period()
    {
        var h = ThreeValidators(maxValidators: 2);
        h.EndBlock();
        h.NextBlock();
        h.Delegate(Alice, ValC, 150);                     // C: 250 > B: 200
        h.Events.Clear();

        var update = h.EndBlock();

        Assert.Equal(new[] { ValC }, update.Added);
        Assert.Equal(new[] { ValB }, update.Removed);
        Assert.Equal(2, update.PowerChanges.Count);
        Assert.Equal(0UL, update.PowerChanges[ValB]);
        Assert.Equal(250UL, update.PowerChanges[ValC]);
        var change = h.Events.Single(e => e.Type == StakingEvents.PowerChange && e.Get(StakingEvents.ValidatorKey) == ValB.Value);
        Assert.Equal("0", change.Get(StakingEvents.PowerKey));
        Assert.Equal("200", change.Get(StakingEvents.PreviousPowerKey));
        Assert.Equal(BondStatus.Unbonding, h.Validator(ValB).Status);
        var completes = h.State.Time.PlusSeconds(1000);
        Assert.Equal(completes, h.Validator(ValB).UnbondingCompletesAt);
        Assert.Equal(new Wasm.ValidatorInfo(ValB, 200, 200, "unbonding", false, false), h.State.ToValidatorInfo(h.Validator(ValB)));

        h.State.WithTime(completes);
        Assert.True(h.EndBlock().IsEmpty);
        Assert.Equal(BondStatus.Unbonded, h.Validator(ValB).Status);
    }

    [Fact]
    public void EndBlock_rebonds_an_unbonding_validator_that_ranks_again()
    {
        var h = ThreeValidators(maxValidators: 2);
        h.EndBlock();
        h.Delegate(Alice, ValC, 150);
        h.EndBlock();
        Assert.Equal(BondStatus.Unbonding, h.Validator(ValB).Status);

        h.Delegate(Bob, ValB, 100);                       // B: 300 > C: 250
        var update = h.EndBlock();

        Assert.Equal(new[] { ValB }, update.Added);
        Assert.Equal(new[] { ValC }, update.Removed);
        Assert.Equal(BondStatus.Bonded, h.Validator(ValB).Status);
        Assert.Equal(Timestamp.Zero, h.Validator(ValB).UnbondingCompletesAt);
    }

    [Fact]
    public void EndBlock_reports_only_the_powers_that_changed_and_nothing_when_nothing_changed()
    {
        var h = ThreeValidators(maxValidators: 3);
        h.EndBlock();
        Assert.True(h.EndBlock().IsEmpty);

        h.Delegate(Carol, ValB, 5);
        var update = h.EndBlock();

        Assert.Empty(update.Added);
        Assert.Empty(update.Removed);
        Assert.Equal([new(ValB, 205UL)], update.PowerChanges);
        Assert.False(update.IsEmpty);
    }

    [Fact]
    public void EndBlock_reports_jailed_then_unjailed_validators_once()
    {
        var h = ThreeValidators(maxValidators: 3);
        h.EndBlock();
        h.Jail(ValA, h.State.Time.PlusSeconds(60));
        var jailed = h.EndBlock();
        Assert.Equal(new[] { ValA }, jailed.Jailed);
        Assert.Empty(jailed.Unjailed);
        Assert.True(h.EndBlock().IsEmpty);

        h.SkipTime(60);
        h.Unjail(ValA);
        var unjailed = h.EndBlock();

        Assert.Equal(new[] { ValA }, unjailed.Unjailed);
        Assert.Equal(new[] { ValA }, unjailed.Added);
        Assert.Empty(unjailed.Jailed);
        Assert.Equal(300UL, unjailed.PowerChanges[ValA]);
    }

    [Fact]
    public void A_jail_undone_before_EndBlock_is_not_reported()
    {
        var h = ThreeValidators(maxValidators: 3);
        h.EndBlock();
        h.Jail(ValA, h.State.Time);
        h.Unjail(ValA);
        Assert.True(h.EndBlock().IsEmpty);
    }

    [Fact]
    public void EndBlock_completes_mature_unbondings()
    {
        var h = ThreeValidators(maxValidators: 3);
        h.EndBlock();
        var completion = h.Undelegate(Alice, ValA, 50);
        h.State.WithTime(completion);

        var update = h.EndBlock();

        Assert.Empty(h.State.Staking.UnbondingQueue);
        Assert.Equal((Amount)1_000_000 - 250, h.Balance(Alice));
        Assert.Equal(250UL, update.PowerChanges[ValA]);
    }

    [Fact]
    public void Queries_show_the_validators_and_delegations_as_contracts_see_them()
    {
        var h = ThreeValidators(maxValidators: 2);
        h.EndBlock();
        h.Delegate(Bob, ValA, 20);

        var infos = h.State.ValidatorInfos();
        Assert.Equal(Sorted(ValA, ValB, ValC), infos.Select(v => v.Operator));
        Assert.Equal(new Wasm.ValidatorInfo(ValA, 320, 320, "bonded", false, false), infos.Single(v => v.Operator == ValA));
        Assert.Equal(new Wasm.ValidatorInfo(ValC, 100, 100, "unbonded", false, false), infos.Single(v => v.Operator == ValC));
        Assert.Equal(new Wasm.DelegationInfo(Bob, ValA, 20, Coins.Empty), h.State.ToDelegationInfo(Bob, ValA));
        Assert.Null(h.State.ToDelegationInfo(Carol, ValA));
        Assert.Equal(Amount.Zero, h.State.DelegationTokens(Carol, ValA));
        Assert.Equal(0UL, h.State.VotingPower(ValC));
        Assert.Equal(0UL, h.State.VotingPower(Account("nobody")));
        Assert.Equal(520UL, h.State.TotalVotingPower());
    }
}
