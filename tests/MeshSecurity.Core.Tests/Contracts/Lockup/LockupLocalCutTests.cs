using MeshSecurity.Core.Contracts;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Lockup.LockupFixture;

namespace MeshSecurity.Core.Tests.Contracts.Lockup;

/// <summary>
/// A slash that takes more than the tokens the lockup holds for an owner: the rest is delegated, so it is undelegated
/// (marked Burn) and burned when it comes back, out of the lockup's surplus only.
/// </summary>
public sealed class LockupLocalCutTests
{
    [Fact]
    public void A_slash_of_fully_delegated_tokens_undelegates_them_for_a_later_burn()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.StakeLocal(Alice, 1000);
        l.GrantClaim(Alice, ProviderA, 1000);
        var r = l.SlashClaim(ProviderA, Alice, 100);

        Assert.Equal([Undelegate(Validator, 100)], Messages(r));
        Assert.Equal((Amount)900, l.Balance(Alice).Bonded);
        Assert.Equal((Amount)900, l.ClaimOf(Alice, Self));
        var local = l.LocalStakes(Alice);
        Assert.Equal([new Core.Contracts.Lockup.LockupMsg.LocalStakeResponse(Validator, 900)], local.Stakes.ToArray());
        Assert.Equal([new Core.Contracts.Lockup.LockupMsg.LocalUnbondingResponse(Validator, 100, l.H.Time.PlusSeconds(UnbondingPeriod), true)],
            local.Unbondings.ToArray());
    }

    [Fact]
    public void A_slash_burns_the_held_part_now_and_undelegates_the_rest()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.StakeLocal(Alice, 950);
        l.GrantClaim(Alice, ProviderA, 1000);
        var r = l.SlashClaim(ProviderA, Alice, 100);
        Assert.Equal([Undelegate(Validator, 50), Burn(50)], Messages(r));
        Assert.Equal((Amount)900, l.ClaimOf(Alice, Self));
    }

    [Fact]
    public void The_local_cut_takes_owned_unbondings_newest_first_when_nothing_is_delegated()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.StakeLocal(Alice, 1000);
        l.UnstakeLocal(Alice, 700);
        l.UnstakeLocal(Alice, 300);
        l.GrantClaim(Alice, ProviderA, 1000);
        var r = l.SlashClaim(ProviderA, Alice, 400);

        Assert.Empty(r.Messages);
        var unbondings = l.LocalStakes(Alice).Unbondings.Select(u => (u.Amount, u.Burn)).ToArray();
        Assert.Equal([((Amount)600, false), ((Amount)100, true), ((Amount)300, true)], unbondings);
        Assert.Equal((Amount)600, l.ClaimOf(Alice, Self));
    }

    [Fact]
    public void The_undelegation_asks_no_more_than_the_delegation_is_worth_on_the_chain()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.StakeLocal(Alice, 1000);
        l.GrantClaim(Alice, ProviderA, 1000);
        l.H.Querier.Delegations[(Self, new Addr(Validator))] = new DelegationInfo(Self, new Addr(Validator), 40, Coins.Empty);
        var r = l.SlashClaim(ProviderA, Alice, 100);
        Assert.Equal([Undelegate(Validator, 40)], Messages(r));
    }

    [Fact]
    public void The_burn_happens_on_a_later_call_once_the_unbonding_matured_and_came_back()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.StakeLocal(Alice, 1000);
        l.GrantClaim(Alice, ProviderA, 1000);
        l.SlashClaim(ProviderA, Alice, 100);
        l.Bond(Bob, 500);
        l.SetBankBalance(500);                       // Bob's tokens only

        l.SkipTime(UnbondingPeriod);
        Assert.Empty(l.Bond(Bob, 1).Messages);       // matured, but the chain has not paid it out yet: nothing to burn
        l.SetBankBalance(601);                       // Bob's 501 plus the 100 that came back

        var r = l.Bond(Bob, 1);
        Assert.Equal([Burn(100)], Messages(r));
        Assert.Contains(r.Events, e => e.Type == Core.Contracts.Lockup.LockupEvents.DeferredBurn);
        Assert.Empty(l.LocalStakes(Alice).Unbondings);
    }

    [Fact]
    public void A_burn_never_takes_tokens_owed_to_owners_for_matured_unbondings()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.StakeLocal(Alice, 1000);
        l.UnstakeLocal(Alice, 500);                  // owned, matures with the burn entry
        l.GrantClaim(Alice, ProviderA, 1000);
        l.SlashClaim(ProviderA, Alice, 600);         // 500 delegated → undelegated for burn; 100 of the unbonding re-marked
        l.SkipTime(UnbondingPeriod);
        l.SetBankBalance(500);                       // the first unbonding (400 owned + 100 burn) came back; the 500 not yet

        var r = l.Bond(Bob, 1);
        Assert.Equal([Burn(100)], Messages(r));
        l.SetBankBalance(1000);
        Assert.Equal([Burn(500)], Messages(l.Bond(Bob, 1)).Take(1));
    }

    [Fact]
    public void In_the_2022_profile_matured_slashed_unbondings_are_dropped_without_a_burn()
    {
        var l = new LockupFixture(MeshProfile.Prototype2022);
        l.Bond(Alice, 1000);
        l.StakeLocal(Alice, 1000);
        l.GrantClaim(Alice, ProviderA, 1000);
        var r = l.SlashClaim(ProviderA, Alice, 100);
        Assert.Equal([Undelegate(Validator, 100)], Messages(r));
        l.SkipTime(UnbondingPeriod);
        l.SetBankBalance(100);
        Assert.Empty(l.Bond(Bob, 1).Messages);
        Assert.Empty(l.LocalStakes(Alice).Unbondings);
    }
}
