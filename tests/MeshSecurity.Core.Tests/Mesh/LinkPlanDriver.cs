using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Mesh;

/// <summary>
/// Answers a <see cref="LinkPlan"/> without chains: an instantiation creates the address derived from its chain and
/// label, a channel gets the next ids of its chains, and each request is written down as one line that names contracts
/// by their labels, so a test reads the plan's requests in order.
/// </summary>
internal sealed class LinkPlanDriver
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    public List<string> Trace { get; } = [];

    /// <summary>Chains whose id is also their address prefix and whose denom is "u" + id.</summary>
    public static Dictionary<string, ChainConfig> Chains(params string[] ids) =>
        ids.ToDictionary(id => id,
            id => new ChainConfig { ChainId = id, AddressPrefix = id, BondDenom = "u" + id, UnbondingPeriodSeconds = 3600 });

    /// <summary>An address the driver knows by <paramref name="name"/> (what an earlier plan deployed).</summary>
    public Addr Known(string chain, string name)
    {
        var addr = Addr.Derive(chain, name);
        _names[addr.Value] = name;
        return addr;
    }

    public LinkPlan Run(LinkPlan plan, Func<LinkPlanRequest, object?>? answer = null)
    {
        while (plan.Pending is { } request)
        {
            Trace.Add(Render(request));
            plan.Resume(answer?.Invoke(request) ?? Answer(request));
        }
        return plan;
    }

    public object? Answer(LinkPlanRequest request) => request switch
    {
        LinkPlanRequest.Execute e => e.Txs.Select(Execute).ToList(),
        LinkPlanRequest.OpenChannels o => o.Channels.Select(c => Open(c.Spec)).ToList(),
        LinkPlanRequest.Query q => q.Queries.Select(x => (object)new ProviderMsg.ConfigResponse(
            new ProviderMsg.ConsumerInfo("connection-0"), Known(x.Chain, $"slasher of {Name(x.Contract)}"), x.Contract, 3600, "", 0, null,
            MeshProfile.Intended)).ToList(),
        _ => null,
    };

    private TxResult Execute(PlannedTx tx, int index)
    {
        var data = tx.Msgs.Select(m => m is CosmosMsg.WasmInstantiate i ? new InstantiateResult(Known(tx.Chain, i.Label)) : (object?)null);
        return new TxResult($"{tx.Chain}/{index}", null, -1, [], [.. data]);
    }

    private ChannelEnds Open(ChannelSpec s)
    {
        var (clientA, connectionA, clientB, connectionB) = s.Connection is { } c
            ? (c.ClientA, c.ConnectionA, c.ClientB, c.ConnectionB)
            : (Next(s.ChainA, "client"), Next(s.ChainA, "connection"), Next(s.ChainB, "client"), Next(s.ChainB, "connection"));
        return new ChannelEnds(s.ChainA, clientA, connectionA, s.PortA, Next(s.ChainA, "channel"), s.ChainB, clientB, connectionB, s.PortB,
            Next(s.ChainB, "channel"));
    }

    private string Next(string chain, string kind)
    {
        var key = $"{chain}/{kind}";
        var n = _ids.GetValueOrDefault(key);
        _ids[key] = n + 1;
        return $"{kind}-{n}";
    }

    private string Render(LinkPlanRequest request) => request switch
    {
        LinkPlanRequest.Execute e => $"execute {e.Activity}: {string.Join(" | ", e.Txs.Select(Render))}",
        LinkPlanRequest.OpenChannels o => $"open {o.Activity}: {string.Join(" | ", o.Channels.Select(Render))}",
        LinkPlanRequest.Query q =>
            $"query {q.Activity}: {string.Join(" | ", q.Queries.Select(x => $"{x.Chain} {Name(x.Contract)} {x.Msg.GetType().Name}"))}",
        LinkPlanRequest.AwaitValidators w =>
            $"await {w.Activity}: {string.Join(" | ", w.Links.Select(l => $"{l.ProviderChain} {Name(l.Provider)}"))}",
        _ => throw new InvalidOperationException($"unknown request {request}"),
    };

    private string Render(PlannedTx t) => $"{t.Chain} {Name(t.Signer)} {string.Join(", ", t.Msgs.Select(Render))}";

    private string Render(CosmosMsg m) => m switch
    {
        CosmosMsg.WasmInstantiate i => $"instantiate {i.Label}",
        CosmosMsg.GovSubscribeHooks h => $"subscribe {Name(h.Contract)}",
        CosmosMsg.BankSend b => $"send {b.Amount} to {Name(b.ToAddress)}",
        CosmosMsg.WasmSudo { Msg: MetaStakingMsg.Sudo.AddConsumer a } s =>
            $"{Name(s.Contract)} add {Name(new Addr(a.ConsumerAddress))} with {a.FundsAvailableForStaking}",
        _ => m.ToString(),
    };

    private string Render(PlannedChannel c)
    {
        var s = c.Spec;
        var on = s.Connection is { } e ? $"on {e.ConnectionA}" : "new connection";
        return $"{c.Name} {s.ChainA}:{Port(s.PortA)} -> {s.ChainB}:{Port(s.PortB)} {s.Version} {s.Order} {on}";
    }

    private string Port(string port) => port.StartsWith("wasm.", StringComparison.Ordinal) ? $"wasm.{Name(new Addr(port[5..]))}" : port;

    private string Name(Addr a)
    {
        if (_names.TryGetValue(a.Value, out var name)) return name;
        if (a == MeshContracts.Deployer(a.Prefix)) return "deployer";
        return a == ModuleAccounts.Gov(a.Prefix) ? "gov" : a.Value;
    }
}
