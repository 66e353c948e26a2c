using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Staking;
using static MeshSecurity.Core.Tests.Staking.StakingHarness;

namespace MeshSecurity.Core.Tests.Staking;

public sealed class JailTests
{
    private static StakingHarness TwoBondedValidators()
    {
        var h = new StakingHarness();
        h.CreateValidator(ValA, Alice, 1000);
        h.CreateValidator(ValB, Bob, 500);
        h.EndBlock();
        h.NextBlock();
        return h;
    }

    [Fact]
    public void Jail_removes_the_voting_power_at_once_and_the_validator_from_the_set_at_EndBlock()
    {
        var h = TwoBondedValidators();
        h.Jail(ValA, h.State.Time.PlusSeconds(60));

        Assert.Equal(0UL, h.State.VotingPower(ValA));
        Assert.Equal(500UL, h.State.TotalVotingPower());
        Assert.Equal(BondStatus.Bonded, h.Validator(ValA).Status);

        var update = h.EndBlock();
        Assert.Equal(new[] { ValA }, update.Jailed);
        Assert.Equal(new[] { ValA }, update.Removed);
        Assert.Equal(BondStatus.Unbonding, h.Validator(ValA).Status);
        Assert.Equal(h.State.Time.PlusSeconds(1000), h.Validator(ValA).UnbondingCompletesAt);
    }

    [Fact]
    public void Jail_of_a_jailed_validator_only_extends_its_jail_time()
    {
        var h = TwoBondedValidators();
        var until = h.State.Time.PlusSeconds(60);
        h.Jail(ValA, until);
        var jailEvents = h.Events.Count(e => e.Type == StakingEvents.Jail);

        h.Jail(ValA, until.PlusSeconds(60));
        h.Jail(ValA, until);

        Assert.Equal(until.PlusSeconds(60), h.Validator(ValA).JailedUntil);
        Assert.Equal(jailEvents, h.Events.Count(e => e.Type == StakingEvents.Jail));
    }

    [Fact]
    public void Unjail_fails_with_StillJailed_before_JailedUntil_and_succeeds_at_it()
    {
        var h = TwoBondedValidators();
        var until = h.State.Time.PlusSeconds(60);
        h.Jail(ValA, until);
        h.SkipTime(59);
        var error = h.Fails<StakingError.StillJailed>(s => s.Unjail(ValA, h.Events));
        Assert.Equal(until, error.JailedUntil);

        h.SkipTime(1);
        h.Unjail(ValA);
        Assert.False(h.Validator(ValA).Jailed);
        Assert.Equal(1000UL, h.State.VotingPower(ValA));
    }

    [Fact]
    public void Unjail_fails_with_NotJailed_for_a_free_validator()
    {
        var h = TwoBondedValidators();
        h.Fails<StakingError.NotJailed>(s => s.Unjail(ValA, h.Events));
    }

    [Fact]
    public void Tombstone_jails_forever_and_Unjail_fails_with_ValidatorTombstoned()
    {
        var h = TwoBondedValidators();
        h.Tombstone(ValA);

        var v = h.Validator(ValA);
        Assert.True(v.Tombstoned);
        Assert.True(v.Jailed);
        Assert.Equal(Validator.Forever, v.JailedUntil);
        h.SkipTime(1_000_000);
        h.Fails<StakingError.ValidatorTombstoned>(s => s.Unjail(ValA, h.Events));
        h.Fails<StakingError.AlreadyTombstoned>(s => s.Tombstone(ValA, h.Events));
    }

    [Fact]
    public void HandleDoubleSign_slashes_by_the_double_sign_fraction_then_jails_and_tombstones()
    {
        var h = TwoBondedValidators();
        h.Delegate(Carol, ValA, 1000);
        var supply = h.Supply;
        h.Events.Clear();

        var burned = h.DoubleSign(ValA, h.State.Height);

        Assert.Equal((Amount)100, burned);                // 5% of 2000
        Assert.Equal(supply - 100, h.Supply);
        Assert.Equal((Amount)950, h.Tokens(Carol, ValA));
        var v = h.Validator(ValA);
        Assert.True(v.Jailed && v.Tombstoned);
        Assert.Equal([StakingEvents.Slash, StakingEvents.Jail, StakingEvents.Tombstone], h.Events.Select(e => e.Type));

        var update = h.EndBlock();
        Assert.Equal(new[] { ValA }, update.Tombstoned);
        Assert.Equal(new[] { ValA }, update.Jailed);
        Assert.Equal(0UL, update.PowerChanges[ValA]);
    }

    [Fact]
    public void HandleDoubleSign_fails_with_AlreadyTombstoned_on_a_second_double_sign()
    {
        var h = TwoBondedValidators();
        h.DoubleSign(ValA, h.State.Height);
        var supply = h.Supply;
        h.Fails<StakingError.AlreadyTombstoned>(s => s.HandleDoubleSign(ValA, s.Height, h.Events));
        Assert.Equal(supply, h.Supply);
    }

    [Fact]
    public void HandleDoubleSign_of_a_jailed_validator_still_slashes_and_tombstones_it()
    {
        var h = TwoBondedValidators();
        h.Jail(ValA, h.State.Time.PlusSeconds(60));
        h.DoubleSign(ValA, h.State.Height);
        Assert.Equal(Validator.Forever, h.Validator(ValA).JailedUntil);
        Assert.True(h.Validator(ValA).Tombstoned);
    }

    [Fact]
    public void HandleDowntime_slashes_by_the_downtime_fraction_and_jails_for_the_downtime_period()
    {
        var config = DefaultConfig with { DowntimeSlashFraction = Dec.Percent(1), DowntimeJailSeconds = 600 };
        var h = new StakingHarness(config);
        h.CreateValidator(ValA, Alice, 1000);
        h.EndBlock();
        h.NextBlock();

        Assert.Equal((Amount)10, h.Apply(s => s.HandleDowntime(ValA, s.Height, h.Events)));
        Assert.Equal(h.State.Time.PlusSeconds(600), h.Validator(ValA).JailedUntil);
        Assert.False(h.Validator(ValA).Tombstoned);

        // a jailed validator is not punished again for downtime
        Assert.Equal(Amount.Zero, h.Apply(s => s.HandleDowntime(ValA, s.Height, h.Events)));
        Assert.Equal((Amount)990, h.Validator(ValA).Tokens);
    }
}
