using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using static MeshSecurity.Core.Tests.Flows.MeshNetwork;

namespace MeshSecurity.Core.Tests.Flows;

/// <summary>
/// The slash warranty across the chains: Alice cross-stakes 1000 uosmo to juno's v1 and unstakes 400 while the juno
/// relayer is down; a minute later v1 double-signs and the evidence reaches the slasher (5 %). Juno still holds all
/// 1000 at the infraction, so all 1000 are slashed: the lien falls to 950, whether the unstake then commits or times out.
/// </summary>
public sealed class SlashWarrantyFlowTests
{
    private readonly MeshNetwork _net = new();

    public SlashWarrantyFlowTests()
    {
        _net.Bond(Alice, 1000).Succeeds();
        _net.GrantClaim(Alice, _net.ToJuno, JunoV1, 1000).Succeeds();
        _net.RelayAll();
        _net.Pause(_net.ToJuno);
        _net.Unstake(Alice, _net.ToJuno, JunoV1, 400).Succeeds();
        _net.SkipTime(60);

        var slash = _net.SubmitToSlasher(_net.ToJuno, _net.DoubleSign(_net.Juno, JunoV1)).Succeeds();
        var wasm = slash.Events.Single(e => e.Get(ProviderEvents.ActionKey) == ProviderEvents.Slash);
        Assert.Equal(("50", "1000"), (wasm.Get(ProviderEvents.AmountKey), wasm.Get(ProviderEvents.SlashableKey)));
        Assert.Equal((Amount)950, _net.ClaimOf(Alice, _net.ToJuno));
        Assert.Equal((Amount)950, _net.LockupBalance(Alice).Bonded);
        Assert.Equal(new ProviderMsg.StakeResponse(JunoV1.Value, 570, 0, 400, 0), _net.ProviderStake(_net.ToJuno, JunoV1));
    }

    [Fact]
    public void When_the_unstake_commits_the_claim_is_what_the_slash_left_and_the_lien_ends_at_570()
    {
        _net.Resume(_net.ToJuno);
        _net.RelayAll();

        // juno applied the Burn of 30 and the unstake of 400: both views at 570, and a claim of 380 (not 400)
        AssertViews(570);
        var claim = Assert.Single(_net.ProviderAccount(_net.ToJuno, Alice).Unbonding);
        Assert.Equal((Amount)380, claim.Amount);
        Assert.Equal((Amount)950, _net.ClaimOf(Alice, _net.ToJuno));

        _net.SkipUntil(claim.ReleaseAt);
        _net.Unbond(Alice, _net.ToJuno).Succeeds();
        Assert.Equal((Amount)570, _net.ClaimOf(Alice, _net.ToJuno));
        Assert.Equal((Amount)380, _net.LockupBalance(Alice).Free);
        Assert.Empty(_net.ConservationErrors());
    }

    [Fact]
    public void When_the_unstake_times_out_only_what_the_slash_left_returns_to_the_stake()
    {
        _net.SkipTime(PacketLifetime + 1);
        _net.Resume(_net.ToJuno);
        _net.RelayAll();

        // the 380 left of the unstake came back; juno, which never saw it, got Burns of 30 and 20: 950 on both sides
        AssertViews(950);
        Assert.Empty(_net.ProviderAccount(_net.ToJuno, Alice).Unbonding);
        Assert.Equal((Amount)950, _net.ClaimOf(Alice, _net.ToJuno));
        Assert.Equal((Amount)950, _net.LockupBalance(Alice).Bonded);
        Assert.Empty(_net.ConservationErrors());
    }

    private void AssertViews(Amount expected)
    {
        Assert.Equal(0, InFlight(_net.ToJuno));
        Assert.Equal(new ProviderMsg.StakeResponse(JunoV1.Value, expected, 0, 0, 0), _net.ProviderStake(_net.ToJuno, JunoV1));
        Assert.Equal(expected, _net.RemoteStake(_net.ToJuno, JunoV1).Amount);
    }
}
