using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Tests.Support;
using static MeshSecurity.Core.Tests.Contracts.Consumer.ConsumerFixture;

namespace MeshSecurity.Core.Tests.Contracts.Consumer;

public sealed class ConsumerInstantiateTests
{
    [Fact]
    public void Config_query_answers_the_instantiate_message_with_the_default_packet_lifetime()
    {
        var f = new ConsumerFixture(connect: false);
        var config = f.H.Query<ConsumerMsg.ConfigResponse>(new ConsumerMsg.Query.Config());
        Assert.Equal(new ConsumerMsg.ProviderInfo(ProviderPort, Connection), config.Provider);
        Assert.Equal(Dec.Parse("0.1"), config.RemoteToLocalExchangeRate);
        Assert.Equal(MetaStakingAddr, config.MetaStakingContractAddress);
        Assert.Equal(Ics20Channel, config.Ics20Channel);
        Assert.Equal(MeshProtocol.DefaultPacketLifetimeSeconds, config.PacketLifetime);
    }

    [Fact]
    public void Provider_address_is_derived_from_the_port_after_its_last_dot()
    {
        var f = new ConsumerFixture(connect: false);
        Assert.Equal("osmo1provider", f.H.Query<ConsumerMsg.ConfigResponse>(new ConsumerMsg.Query.Config()).ProviderAddress);
    }

    [Fact]
    public void An_explicit_provider_address_and_packet_lifetime_win_over_the_defaults()
    {
        var f = new ConsumerFixture(connect: false, instantiate: Instantiate() with { ProviderAddress = "osmo1other", PacketLifetime = 60 });
        var config = f.H.Query<ConsumerMsg.ConfigResponse>(new ConsumerMsg.Query.Config());
        Assert.Equal("osmo1other", config.ProviderAddress);
        Assert.Equal(60UL, config.PacketLifetime);
    }

    [Theory]
    [InlineData("nodots")]
    [InlineData("wasm.")]
    public void Instantiate_fails_with_ProviderAddrParsing_when_the_port_has_no_address(string port)
    {
        var h = new ContractHarness(new ConsumerContract(), Self, new MockQuerier());
        var msg = Instantiate() with { Provider = new ConsumerMsg.ProviderInfo(port, Connection) };
        var error = h.Fails(new Wasm.ContractCall.Instantiate(Wasm.MessageInfo.From(Governance), msg));
        Assert.Equal(new ConsumerError.ProviderAddrParsing(port), error);
    }

    [Fact]
    public void Instantiate_fails_when_the_meta_staking_address_is_invalid()
    {
        var h = new ContractHarness(new ConsumerContract(), Self, new MockQuerier());
        var error = h.Fails(new Wasm.ContractCall.Instantiate(Wasm.MessageInfo.From(Governance), Instantiate() with { MetaStakingContractAddress = "cosmos1abcdefgh" }));
        Assert.Equal("InvalidAddress", error.Kind);
    }

    [Fact]
    public void Instantiate_reads_the_seed_json_with_its_field_names()
    {
        var json = """{"provider":{"port_id":"wasm.osmo1provider","connection_id":"connection-1"},"remote_to_local_exchange_rate":"0.1","meta_staking_contract_address":"META","ics20_channel":"channel-2"}"""
            .Replace("META", MetaStakingAddr.Value);
        var msg = Wire.Decode<ConsumerMsg.Instantiate>(System.Text.Encoding.UTF8.GetBytes(json));
        Assert.Equal(Instantiate(), msg);
    }

    [Fact]
    public void Channel_query_is_empty_before_connect()
    {
        var f = new ConsumerFixture(connect: false);
        Assert.Null(f.H.Query<ConsumerMsg.ChannelResponse>(new ConsumerMsg.Query.Channel()).ChannelId);
    }
}
