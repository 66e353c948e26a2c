using MeshSecurity.Core.Relaying;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Emulator.Network;
using Xunit.Abstractions;

namespace MeshSecurity.Emulator.Tests;

/// <summary>
/// <see cref="MeshNetwork.LinkAllAsync"/>: one provider linked to several consumers in one call. Small chains (one
/// provider validator, two per consumer, 1-2 s blocks, 1 s relayers) keep each test to a few seconds of wall time.
/// </summary>
public class LinkAllTests : TestKit
{
    private const string Provider = "osmosis";
    private const ulong ProviderBlockSeconds = 2;
    private const ulong ConsumerBlockSeconds = 1;
    private static readonly Amount Stake = 10_000;
    private static readonly Addr Alice = Addr.Derive("osmo", "alice");
    private static readonly string[] Consumers = ["c1", "c2", "c3", "c4"];

    private readonly ITestOutputHelper _output;

    public LinkAllTests(ITestOutputHelper output) : base(output: output) => _output = output;

    private static ChainDefinition ProviderChain() =>
        new(new ChainConfig
            {
                ChainId = Provider, AddressPrefix = "osmo", BondDenom = "uosmo", BlockTimeSeconds = ProviderBlockSeconds, UnbondingPeriodSeconds = 3600,
            },
            [new GenesisAccount(Alice, Coins.Of("uosmo", (Amount)1_000_000))],
            [new GenesisValidator("o1", 1_000_000)]);

    // the consumer's chain id doubles as its address prefix and denom stem, so every chain's accounts differ
    private static ChainDefinition ConsumerChain(string id) =>
        new(new ChainConfig
            {
                ChainId = id, AddressPrefix = id, BondDenom = "u" + id, BlockTimeSeconds = ConsumerBlockSeconds, UnbondingPeriodSeconds = 3600,
            },
            [new GenesisAccount(ModuleAccounts.Gov(id), Coins.Of("u" + id, (Amount)10_000_000))],
            [new GenesisValidator($"{id}-v1", 1_000), new GenesisValidator($"{id}-v2", 2_000)]);

    private static Addr FirstValidator(string consumer) => ChainGenesis.ValidatorAddress(consumer, $"{consumer}-v1");

    private static Addr SecondValidator(string consumer) => ChainGenesis.ValidatorAddress(consumer, $"{consumer}-v2");

    private static LinkDefinition Link(string consumer) => Link(consumer, new LatencyModel.Constant(1));

    private static LinkDefinition Link(string consumer, LatencyModel latency) => new(Provider, consumer, Dec.Parse("0.5"), (Amount)1_000_000, Latency: latency);

    private static async Task<MeshNetwork> StartAsync(ActorSystem system, string seed)
    {
        var net = MeshNetwork.Start(system, new NetworkSettings(Seed: seed));
        await net.AddChainAsync(ProviderChain());
        foreach (var c in Consumers) await net.AddChainAsync(ConsumerChain(c));
        return net;
    }

    private static double Seconds(Timestamp from, Timestamp to) => (to.Nanos - (double)from.Nanos) / Timestamp.NanosPerSecond;

    [Fact]
    public async Task Four_consumers_linked_in_one_call_get_their_own_contracts_and_channels_know_their_validators_and_take_less_emulated_time_than_one_by_one()
    {
        await using var batched = await StartAsync(Sys, "link-all");
        var start = await batched.NowAsync();
        var links = await batched.LinkAllAsync([.. Consumers.Select(Link)]);
        var batchedSeconds = Seconds(start, await batched.NowAsync());

        Assert.Equal(Consumers, links.Select(l => l.ConsumerChain));
        Assert.All(links, l => Assert.Equal(Provider, l.ProviderChain));
        // every provider contract and provider-side channel lives on osmosis, so a shared one would show up as a duplicate
        Assert.Equal(links.Count, links.Select(l => l.Provider).Distinct().Count());
        Assert.Equal(links.Count, links.Select(l => l.Slasher).Distinct().Count());
        Assert.Equal(links.Count, links.Select(l => l.Consumer).Distinct().Count());
        Assert.Equal(links.Count, links.Select(l => l.MeshChannelId).Distinct().Count());
        Assert.Equal(links.Count, links.Select(l => l.TransferChannelId).Distinct().Count());
        Assert.Equal(links.Count * 2, links.SelectMany(l => new[] { l.MeshEnds.ChannelA, l.TransferEnds.ChannelA }).Distinct().Count());
        Assert.Equal(links.Count, links.Select(l => l.MeshEnds.PortA).Distinct().Count());
        Assert.All(links, l => Assert.Equal((Provider, l.ConsumerChain), (l.MeshEnds.ChainA, l.MeshEnds.ChainB)));
        // one provider chain, one lockup for all its links
        Assert.Single(links.Select(l => l.Lockup).Distinct());

        foreach (var l in links)
        {
            var known = await batched.QueryAsync<ProviderMsg.ListValidatorsResponse>(Provider, l.Provider, new ProviderMsg.Query.ListValidators());
            Assert.Equal(new[] { FirstValidator(l.ConsumerChain).Value, SecondValidator(l.ConsumerChain).Value }.Order(StringComparer.Ordinal),
                known.Validators.Select(v => v.Address).Order(StringComparer.Ordinal));
        }

        // the same four links, one LinkAsync after the other, on a network with the same chains
        var sequentialSeconds = await OnOwnSystemAsync("link-all-sequential", async system =>
        {
            await using var sequential = await StartAsync(system, "link-all");
            var seqStart = await sequential.NowAsync();
            foreach (var c in Consumers) await sequential.LinkAsync(Link(c));
            return Seconds(seqStart, await sequential.NowAsync());
        });

        _output.WriteLine($"4 links: {batchedSeconds:0.###} s of emulated time in one call, {sequentialSeconds:0.###} s one by one");
        Assert.True(batchedSeconds < sequentialSeconds, $"batched {batchedSeconds} s is not less than sequential {sequentialSeconds} s");
        // the steps run side by side, so the call costs about one link, far from four
        Assert.True(batchedSeconds * 2 < sequentialSeconds, $"batched {batchedSeconds} s is not under half of sequential {sequentialSeconds} s");
    }

