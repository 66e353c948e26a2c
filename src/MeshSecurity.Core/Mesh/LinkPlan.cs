using System.Collections.Immutable;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Contracts.Slasher;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc.Transfer;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Mesh;

/// <summary>
/// The seed README's "Overview for Installing" as one state machine, for any number of links at once: deploy what is
/// missing once per chain (the provider chain's lockup, subscribed to its slashes; the consumer chain's meta-staking,
/// administered by governance), then, step by step across all links: the ICS-20 channel the rewards travel on (its
/// channel id names the rewards denom), the provider contracts (each instantiates its slasher), the consumer
/// contracts, governance funding meta-staking, authorising the consumer and subscribing it to validator set changes,
/// the mesh channel handshake, and the first validator list. It asks its driver for each step
/// (<see cref="Pending"/>) and resumes with the answer (<see cref="Resume"/>): one link goes through exactly the
/// transactions of many, and many take the emulated time of one.
/// </summary>
public sealed class LinkPlan
{
    private readonly IReadOnlyList<LinkDefinition> _links;
    private readonly IReadOnlyDictionary<string, ChainConfig> _chains;
    private readonly string _seed;

    /// <summary>The collateral policies of chains without a link (a lockup fixture's), by chain.</summary>
    private readonly IReadOnlyDictionary<string, CollateralPolicy>? _collateral;
    private readonly IEnumerator<LinkPlanRequest> _steps;
    private object? _answer;

    private LinkPlan(
        IReadOnlyList<LinkDefinition> links, IReadOnlyList<(string Chain, MeshProfile? Profile)> lockups,
        IReadOnlyList<string> metaStakings, IReadOnlyDictionary<string, ChainConfig> chains, MeshDeployment deployed, string seed,
        IReadOnlyDictionary<string, CollateralPolicy>? collateral = null)
    {
        _collateral = collateral;
        var named = links.SelectMany(l => new[] { l.ProviderChain, l.ConsumerChain }).Concat(lockups.Select(l => l.Chain))
            .Concat(metaStakings);
        foreach (var chain in named)
            if (!chains.ContainsKey(chain)) throw new ArgumentException($"no chain {chain} to install on", nameof(chains));
        _links = links;
        _chains = chains;
        _seed = seed;
        Deployed = deployed;
        _steps = Run(lockups, metaStakings).GetEnumerator();
        Advance();
    }

    /// <summary>
    /// Installs <paramref name="links"/>, with the lockups and meta-staking contracts <paramref name="deployed"/> lacks;
    /// a pair <paramref name="deployed"/> already connects reuses its connection. <paramref name="seed"/> goes to the
    /// relayers' latency draws. A provider's lockup takes the profile of the first of its links.
    /// </summary>
    public static LinkPlan Start(
        IReadOnlyList<LinkDefinition> links, IReadOnlyDictionary<string, ChainConfig> chains, MeshDeployment? deployed = null,
        string seed = "")
    {
        if (links.Select(l => (l.ProviderChain, l.ConsumerChain)).Distinct().Count() != links.Count)
            throw new ArgumentException("a provider and consumer pair is linked at most once per call", nameof(links));
        deployed ??= MeshDeployment.Empty;
        var lockups = links.DistinctBy(l => l.ProviderChain).Where(l => !deployed.Lockups.ContainsKey(l.ProviderChain))
            .Select(l => (l.ProviderChain, l.Profile)).ToList();
        var metas = links.Select(l => l.ConsumerChain).Distinct().Where(c => !deployed.MetaStakings.ContainsKey(c)).ToList();
        return new LinkPlan(links, lockups, metas, chains, deployed, seed);
    }

    /// <summary>
    /// Deploys lockups and meta-staking contracts only (a chain listed twice, or already deployed, gets a second one). A
    /// lockup counts collateral by its chain's entry in <paramref name="collateral"/> (the seed's rule when none).
    /// </summary>
    public static LinkPlan Deploy(
        IReadOnlyList<(string Chain, MeshProfile? Profile)> lockups, IReadOnlyList<string> metaStakings,
        IReadOnlyDictionary<string, ChainConfig> chains, MeshDeployment? deployed = null,
        IReadOnlyDictionary<string, CollateralPolicy>? collateral = null) =>
        new([], lockups, metaStakings, chains, deployed ?? MeshDeployment.Empty, "", collateral);

    /// <summary>What the plan asks for next; null once it is done.</summary>
    public LinkPlanRequest? Pending { get; private set; }

    public bool IsDone => Pending is null;

