using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Testing;
using static MeshSecurity.Core.Tests.Flows.MeshNetwork;

namespace MeshSecurity.Core.Tests.Flows;

/// <summary>
/// The seed README's "Claiming tokens" example, on three real providers (osmosis → juno, stars and gaia): "put in 1000
/// OSMO, provide 700, 500 and 300 to various providers, pull out 300; once the claim of 700 is released, pull out 200 more".
/// </summary>
public sealed class ClaimsExampleTests
{
    private readonly MeshNetwork _net = new(withGaia: true);

    [Fact]
    public void Bond_1000_claims_700_500_300_withdraw_300_then_200_more_after_the_700_claim_is_released()
    {
        var juno = _net.ToJuno;
        var stars = _net.ToStars;
        var gaia = _net.ToGaia!;

        // 1000 in, then claims of 700, 500 and 300 on three providers: free = 1000 − max claim = 300
        _net.Bond(Alice, 1000).Succeeds();
        _net.GrantClaim(Alice, juno, JunoV1, 700).Succeeds();
        _net.GrantClaim(Alice, stars, StarsV1, 500).Succeeds();
        _net.GrantClaim(Alice, gaia, GaiaV1, 300).Succeeds();
        _net.RelayAll();
        AssertLockup(bonded: 1000, free: 300, (juno, 700), (stars, 500), (gaia, 300));
        Assert.Equal((Amount)70, _net.MetaDelegation(juno, JunoV1));
        Assert.Equal((Amount)50, _net.MetaDelegation(stars, StarsV1));
        Assert.Equal((Amount)30, _net.MetaDelegation(gaia, GaiaV1));

        // she can pull out 300, and not one more
        _net.Withdraw(Alice, 300).Succeeds();
        Assert.Equal(new LockupError.ClaimsLocked(0), _net.Withdraw(Alice, 1).FailsWith<LockupError.ClaimsLocked>());
        AssertLockup(bonded: 700, free: 0, (juno, 700), (stars, 500), (gaia, 300));

        // release the 700 claim: unstake on the juno provider, relay, wait out the unbonding period, unbond
        _net.Unstake(Alice, juno, JunoV1, 700).Succeeds();
        _net.RelayAll();
        Assert.Equal((Amount)0, _net.MetaDelegation(juno, JunoV1));
        var matures = Assert.Single(_net.ProviderAccount(juno, Alice).Unbonding).ReleaseAt;
        _net.Withdraw(Alice, 1).FailsWith<LockupError.ClaimsLocked>();        // unbonding still holds the claim
        _net.SkipUntil(matures);
        _net.Unbond(Alice, juno).Succeeds();

        // the largest claim is now 500: 200 more are free, and not 201
        AssertLockup(bonded: 700, free: 200, (stars, 500), (gaia, 300));
        Assert.Equal(new LockupError.ClaimsLocked(200), _net.Withdraw(Alice, 201).FailsWith<LockupError.ClaimsLocked>());
        _net.Withdraw(Alice, 200).Succeeds();
        AssertLockup(bonded: 500, free: 0, (stars, 500), (gaia, 300));
        Assert.Equal(UserBalance - 500, _net.OsmoBalance(Alice));

        // the other two cross-stakes were never touched
        Assert.Equal((Amount)500, _net.RemoteStake(stars, StarsV1).Amount);
        Assert.Equal((Amount)300, _net.RemoteStake(gaia, GaiaV1).Amount);
        Assert.Empty(_net.ConservationErrors());
    }

    private void AssertLockup(Amount bonded, Amount free, params (MeshLink Link, ulong Amount)[] claims)
    {
        var b = _net.LockupBalance(Alice);
        Assert.Equal((bonded, free), (b.Bonded, b.Free));
        Assert.Equal(claims.Select(c => new LockupMsg.ClaimResponse(c.Link.ProviderContract, c.Amount)).ToArray(), b.Claims.ToArray());
    }
}
