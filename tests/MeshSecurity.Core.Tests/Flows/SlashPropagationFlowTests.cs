using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Contracts.Slasher;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Testing;
using MeshSecurity.Core.Types;
using static MeshSecurity.Core.Tests.Flows.MeshNetwork;

namespace MeshSecurity.Core.Tests.Flows;

/// <summary>
/// The seed README's "Slashing" and its open question: a slash on juno must burn the shared collateral on osmosis and
/// lower the power that same collateral gives a validator on stars. Alice backs juno's v1 and stars' v1 with the same
/// 1000 uosmo; juno's v1 double-signs; the double-sign fraction is 5% on every chain.
/// </summary>
public sealed class SlashPropagationFlowTests
{
    private readonly MeshNetwork _net = new();

    public SlashPropagationFlowTests()
    {
        _net.Bond(Alice, 1000).Succeeds();
        _net.GrantClaim(Alice, _net.ToJuno, JunoV1, 1000).Succeeds();
        _net.GrantClaim(Alice, _net.ToStars, StarsV1, 1000).Succeeds();
        _net.RelayAll();
    }

    [Fact]
    public void A_double_sign_on_juno_burns_the_collateral_on_osmosis_and_lowers_the_power_on_stars()
    {
        Assert.Equal((Amount)1_000_100, Tokens(_net.Juno, JunoV1));
        Assert.Equal(1_000_100UL, Power(_net.Stars, StarsV1));
        var supply = _net.Supply;

        // 1. juno's v1 signs two blocks at one height; anyone submits the pair to the juno provider's slasher on osmosis
        var evidence = _net.DoubleSign(_net.Juno, JunoV1);
        _net.SubmitToSlasher(_net.ToJuno, evidence).Succeeds();

        // 2-3. the slasher slashes the provider by 5%: Alice's 1000 locked on v1 fall to 950 and the lockup burns 50 at once
        var lockup = _net.LockupBalance(Alice);
        Assert.Equal(((Amount)950, (Amount)0), (lockup.Bonded, lockup.Free));
        Assert.Equal(supply - 50, _net.Supply);
        Assert.Equal((Amount)950, _net.OsmoBalance(_net.Lockup));
        Assert.Equal(ProviderState.ValidatorStatus.Tombstoned, ValidatorOf(_net.ToJuno, JunoV1).Status);

        // ... and, as bonded fell below the stars claim, that claim is cut to bonded too (propagation)
        Assert.Equal([new LockupMsg.ClaimResponse(_net.ToJuno.ProviderContract, 950), new(_net.ToStars.ProviderContract, 950)],
            lockup.Claims.ToArray());
        Assert.Equal((Amount)950, _net.ProviderStake(_net.ToStars, StarsV1).Tokens);

        // separately, juno's own evidence module slashes v1 by 5% of its 1,000,100 tokens and jails it
        _net.SubmitToChain(_net.Juno, evidence).Succeeds();
        Assert.Equal((Amount)950_095, Tokens(_net.Juno, JunoV1));
        Assert.Equal(0UL, Power(_net.Juno, JunoV1));

        // 4. relayed: each provider's Burn {v1, 50} lowers its consumer's record, and meta-staking undelegates
        _net.RelayAll();
        AssertBothViewsAgree(_net.ToJuno, JunoV1, 950);
        AssertBothViewsAgree(_net.ToStars, StarsV1, 950);
        Assert.Equal((Amount)95, _net.MetaDelegation(_net.ToStars, StarsV1));
        Assert.Equal(1_000_095UL, Power(_net.Stars, StarsV1));                // 1,000,100 − 5
        Assert.Equal((Amount)95, _net.MetaDelegation(_net.ToJuno, JunoV1));

        // on juno the delegation is worth 95% already: undelegating 5 of the records takes floor(5 × 95 / 100) = 4 real tokens
        Assert.Equal((Amount)950_091, Tokens(_net.Juno, JunoV1));
        Assert.Empty(_net.ConservationErrors());
    }

