using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Consumer.ConsumerFixture;

namespace MeshSecurity.Core.Tests.Contracts.Consumer;

public sealed class ConsumerRewardsTests
{
    private readonly ConsumerFixture _f = new();

    private ConsumerMsg.Execute.ReceiveRewards Msg => new(Validator);

    [Fact]
    public void Rewards_from_meta_staking_are_sent_as_a_rewards_packet_with_the_packet_lifetime()
    {
        var response = _f.ReceiveRewards(42);
        var send = Assert.IsType<CosmosMsg.IbcSendPacket>(Assert.Single(response.Messages).Msg);
        Assert.Equal(Channel, send.ChannelId);
        Assert.Equal(new ConsumerPacket.Rewards(Validator, new Coin(Denom, 42)), Wire.Decode<ConsumerPacket>(send.Data));
        Assert.Equal(IbcTimeout.AtTime(_f.H.Time.PlusSeconds(3600)), send.Timeout);
    }

    [Fact]
    public void Rewards_fail_with_Unauthorized_from_anyone_but_meta_staking()
    {
        var error = _f.H.ExecuteFails(Relayer, Msg, Coins.Of(Denom, 42));
        Assert.Equal(new ConsumerError.Unauthorized(), error);
    }

    [Fact]
    public void Rewards_fail_with_NoFunds_without_coins()
    {
        Assert.IsType<PaymentError.NoFunds>(_f.H.ExecuteFails(MetaStakingAddr, Msg));
    }

    [Fact]
    public void Rewards_fail_with_MultipleDenoms_with_two_coins()
    {
        var funds = Coins.Of(new Coin(Denom, 1), new Coin("uatom", 1));
        Assert.IsType<PaymentError.MultipleDenoms>(_f.H.ExecuteFails(MetaStakingAddr, Msg, funds));
    }

    [Fact]
    public void Rewards_fail_with_MissingDenom_in_another_denom()
    {
        Assert.Equal(new PaymentError.MissingDenom(Denom), _f.H.ExecuteFails(MetaStakingAddr, Msg, Coins.Of("uatom", 5)));
    }

    [Fact]
    public void Rewards_fail_with_NoChannel_before_a_channel_is_bound()
    {
        var f = new ConsumerFixture(connect: false);
        Assert.Equal(new ConsumerError.NoChannel(), f.H.ExecuteFails(MetaStakingAddr, Msg, Coins.Of(Denom, 5)));
    }

    [Fact]
    public void A_success_ack_sends_the_coins_over_ics20_to_the_provider_address()
    {
        var packet = _f.Sent(_f.ReceiveRewards(42));
        _f.H.Time = _f.H.Time.PlusSeconds(10);
        var response = _f.Ack(packet, Acknowledgement.Success(new ConsumerPacketAck.Rewards()));
        var transfer = Assert.IsType<CosmosMsg.IbcTransfer>(Assert.Single(response.Messages).Msg);
        Assert.Equal(new CosmosMsg.IbcTransfer(Ics20Channel, "osmo1provider", new Coin(Denom, 42), IbcTimeout.AtTime(_f.H.Time.PlusSeconds(3600))), transfer);
    }

    [Fact]
    public void An_error_ack_keeps_the_coins_reports_AckFailed_and_does_not_fail()
    {
        var packet = _f.Sent(_f.ReceiveRewards(42));
        var response = _f.Ack(packet, Acknowledgement.Failure("NoStakedTokens"));
        Assert.Empty(response.Messages);
        var e = Assert.Single(response.Events);
        Assert.Equal(ConsumerEvents.PacketFailed, e.Type);
        Assert.Equal(nameof(ConsumerError.AckFailed), e.Get(ConsumerEvents.KindKey));
        Assert.Equal("Acknowledgement failed: NoStakedTokens", e.Get(ConsumerEvents.ErrorKey));
        Assert.Equal([new ConsumerMsg.UndeliveredReward(Validator, Coins.Of(Denom, 42))],
            _f.H.Query<ConsumerMsg.UndeliveredRewardsResponse>(new ConsumerMsg.Query.UndeliveredRewards()).Rewards.ToArray());
    }

    [Fact]
    public void A_timeout_keeps_the_coins_and_reports_RewardsFailed()
    {
        var packet = _f.Sent(_f.ReceiveRewards(42));
        var response = _f.Timeout(packet);
        Assert.Empty(response.Messages);
        Assert.Equal(nameof(ConsumerError.RewardsFailed), Assert.Single(response.Events).Get(ConsumerEvents.KindKey));
        Assert.Equal("Rewards acknowledgement failed", Assert.Single(response.Events).Get(ConsumerEvents.ErrorKey));
    }

    [Fact]
    public void Kept_coins_ride_with_the_next_rewards_packet_of_that_validator()
    {
        _f.Timeout(_f.Sent(_f.ReceiveRewards(42)));
        _f.Timeout(_f.Sent(_f.ReceiveRewards(8)));
        var other = _f.Sent(_f.ReceiveRewards(3, Validator2));
        Assert.Equal(new ConsumerPacket.Rewards(Validator2, new Coin(Denom, 3)), Wire.Decode<ConsumerPacket>(other.Data));

        var packet = _f.Sent(_f.ReceiveRewards(5));
        Assert.Equal(new ConsumerPacket.Rewards(Validator, new Coin(Denom, 55)), Wire.Decode<ConsumerPacket>(packet.Data));
        Assert.Empty(_f.H.Query<ConsumerMsg.UndeliveredRewardsResponse>(new ConsumerMsg.Query.UndeliveredRewards()).Rewards.ToArray());

        var transfer = Assert.IsType<CosmosMsg.IbcTransfer>(Assert.Single(_f.Ack(packet, Acknowledgement.Success(new ConsumerPacketAck.Rewards())).Messages).Msg);
        Assert.Equal(new Coin(Denom, 55), transfer.Amount);
    }

    [Fact]
    public void The_execute_message_keeps_the_seed_wire_name()
    {
        Assert.Equal($$$"""{"mesh_consumer_recieve_rewards_msg":{"validator":"{{{Validator}}}"}}""", System.Text.Encoding.UTF8.GetString(Wire.Encode<ConsumerMsg.Execute>(Msg)));
        Assert.Equal(Msg, Wire.Decode<ConsumerMsg.Execute>(Wire.Encode<ConsumerMsg.Execute>(Msg)));
    }
}
