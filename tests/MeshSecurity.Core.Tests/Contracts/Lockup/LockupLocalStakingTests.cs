using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Lockup.LockupFixture;

namespace MeshSecurity.Core.Tests.Contracts.Lockup;

public sealed class LockupLocalStakingTests
{
    [Fact]
    public void StakeLocal_delegates_from_the_lockup_and_holds_a_claim_for_it()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        var r = l.StakeLocal(Alice, 600);
        Assert.Equal([new CosmosMsg.StakingDelegate(new Addr(Validator), new Coin(Denom, 600))], Messages(r));
        Assert.Equal((Amount)600, l.ClaimOf(Alice, Self));
        Assert.Equal((Amount)400, l.Balance(Alice).Free);
        Assert.Equal([new LockupMsg.LocalStakeResponse(Validator, 600)], l.LocalStakes(Alice).Stakes.ToArray());
    }

    [Fact]
    public void StakeLocal_shares_collateral_with_remote_claims_by_the_max_rule()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.StakeLocal(Alice, 800);
        l.GrantClaim(Alice, ProviderA, 900);
        Assert.Equal((Amount)100, l.Balance(Alice).Free);
        Assert.Equal(new LockupError.ClaimsLocked(100), l.Fails(Alice, new LockupMsg.Execute.Unbond(101)));
    }

    [Fact]
    public void StakeLocal_fails_with_InsufficientBalance_above_bonded()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.StakeLocal(Alice, 600, Validator);
        Assert.IsType<LockupError.InsufficientBalance>(l.Fails(Alice, new LockupMsg.Execute.StakeLocal(Validator2, 401)));
    }

    [Fact]
    public void StakeLocal_and_UnstakeLocal_fail_with_ZeroAmount()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        Assert.IsType<LockupError.ZeroAmount>(l.Fails(Alice, new LockupMsg.Execute.StakeLocal(Validator, 0)));
        Assert.IsType<LockupError.ZeroAmount>(l.Fails(Alice, new LockupMsg.Execute.UnstakeLocal(Validator, 0)));
    }

    [Fact]
    public void UnstakeLocal_undelegates_and_keeps_the_claim_until_release()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.StakeLocal(Alice, 600);
        var r = l.UnstakeLocal(Alice, 200);
        Assert.Equal([Undelegate(Validator, 200)], Messages(r));
        Assert.Equal((Amount)600, l.ClaimOf(Alice, Self));
        var local = l.LocalStakes(Alice);
        Assert.Equal([new LockupMsg.LocalStakeResponse(Validator, 400)], local.Stakes.ToArray());
        Assert.Equal([new LockupMsg.LocalUnbondingResponse(Validator, 200, l.H.Time.PlusSeconds(UnbondingPeriod), false)], local.Unbondings.ToArray());
    }

    [Fact]
    public void UnstakeLocal_fails_with_InsufficientLocalStake_above_the_stake()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.StakeLocal(Alice, 600);
        var error = l.Fails(Alice, new LockupMsg.Execute.UnstakeLocal(Validator, 601));
        Assert.Equal(new LockupError.InsufficientLocalStake(Validator, 600), error);
        Assert.Equal(new LockupError.InsufficientLocalStake(Validator2, 0), l.Fails(Alice, new LockupMsg.Execute.UnstakeLocal(Validator2, 1)));
    }

    [Fact]
    public void ReleaseLocal_fails_with_NothingToRelease_before_the_unbonding_period()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.StakeLocal(Alice, 600);
        l.UnstakeLocal(Alice, 600);
        l.SkipTime(UnbondingPeriod - 1);
        Assert.IsType<LockupError.NothingToRelease>(l.Fails(Alice, new LockupMsg.Execute.ReleaseLocal()));
        Assert.IsType<LockupError.NothingToRelease>(l.Fails(Bob, new LockupMsg.Execute.ReleaseLocal()));
    }

    [Fact]
    public void ReleaseLocal_after_the_unbonding_period_frees_the_tokens()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.StakeLocal(Alice, 600);
        l.UnstakeLocal(Alice, 600);
        l.SkipTime(UnbondingPeriod);
        var r = l.ReleaseLocal(Alice);
        Assert.Empty(r.Messages);
        Assert.Empty(l.Balance(Alice).Claims);
        Assert.Equal((Amount)1000, l.Balance(Alice).Free);
        Assert.Empty(l.LocalStakes(Alice).Unbondings);
    }

    [Fact]
    public void ValidatorSlashed_lowers_local_stake_and_bonded_by_the_ceiling_of_the_fraction()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.StakeLocal(Alice, 15);
        var r = l.ValidatorSlashed(Validator, "0.1");
        Assert.Empty(r.Messages);
        Assert.Equal((Amount)998, l.Balance(Alice).Bonded);                  // ceil(15 × 0.1) = 2
        Assert.Equal([new LockupMsg.LocalStakeResponse(Validator, 13)], l.LocalStakes(Alice).Stakes.ToArray());
        Assert.Equal((Amount)13, l.ClaimOf(Alice, Self));
    }

    [Fact]
    public void ValidatorSlashed_propagates_to_remote_claims_above_the_new_bonded()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.StakeLocal(Alice, 500);
        l.GrantClaim(Alice, ProviderA, 1000);
        l.GrantClaim(Alice, ProviderB, 960);
        var r = l.ValidatorSlashed(Validator, "0.1");
        Assert.Equal([CutStake(ProviderA, Alice, 50), CutStake(ProviderB, Alice, 10)], Messages(r));
        Assert.Equal((Amount)950, l.Balance(Alice).Bonded);
        Assert.All(l.Balance(Alice).Claims, c => Assert.True(c.Amount <= 950));
    }

    [Fact]
    public void ValidatorSlashed_in_the_2022_profile_does_not_propagate()
    {
        var l = new LockupFixture(Core.Contracts.MeshProfile.Prototype2022);
        l.Bond(Alice, 1000);
        l.StakeLocal(Alice, 500);
        l.GrantClaim(Alice, ProviderA, 1000);
        var r = l.ValidatorSlashed(Validator, "0.1");
        Assert.Empty(r.Messages);
        Assert.Equal((Amount)1000, l.ClaimOf(Alice, ProviderA));
        Assert.Equal((Amount)950, l.Balance(Alice).Bonded);
    }

    [Fact]
    public void ValidatorSlashed_slashes_unbondings_started_at_or_after_the_infraction_only()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.StakeLocal(Alice, 1000);
        l.UnstakeLocal(Alice, 100);                  // started at height 100: before the infraction
        l.H.Height = 200;
        l.UnstakeLocal(Alice, 200);                  // started at height 200: slashable
        l.ValidatorSlashed(Validator, "0.5", infractionHeight: 150);

        var local = l.LocalStakes(Alice);
        Assert.Equal([new LockupMsg.LocalStakeResponse(Validator, 350)], local.Stakes.ToArray());
        Assert.Equal([(Amount)100, (Amount)100], local.Unbondings.Select(u => u.Amount).ToArray());
        Assert.Equal((Amount)550, l.Balance(Alice).Bonded);
        Assert.Equal((Amount)550, l.ClaimOf(Alice, Self));
    }

    [Fact]
    public void ValidatorSlashed_of_a_validator_nobody_stakes_on_changes_nothing()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.StakeLocal(Alice, 500);
        var r = l.ValidatorSlashed(Validator2, "0.1");
        Assert.Empty(r.Messages);
        Assert.Equal((Amount)1000, l.Balance(Alice).Bonded);
    }

    [Fact]
    public void Other_chain_hooks_are_accepted_as_no_ops()
    {
        var l = new LockupFixture();
        var hook = new Apis.ChainHook.ValidatorSetChanged([], [], [Validator], [], [], []);
        var r = l.H.Ok(new ContractCall.Sudo(hook));
        Assert.Empty(r.Messages);
        Assert.Empty(r.Attributes);
    }

    [Fact]
    public void Sudo_refuses_a_message_that_is_not_a_chain_hook()
    {
        var l = new LockupFixture();
        Assert.IsType<StdError.ParseError>(l.H.Fails(new ContractCall.Sudo(42)));
    }
}
