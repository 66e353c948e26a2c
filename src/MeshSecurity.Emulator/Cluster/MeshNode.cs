using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Akka.Event;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Emulator.Hosting;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// One per "mesh" member, at /user/mesh-node: hosts the runs a driver asks for. For each it starts the run's two shard
/// regions (chains, channels) and its clock singleton's manager, the same on every member, so whichever member a shard or
/// the singleton lands on can create the entity with the run's settings.
/// </summary>
public sealed partial class MeshNode : ReceiveActor
{
    public const string Name = "mesh-node";

    private readonly CodeRegistry _codes;
    private readonly Dictionary<string, Hosted> _runs = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Akka.Actor.Address _self = Akka.Cluster.Cluster.Get(Context.System).SelfAddress;
    private readonly string _address = Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();

    /// <summary>
    /// What the ids of this member's requests start with: its address and its incarnation's uid, as a member restarted on
    /// the same address counts its requests from 1 again, while a chain's journal keeps the crash ids it applied and a
    /// clock and a driver keep the ids they took (docs/decisions/0013).
    /// </summary>
    private readonly string _incarnation = Incarnation(Akka.Cluster.Cluster.Get(Context.System).SelfUniqueAddress);

    private static string Incarnation(Akka.Cluster.UniqueAddress self) => $"{self.Address}#{self.Uid}";

    private static long _crashes;

    /// <summary>A chain or relayer crash's id, unique in the cluster (the member's incarnation): a copy crashes nothing again.</summary>
    private static string CrashId(string member) => $"{member}/chaos/{Interlocked.Increment(ref _crashes)}";

    private static long _records;

    /// <summary>A chaos record's id, unique in the cluster, so the time keeper records a copy of it once.</summary>
    private static string RecordId(string member) => $"{member}/record/{Interlocked.Increment(ref _records)}";

    private static long _driverRequests;

    /// <summary>A request to a run's driver's id, unique in the cluster, so the driver applies a copy of it once.</summary>
    private static string DriverRequestId(string member) => $"{member}/driver/{Interlocked.Increment(ref _driverRequests)}";

    public MeshNode(CodeRegistry codes)
    {
        _codes = codes;
        Receive<MeshNodeCommand.HostRun>(m =>
        {
            // the driver asks: the faults its scenario runner keeps go back to it (MeshNode.DriverChaos.cs)
            if (!_runs.ContainsKey(m.Spec.Instance)) _runs[m.Spec.Instance] = Host(m.Spec, Sender.Path.Address);
            Sender.Tell(new MeshNodeReply.Hosted(m.Spec.Instance, _address, MemoryJournal));
        });
        Receive<MeshNodeCommand.KnowChains>(m =>
        {
            if (!_runs.TryGetValue(m.RunId, out var run))
            {
                Sender.Tell(new MeshNodeReply.UnknownRun(m.RunId, _address));
                return;
            }
            run.Placement.Know(m.Chains);
            Sender.Tell(new MeshNodeReply.ChainsKnown(m.RunId, _address));
        });
        Receive<MeshNodeCommand.EndRun>(OnEndRun);
        Receive<Terminated>(m => OnStopped(m.ActorRef));
        ChaosCommands();
        ConsensusChaosCommands();
        PlannedChaosCommands();
        FlapChaosCommands();
        HandOffCommands();
        DriverChaosCommands();
        LeaveCommands();
    }

    /// <summary>Runs being ended: what has yet to stop, and who waits for it.</summary>
    private readonly Dictionary<string, Ending> _ending = new(StringComparer.Ordinal);

    private sealed record Ending(HashSet<IActorRef> Left, List<IActorRef> Waiting);

    /// <summary>
    /// Answers once the run's regions and clock have stopped, so nothing of it writes to the journal any more: the next
    /// attempt of a run starts the same chains (the same persistence ids) elsewhere.
    /// </summary>
    private void OnEndRun(MeshNodeCommand.EndRun m)
    {
        if (_ending.TryGetValue(m.RunId, out var ending))
        {
            ending.Waiting.Add(Sender);
            return;
        }
        _faults.Remove(m.RunId);
        _driverFaults.Remove(m.RunId);
        ForgetPlanned(m.RunId);
        if (!_runs.Remove(m.RunId, out var run))
        {
            Sender.Tell(new MeshNodeReply.Ended(m.RunId, _address));
            return;
        }
        ending = new Ending([run.Chains, run.Channels, run.Clock], [Sender]);
        _ending[m.RunId] = ending;
        foreach (var actor in ending.Left) Context.Watch(actor);
        // no hand-off: nothing of a run that ends (or of an attempt that lost a member) is wanted anywhere else
        foreach (var region in new[] { run.Chains, run.Channels }) region.Tell(PoisonPill.Instance);
        Context.Stop(run.Clock);
        Context.Stop(run.ClockProxy);
        foreach (var hop in new[] { "chains", "channels" })
            if (Context.Child($"{hop}-{m.RunId}-hop") is { } child && !child.IsNobody()) Context.Stop(child);
        _log.Info("run {0} ends: its regions and clock stop", m.RunId);
    }

