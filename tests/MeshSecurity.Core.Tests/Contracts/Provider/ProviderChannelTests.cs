using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Contracts.Slasher;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Provider.ProviderFixture;

namespace MeshSecurity.Core.Tests.Contracts.Provider;

public sealed class ProviderChannelTests
{
    [Fact]
    public void Instantiate_creates_the_slasher_as_a_sub_message_replying_on_success()
    {
        var p = new ProviderFixture(connect: false);
        var sub = Assert.Single(p.InstantiateResponse.Messages);
        Assert.Equal(ProviderContract.SlasherReplyId, sub.Id);
        Assert.Equal(ReplyOn.Success, sub.ReplyOn);
        var msg = Assert.IsType<CosmosMsg.WasmInstantiate>(sub.Msg);
        Assert.Equal(SlasherContract.Code, msg.CodeId);
        Assert.Equal($"Slasher for {Self}", msg.Label);
        Assert.Equal(Self, msg.Admin);
        Assert.Equal(new SlasherMsg.Instantiate(Deployer.Value, Connection, UnbondingPeriod), msg.Msg);
    }

    [Fact]
    public void The_reply_stores_the_slasher_address()
    {
        var p = new ProviderFixture(connect: false);
        var config = p.Config();
        Assert.Equal(SlasherAddr, config.Slasher);
        Assert.Equal(LockupAddr, config.Lockup);
        Assert.Equal(Lifetime, config.PacketLifetime);
        Assert.Null(config.ChannelId);
        Assert.Same(MeshProfile.Intended, config.Profile);
    }

    [Fact]
    public void A_reply_with_another_id_fails_with_InvalidReplyId()
    {
        var p = new ProviderFixture(connect: false);
        var error = p.H.Fails(new ContractCall.HandleReply(new Reply(7, [], new InstantiateResult(SlasherAddr), null)));
        Assert.Equal(new ProviderError.InvalidReplyId(7), error);
    }

    [Fact]
    public void Connect_binds_the_channel_and_asks_for_the_validators()
    {
        var p = new ProviderFixture(connect: false);
        var r = p.Connect();
        var packet = Assert.Single(p.Sent(r));
        Assert.IsType<ProviderPacket.ListValidators>(Decode(packet));
        Assert.Equal(IbcTimeout.AtTime(p.H.Time.PlusSeconds(Lifetime)), packet.Timeout);
        Assert.Equal(Channel, p.Config().ChannelId);
    }

    [Theory]
    [InlineData("failure: unordered only")]
    [InlineData("failure: wrong version")]
    [InlineData("failure: wrong counterparty version")]
    [InlineData("failure: wrong connection")]
    public void ChannelOpen_refuses_a_channel_that_breaks_the_protocol(string label)
    {
        var p = new ProviderFixture(connect: false);
        var (channel, counterparty, expected) = label switch
        {
            "failure: unordered only" => Case(ChannelEnd(order: IbcOrder.Ordered), null, new ProviderError.InvalidChannelOrder()),
            "failure: wrong version" => Case(ChannelEnd(version: "ics20-1"), null, new ProviderError.InvalidChannelVersion()),
            "failure: wrong counterparty version" => Case(ChannelEnd(), "ics20-1", new ProviderError.InvalidChannelVersion()),
            _ => Case(ChannelEnd(connection: "connection-7"), null, new ProviderError.WrongConnection(Connection)),
        };
        Assert.Equal(expected, p.H.Fails(new ContractCall.ChannelOpen(channel, counterparty)));
        p.H.Ok(new ContractCall.ChannelOpen(ChannelEnd(), MeshProtocol.Version));    // success: the happy path
    }

    private static (IbcChannel, string?, MeshError) Case(IbcChannel channel, string? counterparty, MeshError expected) => (channel, counterparty, expected);

    [Fact]
    public void Error_messages_follow_the_seed_catalogue()
    {
        Assert.Equal("Only supports unordered channels", new ProviderError.InvalidChannelOrder().Message);
        Assert.Equal("Counterparty version must be 'mesh-security-v0.1'", new ProviderError.InvalidChannelVersion().Message);
        Assert.Equal("Unauthorized counterparty chain, awaiting connection 'connection-1'", new ProviderError.WrongConnection(Connection).Message);
        Assert.Equal("Contract already has a bound channel: channel-1", new ProviderError.ChannelExists(Channel).Message);
        Assert.Equal("Refuse to respond on unregistered channel 'channel-5'", new ProviderError.UnknownChannel("channel-5").Message);
        Assert.Equal("provider", new ProviderError.Unauthorized().Codespace);
    }

    [Fact]
    public void A_second_channel_fails_with_ChannelExists_at_open_and_at_connect()
    {
        var p = new ProviderFixture();
        Assert.Equal(new ProviderError.ChannelExists(Channel), p.H.Fails(new ContractCall.ChannelOpen(ChannelEnd("channel-2"), null)));
        Assert.Equal(new ProviderError.ChannelExists(Channel), p.H.Fails(new ContractCall.ChannelConnect(ChannelEnd("channel-2"), null)));
    }

    [Fact]
    public void Close_clears_the_channel_and_a_new_one_can_connect()
    {
        var p = new ProviderFixture();
        Assert.Equal(new ProviderError.UnknownChannel("channel-2"), p.H.Fails(new ContractCall.ChannelClose(ChannelEnd("channel-2"))));
        p.H.Ok(new ContractCall.ChannelClose(ChannelEnd()));
        Assert.Null(p.Config().ChannelId);
        Assert.IsType<ProviderError.NoChannel>(p.H.Fails(new ContractCall.ChannelClose(ChannelEnd())));
        Assert.Single(p.Sent(p.Connect("channel-2")));
        Assert.Equal("channel-2", p.Config().ChannelId);
    }