    [Fact]
    public async Task One_bond_and_one_transaction_of_claims_cross_stakes_on_every_consumer_linked_together()
    {
        await using var net = await StartAsync(Sys, "link-all-stake");
        var links = await net.LinkAllAsync([.. Consumers.Select(Link)]);

        // one provider, one lockup: the bond covers a claim of the full amount on each consumer
        await net.MustExecuteAsync(Provider, Alice,
        [
            new CosmosMsg.WasmExecute(links[0].Lockup, new LockupMsg.Execute.Bond(), Coins.Of("uosmo", Stake)),
            .. links.Select(l => (CosmosMsg)new CosmosMsg.WasmExecute(l.Lockup,
                new LockupMsg.Execute.GrantClaim(l.Provider.Value, Stake, FirstValidator(l.ConsumerChain).Value), Coins.Empty)),
        ]);
        Assert.True(net.Log.PacketsInFlight > 0, "the claims sent no stake packets");
        for (var waited = 0UL; net.Log.PacketsInFlight > 0; waited += ProviderBlockSeconds)
        {
            Assert.True(waited < 600, $"{net.Log.PacketsInFlight} packets still in flight after {waited} s of emulated time");
            await net.RunForAsync(ProviderBlockSeconds);
        }

        foreach (var l in links)
        {
            var remote = await net.QueryAsync<ConsumerMsg.RemoteStakeResponse>(l.ConsumerChain, l.Consumer,
                new ConsumerMsg.Query.RemoteStake(FirstValidator(l.ConsumerChain).Value));
            Assert.Equal((Stake, Stake.MulFloor(Dec.Parse("0.5"))), (remote.Amount, remote.LocalAmount));
            var provider = await net.QueryAsync<ProviderMsg.StakeResponse>(Provider, l.Provider, new ProviderMsg.Query.Stake(FirstValidator(l.ConsumerChain).Value));
            Assert.Equal((Stake, Amount.Zero), (provider.Tokens, provider.InFlightStake));
        }
    }

    [Fact]
    public async Task The_same_provider_and_consumer_twice_in_one_call_is_rejected()
    {
        await using var net = await StartAsync(Sys, "link-all-twice");
        var start = await net.NowAsync();
        var e = await Assert.ThrowsAsync<ArgumentException>(() => net.LinkAllAsync([Link("c1"), Link("c2"), Link("c1")]));
        Assert.Equal("links", e.ParamName);
        // rejected before any transaction: the clock never ran
        Assert.Equal(start, await net.NowAsync());
    }

    [Fact]
    public async Task Two_networks_with_the_same_seed_link_all_to_identical_app_hashes()
    {
        var first = await OnOwnSystemAsync("link-all-first", system => LinkAllAndHashAsync(system, "link-all-determinism"));
        var second = await OnOwnSystemAsync("link-all-second", system => LinkAllAndHashAsync(system, "link-all-determinism"));
        Assert.Equal(Consumers.Append(Provider).Order(StringComparer.Ordinal), first.Keys);
        Assert.Equal(first, second);
        // the seed drives the relayers' random latency, so equal hashes mean the same run, not a run the seed can't change
        var other = await OnOwnSystemAsync("link-all-other", system => LinkAllAndHashAsync(system, "link-all-other-seed"));
        Assert.NotEqual(first, other);
    }

    private static async Task<SortedDictionary<string, string>> LinkAllAndHashAsync(ActorSystem system, string seed)
    {
        await using var net = await StartAsync(system, seed);
        await net.LinkAllAsync([.. Consumers.Select(c => Link(c, new LatencyModel.Uniform(1, 3)))]);
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var chain in Consumers.Prepend(Provider))
            hashes[chain] = (await net.ChainRegion.Ask<ChainReply.State>(new ChainCommand.GetState(chain), TimeSpan.FromSeconds(10))).AppHash;
        return hashes;
    }

    /// <summary>
    /// Runs on a fresh actor system: chains journal by chain id, so a second network with the same chains on one
    /// system would resume the first one's journal instead of starting from genesis.
    /// </summary>
    private static async Task<T> OnOwnSystemAsync<T>(string name, Func<ActorSystem, Task<T>> run)
    {
        var system = ActorSystem.Create(name);
        try
        {
            return await run(system);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
