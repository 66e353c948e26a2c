using MeshSecurity.Core.Relaying;
using Akka.TestKit.Xunit2;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Ibc.Transfer;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Emulator.Network;
using Xunit.Abstractions;
using static MeshSecurity.Emulator.Tests.StandardMesh;

namespace MeshSecurity.Emulator.Tests;

/// <summary>
/// The mesh channel's handshake guards, exercised through the relayer: the contracts are instantiated by hand (as
/// <see cref="MeshNetwork.LinkAsync"/> does) and the relayer is asked to open a channel the contracts must refuse.
/// </summary>
public class HandshakeGuardTests : TestKit
{
    private readonly ITestOutputHelper _output;

    public HandshakeGuardTests(ITestOutputHelper output) : base(output: output) => _output = output;

    private sealed record Setup(MeshNetwork Net, ChannelEnds Transfer, Addr Lockup, Addr Meta);

    private async Task<Setup> PrepareAsync(MeshNetwork net)
    {
        await net.AddChainsAsync(Juno);
        var transfer = await net.OpenChannelAsync("osmosis-juno/transfer",
            new ChannelSpec(Osmosis, TransferModule.PortId, Juno, TransferModule.PortId, TransferModule.Version, Latency: RelayerLatency));
        return new Setup(net, transfer, await net.LockupAsync(Osmosis), await net.MetaStakingAsync(Juno));
    }

    private static Task<Addr> ProviderAsync(Setup s, string label = "mesh-provider") =>
        s.Net.InstantiateAsync(Osmosis, s.Net.Deployer(Osmosis), ProviderContract.Code,
            new ProviderMsg.Instantiate(new ProviderMsg.ConsumerInfo(s.Transfer.ConnectionA), new ProviderMsg.SlasherInfo(), s.Lockup.Value,
                UnbondingSeconds, "ibc/rewards"), label);

    private static Task<Addr> ConsumerAsync(Setup s, Addr provider, string? connection = null) =>
        s.Net.InstantiateAsync(Juno, s.Net.Gov(Juno), ConsumerContract.Code,
            new ConsumerMsg.Instantiate(new ConsumerMsg.ProviderInfo(WasmState.PortOf(provider), connection ?? s.Transfer.ConnectionB), RateOf(Juno),
                s.Meta.Value, s.Transfer.ChannelB, ProviderAddress: provider.Value), "mesh-consumer");

    /// <summary>A mesh channel from the provider's port (chain A) to the consumer's port (chain B) over the transfer channel's connection.</summary>
    private static ChannelSpec FromProvider(Setup s, Addr provider, Addr consumer, string version = MeshProtocol.Version, IbcOrder order = IbcOrder.Unordered) =>
        new(Osmosis, WasmState.PortOf(provider), Juno, WasmState.PortOf(consumer), version, order, RelayerLatency, Connection: s.Transfer);

    /// <summary>The same, initiated by the consumer (chain A is juno): the connection's ends are swapped.</summary>
    private static ChannelSpec FromConsumer(Setup s, Addr provider, Addr consumer, string version = MeshProtocol.Version, IbcOrder order = IbcOrder.Unordered)
    {
        var t = s.Transfer;
        var swapped = new ChannelEnds(t.ChainB, t.ClientB, t.ConnectionB, t.PortB, t.ChannelB, t.ChainA, t.ClientA, t.ConnectionA, t.PortA, t.ChannelA);
        return new(Juno, WasmState.PortOf(consumer), Osmosis, WasmState.PortOf(provider), version, order, RelayerLatency, Connection: swapped);
    }

    private async Task<ChannelRefusedException> RefusedAsync(MeshNetwork net, string channelId, ChannelSpec spec)
    {
        var refused = await Assert.ThrowsAsync<ChannelRefusedException>(() => net.OpenChannelAsync(channelId, spec));
        _output.WriteLine($"{channelId}: {refused.Step} refused: {refused.Error}");
        return refused;
    }

    private static async Task<string?> ConsumerChannelAsync(MeshNetwork net, Addr consumer) =>
        (await net.QueryAsync<ConsumerMsg.ChannelResponse>(Juno, consumer, new ConsumerMsg.Query.Channel())).ChannelId;

    private static async Task<string?> ProviderChannelAsync(MeshNetwork net, Addr provider) =>
        (await net.QueryAsync<ProviderMsg.ConfigResponse>(Osmosis, provider, new ProviderMsg.Query.Config())).ChannelId;

