using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Consumer.ConsumerFixture;

namespace MeshSecurity.Core.Tests.Contracts.Consumer;

public sealed class ConsumerHandshakeTests
{
    private readonly ConsumerFixture _f = new(connect: false);

    [Fact]
    public void Open_and_connect_bind_the_channel_and_send_nothing()
    {
        var open = _f.H.Ok(new ContractCall.ChannelOpen(ChannelEnd(), MeshProtocol.Version));
        var connect = _f.H.Ok(new ContractCall.ChannelConnect(ChannelEnd(), MeshProtocol.Version));
        Assert.Empty(open.Messages);
        Assert.Empty(connect.Messages);
        Assert.Equal(Channel, _f.H.Query<ConsumerMsg.ChannelResponse>(new ConsumerMsg.Query.Channel()).ChannelId);
    }

    [Fact]
    public void Open_fails_with_InvalidChannelVersion_when_the_version_is_wrong()
    {
        var error = _f.H.Fails(new ContractCall.ChannelOpen(ChannelEnd(version: "ics20-1"), null));
        Assert.Equal(new ConsumerError.InvalidChannelVersion("ics20-1"), error);
        Assert.Equal("Counterparty version must be 'mesh-security-v0.1'", error.Message);
    }

    [Fact]
    public void Open_try_fails_with_InvalidChannelVersion_when_the_counterparty_version_is_wrong()
    {
        var error = _f.H.Fails(new ContractCall.ChannelOpen(ChannelEnd(), "mesh-security-v0.2"));
        Assert.Equal(new ConsumerError.InvalidChannelVersion("mesh-security-v0.2"), error);
    }

    [Fact]
    public void Open_fails_with_InvalidChannelOrder_when_the_channel_is_ordered()
    {
        var error = _f.H.Fails(new ContractCall.ChannelOpen(ChannelEnd(order: IbcOrder.Ordered), null));
        Assert.Equal(new ConsumerError.InvalidChannelOrder(), error);
        Assert.Equal("Only supports unordered channels", error.Message);
    }

    [Fact]
    public void Open_fails_with_WrongConnection_when_the_connection_is_not_the_configured_one()
    {
        var error = _f.H.Fails(new ContractCall.ChannelOpen(ChannelEnd(connection: "connection-9"), null));
        Assert.Equal(new ConsumerError.WrongConnection(Connection), error);
        Assert.Equal("Unauthorized counterparty chain, awaiting connection 'connection-1'", error.Message);
    }

    [Fact]
    public void Open_fails_with_WrongPort_when_the_counterparty_port_is_not_the_provider()
    {
        var error = _f.H.Fails(new ContractCall.ChannelOpen(ChannelEnd(counterpartyPort: "wasm.osmo1intruder"), null));
        Assert.Equal(new ConsumerError.WrongPort(ProviderPort), error);
        Assert.StartsWith("Unauthorized counterparty port", error.Message);
    }

    [Fact]
    public void A_second_channel_is_refused_with_ChannelExists_at_open()
    {
        _f.Connect();
        var error = _f.H.Fails(new ContractCall.ChannelOpen(ChannelEnd("channel-5"), null));
        Assert.Equal(new ConsumerError.ChannelExists(Channel), error);
        Assert.Equal("Contract already has a bound channel: channel-1", error.Message);
    }

    [Fact]
    public void Of_two_handshakes_that_both_passed_open_only_the_first_connect_wins()
    {
        _f.H.Ok(new ContractCall.ChannelOpen(ChannelEnd("channel-1"), null));
        _f.H.Ok(new ContractCall.ChannelOpen(ChannelEnd("channel-5"), null));
        _f.H.Ok(new ContractCall.ChannelConnect(ChannelEnd("channel-1"), MeshProtocol.Version));
        var error = _f.H.Fails(new ContractCall.ChannelConnect(ChannelEnd("channel-5"), MeshProtocol.Version));
        Assert.Equal(new ConsumerError.ChannelExists("channel-1"), error);
    }

    [Fact]
    public void Connect_fails_with_InvalidChannelVersion_when_the_counterparty_answered_another_version()
    {
        _f.H.Ok(new ContractCall.ChannelOpen(ChannelEnd(), null));
        Assert.Equal(new ConsumerError.InvalidChannelVersion("v2"), _f.H.Fails(new ContractCall.ChannelConnect(ChannelEnd(), "v2")));
    }

    [Fact]
    public void Close_clears_the_channel_and_a_new_one_may_connect()
    {
        _f.Connect();
        _f.Stake(Validator, 1000);
        _f.H.Ok(new ContractCall.ChannelClose(ChannelEnd()));
        Assert.Null(_f.H.Query<ConsumerMsg.ChannelResponse>(new ConsumerMsg.Query.Channel()).ChannelId);
        Assert.Equal(1000UL, (ulong)_f.RemoteStake(Validator).Value);

        _f.Connect("channel-5");
        Assert.Equal("channel-5", _f.H.Query<ConsumerMsg.ChannelResponse>(new ConsumerMsg.Query.Channel()).ChannelId);
    }

    [Fact]
    public void Close_fails_with_UnknownChannel_for_a_channel_that_is_not_bound()
    {
        _f.Connect();
        Assert.Equal(new ConsumerError.UnknownChannel("channel-5"), _f.H.Fails(new ContractCall.ChannelClose(ChannelEnd("channel-5"))));
    }

    [Fact]
    public void Close_fails_with_UnknownChannel_when_no_channel_is_bound()
    {
        Assert.Equal(new ConsumerError.UnknownChannel(Channel), _f.H.Fails(new ContractCall.ChannelClose(ChannelEnd())));
    }
}
