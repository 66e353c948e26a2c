using System.Collections.Immutable;
using Akka.Actor;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Channels;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// Chaos on a live run (`meshsec chaos`, through this member's control API): link and chain faults sent to the run's
/// entities through its shard regions, wherever they are. This member remembers what it injected, for status and heal.
/// </summary>
public sealed partial class MeshNode
{
    private static readonly TimeSpan ChaosTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Faults in force per run instance, as "fault target".</summary>
    private readonly Dictionary<string, SortedSet<string>> _faults = new(StringComparer.Ordinal);

    private void ChaosCommands()
    {
        Receive<ChaosRequest.Inject>(m =>
        {
            if (Resolve(m.RunId) is not { } run) return;
            if (Targets(run, m) is not { } targets) return;
            var faults = FaultsOf(run);
            var sender = Sender;
            var runId = run.Spec.RunId;
            switch (m.Fault.Name)
            {
                case "relayer.stop":
                    faults.Add($"relayer.stop {m.Provider}->{m.Consumer}");
                    Ask(run, targets.Select(t => (object)new ChannelCommand.Pause(t)), sender, runId, m.Fault.Name, targets);
                    break;
                case "relayer.start":
                    faults.Remove($"relayer.stop {m.Provider}->{m.Consumer}");
                    Ask(run, targets.Select(t => (object)new ChannelCommand.Resume(t)), sender, runId, m.Fault.Name, targets);
                    break;
                case "relayer.crash":
                    Ask(run, targets.Select(t => (object)new ChannelCommand.Crash(t)), sender, runId, m.Fault.Name, targets);
                    break;
                case "relayer.duplicate":
                    faults.Add($"relayer.duplicate {m.Provider}->{m.Consumer}");
                    foreach (var t in targets) run.Channels.Tell(new ChannelCommand.DuplicateDeliveries(t, true));
                    sender.Tell(new ChaosReply.Done(runId, m.Fault.Name, targets));
                    break;
                case "chain.crash":
                    run.Chains.Tell(new ChainCommand.Crash(m.Chain!, "meshsec chaos chain.crash"));
                    sender.Tell(new ChaosReply.Done(runId, m.Fault.Name, targets));
                    break;
                default:
                    sender.Tell(new ChaosReply.Refused($"{m.Fault.Name} acts on the member itself, not on a run"));
                    break;
            }
        });
        Receive<ChaosRequest.Heal>(m =>
        {
            if (Resolve(m.RunId) is not { } run) return;
            var faults = FaultsOf(run);
            var healed = faults.ToImmutableArray();
            var commands = new List<object>();
            foreach (var fault in faults)
            {
                var link = fault[(fault.IndexOf(' ') + 1)..].Split("->");
                foreach (var channel in new[] { LinkPlan.MeshChannel(link[0], link[1]), LinkPlan.TransferChannel(link[0], link[1]) })
                {
                    if (fault.StartsWith("relayer.stop", StringComparison.Ordinal)) commands.Add(new ChannelCommand.Resume(channel));
                    else run.Channels.Tell(new ChannelCommand.DuplicateDeliveries(channel, false));
                }
            }
            faults.Clear();
            Ask(run, commands, Sender, run.Spec.RunId, "heal", healed);
        });
        Receive<ChaosRequest.GetStatus>(_ => Sender.Tell(new ChaosReply.Status([.. _runs.Values
            .OrderBy(r => r.Spec.RunId, StringComparer.Ordinal).ThenBy(r => r.Spec.Attempt)
            .Select(r => new ChaosReply.RunFaults(r.Spec.RunId, r.Spec.Attempt, r.Spec.Placement.ToString(), r.Placement.Chains.Count(),
                [.. FaultsOf(r)]))])));
    }

    private SortedSet<string> FaultsOf(Hosted run)
    {
        if (!_faults.TryGetValue(run.Spec.Instance, out var faults)) _faults[run.Spec.Instance] = faults = new(StringComparer.Ordinal);
        return faults;
    }

    /// <summary>The run named (its latest attempt here), or the only one hosted; refuses to the sender otherwise.</summary>
    private Hosted? Resolve(string? runId)
    {
        var runs = _runs.Values.Where(r => runId is null || r.Spec.RunId == runId).OrderBy(r => r.Spec.Attempt).ToList();
        var ids = _runs.Values.Select(r => r.Spec.RunId).Distinct().Order(StringComparer.Ordinal).ToList();
        if (runs.Count > 0 && (runId is not null || ids.Count == 1)) return runs[^1];
        Sender.Tell(runId is not null
            ? new ChaosReply.Refused($"this member hosts no run {runId} (runs: {Names(ids)})", NotFound: true)
            : ids.Count == 0
                ? new ChaosReply.Refused("this member hosts no run: start one with meshsec run --cluster", NotFound: true)
                : new ChaosReply.Refused($"this member hosts {ids.Count} runs: name one with --run ({Names(ids)})"));
        return null;
    }

    private static string Names(IReadOnlyCollection<string> ids) => ids.Count == 0 ? "none" : string.Join(", ", ids);

    /// <summary>The entities a fault acts on, its names checked against the run's chains; refuses to the sender otherwise.</summary>
    private ImmutableArray<string>? Targets(Hosted run, ChaosRequest.Inject m)
    {
        string? Missing(string what, string? chain) =>
            chain is null ? $"{m.Fault.Name} needs --{what}"
            : run.Placement.Knows(chain) ? null
            : $"run {run.Spec.RunId} has no chain '{chain}' (chains: {string.Join(", ", run.Placement.Chains)})";
        var problem = m.Fault.Target switch
        {
            ChaosTarget.Link => Missing("provider", m.Provider) ?? Missing("consumer", m.Consumer),
            ChaosTarget.Chain => Missing("chain", m.Chain),
            _ => null,
        };
        if (problem is not null)
        {
            Sender.Tell(new ChaosReply.Refused(problem));
            return null;
        }
        return m.Fault.Target switch
        {
            ChaosTarget.Link => [LinkPlan.MeshChannel(m.Provider!, m.Consumer!), LinkPlan.TransferChannel(m.Provider!, m.Consumer!)],
            ChaosTarget.Chain => [m.Chain!],
            _ => [],
        };
    }

    /// <summary>Sends each command to the run's channels and answers once all did (a relayer answers after it acted).</summary>
    private static void Ask(Hosted run, IEnumerable<object> commands, IActorRef sender, string runId, string fault,
        ImmutableArray<string> targets) =>
        Task.WhenAll(commands.Select(c => run.Channels.Ask<ChannelReply.Info>(c, ChaosTimeout)))
            .PipeTo(sender, success: _ => new ChaosReply.Done(runId, fault, targets),
                failure: ex => new ChaosReply.Refused($"{fault}: the relayers did not answer ({ex.Message})"));
}
