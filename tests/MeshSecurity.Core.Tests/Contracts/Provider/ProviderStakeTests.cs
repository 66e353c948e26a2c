using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Provider.ProviderFixture;

namespace MeshSecurity.Core.Tests.Contracts.Provider;

public sealed class ProviderStakeTests
{
    [Fact]
    public void ReceiveClaim_sends_Stake_and_changes_no_stake_until_the_ack()
    {
        var p = new ProviderFixture();
        var packet = p.ReceiveClaim(Alice, 1000);
        Assert.Equal(new ProviderPacket.Stake(V1, 1000, Alice.Value), Decode(packet));
        Assert.Equal(IbcTimeout.AtTime(p.H.Time.PlusSeconds(Lifetime)), packet.Timeout);
        Assert.Equal(new ProviderMsg.StakeResponse(V1, 0, 1000, 0, 0), p.Stake());
        Assert.Equal([new ProviderMsg.InFlightInfo(V1, 1000)], p.Account(Alice).InFlightStakes.ToArray());
        Assert.Null(p.StakeOf(Alice));
    }

    [Fact]
    public void The_Stake_ack_records_the_stake()
    {
        var p = new ProviderFixture();
        var r = p.StakeRemotely(Alice, 1000);
        Assert.Contains(r.Events, e => e.Type == ProviderEvents.AckStake);
        Assert.Empty(r.Messages);
        Assert.Equal(new ProviderMsg.StakeInfo(V1, 1000, 0), p.StakeOf(Alice));
        Assert.Equal(new ProviderMsg.StakeResponse(V1, 1000, 0, 0, 0), p.Stake());
        Assert.Equal((Amount)1000, p.Validator(V1).Tokens);
    }

    [Fact]
    public void ReceiveClaim_fails_with_Unauthorized_unless_sent_by_the_lockup()
    {
        var p = new ProviderFixture();
        var error = p.H.ExecuteFails(Alice, new ProviderMsg.Execute.ReceiveClaim(Alice.Value, 1000, V1));
        Assert.IsType<ProviderError.Unauthorized>(error);
        Assert.Equal("Unauthorized", error.Message);
    }

    [Fact]
    public void ReceiveClaim_fails_with_ZeroAmount_for_zero()
    {
        var p = new ProviderFixture();
        var error = p.H.ExecuteFails(LockupAddr, new ProviderMsg.Execute.ReceiveClaim(Alice.Value, 0, V1));
        Assert.IsType<ProviderError.ZeroAmount>(error);
        Assert.Equal("Cannot send zero tokens to any methods", error.Message);
    }

    [Fact]
    public void ReceiveClaim_fails_with_UnknownValidator_for_a_validator_never_listed()
    {
        var p = new ProviderFixture();
        var error = p.H.ExecuteFails(LockupAddr, new ProviderMsg.Execute.ReceiveClaim(Alice.Value, 1, "junovaloper1nobody"));
        Assert.Equal(new ProviderError.UnknownValidator("junovaloper1nobody"), error);
        Assert.Equal("Validator was never registered: junovaloper1nobody", error.Message);
    }

    [Theory]
    [InlineData("removed")]
    [InlineData("jailed")]
    [InlineData("tombstoned")]
    public void B6_ReceiveClaim_fails_with_RemovedValidator_unless_the_validator_is_active(string change)
    {
        var p = new ProviderFixture();
        _ = change switch
        {
            "removed" => p.UpdateValidators(removed: [V1]),
            "jailed" => p.UpdateValidators(jailed: [V1]),
            _ => p.UpdateValidators(tombstoned: [V1]),
        };
        var error = p.H.ExecuteFails(LockupAddr, new ProviderMsg.Execute.ReceiveClaim(Alice.Value, 1, V1));
        Assert.Equal(new ProviderError.RemovedValidator(V1), error);
        Assert.Equal("Validator was removed from valset: " + V1, error.Message);
    }