    [Fact]
    public void The_ListValidators_ack_adds_the_validators_as_active()
    {
        var p = new ProviderFixture();
        var list = p.H.Query<ProviderMsg.ListValidatorsResponse>(new ProviderMsg.Query.ListValidators());
        Assert.Equal([V1, V2, V3], list.Validators.Select(v => v.Address).ToArray());
        Assert.All(list.Validators, v => Assert.Equal(ProviderState.ValidatorStatus.Active, v.Status));
        Assert.Equal(new ProviderMsg.ValidatorResponse(V1, 0, ProviderState.ValidatorStatus.Active, Dec.One), p.Validator(V1));
    }

    [Fact]
    public void ListValidators_query_pages_with_an_exclusive_start_and_a_limit()
    {
        var p = new ProviderFixture();
        var page = p.H.Query<ProviderMsg.ListValidatorsResponse>(new ProviderMsg.Query.ListValidators(V1, 1));
        Assert.Equal([V2], page.Validators.Select(v => v.Address).ToArray());
        Assert.IsType<ProviderError.UnknownValidator>(Assert.Throws<MeshException>(() => p.Validator("junovaloper1nobody")).Error);
    }

    [Theory]
    [InlineData(true, 1000)]
    [InlineData(false, 0)]
    public void D4_a_ListValidators_ack_after_a_reconnect_keeps_or_wipes_known_validators(bool keepsExisting, ulong tokensAfter)
    {
        var p = new ProviderFixture(keepsExisting ? MeshProfile.Intended : MeshProfile.Prototype2022);
        p.StakeRemotely(Alice, 1000);
        p.H.Ok(new ContractCall.ChannelClose(ChannelEnd()));
        var list = p.Sent(p.Connect("channel-2")).Single();
        var r = p.AckOk(list, new ProviderPacketAck.ListValidators([V1]));
        Assert.Equal(ProviderEvents.AckListValidators, r.Attributes.Single(a => a.Key == ProviderEvents.ActionKey).Value);
        Assert.Equal((Amount)tokensAfter, p.Validator(V1).Tokens);
    }

    [Fact]
    public void ListValidators_is_resent_on_failure_up_to_five_times_then_given_up()
    {
        var p = new ProviderFixture(connect: false);
        var packet = p.Sent(p.Connect()).Single();
        for (var i = 0; i < MeshProtocol.ListValidatorsMaxRetries; i++)
        {
            var r = i % 2 == 0 ? p.AckError(packet) : p.Timeout(packet);
            Assert.Contains(r.Events, e => e.Type == ProviderEvents.ListValidatorsRetry);
            packet = p.Sent(r).Single();
            Assert.IsType<ProviderPacket.ListValidators>(Decode(packet));
        }
        var last = p.AckError(packet);
        Assert.Empty(last.Messages);
        Assert.Contains(last.Events, e => e.Type == ProviderEvents.ListValidatorsFail);

        // the budget is reset: a new channel gets five retries again
        p.H.Ok(new ContractCall.ChannelClose(ChannelEnd()));
        var fresh = p.Sent(p.Connect("channel-2")).Single();
        Assert.Single(p.Sent(p.AckError(fresh)));
    }

    [Fact]
    public void Receive_fails_with_UnknownChannel_from_another_channel()
    {
        var p = new ProviderFixture();
        var error = p.ReceiveFails(new ConsumerPacket.Rewards(V1, new Coin("ujuno", 1)), "channel-5");
        Assert.Equal(new ProviderError.UnknownChannel("channel-5"), error);
    }

    [Fact]
    public void Receive_fails_with_a_parse_error_for_a_malformed_packet()
    {
        var p = new ProviderFixture();
        var error = p.H.Fails(new ContractCall.PacketReceive(p.IncomingRaw("{\"slash_everyone\":{}}"u8.ToArray()), Relayer));
        Assert.IsType<StdError.ParseError>(error);
        Assert.IsType<StdError.ParseError>(p.H.Fails(new ContractCall.PacketReceive(p.IncomingRaw([1, 2, 3]), Relayer)));
    }

    [Fact]
    public void UpdateValidators_adds_removes_jails_unjails_and_tombstones()
    {
        var p = new ProviderFixture();
        var r = p.UpdateValidators(added: ["junovaloper1delta"], removed: [V1], jailed: [V2], tombstoned: [V3]);
        Assert.Equal(Acknowledgement.Success(new ConsumerPacketAck.UpdateValidators()), r.Acknowledgement);
        Assert.Equal(ProviderState.ValidatorStatus.Active, p.Validator("junovaloper1delta").Status);
        Assert.Equal(ProviderState.ValidatorStatus.Removed, p.Validator(V1).Status);
        Assert.Equal(ProviderState.ValidatorStatus.Jailed, p.Validator(V2).Status);
        Assert.Equal(ProviderState.ValidatorStatus.Tombstoned, p.Validator(V3).Status);

        // production: an unjail alone changes nothing; the validator is active again when it rejoins the set (an addition)
        p.UpdateValidators(added: [V1, V3], unjailed: [V2]);
        Assert.Equal(ProviderState.ValidatorStatus.Active, p.Validator(V1).Status);
        Assert.Equal(ProviderState.ValidatorStatus.Jailed, p.Validator(V2).Status);
        Assert.Equal(ProviderState.ValidatorStatus.Tombstoned, p.Validator(V3).Status);
        p.UpdateValidators(added: [V2]);
        Assert.Equal(ProviderState.ValidatorStatus.Active, p.Validator(V2).Status);
    }
}
