using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using static MeshSecurity.Core.Tests.Flows.MeshNetwork;

namespace MeshSecurity.Core.Tests.Flows;

/// <summary>
/// D2: a Stake the consumer never applied (the packet timed out, or the consumer refused it with an error ack) gives
/// the claim back to the lockup, exactly once, however often the relayers repeat themselves.
/// </summary>
public sealed class PacketFailureFlowTests
{
    private readonly MeshNetwork _net = new();

    [Fact]
    public void A_Stake_packet_that_times_out_releases_the_claim_exactly_once()
    {
        var start = _net.Osmosis.Height;
        _net.Bond(Alice, 1000).Succeeds();

        // the juno relayer is down when Alice cross-stakes: the claim is taken, the Stake packet waits
        _net.Pause(_net.ToJuno);
        _net.GrantClaim(Alice, _net.ToJuno, JunoV1, 1000).Succeeds();
        Assert.Equal((Amount)0, _net.LockupBalance(Alice).Free);
        Assert.Equal((Amount)1000, _net.ProviderStake(_net.ToJuno, JunoV1).InFlightStake);

        // the packet's lifetime (one hour) passes on juno before the relayer comes back
        _net.SkipTime(PacketLifetime + 1);
        _net.Resume(_net.ToJuno);
        var relayed = _net.RelayAll();
        Assert.Equal((0, 1), (relayed.Received, relayed.TimedOut));

        // the provider released the claim: all 1000 are free again; juno never saw the stake
        AssertClaimReleasedOnce(start, 1000);
        Assert.Equal((Amount)0, _net.RemoteStake(_net.ToJuno, JunoV1).Amount);
        Assert.Equal((Amount)1_000_000, Tokens(_net.Juno, JunoV1));

        // a second relayer proves the same timeout again: nothing happens
        var packet = LastTimedOut(_net.ToJuno.MeshPath.A)!;
        var before = ChainSnapshot.Of(_net.Osmosis);
        var replay = _net.ReplayTimeout(_net.ToJuno.MeshPath.A, _net.ToJuno.MeshPath.B, packet).Succeeds();
        Assert.Empty(replay.Events);
        before.AssertUnchangedButForBlocks("a replayed timeout");
        _net.RelayAll();
        AssertClaimReleasedOnce(start, 1000);

        // and Alice can take everything out
        _net.Withdraw(Alice, 1000).Succeeds();
        Assert.Equal(UserBalance, _net.OsmoBalance(Alice));
    }

    [Fact]
    public void A_Stake_refused_because_meta_staking_is_out_of_funds_is_error_acked_and_releases_the_claim_exactly_once()
    {
        // 9,000,000 uosmo cross-staked take 900,000 of meta-staking's 1,000,000 ujuno
        _net.Bond(Alice, 11_000_000).Succeeds();
        _net.GrantClaim(Alice, _net.ToJuno, JunoV1, 9_000_000).Succeeds();
        _net.RelayAll();
        Assert.Equal((Amount)900_000, _net.MetaDelegation(_net.ToJuno, JunoV1));
        var start = _net.Osmosis.Height;

        // 2,000,000 more would need 200,000 ujuno: meta-staking refuses, the consumer rolls back and writes an error ack
        _net.GrantClaim(Alice, _net.ToJuno, JunoV2, 2_000_000).Succeeds();
        Assert.Equal((Amount)11_000_000, _net.ClaimOf(Alice, _net.ToJuno));   // one provider, one claim: 9M + 2M
        Assert.Equal((Amount)0, _net.LockupBalance(Alice).Free);
        var relayed = _net.RelayAll();
        Assert.Equal((1, 0), (relayed.Received, relayed.TimedOut));

        // the error ack released the 2,000,000 claim; juno's v2 got nothing, the 9,000,000 on v1 stand
        AssertClaimReleasedOnce(start, 2_000_000);
        Assert.Equal((Amount)9_000_000, _net.ClaimOf(Alice, _net.ToJuno));
        Assert.Equal((Amount)2_000_000, _net.LockupBalance(Alice).Free);
        Assert.Equal(new ProviderMsg.StakeResponse(JunoV2.Value, 0, 0, 0, 0), _net.ProviderStake(_net.ToJuno, JunoV2));
        Assert.Equal((Amount)0, _net.RemoteStake(_net.ToJuno, JunoV2).Amount);
        Assert.Equal((Amount)1_000_000, Tokens(_net.Juno, JunoV2));
        Assert.Equal((Amount)9_000_000, _net.RemoteStake(_net.ToJuno, JunoV1).Amount);

        // a second relayer delivers the same packet and the same error ack again: no second effect on either chain
        var (provider, consumer) = (_net.ToJuno.MeshPath.A, _net.ToJuno.MeshPath.B);
        var packet = LastAcknowledged(provider)!;
        var junoBefore = ChainSnapshot.Of(_net.Juno);
        Assert.Empty(_net.ReplayReceive(consumer, packet).Succeeds().Events);
        junoBefore.AssertUnchangedButForBlocks("a replayed Stake");
        var osmosisBefore = ChainSnapshot.Of(_net.Osmosis);
        Assert.Empty(_net.ReplayAcknowledge(provider, consumer, packet).Succeeds().Events);
        osmosisBefore.AssertUnchangedButForBlocks("a replayed error ack");
        AssertClaimReleasedOnce(start, 2_000_000);
        Assert.Equal((Amount)9_000_000, _net.ClaimOf(Alice, _net.ToJuno));
    }

    [Fact]
    public void The_relayer_times_out_a_packet_whose_timeout_passed_since_the_destination_last_block()
    {
        _net.Bond(Alice, 1000).Succeeds();
        _net.Pause(_net.ToJuno);
        _net.GrantClaim(Alice, _net.ToJuno, JunoV1, 1000).Succeeds();

        // the clock passes the packet's timeout, but juno has produced no block since
        _net.SkipTime(PacketLifetime + 1);
        Assert.True(_net.Juno.Time < _net.Coord.Now);
        _net.Resume(_net.ToJuno);

        var relayed = _net.ToJuno.MeshPath.Relay();
        Assert.Equal((0, 1, 0), (relayed.Received, relayed.TimedOut, relayed.Failed));
        Assert.Equal(0, InFlight(_net.ToJuno));
    }

    /// <summary>Since <paramref name="sinceHeight"/>: one failed_stake on the juno provider and one release_claim of <paramref name="amount"/>.</summary>
    private void AssertClaimReleasedOnce(ulong sinceHeight, Amount amount)
    {
        var failed = EventsSince(_net.Osmosis, sinceHeight).Where(e => e.Type == "wasm-" + ProviderEvents.FailedStake).ToList();
        Assert.Equal(_net.ToJuno.ProviderContract.Value, Assert.Single(failed).Get("_contract_address"));
        var release = Assert.Single(_net.LockupActions(LockupEvents.ReleaseClaim, sinceHeight));
        Assert.Equal((Alice.Value, amount.ToString(), _net.ToJuno.ProviderContract.Value),
            (release.Get(LockupEvents.OwnerKey), release.Get(LockupEvents.AmountKey), release.Get(LockupEvents.LienholderKey)));
        Assert.Equal(0, InFlight(_net.ToJuno));
    }
}
