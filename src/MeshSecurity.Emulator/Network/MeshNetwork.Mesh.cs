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
    public async Task<Addr> MetaStakingAsync(string consumerChain)
    {
        if (_metaStakings.TryGetValue(consumerChain, out var existing)) return existing;
        var addr = await InstantiateAsync(consumerChain, Gov(consumerChain), MetaStakingContract.Code, new MetaStakingMsg.Instantiate(), "meta-staking");
        return _metaStakings[consumerChain] = addr;
    }

    /// <summary>
    /// The seed README's installation, through the chains' own transactions and the relayers: the ICS-20 channel for
    /// rewards, the provider (and its slasher) and consumer contracts, governance funding and authorising meta-staking,
    /// the consumer's staking hook, then the mesh channel handshake and the first validator list.
    /// </summary>
    public async Task<MeshLinkInfo> LinkAsync(LinkDefinition link)
    {
        var (p, c) = (link.ProviderChain, link.ConsumerChain);
        var lockup = await LockupAsync(p, link.Profile);
        var meta = await MetaStakingAsync(c);
        var transferId = $"{p}-{c}/transfer";
        var transfer = await OpenChannelAsync(transferId, new ChannelSpec(p, TransferModule.PortId, c, TransferModule.PortId, TransferModule.Version,
            Latency: link.Latency, BatchSize: link.BatchSize, Seed: Settings.Seed, Connection: _connections.GetValueOrDefault((p, c))));
        _connections[(p, c)] = transfer;
        var consumerCfg = _chains[c].Config;
        var rewardsDenom = TransferModule.VoucherDenom(TransferModule.PortId, transfer.ChannelA, consumerCfg.BondDenom);

        var providerCfg = _chains[p].Config;
        var provider = await InstantiateAsync(p, Deployer(p), ProviderContract.Code,
            new ProviderMsg.Instantiate(new ProviderMsg.ConsumerInfo(transfer.ConnectionA), new ProviderMsg.SlasherInfo(), lockup.Value,
                MeshSetup.CrossStakeUnbonding(providerCfg, consumerCfg), rewardsDenom, link.PacketLifetimeSeconds, consumerCfg.BondDenom, link.Profile),
            $"mesh-provider for {c}");
        var slasher = (await QueryAsync<ProviderMsg.ConfigResponse>(p, provider, new ProviderMsg.Query.Config())).Slasher
                      ?? throw new InvalidOperationException("the provider did not record its slasher");

        var consumer = await InstantiateAsync(c, Gov(c), ConsumerContract.Code,
            new ConsumerMsg.Instantiate(new ConsumerMsg.ProviderInfo(WasmState.PortOf(provider), transfer.ConnectionB), link.ExchangeRate, meta.Value,
                transfer.ChannelB, link.PacketLifetimeSeconds, provider.Value),
            $"mesh-consumer for {p}");
        await MustExecuteAsync(c, Gov(c),
            new CosmosMsg.BankSend(meta, Coins.Of(consumerCfg.BondDenom, link.StakingFunds)),
            new CosmosMsg.WasmSudo(meta, new MetaStakingMsg.Sudo.AddConsumer(consumer.Value, new Coin(consumerCfg.BondDenom, link.StakingFunds))),
            new CosmosMsg.GovSubscribeHooks(consumer));

        var meshId = $"{p}-{c}/mesh";
        var mesh = await OpenChannelAsync(meshId, new ChannelSpec(p, WasmState.PortOf(provider), c, WasmState.PortOf(consumer), MeshProtocol.Version,
            link.MeshOrder, Latency: link.Latency, BatchSize: link.BatchSize, Seed: Settings.Seed, Connection: transfer));
        // the provider asks for the validator set on connect; the link is usable once the answer is back
        await WhenValidatorsKnown(p, provider, c);
        return new MeshLinkInfo(p, c, lockup, provider, slasher, consumer, meta, meshId, mesh, transferId, transfer, rewardsDenom);
    }

    /// <summary>Runs the clock until the provider has recorded its consumer's validators (at most an hour of emulated time).</summary>
    private async Task WhenValidatorsKnown(string providerChain, Addr provider, string consumerChain)
    {
        var step = _chains[providerChain].Config.BlockTimeSeconds;
        for (var waited = 0UL; waited <= 3600; waited += step)
        {
            var known = await QueryAsync<ProviderMsg.ListValidatorsResponse>(providerChain, provider, new ProviderMsg.Query.ListValidators());
            if (!known.Validators.IsEmpty) return;
            await RunForAsync(step);
        }
        throw new TimeoutException($"the validators of {consumerChain} never reached the provider on {providerChain}");
    }

    private async Task<Addr> InstantiateAsync(string chainId, Addr sender, string code, object msg, string label)
    {
        var r = await MustExecuteAsync(chainId, sender, new CosmosMsg.WasmInstantiate(code, msg, Coins.Empty, label, sender));
        return ((InstantiateResult)r.MsgData[0]!).ContractAddress;
    }
}
