using MeshSecurity.Core.Math;
using MeshSecurity.Core.Staking;
using static MeshSecurity.Core.Tests.Staking.StakingHarness;

namespace MeshSecurity.Core.Tests.Staking;

public sealed class SlashTests
{
    private static StakingHarness BondedValidatorA(ulong selfBond = 1000)
    {
        var h = new StakingHarness();
        h.CreateValidator(ValA, Alice, selfBond);
        h.EndBlock();
        h.NextBlock();
        return h;
    }

    private static void AtHeight(StakingHarness h, ulong height) => h.State.WithHeight(height);

    [Fact]
    public void Slash_burns_from_the_validator_tokens_and_the_supply_falls()
    {
        var h = BondedValidatorA();
        h.Delegate(Bob, ValA, 1000);
        var supply = h.Supply;

        var burned = h.Slash(ValA, h.State.Height, Dec.Percent(5));

        Assert.Equal((Amount)100, burned);
        Assert.Equal(supply - 100, h.Supply);
        Assert.Equal((Amount)1900, h.Validator(ValA).Tokens);
        Assert.Equal(Dec.FromInteger(2000), h.Validator(ValA).DelegatorShares);
        Assert.Equal((Amount)100, h.State.Bank.Burned[Denom]);
        Assert.Empty(h.State.Bank.CheckConservation());
        var e = h.LastEvent(StakingEvents.Slash);
        Assert.Equal("100ustake", e.Get(StakingEvents.BurnedKey));
        Assert.Equal("0.05", e.Get(StakingEvents.FractionKey));
    }

    [Fact]
    public void Slash_lowers_every_delegation_in_proportion()
    {
        var h = BondedValidatorA(600);
        h.Delegate(Bob, ValA, 300);
        h.Delegate(Carol, ValA, 100);

        h.Slash(ValA, h.State.Height, Dec.Percent(10));

        Assert.Equal((Amount)540, h.Tokens(Alice, ValA));
        Assert.Equal((Amount)270, h.Tokens(Bob, ValA));
        Assert.Equal((Amount)90, h.Tokens(Carol, ValA));
    }

    [Fact]
    public void Slash_takes_from_unbonding_entries_created_at_or_after_the_infraction_height_but_not_before()
    {
        var h = BondedValidatorA();
        h.Delegate(Bob, ValA, 1000);
        AtHeight(h, 5);
        h.Undelegate(Bob, ValA, 100);
        AtHeight(h, 10);
        h.Undelegate(Bob, ValA, 200);
        AtHeight(h, 12);
        h.Undelegate(Bob, ValA, 300);
        var supply = h.Supply;

        // basis = 1400 tokens + 200 + 300 from entries at heights ≥ 10 = 1900; 10% = 190
        var burned = h.Slash(ValA, 10, Dec.Percent(10));

        Assert.Equal((Amount)190, burned);
        Assert.Equal([100, 180, 270], h.State.Staking.UnbondingQueue.Select(e => (int)e.Balance.Value));
        Assert.Equal([100, 200, 300], h.State.Staking.UnbondingQueue.Select(e => (int)e.InitialBalance.Value));
        Assert.Equal((Amount)1260, h.Validator(ValA).Tokens);   // 190 − 50 from the entries
        Assert.Equal((Amount)550, h.Balance(h.NotBondedPool));
        Assert.Equal(supply - 190, h.Supply);
    }

    [Fact]
    public void Slash_caps_an_unbonding_entry_cut_at_its_balance()
    {
        var h = BondedValidatorA();
        h.Delegate(Bob, ValA, 1000);
        var height = h.State.Height;
        h.Undelegate(Bob, ValA, 100);                     // validator 1900 tokens, entry 100

        Assert.Equal((Amount)1200, h.Slash(ValA, height, Dec.Percent(60)));   // 60 from the entry, 1140 from tokens
        Assert.Equal((Amount)40, h.State.Staking.UnbondingQueue.Single().Balance);
        Assert.Equal((Amount)760, h.Validator(ValA).Tokens);

        // basis 760 + 40 = 800, 60% = 480: the entry can give only its 40, the tokens the other 440
        Assert.Equal((Amount)480, h.Slash(ValA, height, Dec.Percent(60)));
        Assert.Equal(Amount.Zero, h.State.Staking.UnbondingQueue.Single().Balance);
        Assert.Equal((Amount)320, h.Validator(ValA).Tokens);
    }

    [Fact]
    public void Slash_leaves_mature_entries_alone()
    {
        var h = BondedValidatorA();
        h.Delegate(Bob, ValA, 1000);
        var height = h.State.Height;
        var completion = h.Undelegate(Bob, ValA, 100);
        h.State.WithTime(completion);     // mature, waiting for EndBlock

        Assert.Equal((Amount)190, h.Slash(ValA, height, Dec.Percent(10)));
        Assert.Equal((Amount)100, h.State.Staking.UnbondingQueue.Single().Balance);
    }

    [Fact]
    public void Slash_of_a_fraction_of_zero_burns_nothing()
    {
        var h = BondedValidatorA();
        var supply = h.Supply;
        Assert.Equal(Amount.Zero, h.Slash(ValA, h.State.Height, Dec.Zero));
        Assert.Equal(supply, h.Supply);
    }

    [Fact]
    public void Slash_fails_with_InvalidSlashFraction_InfractionInFuture_or_ValidatorNotFound()
    {
        var h = BondedValidatorA();
        h.Fails<StakingError.InvalidSlashFraction>(s => s.Slash(ValA, s.Height, Dec.Percent(101), h.Events));
        h.Fails<StakingError.InfractionInFuture>(s => s.Slash(ValA, s.Height + 1, Dec.Percent(1), h.Events));
        h.Fails<StakingError.ValidatorNotFound>(s => s.Slash(ValB, s.Height, Dec.Percent(1), h.Events));
    }
}