    [Fact]
    public void ReceiveClaim_fails_with_NoChannel_before_a_channel_is_bound()
    {
        var p = new ProviderFixture(connect: false);
        Assert.IsType<ProviderError.UnknownValidator>(p.H.ExecuteFails(LockupAddr, new ProviderMsg.Execute.ReceiveClaim(Alice.Value, 1, V1)));
        var q = new ProviderFixture();
        q.H.Ok(new ContractCall.ChannelClose(ChannelEnd()));
        Assert.IsType<ProviderError.NoChannel>(q.H.ExecuteFails(LockupAddr, new ProviderMsg.Execute.ReceiveClaim(Alice.Value, 1, V1)));
    }

    [Fact]
    public void ReceiveClaim_fails_with_InvalidAddress_for_a_malformed_owner_and_execute_refuses_funds()
    {
        var p = new ProviderFixture();
        Assert.IsType<StdError.InvalidAddress>(p.H.ExecuteFails(LockupAddr, new ProviderMsg.Execute.ReceiveClaim("Alice", 1, V1)));
        Assert.IsType<PaymentError.NonPayable>(p.H.ExecuteFails(Alice, new ProviderMsg.Execute.Unbond(), Coins.Of("uosmo", 1)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void D2_a_Stake_error_ack_hands_the_claim_back_to_the_lockup(bool releases)
    {
        var p = new ProviderFixture(releases ? MeshProfile.Intended : MeshProfile.Prototype2022);
        var r = p.AckError(p.ReceiveClaim(Alice, 1000));
        LockupMsg.Execute expected = releases
            ? new LockupMsg.Execute.ReleaseClaim(Alice.Value, 1000)
            : new LockupMsg.Execute.SlashClaim(Alice.Value, 1000);
        Assert.Equal([ToLockup(expected)], r.Messages.Select(m => m.Msg).ToArray());
        Assert.Contains(r.Events, e => e.Type == ProviderEvents.FailedStake);
        Assert.Equal(new ProviderMsg.StakeResponse(V1, 0, 0, 0, 0), p.Stake());
    }

    [Fact]
    public void A_Stake_timeout_is_handled_as_an_error_ack()
    {
        var p = new ProviderFixture(MeshProfile.Prototype2022);
        var r = p.Timeout(p.ReceiveClaim(Alice, 1000));
        Assert.Equal([ToLockup(new LockupMsg.Execute.SlashClaim(Alice.Value, 1000))], r.Messages.Select(m => m.Msg).ToArray());
    }

    [Fact]
    public void Unstake_takes_the_amount_out_of_the_stake_at_once_and_sends_Unstake()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 1000);
        var packet = p.Unstake(Alice, 400);
        Assert.Equal(new ProviderPacket.Unstake(V1, 400, Alice.Value), Decode(packet));
        Assert.Equal((Amount)600, p.TokensOf(Alice));
        Assert.Equal(new ProviderMsg.StakeResponse(V1, 600, 0, 400, 0), p.Stake());
        Assert.Equal([new ProviderMsg.InFlightInfo(V1, 400)], p.Account(Alice).InFlightUnstakes.ToArray());
    }

    [Fact]
    public void Unstake_fails_with_InsufficientStake_above_the_stake_including_what_is_in_flight()
    {
        var p = new ProviderFixture();
        Assert.IsType<ProviderError.InsufficientStake>(p.H.ExecuteFails(Alice, new ProviderMsg.Execute.Unstake(1, V1)));
        p.StakeRemotely(Alice, 1000);
        p.Unstake(Alice, 600);
        var error = p.H.ExecuteFails(Alice, new ProviderMsg.Execute.Unstake(401, V1));
        Assert.IsType<ProviderError.InsufficientStake>(error);
        Assert.Equal("Insufficient stake to withdraw this", error.Message);
    }

    [Fact]
    public void Unstake_fails_with_ZeroAmount_and_UnknownValidator()
    {
        var p = new ProviderFixture();
        Assert.IsType<ProviderError.ZeroAmount>(p.H.ExecuteFails(Alice, new ProviderMsg.Execute.Unstake(0, V1)));
        Assert.IsType<ProviderError.UnknownValidator>(p.H.ExecuteFails(Alice, new ProviderMsg.Execute.Unstake(1, "junovaloper1nobody")));
    }

    [Fact]
    public void B6_Unstake_is_allowed_from_a_tombstoned_validator()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 1000);
        p.UpdateValidators(tombstoned: [V1]);
        Assert.Equal(new ProviderPacket.Unstake(V1, 1000, Alice.Value), Decode(p.Unstake(Alice, 1000)));
    }

    [Fact]
    public void The_Unstake_ack_creates_an_unbonding_claim_that_matures_after_the_unbonding_period()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 1000);
        var packet = p.Unstake(Alice, 400);
        p.SkipTime(10);
        p.AckOk(packet, new ProviderPacketAck.Unstake());
        Assert.Equal([new ProviderMsg.UnbondingInfo(V1, 400, p.H.Time.PlusSeconds(UnbondingPeriod))], p.Account(Alice).Unbonding.ToArray());
        Assert.Empty(p.Account(Alice).InFlightUnstakes);

        p.SkipTime(UnbondingPeriod - 1);
        var error = p.H.ExecuteFails(Alice, new ProviderMsg.Execute.Unbond());
        Assert.IsType<ProviderError.NothingToClaim>(error);
        Assert.Equal("No tokens are ready to be unbonded", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void D1_Unbond_hands_matured_claims_back_to_the_lockup(bool releases)
    {
        var p = new ProviderFixture(releases ? MeshProfile.Intended : MeshProfile.Prototype2022);
        p.StakeRemotely(Alice, 1000);
        p.UnstakeAcked(Alice, 300);
        p.UnstakeAcked(Alice, 200);
        p.SkipTime(UnbondingPeriod);
        var r = p.H.Execute(Alice, new ProviderMsg.Execute.Unbond());
        LockupMsg.Execute expected = releases
            ? new LockupMsg.Execute.ReleaseClaim(Alice.Value, 500)
            : new LockupMsg.Execute.SlashClaim(Alice.Value, 500);
        Assert.Equal([ToLockup(expected)], r.Messages.Select(m => m.Msg).ToArray());
        Assert.Empty(p.Account(Alice).Unbonding);
    }

    [Fact]
    public void A_failed_Unstake_puts_the_amount_back_into_the_stake()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 1000);
        var r = p.AckError(p.Unstake(Alice, 400));
        Assert.Empty(r.Messages);
        Assert.Contains(r.Events, e => e.Type == ProviderEvents.FailedUnstake);
        Assert.Equal(new ProviderMsg.StakeInfo(V1, 1000, 0), p.StakeOf(Alice));
        Assert.Equal(new ProviderMsg.StakeResponse(V1, 1000, 0, 0, 0), p.Stake());

        p.Timeout(p.Unstake(Alice, 1000));
        Assert.Equal((Amount)1000, p.TokensOf(Alice));
    }

    [Fact]
    public void An_Unstake_ack_with_no_in_flight_record_fails_with_UnknownInFlight()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 1000);
        var packet = p.Unstake(Alice, 400);
        p.AckOk(packet, new ProviderPacketAck.Unstake());
        Assert.IsType<ProviderError.UnknownInFlight>(p.H.Fails(new ContractCall.PacketAck(packet, Acknowledgement.Success(new ProviderPacketAck.Unstake()), Relayer)));
    }

    [Fact]
    public void Stakes_of_two_owners_are_kept_apart_and_sum_in_the_stake_query()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 600);
        p.StakeRemotely(Bob, 400);
        p.StakeRemotely(Alice, 100, V2);
        Assert.Equal((Amount)1000, p.Stake(V1).Tokens);
        Assert.Equal((Amount)100, p.Stake(V2).Tokens);
        Assert.Equal([V1, V2], p.Account(Alice).Staked.Select(s => s.Validator).ToArray());
    }
}