    /// <summary>The installed links, in the order they were given (empty until the plan is done).</summary>
    public ImmutableArray<MeshLinkInfo> Links { get; private set; } = [];

    /// <summary>What is deployed so far, including what this plan found deployed; keep it for the next plan.</summary>
    public MeshDeployment Deployed { get; private set; }

    /// <summary>Answers <see cref="Pending"/> (see each request for the answer it expects) and moves to the next request.</summary>
    public void Resume(object? answer)
    {
        if (Pending is null) throw new InvalidOperationException("the link plan is already done");
        _answer = answer;
        Advance();
    }

    private void Advance() => Pending = _steps.MoveNext() ? _steps.Current : null;

    private IEnumerable<LinkPlanRequest> Run(
        IReadOnlyList<(string Chain, MeshProfile? Profile)> lockups, IReadOnlyList<string> metaStakings)
    {
        foreach (var r in DeployContracts(lockups, metaStakings)) yield return r;
        if (_links.Count == 0) yield break;
        var n = _links.Count;

        yield return new LinkPlanRequest.OpenChannels($"opening {Count(n, "transfer channel")}", [.. _links.Select(TransferChannel)]);
        var transfers = Answers<ChannelEnds>(n);
        for (var i = 0; i < n; i++) Deployed = Deployed.WithConnection(_links[i].ProviderChain, _links[i].ConsumerChain, transfers[i]);
        var rewardsDenoms = _links.Select((l, i) =>
            TransferModule.VoucherDenom(TransferModule.PortId, transfers[i].ChannelA, Config(l.ConsumerChain).BondDenom)).ToList();

        var txs = _links.Select((l, i) => ProviderInstantiation(l, transfers[i], rewardsDenoms[i])).ToImmutableArray();
        yield return new LinkPlanRequest.Execute($"instantiating {Count(n, "provider contract")}", txs);
        var providers = Instantiated(txs);

        yield return new LinkPlanRequest.Query($"reading {Count(n, "slasher")}",
            [.. _links.Select((l, i) => new PlannedQuery(l.ProviderChain, providers[i], new ProviderMsg.Query.Config()))]);
        var slashers = Answers<object>(n)
            .Select(r => Wire.As<ProviderMsg.ConfigResponse>(r).Slasher
                         ?? throw new InvalidOperationException("the provider did not record its slasher"))
            .ToList();

        txs = [.. _links.Select((l, i) => ConsumerInstantiation(l, transfers[i], providers[i]))];
        yield return new LinkPlanRequest.Execute($"instantiating {Count(n, "consumer contract")}", txs);
        var consumers = Instantiated(txs);

        txs = [.. _links.Select((l, i) => Governance(l, consumers[i]))];
        yield return new LinkPlanRequest.Execute($"funding and authorising {Count(n, "consumer")}", txs);
        Succeeded(txs);

        yield return new LinkPlanRequest.OpenChannels($"opening {Count(n, "mesh channel")}",
            [.. _links.Select((l, i) => MeshChannel(l, transfers[i], providers[i], consumers[i]))]);
        var meshes = Answers<ChannelEnds>(n);

        var links = _links.Select((l, i) => new MeshLinkInfo(l.ProviderChain, l.ConsumerChain, Deployed.Lockups[l.ProviderChain],
            providers[i], slashers[i], consumers[i], Deployed.MetaStakings[l.ConsumerChain], MeshName(l), meshes[i], TransferName(l),
            transfers[i], rewardsDenoms[i])).ToImmutableArray();
        yield return new LinkPlanRequest.AwaitValidators($"waiting for {Count(n, "validator set")}", links);
        Links = links;
    }

