using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using static MeshSecurity.Core.Tests.Flows.MeshNetwork;

namespace MeshSecurity.Core.Tests.Flows;

/// <summary>
/// The seed README's "Unstaking": the provider unstakes at once, the consumer undelegates, and the claim on the lockup
/// is released only after the provider's unbonding period (one day here), when the user can withdraw.
/// </summary>
public sealed class UnstakeFlowTests
{
    private readonly MeshNetwork _net = new();

    [Fact]
    public void An_unstaked_claim_matures_after_the_unbonding_period_and_the_user_withdraws_everything()
    {
        // Alice cross-stakes all of her 1000 locked uosmo to juno's v1
        _net.Bond(Alice, 1000).Succeeds();
        _net.GrantClaim(Alice, _net.ToJuno, JunoV1, 1000).Succeeds();
        _net.RelayAll();
        Assert.Equal((Amount)1_000_100, Tokens(_net.Juno, JunoV1));

        // 1-2. she unstakes 1000 on the provider: out of her active stake at once, in flight until the ack
        var unstakedAt = _net.Coord.Now;
        _net.Unstake(Alice, _net.ToJuno, JunoV1, 1000).Succeeds();
        Assert.Equal(new ProviderMsg.StakeResponse(JunoV1.Value, 0, 0, 1000, 0), _net.ProviderStake(_net.ToJuno, JunoV1));

        // 3. relayed: the consumer drops its record and meta-staking undelegates the 100 ujuno
        _net.RelayAll();
        Assert.Equal((Amount)0, _net.RemoteStake(_net.ToJuno, JunoV1).Amount);
        Assert.Equal((Amount)0, _net.MetaDelegation(_net.ToJuno, JunoV1));
        Assert.Equal((Amount)1_000_000, Tokens(_net.Juno, JunoV1));
        Assert.Equal(1_000_000UL, Power(_net.Juno, JunoV1));

        // 4. the ack turned the unstake into an unbonding claim maturing one cross-stake unbonding period later:
        //    the consumer's (2 days), as long as evidence against the juno validator stays valid
        var claim = Assert.Single(_net.ProviderAccount(_net.ToJuno, Alice).Unbonding);
        Assert.Equal((JunoV1.Value, (Amount)1000), (claim.Validator, claim.Amount));
        Assert.InRange(claim.ReleaseAt.Seconds - unstakedAt.Seconds, ConsumerUnbonding, ConsumerUnbonding + 60);  // the ack came a few blocks later
        Assert.Equal(new ProviderMsg.StakeResponse(JunoV1.Value, 0, 0, 0, 0), _net.ProviderStake(_net.ToJuno, JunoV1));

        // the lockup still holds the claim: nothing is free yet
        Assert.Equal((Amount)1000, _net.ClaimOf(Alice, _net.ToJuno));
        _net.Withdraw(Alice, 1).FailsWith<LockupError.ClaimsLocked>();

        // 5. a second before maturity unbond finds nothing to claim; at maturity it hands the claim back to the lockup
        _net.SkipUntil(claim.ReleaseAt.MinusSeconds(1));
        _net.Unbond(Alice, _net.ToJuno).FailsWith<ProviderError.NothingToClaim>();
        _net.SkipUntil(claim.ReleaseAt);
        _net.Unbond(Alice, _net.ToJuno).Succeeds();
        Assert.Empty(_net.ProviderAccount(_net.ToJuno, Alice).Unbonding);
        Assert.Empty(_net.LockupBalance(Alice).Claims);
        Assert.Equal((Amount)1000, _net.LockupBalance(Alice).Free);

        // 6. with no claim left, Alice withdraws all 1000: her bank balance is back where it started
        _net.Withdraw(Alice, 1000).Succeeds();
        Assert.Equal(UserBalance, _net.OsmoBalance(Alice));
        Assert.Equal((Amount)0, _net.OsmoBalance(_net.Lockup));
        Assert.Equal(_net.GenesisSupply, _net.Supply);
        Assert.Empty(_net.ConservationErrors());
    }

    [Fact]
    public void Unbond_hands_back_only_matured_claims_and_keeps_the_younger_ones()
    {
        _net.Bond(Alice, 1000).Succeeds();
        _net.GrantClaim(Alice, _net.ToJuno, JunoV1, 1000).Succeeds();
        _net.RelayAll();

        // two unstakes half a day apart
        _net.Unstake(Alice, _net.ToJuno, JunoV1, 300).Succeeds();
        _net.RelayAll();
        _net.SkipTime(Day / 2);
        _net.Unstake(Alice, _net.ToJuno, JunoV1, 200).Succeeds();
        _net.RelayAll();
        var claims = _net.ProviderAccount(_net.ToJuno, Alice).Unbonding;
        Assert.Equal([(Amount)300, (Amount)200], claims.Select(c => c.Amount).ToArray());

        // when the first matures only its 300 go back: the claim falls from 1000 to 700 and 300 are free
        _net.SkipUntil(claims[0].ReleaseAt);
        _net.Unbond(Alice, _net.ToJuno).Succeeds();
        Assert.Equal((Amount)700, _net.ClaimOf(Alice, _net.ToJuno));
        Assert.Equal((Amount)300, _net.LockupBalance(Alice).Free);
        _net.Withdraw(Alice, 301).FailsWith<LockupError.ClaimsLocked>();

        // the second one follows at its own maturity
        _net.SkipUntil(claims[1].ReleaseAt);
        _net.Unbond(Alice, _net.ToJuno).Succeeds();
        Assert.Equal((Amount)500, _net.ClaimOf(Alice, _net.ToJuno));
        Assert.Equal((Amount)500, _net.ProviderStake(_net.ToJuno, JunoV1).Tokens);
        Assert.Equal((Amount)500, _net.RemoteStake(_net.ToJuno, JunoV1).Amount);
        Assert.Equal((Amount)50, _net.MetaDelegation(_net.ToJuno, JunoV1));
    }

    [Fact]
    public void Unstaking_more_than_the_active_stake_fails_with_InsufficientStake_and_sends_nothing()
    {
        _net.Bond(Alice, 1000).Succeeds();
        _net.GrantClaim(Alice, _net.ToJuno, JunoV1, 400).Succeeds();

        // in flight does not count yet (P3), and after the ack 401 is one too many
        _net.Unstake(Alice, _net.ToJuno, JunoV1, 1).FailsWith<ProviderError.InsufficientStake>();
        _net.RelayAll();
        _net.Unstake(Alice, _net.ToJuno, JunoV1, 401).FailsWith<ProviderError.InsufficientStake>();
        Assert.Equal(0, InFlight(_net.ToJuno));
        Assert.Equal((Amount)400, _net.RemoteStake(_net.ToJuno, JunoV1).Amount);
    }
}
