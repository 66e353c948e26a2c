using System.Collections.Immutable;
using Akka.Actor;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Channels;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// ibc.error-ack and ibc.client-expire live: governance's switches (CosmosMsg.GovInjectErrorAcks, GovFreezeClient) sent to
/// the chains of the link's channel ends, as the scenario runner sends them (ScenarioRunner.ErrorAcks.cs and Clients.cs).
/// Heal switches the error acks off, recovers each frozen client with a fresh header of the other chain
/// (GovRecoverClient), then restarts the link's relayers, which clear what is pending from both chains.
/// </summary>
public sealed partial class MeshNode
{
    /// <summary>The IBC faults in force per run instance.</summary>
    private readonly Dictionary<string, List<IbcFault>> _ibcFaults = new(StringComparer.Ordinal);

    /// <param name="Ends">The channel ends (chain, port, channel) answering <paramref name="Packet"/>s with error acks.</param>
    /// <param name="Clients">The clients frozen: (chain, client, the chain it follows).</param>
    private sealed record IbcFault(string Shown, string Provider, string Consumer, string? Packet,
        ImmutableArray<(string Chain, string Port, string Channel)> Ends,
        ImmutableArray<(string Chain, string Client, string Other)> Clients);

    private static bool IsIbcFault(string fault) => fault is "ibc.error-ack" or "ibc.client-expire";

    private List<IbcFault> IbcFaultsOf(string instance)
    {
        if (!_ibcFaults.TryGetValue(instance, out var faults)) _ibcFaults[instance] = faults = [];
        return faults;
    }

    private (string Chain, ImmutableArray<string> Targets, Func<Task> Act) ApplyIbcFault(Hosted run, ChaosRequest.Inject m, RunView view)
    {
        var (p, c, args, fault) = (m.Provider!, m.Consumer!, m.Args, m.Fault.Name);
        IbcFault planned;
        if (fault == "ibc.error-ack")
        {
            // packets to the provider: validator updates and rewards; a transfer goes either way; the rest to the consumer
            var packet = args.Packet!;
            var ends = view.Relayers[packet == "transfer" ? LinkPlan.TransferChannel(p, c) : LinkPlan.MeshChannel(p, c)].Ends!;
            var toProvider = packet is "update-validators" or "rewards" or "transfer";
            var toConsumer = packet is not ("update-validators" or "rewards");
            planned = new IbcFault($"{fault} {p}->{c} {packet}", p, c, packet,
                [.. toProvider ? [(p, ends.PortA, ends.ChannelA)] : Array.Empty<(string, string, string)>(),
                    .. toConsumer ? [(c, ends.PortB, ends.ChannelB)] : Array.Empty<(string, string, string)>()], []);
        }
        else
        {
            var ends = PathsOf(p, c).Select(ch => view.Relayers[ch].Ends!).ToList();
            IEnumerable<(string, string, string)> provider = ends.Select(e => (p, e.ClientA, c));
            IEnumerable<(string, string, string)> consumer = ends.Select(e => (c, e.ClientB, p));
            var clients = args.Side switch
            {
                "provider" => provider,
                "consumer" => consumer,
                _ => provider.Concat(consumer),
            };
            planned = new IbcFault($"{fault} {p}->{c}{(args.Side is { } s ? " " + s : "")}", p, c, null, [], [.. clients.Distinct()]);
        }
        IbcFaultsOf(run.Spec.Instance).Add(planned);
        ImmutableArray<string> targets =
        [
            .. planned.Ends.Select(e => $"{e.Chain}/{IbcState.ErrorAckKey(new IbcEndpoint(e.Port, e.Channel), planned.Packet!)}"),
            .. planned.Clients.Select(x => $"{x.Chain}/{x.Client}"),
        ];
        var chains = planned.Ends.Select(e => e.Chain).Concat(planned.Clients.Select(x => x.Chain)).Distinct().ToList();
        async Task Act()
        {
            foreach (var (chain, port, channel) in planned.Ends)
                await Govern(run, view.States[chain], new CosmosMsg.GovInjectErrorAcks(port, channel, planned.Packet!, true),
                    "error-ack-on");
            foreach (var (chain, client, _) in planned.Clients)
                await Govern(run, view.States[chain], new CosmosMsg.GovFreezeClient(client), "freeze");
        }
        return (chains.Count == 1 ? chains[0] : "", targets, Act);
    }

    private List<Task> HealIbc(Hosted run)
    {
        var faults = IbcFaultsOf(run.Spec.Instance).ToList();
        IbcFaultsOf(run.Spec.Instance).Clear();
        return faults.Count == 0 ? [] : [HealIbcAsync(run, faults, _incarnation)];
    }

    private static async Task HealIbcAsync(Hosted run, List<IbcFault> faults, string member)
    {
        async Task<ChainState> State(string chain) =>
            (await run.Chains.Ask<ChainReply.State>(new ChainCommand.GetState(chain), ChaosTimeout)).Value;
        foreach (var (chain, port, channel, packet) in faults.SelectMany(f => f.Ends.Select(e => (e.Chain, e.Port, e.Channel, f.Packet!)))
                     .Distinct())
            await Govern(run, await State(chain), new CosmosMsg.GovInjectErrorAcks(port, channel, packet, false), "error-ack-off");
        foreach (var (chain, client, other) in faults.SelectMany(f => f.Clients).Distinct())
        {
            var header = ChainGenesis.HeaderOf(await State(other));
            await Govern(run, await State(chain), new CosmosMsg.GovRecoverClient(client, header), "recover");
        }
        // the recoveries go first into the chains' next blocks (before any instant the relayers submit for), so the
        // relayers, restarted as an operator restarts them after a recovery, clear against recovered clients
        foreach (var f in faults.Where(f => !f.Clients.IsEmpty).DistinctBy(f => (f.Provider, f.Consumer)))
            foreach (var channel in PathsOf(f.Provider, f.Consumer))
                await run.Channels.Ask<ChannelReply.Info>(new ChannelCommand.Crash(channel, CrashId(member)), ChaosTimeout);
    }
}
