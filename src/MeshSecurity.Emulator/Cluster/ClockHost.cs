using Akka.Actor;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// A run's time keeping in a cluster, as one singleton: the time keeper and the clock that ticks the run's chains and
/// channels through their shard regions, wherever they are. What it is sent goes to the time keeper.
/// </summary>
public sealed class ClockHost : ReceiveActor
{
    public ClockHost(IActorRef chains, IActorRef channels, ClockSettings clock, Timestamp genesis)
    {
        var node = Context.ActorOf(NodeClock.Props(chains, channels, clock with { HoldEvents = true }), "node-clock");
        var keeper = Context.ActorOf(TimeKeeper.Props(node, clock, genesis), "time-keeper");
        ReceiveAny(m => keeper.Forward(m));
    }

    public static Props Props(IActorRef chains, IActorRef channels, ClockSettings clock, Timestamp genesis) =>
        Akka.Actor.Props.Create(() => new ClockHost(chains, channels, clock, genesis));
}
