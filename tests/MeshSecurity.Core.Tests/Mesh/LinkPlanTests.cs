using MeshSecurity.Core.Contracts;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc.Transfer;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Mesh;

/// <summary>
/// <see cref="LinkPlan"/> without chains: the requests it yields, in order and content, for the shapes a network
/// takes; what it finishes with; and how it stops on a bad call or a bad answer.
/// </summary>
public class LinkPlanTests
{
    private static readonly Amount Funds = 1_000;

    private static LinkDefinition Link(string provider, string consumer, MeshProfile? profile = null) =>
        new(provider, consumer, Dec.Parse("0.5"), Funds, 60, new LatencyModel.Constant(2), 7, profile);

    private const string Deploy1And1 =
        "execute deploying 1 lockup and 1 meta-staking contract: osmosis deployer instantiate mesh-lockup | " +
        "juno gov instantiate meta-staking";
    private const string Subscribe1 = "execute subscribing 1 lockup to slashes: osmosis gov subscribe mesh-lockup";

    /// <summary>The steps of osmosis → juno once its transfer channel is open on <paramref name="connection"/>.</summary>
    private static string[] JunoAfterTransfer(string connection) =>
    [
        "execute instantiating 1 provider contract: osmosis deployer instantiate mesh-provider for juno",
        "query reading 1 slasher: osmosis mesh-provider for juno Config",
        "execute instantiating 1 consumer contract: juno gov instantiate mesh-consumer for osmosis",
        "execute funding and authorising 1 consumer: juno gov send 1000ujuno to meta-staking, " +
        "meta-staking add mesh-consumer for osmosis with 1000ujuno, subscribe mesh-consumer for osmosis",
        "open opening 1 mesh channel: osmosis-juno/mesh osmosis:wasm.mesh-provider for juno -> juno:wasm.mesh-consumer for osmosis " +
        "mesh-security-v0.1 Unordered on " + connection,
        "await waiting for 1 validator set: osmosis mesh-provider for juno",
    ];

