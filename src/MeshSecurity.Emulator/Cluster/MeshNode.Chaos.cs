using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
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

    /// <summary>Faults in force per run instance, by how status shows them ("relayer.stop osmosis->juno").</summary>
    private readonly Dictionary<string, SortedDictionary<string, LinkFault>> _faults = new(StringComparer.Ordinal);

    /// <summary>A link fault in force: what heal undoes.</summary>
    private sealed record LinkFault(string Fault, string Provider, string Consumer)
    {
        public override string ToString() => $"{Fault} {Provider}->{Consumer}";
    }

    private void ChaosCommands()
    {
        Receive<ChaosRequest.Inject>(m =>
        {
            if (Resolve(m.RunId) is not { } run) return;
            if (Targets(run, m) is not { } targets) return;
            var (sender, runId, fault) = (Sender, run.Spec.RunId, m.Fault.Name);
            LinkFault Link(string name) => new(name, m.Provider!, m.Consumer!);
            switch (fault)
            {
                case var consensus when IsConsensusFault(consensus):
                    InjectConsensus(run, m);
                    break;
                case var planned when IsPlannedFault(planned):
                    Plan(run, m);
                    break;
                case var driven when IsDriverFault(driven):
                    ToDriver(run, m);
                    break;
                case "relayer.stop":
                    OnOpenRelayers(run, sender, fault, targets, t => new ChannelCommand.Pause(t), track: Link(fault));
                    break;
                case "relayer.start":
                    OnOpenRelayers(run, sender, fault, targets, t => new ChannelCommand.Resume(t), untrack: Link("relayer.stop"));
                    break;
                case "relayer.crash":
                    OnOpenRelayers(run, sender, fault, targets, t => new ChannelCommand.Crash(t, CrashId(_incarnation)));
                    break;
                case "relayer.duplicate":
                    // no answer comes from a relayer for this one: it is told once both are open
                    OnOpenRelayers(run, sender, fault, targets, null, track: Link(fault));
                    break;
                case "shard.handoff":
                    HandOff(run, sender, m.Chain!, m.Member);
                    break;
                case "chain.crash":
                    CrashChain(run, sender, m.Chain!, fault, targets);
                    break;
                default:
                    sender.Tell(new ChaosReply.Refused($"{fault} acts on the member itself, not on a run"));
                    break;
            }
        });
        Receive<Outcome>(m =>
        {
            if (m.Reply is ChaosReply.Done && _runs.TryGetValue(m.Instance, out var run))
            {
                Record(run, m.Chain, m.Fault, m.Targets);
                if (m.Track is { } track) FaultsOf(run)[track.ToString()] = track;
                if (m.Untrack is { } untrack) FaultsOf(run).Remove(untrack.ToString());
                if (m.Track?.Fault == "relayer.duplicate")
                    foreach (var t in m.Targets) run.Channels.Tell(new ChannelCommand.DuplicateDeliveries(t, true));
            }
            m.ReplyTo.Tell(m.Reply);
        });
        Receive<ChaosRequest.Heal>(m =>
        {
            if (Resolve(m.RunId) is not { } run) return;
            var faults = FaultsOf(run);
            var healedList = faults.Keys.ToList();
            var chains = HealConsensus(run, healedList);
            // before the stopped relayers are forgotten: a link both stopped and partitioned is resumed once, below
            chains.AddRange(HealPlanned(run, healedList));
            var healed = healedList.ToImmutableArray();
            var commands = new List<object>();
            foreach (var f in faults.Values)
            {
                var (mesh, transfer) = (LinkPlan.MeshChannel(f.Provider, f.Consumer), LinkPlan.TransferChannel(f.Provider, f.Consumer));
                foreach (var channel in new[] { mesh, transfer })
                {
                    if (f.Fault == "relayer.stop") commands.Add(new ChannelCommand.Resume(channel));
                    else run.Channels.Tell(new ChannelCommand.DuplicateDeliveries(channel, false));
                }
            }
            faults.Clear();
            var (sender, runId) = (Sender, run.Spec.RunId);
            if (!healed.IsEmpty) Record(run, "", "heal", healed);
            // the driver records its own heals (their ends, as its steps' ends)
            var driver = HealDriverFaults(run);
            async Task<ChaosReply> Healed()
            {
                await Task.WhenAll(commands.Select(Task (c) => run.Channels.Ask<ChannelReply.Info>(c, ChaosTimeout)).Concat(chains));
                return driver is null ? new ChaosReply.Done(runId, "heal", healed)
                    : await driver switch
                    {
                        DriverChaosReply.Done d => new ChaosReply.Done(runId, "heal", healed.AddRange(d.Targets)),
                        DriverChaosReply.Refused r => new ChaosReply.Refused($"heal: {r.Reason}"),
                        var other => new ChaosReply.Refused($"heal: the run's driver answered {other.GetType().Name}"),
                    };
            }
            Healed().PipeTo(sender, failure: ex => new ChaosReply.Refused($"heal: the relayers or chains did not answer ({ex.Message})"));
        });
        Receive<ChaosRequest.RecordMemberFault>(m =>
        {
            foreach (var run in _runs.Values) Record(run, "", m.Fault, m.Targets);
        });
        Receive<ChaosRequest.GetStatus>(_ => Sender.Tell(new ChaosReply.Status([.. _runs.Values
            .OrderBy(r => r.Spec.RunId, StringComparer.Ordinal).ThenBy(r => r.Spec.Attempt)
            .Select(r => new ChaosReply.RunFaults(r.Spec.RunId, r.Spec.Attempt, r.Spec.Placement.ToString(), r.Placement.Chains.Count(),
                [.. FaultsOf(r).Keys, .. ConsensusFaultsOf(r), .. PlannedFaultsOf(r),
                    .. _driverFaults.GetValueOrDefault(r.Spec.Instance, [])]))])));
    }

    private SortedDictionary<string, LinkFault> FaultsOf(Hosted run)
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

    private static string Made(Hosted run) => run.Placement.Chains.Any()
        ? $"the chains it has made: {string.Join(", ", run.Placement.Chains)}" : "it has made no chain yet";

    private static string Names(IReadOnlyCollection<string> ids) => ids.Count == 0 ? "none" : string.Join(", ", ids);

    /// <summary>The entities a fault acts on, its names checked against the run's chains; refuses to the sender otherwise.</summary>
    private ImmutableArray<string>? Targets(Hosted run, ChaosRequest.Inject m)
    {
        string? Missing(string what, string? chain) =>
            chain is null ? $"{m.Fault.Name} needs --{what}"
            : run.Placement.Knows(chain) ? null
            : $"run {run.Spec.RunId} has no chain '{chain}' ({Made(run)}; a run on a cluster makes its chains one by one as it " +
                $"sets up: if '{chain}' is in the scenario, ask again once the run has started)";
        var problem = m.Fault.Target switch
        {
            // net.loss, net.latency and net.reorder without a link act on every link
            ChaosTarget.Link when m.Fault.Name is "net.loss" or "net.latency" or "net.reorder" && m.Provider is null && m.Consumer is null
                => null,
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
            ChaosTarget.Link when m.Provider is null => [],
            ChaosTarget.Link => [LinkPlan.MeshChannel(m.Provider!, m.Consumer!), LinkPlan.TransferChannel(m.Provider!, m.Consumer!)],
            ChaosTarget.Chain => [m.Chain!],
            _ => [],
        };
    }

    /// <summary>
    /// Checks that the link's relayers are open (a relayer stopped before its channel opened would never open it), sends
    /// each its command, and answers once all acted (a relayer answers after it did).
    /// </summary>
    private void OnOpenRelayers(Hosted run, IActorRef sender, string fault, ImmutableArray<string> targets,
        Func<string, ChannelCommand>? command, LinkFault? track = null, LinkFault? untrack = null)
    {
        var channels = run.Channels;
        async Task<ChaosReply> Act()
        {
            var infos = await Task.WhenAll(
                targets.Select(t => channels.Ask<ChannelReply.Info>(new ChannelCommand.GetInfo(t), ChaosTimeout)));
            if (infos.FirstOrDefault(i => !i.Open) is { } closed)
                return new ChaosReply.Refused($"{fault}: relayer {closed.ChannelId} is not open (the run is still setting up, " +
                    "or the channel was refused or closed)");
            if (command is not null) await Task.WhenAll(targets.Select(t => channels.Ask<ChannelReply.Info>(command(t), ChaosTimeout)));
            return new ChaosReply.Done(run.Spec.RunId, fault, targets);
        }
        // a link's relayer paths are "provider-consumer/port": the event is the provider chain's
        var chain = run.Placement.Chains.Where(c => targets[0].StartsWith(c + "-", StringComparison.Ordinal)).MaxBy(c => c.Length) ?? "";
        Act().PipeTo(Self, success: reply => new Outcome(sender, run.Spec.Instance, chain, fault, reply, targets, track, untrack),
            failure: ex => new Outcome(sender, run.Spec.Instance, chain, fault,
                new ChaosReply.Refused($"{fault}: the relayers did not answer ({ex.Message})"), targets, null, null));
    }

    /// <summary>What a fault came to, back on this actor, which keeps the faults in force and answers.</summary>
    private sealed record Outcome(IActorRef ReplyTo, string Instance, string Chain, string Fault, ChaosReply Reply,
        ImmutableArray<string> Targets, LinkFault? Track, LinkFault? Untrack) : INoSerializationVerificationNeeded;

    /// <summary>
    /// A chain crash applies once by its id and is re-sent until the chain is back (docs/decisions/0013); the fault is done
    /// (and recorded, by the outcome) then.
    /// </summary>
    private void CrashChain(Hosted run, IActorRef sender, string chain, string fault, ImmutableArray<string> targets)
    {
        var crash = new ChainCommand.Crash(chain, CrashId(_incarnation), "meshsec chaos chain.crash");
        Network.ResendingAsk.Ask<ChainReply.Ready>(run.Chains, crash, chain, run.Spec.Clock).PipeTo(Self,
            success: _ => new Outcome(sender, run.Spec.Instance, chain, fault, new ChaosReply.Done(run.Spec.RunId, fault, targets),
                targets, null, null),
            failure: ex => new Outcome(sender, run.Spec.Instance, chain, fault,
                new ChaosReply.Refused($"{fault}: chain {chain} did not come back ({ex.Message})"), targets, null, null));
    }

    /// <summary>
    /// The fault goes into the run's events (events.jsonl), stamped by its time keeper, which takes each id once: re-sent
    /// until it answers (docs/decisions/0013).
    /// </summary>
    private void Record(Hosted run, string chain, string fault, ImmutableArray<string> targets)
    {
        var record = new Time.ClockCommand.RecordChaos(chain, fault, targets, _address, RecordId(_incarnation));
        var log = _log;
        Network.ResendingAsk.Ask<Time.ClockStatus>(run.ClockProxy, record, "the clock", run.Spec.Clock).ContinueWith(
            t => log.Error(t.Exception?.GetBaseException(), "{0} on {1} was not recorded", fault, chain),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }
}
