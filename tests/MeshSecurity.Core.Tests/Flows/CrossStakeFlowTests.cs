using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using static MeshSecurity.Core.Tests.Flows.MeshNetwork;

namespace MeshSecurity.Core.Tests.Flows;

/// <summary>The seed README's "Cross-staking" flow, end to end over osmosis → juno and osmosis → stars.</summary>
public sealed class CrossStakeFlowTests
{
    private readonly MeshNetwork _net = new();

    [Fact]
    public void A_claim_granted_to_the_juno_provider_becomes_delegation_on_the_juno_validator()
    {
        // 1. Alice locks 1000 uosmo in the lockup on osmosis
        _net.Bond(Alice, 1000).Succeeds();
        Assert.Equal(UserBalance - 1000, _net.OsmoBalance(Alice));
        Assert.Equal((Amount)1000, _net.OsmoBalance(_net.Lockup));

        // 2. she cross-stakes 700 of them to juno's v1 through the juno provider: the claim counts at once
        _net.GrantClaim(Alice, _net.ToJuno, JunoV1, 700).Succeeds();
        Assert.Equal((Amount)300, _net.LockupBalance(Alice).Free);
        Assert.Equal((Amount)700, _net.ProviderStake(_net.ToJuno, JunoV1).InFlightStake);
        Assert.Equal((Amount)0, _net.ProviderStake(_net.ToJuno, JunoV1).Tokens);   // counts only on the ack (P3)

        // 3. the relayer carries the Stake packet: the consumer records 700 and meta-staking delegates floor(700 × 0.1)
        _net.RelayAll();
        Assert.Equal((Amount)700, _net.RemoteStake(_net.ToJuno, JunoV1).Amount);
        Assert.Equal((Amount)70, _net.RemoteStake(_net.ToJuno, JunoV1).LocalAmount);
        Assert.Equal((Amount)70, _net.MetaDelegation(_net.ToJuno, JunoV1));

        // 4. ... so v1's tokens and voting power on juno rise by 70, and the ack makes the stake count on the provider
        Assert.Equal((Amount)1_000_070, Tokens(_net.Juno, JunoV1));
        Assert.Equal(1_000_070UL, Power(_net.Juno, JunoV1));
        Assert.Equal(new ProviderMsg.StakeResponse(JunoV1.Value, 700, 0, 0, 0), _net.ProviderStake(_net.ToJuno, JunoV1));
        Assert.Equal((Amount)(StakingFunds - 70), _net.Juno.Balance(_net.ToJuno.MetaStaking, "ujuno"));

        // the tokens never left the lockup: 1000 bonded, one claim of 700, 300 free
        var lockup = _net.LockupBalance(Alice);
        Assert.Equal(((Amount)1000, (Amount)300), (lockup.Bonded, lockup.Free));
        Assert.Equal([new LockupMsg.ClaimResponse(_net.ToJuno.ProviderContract, 700)], lockup.Claims.ToArray());
        Assert.Equal((Amount)1000, _net.OsmoBalance(_net.Lockup));
        Assert.Empty(_net.ConservationErrors());
    }

    [Fact]
    public void The_same_locked_tokens_back_stake_on_juno_and_stars_at_once_and_free_is_bonded_minus_the_largest_claim()
    {
        _net.Bond(Alice, 1000).Succeeds();

        // the same 1000 uosmo secure both consumers: 800 on juno's v2, 600 on stars' v1
        _net.GrantClaim(Alice, _net.ToJuno, JunoV2, 800).Succeeds();
        _net.GrantClaim(Alice, _net.ToStars, StarsV1, 600).Succeeds();
        _net.RelayAll();

        Assert.Equal((Amount)200, _net.LockupBalance(Alice).Free);                       // 1000 − max(800, 600)
        Assert.Equal((Amount)800, _net.ProviderStake(_net.ToJuno, JunoV2).Tokens);
        Assert.Equal((Amount)800, _net.RemoteStake(_net.ToJuno, JunoV2).Amount);
        Assert.Equal((Amount)80, _net.MetaDelegation(_net.ToJuno, JunoV2));
        Assert.Equal((Amount)1_000_080, Tokens(_net.Juno, JunoV2));
        Assert.Equal((Amount)600, _net.ProviderStake(_net.ToStars, StarsV1).Tokens);
        Assert.Equal((Amount)600, _net.RemoteStake(_net.ToStars, StarsV1).Amount);
        Assert.Equal((Amount)60, _net.MetaDelegation(_net.ToStars, StarsV1));
        Assert.Equal(1_000_060UL, Power(_net.Stars, StarsV1));

        // a claim beyond bonded is refused and reverts: nothing is sent to stars
        _net.GrantClaim(Alice, _net.ToStars, StarsV1, 401).FailsWith<LockupError.InsufficientBalance>();
        Assert.Equal(0, InFlight(_net.ToStars));
        Assert.Equal((Amount)600, _net.ClaimOf(Alice, _net.ToStars));
    }

    [Fact]
    public void Rounding_is_per_validator_total_so_two_small_stakes_delegate_the_floor_of_their_sum()
    {
        // 15 and 15 uosmo are 1.5 ujuno each: B9 delegates floor(30 × 0.1) = 3, not 1 + 1
        _net.Bond(Alice, 15).Succeeds();
        _net.Bond(Bob, 15).Succeeds();
        _net.GrantClaim(Alice, _net.ToJuno, JunoV1, 15).Succeeds();
        _net.RelayAll();
        Assert.Equal((Amount)1, _net.MetaDelegation(_net.ToJuno, JunoV1));

        _net.GrantClaim(Bob, _net.ToJuno, JunoV1, 15).Succeeds();
        _net.RelayAll();
        Assert.Equal((Amount)30, _net.RemoteStake(_net.ToJuno, JunoV1).Amount);
        Assert.Equal((Amount)3, _net.MetaDelegation(_net.ToJuno, JunoV1));
        Assert.Equal((Amount)1_000_003, Tokens(_net.Juno, JunoV1));
    }
}
