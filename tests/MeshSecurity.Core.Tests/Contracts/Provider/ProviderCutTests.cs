using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Provider.ProviderFixture;

namespace MeshSecurity.Core.Tests.Contracts.Provider;

public sealed class ProviderCutTests
{
    [Fact]
    public void CutStake_fails_with_Unauthorized_unless_sent_by_the_lockup()
    {
        var p = new ProviderFixture();
        Assert.IsType<ProviderError.Unauthorized>(p.H.ExecuteFails(Alice, new ProviderMsg.Execute.CutStake(Alice.Value, 1)));
    }

    /// <summary>V1 100 and V2 50, cut 101: floor(101 / 2) = 50 each, the remaining 1 to V1 (the first that can take it).</summary>
    [Fact]
    public void A_cut_spreads_evenly_over_the_owners_validators_and_burns_on_the_consumer()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 100, V1);
        p.StakeRemotely(Alice, 50, V2);
        var r = p.Cut(Alice, 101);
        Assert.Equal([new ProviderPacket.Burn(V1, 51), new ProviderPacket.Burn(V2, 50)], SentPackets(r).ToArray());
        Assert.Empty(NonPackets(r));
        Assert.Equal((Amount)49, p.TokensOf(Alice, V1));
        Assert.Equal((Amount)0, p.TokensOf(Alice, V2));
        Assert.Equal("0", r.Attributes.Single(a => a.Key == ProviderEvents.UncoveredKey).Value);
    }

    [Theory]
    [InlineData(new ulong[] { 10, 10, 10 }, 8, new ulong[] { 4, 2, 2 })]
    [InlineData(new ulong[] { 5, 100 }, 60, new ulong[] { 5, 55 })]
    [InlineData(new ulong[] { 5, 5 }, 20, new ulong[] { 5, 5 })]
    [InlineData(new ulong[] { 3, 3, 3 }, 2, new ulong[] { 2, 0, 0 })]
    public void DistributeEvenly_floors_each_share_and_gives_the_rest_to_the_first_with_room(ulong[] capacities, ulong amount, ulong[] expected)
    {
        var cuts = ProviderContract.DistributeEvenly([.. capacities.Select(c => (Amount)c)], amount);
        Assert.Equal(expected.Select(e => (Amount)e).ToArray(), cuts.ToArray());
    }

    /// <summary>
    /// Exposure 240: active 100, claims 50 then 30, an in-flight unstake of 20 and an in-flight stake of 40. A cut of 230
    /// takes the active 100, the claims newest first (30, 50), the in-flight unstake (20) and 30 of the in-flight stake as debt.
    /// </summary>
    [Fact]
    public void A_cut_beyond_the_active_stake_takes_claims_then_in_flight_unstakes_then_in_flight_stakes()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 200);
        p.UnstakeAcked(Alice, 50);
        p.UnstakeAcked(Alice, 30);
        var unstake = p.Unstake(Alice, 20);
        var stake = p.ReceiveClaim(Alice, 40);

        var r = p.Cut(Alice, 230);
        Assert.Equal([new ProviderPacket.Burn(V1, 100)], SentPackets(r).ToArray());
        var account = p.Account(Alice);
        Assert.Empty(account.Unbonding);
        Assert.Equal([new ProviderMsg.InFlightInfo(V1, 0)], account.InFlightUnstakes.ToArray());
        Assert.Equal([new ProviderMsg.InFlightInfo(V1, 10)], account.InFlightStakes.ToArray());

        Assert.Empty(p.AckOk(unstake, new ProviderPacketAck.Unstake()).Messages);
        Assert.Empty(p.Account(Alice).Unbonding);

        var acked = p.AckOk(stake, new ProviderPacketAck.Stake());
        Assert.Equal([new ProviderPacket.Burn(V1, 30)], SentPackets(acked).ToArray());
        Assert.Equal((Amount)10, p.TokensOf(Alice));
        Assert.Equal((Amount)10, p.Stake().Tokens);
    }

    [Fact]
    public void A_failed_stake_with_debt_releases_only_what_the_cut_left()
    {
        var p = new ProviderFixture();
        var stake = p.ReceiveClaim(Alice, 40);
        p.Cut(Alice, 30);
        var r = p.AckError(stake);
        Assert.Equal([ToLockup(new LockupMsg.Execute.ReleaseClaim(Alice.Value, 10))], r.Messages.Select(m => m.Msg).ToArray());
    }

    [Fact]
    public void A_cut_above_the_exposure_reports_what_it_could_not_cover()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 100);
        var r = p.Cut(Alice, 130);
        Assert.Equal("30", r.Attributes.Single(a => a.Key == ProviderEvents.UncoveredKey).Value);
        Assert.Equal((Amount)0, p.TokensOf(Alice));
    }

    [Fact]
    public void A_timed_out_Burn_is_sent_again_with_a_new_timeout()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 100);
        var burn = p.Sent(p.Cut(Alice, 10)).Single();
        p.SkipTime(Lifetime);
        var r = p.Timeout(burn);
        var again = p.Sent(r).Single();
        Assert.Equal(new ProviderPacket.Burn(V1, 10), Decode(again));
        Assert.Equal(Ibc.IbcTimeout.AtTime(p.H.Time.PlusSeconds(Lifetime)), again.Timeout);
        Assert.Empty(p.AckOk(again, new ProviderPacketAck.Burn()).Messages);
    }

    [Fact]
    public void A_refused_Burn_is_kept_as_undelivered_and_sent_again_on_the_next_channel()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 100);
        var burn = p.Sent(p.Cut(Alice, 10)).Single();
        var r = p.AckError(burn);
        Assert.Empty(r.Messages);
        Assert.Equal(new ProviderMsg.StakeResponse(V1, 90, 0, 0, 10), p.Stake());

        p.H.Ok(new ContractCall.ChannelClose(ChannelEnd()));
        var sent = p.Sent(p.Connect("channel-2")).Select(Decode).ToArray();
        Assert.Equal([new ProviderPacket.ListValidators(), new ProviderPacket.Burn(V1, 10)], sent);
        Assert.Equal((Amount)0, p.Stake().UndeliveredBurn);
    }

    [Fact]
    public void A_cut_with_no_channel_keeps_the_burn_as_undelivered()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 100);
        p.H.Ok(new ContractCall.ChannelClose(ChannelEnd()));
        var r = p.Cut(Alice, 10);
        Assert.Empty(r.Messages);
        Assert.Equal((Amount)10, p.Stake().UndeliveredBurn);
    }
}
