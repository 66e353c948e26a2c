using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Ibc.Transfer;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Testing;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Channels;

namespace MeshSecurity.Emulator.Network;

public sealed partial class MeshNetwork
{
    private readonly Dictionary<string, Addr> _lockups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Addr> _metaStakings = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), ChannelEnds> _connections = new();

    /// <summary>The account that deploys contracts on a chain.</summary>
    public Addr Deployer(string chainId) => Addr.Derive(_chains[chainId].Config.AddressPrefix, "deployer");

    /// <summary>The chain's governance account (funded at genesis by whoever needs it to pay for a link).</summary>
    public Addr Gov(string chainId) => ModuleAccounts.Gov(_chains[chainId].Config.AddressPrefix);

    /// <summary>The lockup of a provider chain, deployed on first use and subscribed to the chain's slash hook.</summary>
    public async Task<Addr> LockupAsync(string providerChain, MeshProfile? profile = null)
    {
        if (_lockups.TryGetValue(providerChain, out var existing)) return existing;
        var cfg = _chains[providerChain].Config;
        var lockup = await InstantiateAsync(providerChain, Deployer(providerChain), LockupContract.Code,
            new LockupMsg.Instantiate(cfg.BondDenom, cfg.UnbondingPeriodSeconds, profile), "mesh-lockup");
        await MustExecuteAsync(providerChain, Gov(providerChain), new CosmosMsg.GovSubscribeHooks(lockup));
        return _lockups[providerChain] = lockup;
    }

    /// <summary>The meta-staking contract of a consumer chain, deployed on first use (its admin is governance).</summary>
    public async Task<Addr> MetaStakingAsync(string consumerChain) => (await MetaStakingsAsync([consumerChain]))[0];

    /// <summary>
    /// The seed README's installation, through the chains' own transactions and the relayers: the ICS-20 channel for
    /// rewards, the provider (and its slasher) and consumer contracts, governance funding and authorising meta-staking,
    /// the consumer's staking hook, then the mesh channel handshake and the first validator list.
    /// </summary>
    public async Task<MeshLinkInfo> LinkAsync(LinkDefinition link) => (await LinkAllAsync([link]))[0];

    /// <summary>
    /// Installs many links at once, step by step across all of them (every provider contract in one block, every
    /// handshake at the same time): the emulated time to link N consumers does not grow with N, so a fan-out of a
    /// thousand consumer chains is set up in minutes of emulated time rather than days. One link goes through exactly
    /// the transactions of <see cref="LinkAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<MeshLinkInfo>> LinkAllAsync(IReadOnlyList<LinkDefinition> links)
    {
        if (links.Select(l => (l.ProviderChain, l.ConsumerChain)).Distinct().Count() != links.Count)
            throw new ArgumentException("a provider and consumer pair is linked at most once per call", nameof(links));
        var lockups = new List<Addr>();
        foreach (var link in links) lockups.Add(await LockupAsync(link.ProviderChain, link.Profile));
        var metas = await MetaStakingsAsync([.. links.Select(l => l.ConsumerChain)]);

        var transfers = await OpenChannelsAsync([.. links.Select(link =>
        {
            var (p, c) = (link.ProviderChain, link.ConsumerChain);
            return ($"{p}-{c}/transfer", new ChannelSpec(p, TransferModule.PortId, c, TransferModule.PortId, TransferModule.Version,
                Latency: link.Latency, BatchSize: link.BatchSize, Seed: Settings.Seed, Connection: _connections.GetValueOrDefault((p, c))));
        })]);
        for (var i = 0; i < links.Count; i++) _connections[(links[i].ProviderChain, links[i].ConsumerChain)] = transfers[i];
        var rewardsDenoms = links.Select((l, i) => TransferModule.VoucherDenom(TransferModule.PortId, transfers[i].ChannelA, _chains[l.ConsumerChain].Config.BondDenom)).ToList();

        var providers = await InstantiateAllAsync([.. links.Select((link, i) =>
        {
            var (providerCfg, consumerCfg) = (_chains[link.ProviderChain].Config, _chains[link.ConsumerChain].Config);
            return (link.ProviderChain, Deployer(link.ProviderChain), ProviderContract.Code, (object)new ProviderMsg.Instantiate(
                new ProviderMsg.ConsumerInfo(transfers[i].ConnectionA), new ProviderMsg.SlasherInfo(), lockups[i].Value,
                MeshSetup.CrossStakeUnbonding(providerCfg, consumerCfg), rewardsDenoms[i], link.PacketLifetimeSeconds, consumerCfg.BondDenom, link.Profile),
                $"mesh-provider for {link.ConsumerChain}");
        })]);
        var slashers = new List<Addr>();
        for (var i = 0; i < links.Count; i++)
            slashers.Add((await QueryAsync<ProviderMsg.ConfigResponse>(links[i].ProviderChain, providers[i], new ProviderMsg.Query.Config())).Slasher
                          ?? throw new InvalidOperationException("the provider did not record its slasher"));

        var consumers = await InstantiateAllAsync([.. links.Select((link, i) => (link.ConsumerChain, Gov(link.ConsumerChain), ConsumerContract.Code,
            (object)new ConsumerMsg.Instantiate(new ConsumerMsg.ProviderInfo(WasmState.PortOf(providers[i]), transfers[i].ConnectionB), link.ExchangeRate,
                metas[i].Value, transfers[i].ChannelB, link.PacketLifetimeSeconds, providers[i].Value),
            $"mesh-consumer for {link.ProviderChain}"))]);
        await MustExecuteAllAsync([.. links.Select((link, i) =>
        {
            var (c, denom) = (link.ConsumerChain, _chains[link.ConsumerChain].Config.BondDenom);
            return (c, Gov(c), new CosmosMsg[]
            {
                new CosmosMsg.BankSend(metas[i], Coins.Of(denom, link.StakingFunds)),
                new CosmosMsg.WasmSudo(metas[i], new MetaStakingMsg.Sudo.AddConsumer(consumers[i].Value, new Coin(denom, link.StakingFunds))),
                new CosmosMsg.GovSubscribeHooks(consumers[i]),
            });
        })]);

        var meshes = await OpenChannelsAsync([.. links.Select((link, i) => ($"{link.ProviderChain}-{link.ConsumerChain}/mesh",
            new ChannelSpec(link.ProviderChain, WasmState.PortOf(providers[i]), link.ConsumerChain, WasmState.PortOf(consumers[i]), MeshProtocol.Version,
                link.MeshOrder, Latency: link.Latency, BatchSize: link.BatchSize, Seed: Settings.Seed, Connection: transfers[i])))]);
        // the provider asks for the validator set on connect; the link is usable once the answer is back
        await WhenValidatorsKnown([.. links.Select((l, i) => (l.ProviderChain, providers[i], l.ConsumerChain))]);
        return [.. links.Select((l, i) => new MeshLinkInfo(l.ProviderChain, l.ConsumerChain, lockups[i], providers[i], slashers[i], consumers[i], metas[i],
            $"{l.ProviderChain}-{l.ConsumerChain}/mesh", meshes[i], $"{l.ProviderChain}-{l.ConsumerChain}/transfer", transfers[i], rewardsDenoms[i]))];
    }

    /// <summary>The meta-staking contract of each consumer chain, the missing ones deployed together.</summary>
    private async Task<IReadOnlyList<Addr>> MetaStakingsAsync(IReadOnlyList<string> consumerChains)
    {
        var missing = consumerChains.Distinct().Where(c => !_metaStakings.ContainsKey(c)).ToList();
        var created = await InstantiateAllAsync([.. missing.Select(c => (c, Gov(c), MetaStakingContract.Code, (object)new MetaStakingMsg.Instantiate(), "meta-staking"))]);
        for (var i = 0; i < missing.Count; i++) _metaStakings[missing[i]] = created[i];
        return [.. consumerChains.Select(c => _metaStakings[c])];
    }

    /// <summary>Runs the clock until every provider has recorded its consumer's validators (at most an hour of emulated time).</summary>
    private async Task WhenValidatorsKnown(IReadOnlyList<(string ProviderChain, Addr Provider, string ConsumerChain)> links)
    {
        if (links.Count == 0) return;
        var step = links.Min(l => _chains[l.ProviderChain].Config.BlockTimeSeconds);
        var waiting = links.ToList();
        for (var waited = 0UL; waited <= 3600; waited += step)
        {
            var still = new List<(string, Addr, string)>();
            foreach (var l in waiting)
            {
                var known = await QueryAsync<ProviderMsg.ListValidatorsResponse>(l.ProviderChain, l.Provider, new ProviderMsg.Query.ListValidators());
                if (known.Validators.IsEmpty) still.Add(l);
            }
            waiting = still;
            if (waiting.Count == 0) return;
            await RunForAsync(step);
        }
        throw new LinkSetupException($"the validators of {string.Join(", ", waiting.Select(l => l.ConsumerChain))} never reached their " +
            "providers within an hour of emulated time");
    }

    private async Task<IReadOnlyList<Addr>> InstantiateAllAsync(IReadOnlyList<(string Chain, Addr Sender, string Code, object Msg, string Label)> contracts)
    {
        var results = await MustExecuteAllAsync([.. contracts.Select(c => (c.Chain, c.Sender, new CosmosMsg[]
        {
            new CosmosMsg.WasmInstantiate(c.Code, c.Msg, Coins.Empty, c.Label, c.Sender),
        }))]);
        return [.. results.Select(r => ((InstantiateResult)r.MsgData[0]!).ContractAddress)];
    }

    private async Task<Addr> InstantiateAsync(string chainId, Addr sender, string code, object msg, string label) =>
        (await InstantiateAllAsync([(chainId, sender, code, msg, label)]))[0];
}