    /// <summary>Each case: the links in one call, whether osmosis → juno was linked before, and the requests in order.</summary>
    private static readonly Dictionary<string, (LinkDefinition[] Links, bool JunoLinkedBefore, string[] Requests)> Cases = new()
    {
        ["one link"] = ([Link("osmosis", "juno")], false,
        [
            Deploy1And1,
            Subscribe1,
            "open opening 1 transfer channel: osmosis-juno/transfer osmosis:transfer -> juno:transfer ics20-1 Unordered new connection",
            .. JunoAfterTransfer("connection-0"),
        ]),
        ["three links sharing a provider"] = ([Link("osmosis", "juno"), Link("osmosis", "stars"), Link("osmosis", "neutron")], false,
        [
            "execute deploying 1 lockup and 3 meta-staking contracts: osmosis deployer instantiate mesh-lockup | " +
            "juno gov instantiate meta-staking | " +
            "stars gov instantiate meta-staking | neutron gov instantiate meta-staking",
            Subscribe1,
            "open opening 3 transfer channels: " +
            "osmosis-juno/transfer osmosis:transfer -> juno:transfer ics20-1 Unordered new connection | " +
            "osmosis-stars/transfer osmosis:transfer -> stars:transfer ics20-1 Unordered new connection | " +
            "osmosis-neutron/transfer osmosis:transfer -> neutron:transfer ics20-1 Unordered new connection",
            "execute instantiating 3 provider contracts: osmosis deployer instantiate mesh-provider for juno | " +
            "osmosis deployer instantiate mesh-provider for stars | osmosis deployer instantiate mesh-provider for neutron",
            "query reading 3 slashers: osmosis mesh-provider for juno Config | osmosis mesh-provider for stars Config | " +
            "osmosis mesh-provider for neutron Config",
            "execute instantiating 3 consumer contracts: juno gov instantiate mesh-consumer for osmosis | " +
            "stars gov instantiate mesh-consumer for osmosis | neutron gov instantiate mesh-consumer for osmosis",
            "execute funding and authorising 3 consumers: juno gov send 1000ujuno to meta-staking, " +
            "meta-staking add mesh-consumer for osmosis with 1000ujuno, subscribe mesh-consumer for osmosis | " +
            "stars gov send 1000ustars to meta-staking, meta-staking add mesh-consumer for osmosis with 1000ustars, " +
            "subscribe mesh-consumer for osmosis | neutron gov send 1000uneutron to meta-staking, " +
            "meta-staking add mesh-consumer for osmosis with 1000uneutron, subscribe mesh-consumer for osmosis",
            "open opening 3 mesh channels: osmosis-juno/mesh osmosis:wasm.mesh-provider for juno -> juno:wasm.mesh-consumer for osmosis " +
            "mesh-security-v0.1 Unordered on connection-0 | osmosis-stars/mesh osmosis:wasm.mesh-provider for stars -> " +
            "stars:wasm.mesh-consumer for osmosis mesh-security-v0.1 Unordered on connection-1 | osmosis-neutron/mesh " +
            "osmosis:wasm.mesh-provider for neutron -> neutron:wasm.mesh-consumer for osmosis mesh-security-v0.1 Unordered on connection-2",
            "await waiting for 3 validator sets: osmosis mesh-provider for juno | osmosis mesh-provider for stars | " +
            "osmosis mesh-provider for neutron",
        ]),
        ["two providers sharing a consumer"] = ([Link("osmosis", "juno"), Link("cosmos", "juno")], false,
        [
            "execute deploying 2 lockups and 1 meta-staking contract: osmosis deployer instantiate mesh-lockup | " +
            "cosmos deployer instantiate mesh-lockup | juno gov instantiate meta-staking",
            "execute subscribing 2 lockups to slashes: osmosis gov subscribe mesh-lockup | cosmos gov subscribe mesh-lockup",
            "open opening 2 transfer channels: " +
            "osmosis-juno/transfer osmosis:transfer -> juno:transfer ics20-1 Unordered new connection | " +
            "cosmos-juno/transfer cosmos:transfer -> juno:transfer ics20-1 Unordered new connection",
            "execute instantiating 2 provider contracts: osmosis deployer instantiate mesh-provider for juno | " +
            "cosmos deployer instantiate mesh-provider for juno",
            "query reading 2 slashers: osmosis mesh-provider for juno Config | cosmos mesh-provider for juno Config",
            "execute instantiating 2 consumer contracts: juno gov instantiate mesh-consumer for osmosis | " +
            "juno gov instantiate mesh-consumer for cosmos",
            "execute funding and authorising 2 consumers: juno gov send 1000ujuno to meta-staking, " +
            "meta-staking add mesh-consumer for osmosis with 1000ujuno, subscribe mesh-consumer for osmosis | juno gov send 1000ujuno to " +
            "meta-staking, meta-staking add mesh-consumer for cosmos with 1000ujuno, subscribe mesh-consumer for cosmos",
            "open opening 2 mesh channels: osmosis-juno/mesh osmosis:wasm.mesh-provider for juno -> juno:wasm.mesh-consumer for osmosis " +
            "mesh-security-v0.1 Unordered on connection-0 | cosmos-juno/mesh cosmos:wasm.mesh-provider for juno -> " +
            "juno:wasm.mesh-consumer for cosmos mesh-security-v0.1 Unordered on connection-0",
            "await waiting for 2 validator sets: osmosis mesh-provider for juno | cosmos mesh-provider for juno",
        ]),
        // the pair's lockup, meta-staking and connection exist: nothing is deployed, both channels use connection-7
        ["a pair linked before reuses its connection"] = ([Link("osmosis", "juno")], true,
        [
            "open opening 1 transfer channel: osmosis-juno/transfer osmosis:transfer -> juno:transfer ics20-1 Unordered on connection-7",
            .. JunoAfterTransfer("connection-7"),
        ]),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    private static readonly ChannelEnds EarlierTransfer =
        new("osmosis", "client-7", "connection-7", "transfer", "channel-7", "juno", "client-3", "connection-3", "transfer", "channel-3");

    private static MeshDeployment LinkedBefore(LinkPlanDriver driver) => MeshDeployment.Empty
        .WithLockup("osmosis", driver.Known("osmosis", "mesh-lockup"))
        .WithMetaStaking("juno", driver.Known("juno", "meta-staking"))
        .WithConnection("osmosis", "juno", EarlierTransfer);

    private static LinkPlan Start(LinkPlanDriver driver, IReadOnlyList<LinkDefinition> links, MeshDeployment? deployed = null) =>
        LinkPlan.Start(links, LinkPlanDriver.Chains("osmosis", "cosmos", "juno", "stars", "neutron"), deployed, "seed-1");

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void The_plan_asks_for_each_step_once_for_all_links_in_the_order_of_the_installation(string name)
    {
        var (links, linkedBefore, requests) = Cases[name];
        var driver = new LinkPlanDriver();
        var plan = driver.Run(Start(driver, links, linkedBefore ? LinkedBefore(driver) : null));

        Assert.Equal(requests, driver.Trace);
        Assert.True(plan.IsDone);
        Assert.Equal(links.Select(l => (l.ProviderChain, l.ConsumerChain)), plan.Links.Select(l => (l.ProviderChain, l.ConsumerChain)));
        // what the plan leaves deployed: a lockup per provider, a meta-staking per consumer, a connection per pair
        Assert.Equal(links.Select(l => l.ProviderChain).Distinct().Order(StringComparer.Ordinal), plan.Deployed.Lockups.Keys);
        Assert.Equal(links.Select(l => l.ConsumerChain).Distinct().Order(StringComparer.Ordinal), plan.Deployed.MetaStakings.Keys);
        Assert.Equal(plan.Links.Select(l => l.TransferEnds),
            links.Select(l => plan.Deployed.Connections[(l.ProviderChain, l.ConsumerChain)]));
    }

    [Fact]
    public void A_link_is_installed_with_the_ids_and_addresses_the_earlier_steps_returned()
    {
        var driver = new LinkPlanDriver();
        var plan = Start(driver, [Link("osmosis", "juno", MeshProfile.Prototype2022)]);
        var seen = new List<LinkPlanRequest>();
        while (plan.Pending is { } request)
        {
            seen.Add(request);
            plan.Resume(driver.Answer(request));
        }
        var link = Assert.Single(plan.Links);
        var lockup = Addr.Derive("osmosis", "mesh-lockup");
        var (provider, consumer) = (Addr.Derive("osmosis", "mesh-provider for juno"), Addr.Derive("juno", "mesh-consumer for osmosis"));
        var rewards = TransferModule.VoucherDenom("transfer", "channel-0", "ujuno");
        Assert.Equal(
            new MeshLinkInfo("osmosis", "juno", lockup, provider, Addr.Derive("osmosis", "slasher of mesh-provider for juno"), consumer,
                Addr.Derive("juno", "meta-staking"), "osmosis-juno/mesh", link.MeshEnds, "osmosis-juno/transfer", link.TransferEnds,
                rewards),
            link);
        Assert.Equal(("connection-0", "channel-0", "connection-0", "channel-0"),
            (link.TransferEnds.ConnectionA, link.TransferEnds.ChannelA, link.TransferEnds.ConnectionB, link.TransferEnds.ChannelB));
        Assert.Equal((WasmState.PortOf(provider), "channel-1", WasmState.PortOf(consumer), "channel-1"),
            (link.MeshEnds.PortA, link.MeshEnds.ChannelA, link.MeshEnds.PortB, link.MeshEnds.ChannelB));

        // the lockup takes the link's profile; the provider learns the transfer connection, lockup, rewards denom and unbonding
        var instantiations = seen.OfType<LinkPlanRequest.Execute>().SelectMany(e => e.Txs).SelectMany(t => t.Msgs)
            .OfType<CosmosMsg.WasmInstantiate>().ToDictionary(i => i.Label, i => i.Msg);
        Assert.Equal(MeshProfile.Prototype2022, ((LockupMsg.Instantiate)instantiations["mesh-lockup"]).Profile);
        var p = (ProviderMsg.Instantiate)instantiations["mesh-provider for juno"];
        Assert.Equal(("connection-0", lockup.Value, rewards, 3600UL, (ulong?)60, "ujuno"),
            (p.Consumer.ConnectionId, p.Lockup, p.RewardsIbcDenom, p.UnbondingPeriod, p.PacketLifetime, p.ConsumerRewardsDenom));
        // the consumer learns the provider's port over its own end of the connection, and where rewards go
        var c = (ConsumerMsg.Instantiate)instantiations["mesh-consumer for osmosis"];
        Assert.Equal(
            (WasmState.PortOf(provider), "connection-0", Dec.Parse("0.5"), Addr.Derive("juno", "meta-staking").Value, "channel-0",
                provider.Value),
            (c.Provider.PortId, c.Provider.ConnectionId, c.RemoteToLocalExchangeRate, c.MetaStakingContractAddress, c.Ics20Channel,
                c.ProviderAddress));
        // both channels carry the link's relayer settings and the plan's seed
        Assert.All(seen.OfType<LinkPlanRequest.OpenChannels>().SelectMany(o => o.Channels),
            ch => Assert.Equal((new LatencyModel.Constant(2) as LatencyModel, 7, "seed-1"),
                (ch.Spec.Latency, ch.Spec.BatchSize, ch.Spec.Seed)));
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "pair twice", "a provider and consumer pair is linked at most once per call (Parameter 'links')" },
        { "unknown chain", "no chain osmosis-2 to install on (Parameter 'chains')" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_bad_call_is_refused_before_any_request(string name, string message)
    {
        LinkDefinition[] links = name == "pair twice"
            ? [Link("osmosis", "juno"), Link("osmosis", "stars"), Link("osmosis", "juno")]
            : [Link("osmosis", "juno"), Link("osmosis-2", "juno")];
        var e = Assert.Throws<ArgumentException>(() => Start(new LinkPlanDriver(), links));
        Assert.Equal(message, e.Message);
    }

    private static TxResult Failed(PlannedTx t) => new($"{t.Chain}/x", new StdError.Generic("out of gas"), 0, [], []);

    public static TheoryData<string, string> BadAnswers => new()
    {
        { "a failed instantiation", "juno: tx juno/x: failed at msg 0: " },
        { "too few results", "the link plan expected 2 answers of type TxResult, got List`1" },
        { "a provider without slasher", "the provider did not record its slasher" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public void A_bad_answer_stops_the_plan_with_what_went_wrong(string name, string message)
    {
        var driver = new LinkPlanDriver();
        var plan = Start(driver, [Link("osmosis", "juno")]);
        List<TxResult> FailOnJuno(LinkPlanRequest.Execute e)
        {
            var ok = (List<TxResult>)driver.Answer(e)!;
            return [.. e.Txs.Select((t, i) => t.Chain == "juno" ? Failed(t) : ok[i])];
        }
        object? Answer(LinkPlanRequest r) => (name, r) switch
        {
            ("a failed instantiation", LinkPlanRequest.Execute e) => FailOnJuno(e),
            ("too few results", LinkPlanRequest.Execute) => new List<TxResult>(),
            ("a provider without slasher", LinkPlanRequest.Query) =>
                new List<object>
                {
                    new ProviderMsg.ConfigResponse(new("c"), null, Addr.Derive("osmosis", "l"), 1, "", 1, null, MeshProfile.Intended),
                },
            _ => driver.Answer(r),
        };
        var e = Assert.Throws<InvalidOperationException>(() => driver.Run(plan, Answer));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        Assert.Empty(plan.Links);
    }

    [Fact]
    public void A_plan_that_is_done_takes_no_more_answers()
    {
        var driver = new LinkPlanDriver();
        var plan = driver.Run(LinkPlan.Deploy([], ["juno"], LinkPlanDriver.Chains("juno")));
        Assert.Equal(["execute deploying 1 meta-staking contract: juno gov instantiate meta-staking"], driver.Trace);
        Assert.Equal("the link plan is already done", Assert.Throws<InvalidOperationException>(() => plan.Resume(null)).Message);
    }
}
