using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// ibc.client-expire: governance freezes the light clients a chain keeps of the other chain of a link (as an expired
/// client, nothing verifies against them), and when the fault ends recovers each with the other chain's current header
/// (ibc-go's MsgRecoverClient); the link's relayers then restart and clear what is pending from both chains, as an
/// operator restarts them after a recovery. Each switch is a transaction in the chain's next block.
/// </summary>
public sealed partial class ScenarioRunner
{
    /// <summary>The (chain, client, provider, consumer) frozen, as last sent.</summary>
    private readonly SortedSet<(string Chain, string ClientId, string Provider, string Consumer)> _frozen = [];

    /// <summary>The clients a fault expires: those of the link's mesh and transfer paths on its side's chain, or on both.</summary>
    private IEnumerable<(string Chain, string ClientId)> ExpiredClients(ChaosSpec.IbcClientExpire fault)
    {
        var link = Link(fault.Provider, fault.Consumer);
        var ends = new[] { link.MeshEnds, link.TransferEnds };
        IEnumerable<(string, string)> provider = ends.Select(e => (fault.Provider, e.ClientA));
        IEnumerable<(string, string)> consumer = ends.Select(e => (fault.Consumer, e.ClientB));
        var clients = fault.Side switch
        {
            LinkSide.Provider => provider,
            LinkSide.Consumer => consumer,
            _ => provider.Concat(consumer),
        };
        return clients.Distinct();
    }

    private async Task ReconcileClients()
    {
        var want = new SortedSet<(string Chain, string ClientId, string Provider, string Consumer)>();
        foreach (var fault in _chaos.Values.OfType<ChaosSpec.IbcClientExpire>())
            foreach (var (chain, client) in ExpiredClients(fault)) want.Add((chain, client, fault.Provider, fault.Consumer));
        foreach (var (chain, client, _, _) in want.Except(_frozen))
            await Govern(chain, new CosmosMsg.GovFreezeClient(client), $"chaos/freeze/{client}");
        var recovered = _frozen.Except(want).ToList();
        foreach (var (chain, client, provider, consumer) in recovered)
        {
            var other = chain == provider ? consumer : provider;
            var header = ChainGenesis.HeaderOf(await _net.StateAsync(other));
            await Govern(chain, new CosmosMsg.GovRecoverClient(client, header), $"chaos/recover/{client}");
        }
        // the recoveries land first in the chains' next blocks (nothing the relayers submit sorts before them)
        foreach (var (provider, consumer) in recovered.Select(r => (r.Provider, r.Consumer)).Distinct())
            foreach (var channel in ChannelsOf(provider, consumer)) await _net.CrashRelayerAsync(channel);
        _frozen.Clear();
        _frozen.UnionWith(want);
    }

    private async Task Govern(string chainId, CosmosMsg msg, string what)
    {
        var gov = ModuleAccounts.Gov(_scenario.Chain(chainId).Prefix);
        await _net.SubmitAsync(chainId, new Tx(gov, [msg], $"{what}/{chainId}/{_reached.Nanos}"));
    }
}