    private void OnStopped(IActorRef actor)
    {
        foreach (var (run, ending) in _ending)
        {
            if (!ending.Left.Remove(actor) || ending.Left.Count > 0) continue;
            _ending.Remove(run);
            foreach (var waiting in ending.Waiting) waiting.Tell(new MeshNodeReply.Ended(run, _address));
            _log.Info("run {0} ended", run);
            return;
        }
    }

    /// <summary>
    /// A run this member hosts: where its entities are placed, its two regions, its clock singleton's manager, and a proxy
    /// of the singleton (faults injected here are recorded through it), and the address of the driver that asked for it.
    /// </summary>
    private sealed record Hosted(RunSpec Spec, RunPlacement Placement, IActorRef Chains, IActorRef Channels, IActorRef Clock,
        IActorRef ClockProxy, MeshPlacementStrategy ChainPlacement, Akka.Actor.Address Driver);

    public static Props Props(CodeRegistry codes) => Akka.Actor.Props.Create(() => new MeshNode(codes));

    private Hosted Host(RunSpec spec, Akka.Actor.Address driver)
    {
        var system = Context.System;
        var placement = new RunPlacement(spec.Placement);
        var sharding = ClusterSharding.Get(system);
        var settings = ClusterShardingSettings.Create(system).WithRole(NodeSettings.MeshRole);
        // one strategy per entity type: a chain's shard moved on purpose leaves its co-located channels (same shard name) in place
        var chainStrategy = new MeshPlacementStrategy(_self);
        IActorRef chains = ActorRefs.Nobody, toChains = ActorRefs.Nobody;
        // a channel entity is created after both regions exist: the closure reads the chain region then
        var stall = spec.Clock.EffectiveStallTimeout;
        // a channel journals its inputs under its own id, for its next incarnation wherever it starts (ADR 0017)
        var channels = sharding.Start(spec.ChannelsTypeName,
            id => ChannelActor.Props(id, toChains, stall, $"{spec.JournalPrefix}channel/{id}", spec.ChannelSnapshotEvery), settings,
            new ClusterChannelExtractor(placement), new MeshPlacementStrategy(_self), HandOffChannel.Instance);
        var toChannels = Hop(spec, channels, "channels");
        chains = sharding.Start(spec.ChainsTypeName,
            id => ChainActor.Props(id, toChannels, _codes, spec.JournalPrefix, spec.Contracts, spec.SnapshotEvery, journalOnArrival: true),
            settings, new ClusterChainExtractor(placement), chainStrategy, HandOffChain.Instance);
        toChains = Hop(spec, chains, "chains");
        var start = spec.ClockStart ?? spec.GenesisTime;
        // handed over (its member leaves), the clock saves its state for the next singleton under the run's id
        var clock = Context.ActorOf(ClusterSingletonManager.Props(
            ClockHost.Props(toChains, toChannels, spec.Clock, start, $"{spec.JournalPrefix}clock"), ClockHost.HandOver.Instance,
            ClusterSingletonManagerSettings.Create(system).WithRole(NodeSettings.MeshRole)), spec.ClockName);
        _log.Info("hosting run {0} ({1} placement, attempt {2})", spec.RunId, spec.Placement, spec.Attempt);
        var proxy = Context.ActorOf(ClusterSingletonProxy.Props(spec.ClockPath,
            ClusterSingletonProxySettings.Create(system).WithRole(NodeSettings.MeshRole)), spec.ClockName + "-proxy");
        return new Hosted(spec, placement, chains, channels, clock, proxy, chainStrategy, driver);
    }

    /// <summary>The region itself, or (a test setting) a lossy hop in front of it for the entities and the clock of this member.</summary>
    private IActorRef Hop(RunSpec spec, IActorRef region, string name) => spec.Hop switch
    {
        HopFault.None => region,
        HopFault.DropFirst or HopFault.Twice => Context.ActorOf(LossyHop.Props(region, spec.Hop), $"{name}-{spec.Instance}-hop"),
        _ => Context.ActorOf(ChannelKillingHop.Props(region, spec.Hop, spec.ChannelsTypeName), $"{name}-{spec.Instance}-hop"),
    };
}