    [Fact]
    public async Task A_channel_with_another_version_is_refused_by_whichever_contract_sees_it_first()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "handshake-version"));
        var s = await PrepareAsync(net);
        var provider = await ProviderAsync(s);
        var consumer = await ConsumerAsync(s, provider);

        var atProvider = await RefusedAsync(net, "mesh/v2-from-provider", FromProvider(s, provider, consumer, version: "mesh-security-v0.2"));
        Assert.Equal("channel_open_init", atProvider.Step);
        Assert.StartsWith("provider:InvalidChannelVersion", atProvider.Error);

        var atConsumer = await RefusedAsync(net, "mesh/v2-from-consumer", FromConsumer(s, provider, consumer, version: "mesh-security-v0.2"));
        Assert.Equal("channel_open_init", atConsumer.Step);
        Assert.StartsWith("consumer:InvalidChannelVersion", atConsumer.Error);

        Assert.Null(await ConsumerChannelAsync(net, consumer));
        Assert.Null(await ProviderChannelAsync(net, provider));
    }

    [Fact]
    public async Task An_ordered_channel_is_refused_because_the_protocol_is_unordered()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "handshake-order"));
        var s = await PrepareAsync(net);
        var provider = await ProviderAsync(s);
        var consumer = await ConsumerAsync(s, provider);

        var atProvider = await RefusedAsync(net, "mesh/ordered-from-provider", FromProvider(s, provider, consumer, order: IbcOrder.Ordered));
        Assert.Equal("channel_open_init", atProvider.Step);
        Assert.StartsWith("provider:InvalidChannelOrder", atProvider.Error);

        var atConsumer = await RefusedAsync(net, "mesh/ordered-from-consumer", FromConsumer(s, provider, consumer, order: IbcOrder.Ordered));
        Assert.Equal("channel_open_init", atConsumer.Step);
        Assert.StartsWith("consumer:InvalidChannelOrder", atConsumer.Error);

        Assert.Null(await ConsumerChannelAsync(net, consumer));
    }

    [Fact]
    public async Task A_consumer_that_trusts_another_connection_refuses_the_channel_at_try()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "handshake-connection"));
        var s = await PrepareAsync(net);
        // a second connection between the same chains: the consumer is told to trust that one
        var other = await net.OpenChannelAsync("osmosis-juno/transfer-2",
            new ChannelSpec(Osmosis, TransferModule.PortId, Juno, TransferModule.PortId, TransferModule.Version, Latency: RelayerLatency));
        Assert.NotEqual(s.Transfer.ConnectionB, other.ConnectionB);
        var provider = await ProviderAsync(s);
        var consumer = await ConsumerAsync(s, provider, connection: other.ConnectionB);

        var refused = await RefusedAsync(net, "mesh/wrong-connection", FromProvider(s, provider, consumer));
        Assert.Equal("channel_open_try", refused.Step);
        Assert.StartsWith("consumer:WrongConnection", refused.Error);
        Assert.Contains(other.ConnectionB, refused.Error);
        Assert.Null(await ConsumerChannelAsync(net, consumer));
        Assert.Null(await ProviderChannelAsync(net, provider));
    }

    [Fact]
    public async Task A_consumer_refuses_a_channel_from_a_provider_port_it_was_not_given()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "handshake-port"));
        var s = await PrepareAsync(net);
        var trusted = await ProviderAsync(s, "trusted provider");
        var impostor = await ProviderAsync(s, "impostor provider");
        var consumer = await ConsumerAsync(s, trusted);

        var refused = await RefusedAsync(net, "mesh/impostor", FromProvider(s, impostor, consumer));
        Assert.Equal("channel_open_try", refused.Step);
        Assert.StartsWith("consumer:WrongPort", refused.Error);
        Assert.Contains(WasmState.PortOf(trusted), refused.Error);

        // the trusted provider still gets its channel afterwards
        var ends = await net.OpenChannelAsync("mesh/trusted", FromProvider(s, trusted, consumer));
        Assert.Equal(ends.ChannelB, await ConsumerChannelAsync(net, consumer));
        Assert.Equal(ends.ChannelA, await ProviderChannelAsync(net, trusted));
    }

    [Fact]
    public async Task A_second_channel_to_a_connected_consumer_is_refused_with_channel_exists()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "handshake-second"));
        var s = await PrepareAsync(net);
        var provider = await ProviderAsync(s);
        var consumer = await ConsumerAsync(s, provider);
        var first = await net.OpenChannelAsync("mesh/first", FromProvider(s, provider, consumer));

        // another provider instance (no channel of its own yet) reaches the consumer, which is bound already
        var another = await ProviderAsync(s, "another provider");
        var atConsumer = await RefusedAsync(net, "mesh/second-provider", FromProvider(s, another, consumer));
        Assert.Equal("channel_open_try", atConsumer.Step);
        Assert.StartsWith("consumer:ChannelExists", atConsumer.Error);
        Assert.Contains(first.ChannelB, atConsumer.Error);

        // the bound provider itself refuses to open a second one
        var atProvider = await RefusedAsync(net, "mesh/second-same-provider", FromProvider(s, provider, consumer));
        Assert.Equal("channel_open_init", atProvider.Step);
        Assert.StartsWith("provider:ChannelExists", atProvider.Error);
        Assert.Contains(first.ChannelA, atProvider.Error);

        Assert.Equal(first.ChannelB, await ConsumerChannelAsync(net, consumer));
        Assert.Equal(first.ChannelA, await ProviderChannelAsync(net, provider));
    }
}
