using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Staking;
using static MeshSecurity.Core.Tests.Flows.MeshNetwork;

namespace MeshSecurity.Core.Tests.Flows;

/// <summary>
/// The seed README's "Features to add": the lockup also stakes locked tokens on osmosis itself; that stake is one more
/// claim, and a slash of the osmosis validator reaches the cross-stakes through the lockup.
/// </summary>
public sealed class LocalStakingFlowTests
{
    private readonly MeshNetwork _net = new();

    [Fact]
    public void Local_stake_counts_as_a_claim_so_free_falls()
    {
        _net.Bond(Alice, 1000).Succeeds();
        _net.StakeLocally(Alice, OsmoV1, 800).Succeeds();

        // the lockup delegates 800 of its uosmo to osmosis' v1 and holds a claim of 800 under its own address
        var b = _net.LockupBalance(Alice);
        Assert.Equal(((Amount)1000, (Amount)200), (b.Bonded, b.Free));
        Assert.Equal([new LockupMsg.ClaimResponse(_net.Lockup, 800)], b.Claims.ToArray());
        Assert.Equal((Amount)800, _net.Osmosis.State.DelegationTokens(_net.Lockup, OsmoV1));
        Assert.Equal((Amount)200, _net.OsmoBalance(_net.Lockup));
        Assert.Equal((Amount)1_000_800, Tokens(_net.Osmosis, OsmoV1));

        // the same tokens can still be cross-staked up to bonded; free is bonded − max claim
        _net.GrantClaim(Alice, _net.ToJuno, JunoV1, 1000).Succeeds();
        Assert.Equal((Amount)0, _net.LockupBalance(Alice).Free);
        _net.Withdraw(Alice, 1).FailsWith<LockupError.ClaimsLocked>();
        _net.StakeLocally(Alice, OsmoV1, 201).FailsWith<LockupError.InsufficientBalance>();
    }

    [Fact]
    public void A_double_sign_of_the_osmosis_validator_cuts_the_cross_stakes_above_the_new_bonded()
    {
        // Alice: 1000 locked, 800 staked on osmosis' v1, 1000 cross-staked to juno's v1, 500 to stars' v1
        _net.Bond(Alice, 1000).Succeeds();
        _net.StakeLocally(Alice, OsmoV1, 800).Succeeds();
        _net.GrantClaim(Alice, _net.ToJuno, JunoV1, 1000).Succeeds();
        _net.GrantClaim(Alice, _net.ToStars, StarsV1, 500).Succeeds();
        _net.RelayAll();
        var supply = _net.Supply;

        // osmosis' v1 double-signs; the evidence goes to osmosis' own evidence module, which slashes 5% of 1,000,800
        var evidence = _net.DoubleSign(_net.Osmosis, OsmoV1);
        _net.SubmitToChain(_net.Osmosis, evidence).Succeeds();
        Assert.Equal(supply - 50_040, _net.Supply);
        Assert.Equal((Amount)950_760, Tokens(_net.Osmosis, OsmoV1));

        // the chain's slash hook reached the lockup in the same block: Alice's local stake lost ceil(800 × 5%) = 40
        var b = _net.LockupBalance(Alice);
        Assert.Equal(((Amount)960, (Amount)0), (b.Bonded, b.Free));
        Assert.Equal((Amount)760, _net.Osmosis.State.DelegationTokens(_net.Lockup, OsmoV1));
        Assert.Equal(
            [new LockupMsg.ClaimResponse(_net.Lockup, 760), new(_net.ToJuno.ProviderContract, 960), new(_net.ToStars.ProviderContract, 500)],
            b.Claims.ToArray());

        // propagation: the juno claim was cut from 1000 to bonded (960) and juno's v1 loses the 40; stars' 500 stands
        _net.RelayAll();
        Assert.Equal((Amount)960, _net.ProviderStake(_net.ToJuno, JunoV1).Tokens);
        Assert.Equal((Amount)960, _net.RemoteStake(_net.ToJuno, JunoV1).Amount);
        Assert.Equal((Amount)96, _net.MetaDelegation(_net.ToJuno, JunoV1));
        Assert.Equal((Amount)1_000_096, Tokens(_net.Juno, JunoV1));
        Assert.Equal((Amount)500, _net.ProviderStake(_net.ToStars, StarsV1).Tokens);
        Assert.Equal((Amount)500, _net.RemoteStake(_net.ToStars, StarsV1).Amount);
        Assert.Equal(1_000_050UL, Power(_net.Stars, StarsV1));
        Assert.Empty(_net.ConservationErrors());
    }
}