    /// <summary>Instantiates every missing lockup and meta-staking contract in one step, then subscribes the lockups to slashes.</summary>
    private IEnumerable<LinkPlanRequest> DeployContracts(
        IReadOnlyList<(string Chain, MeshProfile? Profile)> lockups, IReadOnlyList<string> metaStakings)
    {
        if (lockups.Count + metaStakings.Count == 0) yield break;
        var txs = lockups.Select(l => LockupInstantiation(l.Chain, l.Profile)).Concat(metaStakings.Select(MetaStakingInstantiation))
            .ToImmutableArray();
        var what = string.Join(" and ", new[] { (lockups.Count, "lockup"), (metaStakings.Count, "meta-staking contract") }
            .Where(x => x.Item1 > 0).Select(x => Count(x.Item1, x.Item2)));
        yield return new LinkPlanRequest.Execute($"deploying {what}", txs);
        var created = Instantiated(txs);
        for (var i = 0; i < lockups.Count; i++) Deployed = Deployed.WithLockup(lockups[i].Chain, created[i]);
        for (var i = 0; i < metaStakings.Count; i++) Deployed = Deployed.WithMetaStaking(metaStakings[i], created[lockups.Count + i]);
        // meta-staking hears the chain's hooks only where the chain has epochs (it acts on nothing else)
        var epochal = metaStakings.Select((chain, i) => (Chain: chain, Contract: created[lockups.Count + i]))
            .Where(m => Config(m.Chain).EpochBlocks > 0).ToList();
        if (lockups.Count + epochal.Count == 0) yield break;

        txs = [.. lockups.Select((l, i) => Tx(l.Chain, Gov(l.Chain), new CosmosMsg.GovSubscribeHooks(created[i]))),
            .. epochal.Select(m => Tx(m.Chain, Gov(m.Chain), new CosmosMsg.GovSubscribeHooks(m.Contract)))];
        var subscribed = string.Join(" and ", new[]
            {
                lockups.Count > 0 ? $"{Count(lockups.Count, "lockup")} to slashes" : "",
                epochal.Count > 0 ? $"{Count(epochal.Count, "meta-staking contract")} to epochs" : "",
            }.Where(x => x.Length > 0));
        yield return new LinkPlanRequest.Execute($"subscribing {subscribed}", txs);
        Succeeded(txs);
    }

    private PlannedTx LockupInstantiation(string chain, MeshProfile? profile)
    {
        var cfg = Config(chain);
        var collateral = _links.FirstOrDefault(l => l.ProviderChain == chain)?.Collateral ?? _collateral?.GetValueOrDefault(chain);
        return Instantiation(chain, Deployer(chain), LockupContract.Code,
            new LockupMsg.Instantiate(cfg.BondDenom, cfg.UnbondingPeriodSeconds, profile, collateral), "mesh-lockup");
    }

    private PlannedTx MetaStakingInstantiation(string chain) =>
        Instantiation(chain, Gov(chain), MetaStakingContract.Code,
            new MetaStakingMsg.Instantiate(Config(chain).EpochBlocks > 0 ? true : null,
                Config(chain).LocalMinPower.IsZero ? null : Config(chain).LocalMinPower), "meta-staking");

    private PlannedChannel TransferChannel(LinkDefinition l) =>
        new(TransferName(l), new ChannelSpec(l.ProviderChain, TransferModule.PortId, l.ConsumerChain, TransferModule.PortId,
            TransferModule.Version, Latency: l.Latency, BatchSize: l.BatchSize, Seed: _seed,
            Connection: Deployed.Connections.GetValueOrDefault((l.ProviderChain, l.ConsumerChain)),
            MaxClockDriftSeconds: l.MaxClockDriftSeconds));

    private PlannedTx ProviderInstantiation(LinkDefinition l, ChannelEnds transfer, string rewardsDenom)
    {
        var (provider, consumer) = (Config(l.ProviderChain), Config(l.ConsumerChain));
        var unbonding = MeshContracts.CrossStakeUnbonding(provider, consumer);
        // the slasher's own message only to set its fraction: otherwise the provider fills in the same one with the default
        var slasher = l.SlashFraction is { } fraction
            ? new ProviderMsg.SlasherInfo(
                Msg: new SlasherMsg.Instantiate(Deployer(l.ProviderChain).Value, transfer.ConnectionA, unbonding, fraction))
            : new ProviderMsg.SlasherInfo();
        var msg = new ProviderMsg.Instantiate(new ProviderMsg.ConsumerInfo(transfer.ConnectionA), slasher,
            Deployed.Lockups[l.ProviderChain].Value, unbonding, rewardsDenom, l.PacketLifetimeSeconds, consumer.BondDenom, l.Profile,
            l.ReleaseInactiveUnstakes) { SlashRatio = l.SlashRatio };
        var label = $"mesh-provider for {l.ConsumerChain}";
        return Instantiation(l.ProviderChain, Deployer(l.ProviderChain), ProviderContract.Code, msg, label);
    }

    private PlannedTx ConsumerInstantiation(LinkDefinition l, ChannelEnds transfer, Addr provider)
    {
        var msg = new ConsumerMsg.Instantiate(new ConsumerMsg.ProviderInfo(WasmState.PortOf(provider), transfer.ConnectionB),
            l.ExchangeRate, Deployed.MetaStakings[l.ConsumerChain].Value, transfer.ChannelB, l.PacketLifetimeSeconds, provider.Value,
            l.PriceFeed);
        return Instantiation(l.ConsumerChain, Gov(l.ConsumerChain), ConsumerContract.Code, msg, $"mesh-consumer for {l.ProviderChain}");
    }