    [Fact]
    public void The_same_evidence_is_refused_the_second_time_and_slashes_nothing_more()
    {
        var evidence = _net.DoubleSign(_net.Juno, JunoV1);
        _net.SubmitToSlasher(_net.ToJuno, evidence).Succeeds();
        _net.RelayAll();
        var supply = _net.Supply;

        _net.SubmitToSlasher(_net.ToJuno, evidence).FailsWith<SlasherError.DuplicateEvidence>();
        _net.RelayAll();
        Assert.Equal(supply, _net.Supply);
        Assert.Equal((Amount)950, _net.LockupBalance(Alice).Bonded);
        AssertBothViewsAgree(_net.ToJuno, JunoV1, 950);
        AssertBothViewsAgree(_net.ToStars, StarsV1, 950);
    }

    [Fact]
    public void A_slash_while_the_stars_relayer_is_stopped_reaches_stars_when_it_resumes()
    {
        _net.Pause(_net.ToStars);
        _net.SubmitToSlasher(_net.ToJuno, _net.DoubleSign(_net.Juno, JunoV1)).Succeeds();
        _net.RelayAll();

        // the stars provider already counts 950, the stars consumer still 1000: the Burn is in flight
        Assert.Equal((Amount)950, _net.ProviderStake(_net.ToStars, StarsV1).Tokens);
        Assert.Equal((Amount)1000, _net.RemoteStake(_net.ToStars, StarsV1).Amount);
        Assert.Equal(1, InFlight(_net.ToStars));

        _net.Resume(_net.ToStars);
        _net.RelayAll();
        AssertBothViewsAgree(_net.ToStars, StarsV1, 950);
        Assert.Equal(1_000_095UL, Power(_net.Stars, StarsV1));
    }

    [Fact]
    public void Evidence_reaching_the_slasher_after_juno_jailed_the_validator_still_slashes_the_cross_stake()
    {
        // juno's own evidence module is first: v1 is slashed, jailed and leaves juno's validator set
        var evidence = _net.DoubleSign(_net.Juno, JunoV1);
        _net.SubmitToChain(_net.Juno, evidence).Succeeds();
        _net.RelayAll();                                                      // the relayer keeps osmosis' client of juno fresh

        // the same evidence reaches the juno provider's slasher on osmosis a few blocks later
        _net.SubmitToSlasher(_net.ToJuno, evidence).Succeeds();
        _net.RelayAll();
        Assert.Equal((Amount)950, _net.LockupBalance(Alice).Bonded);
        AssertBothViewsAgree(_net.ToStars, StarsV1, 950);
    }

    [Fact]
    public void A_double_sign_punishable_on_juno_is_punishable_on_the_cross_stake_until_juno_unbonding_ends()
    {
        // juno's v1 double-signs; right after, Alice unstakes everything
        var evidence = _net.DoubleSign(_net.Juno, JunoV1);
        _net.Unstake(Alice, _net.ToJuno, JunoV1, 1000).Succeeds();
        _net.RelayAll();

        // a day later juno could still slash for the infraction, so the juno claim must still hold the collateral
        _net.SkipTime(ProviderUnbonding);
        _net.Unbond(Alice, _net.ToJuno).FailsWith<ProviderError.NothingToClaim>();

        // the evidence arrives after a day and a half: juno slashes, and so must the slasher
        _net.SkipTime(Day / 2);
        _net.SubmitToChain(_net.Juno, evidence).Succeeds();
        _net.SubmitToSlasher(_net.ToJuno, evidence).Succeeds();
        Assert.Equal((Amount)950, _net.LockupBalance(Alice).Bonded);
    }

    /// <summary>Nothing in flight, and the provider's stake query equals the consumer's record and what meta-staking delegates.</summary>
    private void AssertBothViewsAgree(MeshLink link, Addr validator, Amount expected)
    {
        Assert.Equal(0, InFlight(link));
        Assert.Equal(new ProviderMsg.StakeResponse(validator.Value, expected, 0, 0, 0), _net.ProviderStake(link, validator));
        Assert.Equal(expected, _net.RemoteStake(link, validator).Amount);
        Assert.Equal(expected.MulFloor(Rate), _net.MetaDelegation(link, validator));
    }

    private ProviderMsg.ValidatorResponse ValidatorOf(MeshLink link, Addr validator) =>
        _net.Osmosis.Query<ProviderMsg.ValidatorResponse>(link.ProviderContract, new ProviderMsg.Query.GetValidator(validator.Value));
}
