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
public sealed class MeshNode : ReceiveActor
{
    public const string Name = "mesh-node";

    private readonly CodeRegistry _codes;
    private readonly Dictionary<string, Hosted> _runs = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _address = Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();

    public MeshNode(CodeRegistry codes)
    {
        _codes = codes;
        Receive<MeshNodeCommand.HostRun>(m =>
        {
            if (!_runs.ContainsKey(m.Spec.RunId)) _runs[m.Spec.RunId] = Host(m.Spec);
            Sender.Tell(new MeshNodeReply.Hosted(m.Spec.RunId, _address));
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
        Receive<MeshNodeCommand.EndRun>(m =>
        {
            if (_runs.Remove(m.RunId, out var run))
            {
                foreach (var region in new[] { run.Chains, run.Channels }) region.Tell(GracefulShutdown.Instance);
                Context.Stop(run.Clock);
                _log.Info("run {0} ended: its regions and clock stop", m.RunId);
            }
            Sender.Tell(new MeshNodeReply.Ended(m.RunId, _address));
        });
    }

    /// <summary>A run this member hosts: where its entities are placed, its two regions and its clock singleton's manager.</summary>
    private sealed record Hosted(RunPlacement Placement, IActorRef Chains, IActorRef Channels, IActorRef Clock);

    public static Props Props(CodeRegistry codes) => Akka.Actor.Props.Create(() => new MeshNode(codes));

    private Hosted Host(RunSpec spec)
    {
        var system = Context.System;
        var placement = new RunPlacement(spec.Placement);
        var sharding = ClusterSharding.Get(system);
        var settings = ClusterShardingSettings.Create(system).WithRole(NodeSettings.MeshRole);
        var strategy = new MeshPlacementStrategy();
        IActorRef chains = ActorRefs.Nobody;
        // a channel entity is created after both regions exist: the closure reads the chain region then
        var channels = sharding.Start(spec.ChannelsTypeName, id => ChannelActor.Props(id, chains), settings,
            new ClusterChannelExtractor(placement), strategy, PoisonPill.Instance);
        chains = sharding.Start(spec.ChainsTypeName,
            id => ChainActor.Props(id, channels, _codes, spec.JournalPrefix, spec.Contracts, spec.SnapshotEvery),
            settings, new ClusterChainExtractor(placement), strategy, PoisonPill.Instance);
        var clock = Context.ActorOf(ClusterSingletonManager.Props(ClockHost.Props(chains, channels, spec.Clock, spec.GenesisTime),
            PoisonPill.Instance, ClusterSingletonManagerSettings.Create(system).WithRole(NodeSettings.MeshRole)), spec.ClockName);
        _log.Info("hosting run {0} ({1} placement)", spec.RunId, spec.Placement);
        return new Hosted(placement, chains, channels, clock);
    }
}