    /// <summary>
    /// Governance funds meta-staking with the link's tokens, reserves them for the consumer (with the link's cap and
    /// over-cap policy), and subscribes the consumer to validator set changes.
    /// </summary>
    private PlannedTx Governance(LinkDefinition l, Addr consumer)
    {
        var (meta, denom) = (Deployed.MetaStakings[l.ConsumerChain], Config(l.ConsumerChain).BondDenom);
        CosmosMsg add = new CosmosMsg.WasmSudo(meta,
            new MetaStakingMsg.Sudo.AddConsumer(consumer.Value, new Coin(denom, l.StakingFunds), l.Cap, l.OverCap));
        CosmosMsg subscribe = new CosmosMsg.GovSubscribeHooks(consumer);
        // a link without staking funds sends nothing: a send of no coins is refused, as the SDK's MsgSend is
        return l.StakingFunds.IsZero
            ? Tx(l.ConsumerChain, Gov(l.ConsumerChain), add, subscribe)
            : Tx(l.ConsumerChain, Gov(l.ConsumerChain), new CosmosMsg.BankSend(meta, Coins.Of(denom, l.StakingFunds)), add, subscribe);
    }

    private PlannedChannel MeshChannel(LinkDefinition l, ChannelEnds transfer, Addr provider, Addr consumer) =>
        new(MeshName(l), MeshSpec(l, transfer, provider, consumer, _seed));

    /// <summary>
    /// The mesh channel of a link between its provider and consumer contracts' ports, over the connection of its transfer
    /// channel: what the set-up opens, and what a reopen after a close opens again (<paramref name="seed"/>: the network's).
    /// </summary>
    public static ChannelSpec MeshSpec(LinkDefinition l, ChannelEnds transfer, Addr provider, Addr consumer, string seed) =>
        new(l.ProviderChain, WasmState.PortOf(provider), l.ConsumerChain, WasmState.PortOf(consumer), MeshProtocol.Version, l.MeshOrder,
            l.Latency, l.BatchSize, seed, Connection: transfer);

    private static string TransferName(LinkDefinition l) => TransferChannel(l.ProviderChain, l.ConsumerChain);

    private static string MeshName(LinkDefinition l) => MeshChannel(l.ProviderChain, l.ConsumerChain);

    /// <summary>The relayer path of a link's ICS-20 channel (what chaos commands name by provider and consumer).</summary>
    public static string TransferChannel(string provider, string consumer) => $"{provider}-{consumer}/transfer";

    /// <summary>The relayer path of a link's mesh channel.</summary>
    public static string MeshChannel(string provider, string consumer) => $"{provider}-{consumer}/mesh";

    private ChainConfig Config(string chain) => _chains[chain];

    private Addr Deployer(string chain) => MeshContracts.Deployer(Config(chain).AddressPrefix);

    private Addr Gov(string chain) => ModuleAccounts.Gov(Config(chain).AddressPrefix);

    private static PlannedTx Instantiation(string chain, Addr sender, string code, object msg, string label) =>
        Tx(chain, sender, new CosmosMsg.WasmInstantiate(code, msg, Coins.Empty, label, sender));

    private static PlannedTx Tx(string chain, Addr signer, params CosmosMsg[] msgs) => new(chain, signer, [.. msgs]);

    /// <summary>The addresses the answered instantiations created, in order.</summary>
    private List<Addr> Instantiated(ImmutableArray<PlannedTx> txs) =>
        [.. Succeeded(txs).Select(r => ((InstantiateResult)r.MsgData[0]!).ContractAddress)];

    /// <summary>The answered results of <paramref name="txs"/>; a failed one ends the plan with its chain's error.</summary>
    private IReadOnlyList<TxResult> Succeeded(ImmutableArray<PlannedTx> txs)
    {
        var results = Answers<TxResult>(txs.Length);
        var failed = results.Select((r, i) => (r, i)).Where(x => !x.r.IsSuccess).Select(x => $"{txs[x.i].Chain}: {x.r}")
            .ToList();
        return failed.Count == 0 ? results : throw new InvalidOperationException(string.Join("; ", failed));
    }

    private IReadOnlyList<T> Answers<T>(int count) =>
        _answer is IReadOnlyList<T> answers && answers.Count == count
            ? answers
            : throw new InvalidOperationException(
                $"the link plan expected {count} answers of type {typeof(T).Name}, got {_answer?.GetType().Name ?? "null"}");

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
